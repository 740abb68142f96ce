import { francAll } from "franc";
import type { Locale } from "../../core/locales.ts";

/** franc's ISO 639-3 codes for the languages we speak (Dari and Iranian Persian both map to fa). */
const FRANC_TO_LOCALE: Record<string, Locale> = {
  fra: "fr",
  eng: "en",
  arb: "ar",
  pes: "fa",
  prs: "fa",
  pbu: "ps",
  pbt: "ps",
  tir: "ti",
  spa: "es",
  por: "pt",
  rus: "ru",
  ukr: "uk",
  ben: "bn",
};

/** Below this many letters a text says too little (a greeting): we ask instead of guessing. */
export const MIN_LETTERS = 12;
/** The runner-up must score below this (franc scores the best at 1) for the guess to count. */
export const MAX_RUNNER_UP = 0.88;

/**
 * Guesses the language of a free text, or returns undefined when unsure.
 * Scripts that only one of our languages uses settle it at once (Ge'ez → ti, Bengali → bn);
 * Pashto's own letters tell it from Arabic and Dari.
 * @example detectLanguage("Bonjour, je voudrais m'inscrire à la formation") === "fr"
 */
export function detectLanguage(text: string): Locale | undefined {
  const letters = [...text.matchAll(/\p{L}/gu)].length;
  if (/\p{Script=Ethiopic}/u.test(text) && letters >= 2) return "ti";
  if (/\p{Script=Bengali}/u.test(text) && letters >= 2) return "bn";
  if (/[ټډړښږځڅګڼۍې]/u.test(text)) return "ps";
  if (letters < MIN_LETTERS) return undefined;
  const ranked = francAll(text, { only: Object.keys(FRANC_TO_LOCALE), minLength: MIN_LETTERS });
  const [best, second] = ranked;
  if (!best || best[0] === "und") return undefined;
  const bestLocale = FRANC_TO_LOCALE[best[0]];
  if (second && FRANC_TO_LOCALE[second[0]] !== bestLocale && second[1] >= MAX_RUNNER_UP) return undefined;
  return bestLocale;
}
