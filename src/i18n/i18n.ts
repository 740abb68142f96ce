import { readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type FormatterModule, type i18n as I18n, type TFunction } from "i18next";
import { LOCALES, type Locale } from "../core/locales.ts";
import { PROJECT_ROOT } from "../core/project-root.ts";
import { formatNumber } from "./format.ts";

/** Where the texts live: one JSON file per language, French is the reference. */
export const LOCALES_DIR = path.join(PROJECT_ROOT, "locales");

export type Resources = Record<Locale, Record<string, unknown>>;

export function loadResources(dir = LOCALES_DIR): Resources {
  const out = {} as Resources;
  for (const locale of LOCALES) {
    out[locale] = JSON.parse(readFileSync(`${dir}/${locale}.json`, "utf8")) as Record<string, unknown>;
  }
  return out;
}

/**
 * A ready i18next instance with every language loaded, and French as the fallback
 * for a key that a language lacks (the completeness test keeps that from happening).
 */
export async function createI18n(resources: Resources = loadResources()): Promise<I18n> {
  const instance = i18next.createInstance().use(readersDigits);
  await instance.init({
    lng: "fr",
    fallbackLng: "fr",
    supportedLngs: [...LOCALES],
    resources: Object.fromEntries(Object.entries(resources).map(([lng, texts]) => [lng, { translation: texts }])),
    // Every number in a text goes through the formatter below, whether the text asks for it or not.
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Every number in a text is written in the reader's digits ("٣ مبيعات", "৩টি"): one rule everywhere. */
const readersDigits: FormatterModule = {
  type: "formatter",
  init() {},
  add() {},
  addCached() {},
  // i18next passes every kind of value through; only numbers change.
  format: ((value: unknown, _format: string | undefined, lng: string | undefined) => (typeof value === "number" ? formatNumber(value, lng ?? "fr") : value)) as FormatterModule["format"],
};

export function translatorFor(i18n: I18n, locale: Locale): TFunction {
  return i18n.getFixedT(locale);
}
