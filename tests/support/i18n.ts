import { readerFrom } from "../../src/app/lexicon.ts";
import { createI18n } from "../../src/i18n/i18n.ts";

/** The real texts, command words and understanding model, loaded once per test file. */
export async function realTexts() {
  const i18n = await createI18n();
  const reader = readerFrom(i18n);
  return { i18n, reader, lexicon: reader.lexicon };
}
