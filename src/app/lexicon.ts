import type { i18n as I18n } from "i18next";
import { LOCALES } from "../core/locales.ts";
import { buildLexicon, type Command, type Lexicon } from "../engine/commands.ts";

/** Command words from every language's `keywords` texts, so "stop" works whatever the person's language. */
export function lexiconFrom(i18n: I18n): Lexicon {
  return buildLexicon(
    LOCALES.map((l) => (i18n.getResource(l, "translation", "keywords") ?? {}) as Partial<Record<Command, string>>),
  );
}
