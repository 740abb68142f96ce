import type { i18n as I18n } from "i18next";
import { LOCALES } from "../../core/locales.ts";
import { normalise, typedNumber, wordsIn } from "../../core/text.ts";
import type { OfferedChoice } from "../../engine/offered.ts";
import { fixedT, say } from "../../i18n/render.ts";
import { numbersAsDigits } from "../../understanding/slots/answers.ts";

export { offeredAfter, offeredFrom, type OfferedChoice } from "../../engine/offered.ts";

/** Letters and digits only, so "📝 M'inscrire" and "m inscrire" compare equal. */
const bare = (s: string) => normalise(s).replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * Reads a typed answer as a choice: its number (in any digits) or its label in any supported
 * language, so typing works as well as tapping. Returns the choice id, or undefined.
 */
export function resolveTypedChoice(text: string, offered: OfferedChoice[] | undefined, i18n: I18n): string | undefined {
  if (!offered?.length) return undefined;
  // "2", "٢", or the number in words ("deux", "دو", "два").
  const n = typedNumber(text) ?? typedNumber(numbersAsDigits(text));
  if (n !== undefined) {
    // Choices that are numbers themselves ("how many?": 1, 2, 3, 5, 10, Cancel): a typed 4 is the number 4, not the fourth choice.
    const numbers = offered.filter((c) => typeof c.params?.["n"] === "number");
    if (numbers.length) return numbers.find((c) => c.params!["n"] === n)?.id;
    return n >= 1 && n <= offered.length ? offered[n - 1]!.id : undefined;
  }
  const typed = bare(text);
  if (typed.length < 2 || typed.length > 60) return undefined;
  const labels = offered.map((choice) => [
    ...(choice.label ? [choice.label] : []),
    ...(choice.key ? LOCALES.map((locale) => say(fixedT(i18n, locale), { key: choice.key!, params: choice.params })) : []),
  ]);
  for (const [i, choice] of offered.entries()) if (labels[i]!.some((label) => bare(label) === typed)) return choice.id;
  // One word of a label, or its start: "cozinha" for "🍽️ Cozinha, refeições", "annule" for "❌ Annuler", "accepte" for "✅ Accepter".
  const word = typed.length >= WORD_MIN && !/\s/u.test(normalise(text)) ? typed : undefined;
  if (!word) return undefined;
  const fits = offered.filter((_, i) => labels[i]!.some((label) => wordsIn(label).some((w) => w === word || (word.length >= PREFIX_MIN && w.startsWith(word)))));
  return fits.length === 1 ? fits[0]!.id : undefined;
}

/** The shortest word typed that is read as a choice's word, and as the start of one. */
const WORD_MIN = 4;
const PREFIX_MIN = 5;

