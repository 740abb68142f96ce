import type { i18n as I18n } from "i18next";
import { LOCALES } from "../core/locales.ts";
import { buildLexicon, type Command, type Lexicon } from "../engine/commands.ts";
import type { Reader } from "../engine/reader.ts";
import { loadUnderstander } from "../understanding/load.ts";

/** Command words from every language's `keywords` texts, so "stop" works whatever the person's language. */
export function lexiconFrom(i18n: I18n): Lexicon {
  return buildLexicon(
    LOCALES.map((l) => (i18n.getResource(l, "translation", "keywords") ?? {}) as Partial<Record<Command, string>>),
  );
}

/** What the engine reads text with: the command words, and the model built once from the corpus. */
export function readerFrom(i18n: I18n): Reader {
  return { lexicon: lexiconFrom(i18n), understander: loadUnderstander() };
}
