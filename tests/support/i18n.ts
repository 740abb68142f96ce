import { lexiconFrom } from "../../src/app/lexicon.ts";
import { createI18n } from "../../src/i18n/i18n.ts";

/** The real texts and command words, loaded once per test file. */
export async function realTexts() {
  const i18n = await createI18n();
  return { i18n, lexicon: lexiconFrom(i18n) };
}
