import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type TFunction } from "i18next";
import { PROJECT_ROOT } from "../core/project-root.ts";

/**
 * The console's own texts: French (the reference) and English, in locales/console/<lang>/, one file per
 * part of the console (common.json, then one per page), each holding its own top-level keys.
 */
export const CONSOLE_LOCALES = ["fr", "en"] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];
export const CONSOLE_LOCALES_DIR = path.join(PROJECT_ROOT, "locales", "console");

export function loadConsoleResources(dir = CONSOLE_LOCALES_DIR): Record<ConsoleLocale, Record<string, unknown>> {
  return Object.fromEntries(CONSOLE_LOCALES.map((l) => [l, loadLanguage(path.join(dir, l))])) as Record<ConsoleLocale, Record<string, unknown>>;
}

function loadLanguage(dir: string): Record<string, unknown> {
  const texts: Record<string, unknown> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>)) {
      if (key in texts) throw new Error(`${path.join(dir, file)}: "${key}" is already in another file`);
      texts[key] = value;
    }
  }
  return texts;
}

/** The page language: the person's own when the console has it (fr, en), else French. */
export function consoleLocale(locale: string | null | undefined): ConsoleLocale {
  return (CONSOLE_LOCALES as readonly string[]).includes(locale ?? "") ? (locale as ConsoleLocale) : "fr";
}

/**
 * Translators for the console's pages. Values put into a text are HTML-escaped by i18next
 * (escapeValue), so a name typed by a participant cannot add markup to a page.
 */
export async function consoleTexts(): Promise<(locale: ConsoleLocale) => TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: "fr",
    fallbackLng: "fr",
    supportedLngs: [...CONSOLE_LOCALES],
    resources: Object.fromEntries(Object.entries(loadConsoleResources()).map(([l, texts]) => [l, { translation: texts }])),
    interpolation: { escapeValue: true },
    returnNull: false,
    initAsync: false,
  });
  return (locale) => instance.getFixedT(locale);
}
