import { readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type TFunction } from "i18next";
import { PROJECT_ROOT } from "../core/project-root.ts";

/** The console's own texts: French (the reference) and English, in locales/console/. */
export const CONSOLE_LOCALES = ["fr", "en"] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];
export const CONSOLE_LOCALES_DIR = path.join(PROJECT_ROOT, "locales", "console");

export function loadConsoleResources(dir = CONSOLE_LOCALES_DIR): Record<ConsoleLocale, Record<string, unknown>> {
  return Object.fromEntries(CONSOLE_LOCALES.map((l) => [l, JSON.parse(readFileSync(`${dir}/${l}.json`, "utf8"))])) as Record<ConsoleLocale, Record<string, unknown>>;
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
