/**
 * Splits a normalised message into tokens: numerals (with their separators),
 * words (letters and marks, joined across an inner apostrophe or hyphen, so
 * `l'unité`, `dix-sept`, `п'ять` stay whole), line breaks and single symbols.
 *
 * The regular expression has no nested or overlapping repetition, so it runs in
 * linear time on any input (no catastrophic backtracking).
 * Example: `tokenize("vendu 3 plats à 12€")` → `vendu` `3` `plats` `à` `12` `€`.
 */
import { foldKey } from "./digits.ts";

export type TokenType = "num" | "word" | "break" | "sym";

export interface Token {
  readonly type: TokenType;
  /** Normalised surface text (lower case). */
  readonly raw: string;
  /** Folded matching key (see `foldKey`). */
  readonly key: string;
  /** Whitespace separates this token from the previous one. */
  readonly spaceBefore: boolean;
}

/**
 * Arabic in Latin letters writes some letters as digits ("bi3t" بعت, "wa7da" واحدة): a digit between
 * Latin letters is part of the word. A digit first ("3plats", "3kg") stays a number.
 */
const ARABIZI = "[a-z]+(?:[235679][a-z]+)+";
const TOKEN = new RegExp(
  `(\\d+(?:[.,\\u066B\\u066C]\\d+)*)|(${ARABIZI}|\\p{L}[\\p{L}\\p{M}\\u200C\\u200D]*(?:['-]\\p{L}[\\p{L}\\p{M}\\u200C\\u200D]*)*|[\\u1369-\\u137C]+)|([\\n\\u0085\\u2028\\u2029])|(\\S)`,
  "gu",
);

/** Tokens of a normalised message (see `normaliseText`), at most `maxTokens`. */
export function tokenize(text: string, maxTokens = 5000): Token[] {
  const tokens: Token[] = [];
  let lastEnd = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (tokens.length >= maxTokens) break;
    const raw = m[0];
    const start = m.index;
    const type: TokenType = m[1] !== undefined ? "num" : m[2] !== undefined ? "word" : m[3] !== undefined ? "break" : "sym";
    tokens.push({ type, raw, key: type === "word" ? foldKey(raw) : raw, spaceBefore: start > lastEnd });
    lastEnd = start + raw.length;
  }
  return tokens;
}
