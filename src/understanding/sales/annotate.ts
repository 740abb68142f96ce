/**
 * Tokens → units: each unit is a number (digits or words), a currency, a word
 * with its lexicon roles, or punctuation. Emoji and other symbols are dropped.
 *
 * Why a separate pass: it settles, once, what every piece of the message is
 * (a phrase like "за штуку" becomes one unit, "1 200 €" one number, "12€50"
 * one number) so the price logic in `parse.ts` can look at neighbours simply.
 * Example: `vendu 3 plats à 12€` → sale-word, num 3, word "plats", unit-price
 * word "à", num 12 (bound to EUR), currency €.
 */
import { parseNumeral, type Numeral } from "./amount.ts";
import { CENTS_WORDS, GLUED_EURO, type CurrencyWord } from "./currencies.ts";
import { fuzzyKind, matchAt, WEAK_ROLES, type Role } from "./lexicon.ts";
import { readNumberWords } from "./numbers.ts";
import type { Token } from "./tokenize.ts";

export interface Unit {
  readonly type: "num" | "word" | "currency" | "punct";
  /** Surface text (phrases joined by a space). */
  readonly raw: string;
  /** Lexicon roles of a word; empty for a content word (a possible item). */
  readonly roles: ReadonlySet<Role>;
  /** Value of a number unit. */
  readonly num: Numeral | null;
  /** The number was spelled out ("trois"). */
  readonly numWord: boolean;
  /** Meaning of a currency unit. */
  readonly currency: CurrencyWord | null;
  /** Punctuation that ends a sentence or line. */
  readonly strong: boolean;
  /** No whitespace before this unit. */
  readonly glued: boolean;
}

const NO_ROLES: ReadonlySet<Role> = new Set();
const STRONG_PUNCT = new Set([".", ";", "!", "?", "|", "\n", "\u0085", "\u2028", "\u2029", "؟", "؛", "۔", "।", "።", "፧", "…"]);
const WEAK_PUNCT = new Set([",", "-", "–", "—", "/", ":", "+", "(", ")", "[", "]", "{", "}", "\"", "'", "«", "»", "“", "”", "،", "፣", "፤", "%", "°", "&", "#", "~", "<", ">"]);

function unit(type: Unit["type"], raw: string, glued: boolean, extra: Partial<Unit> = {}): Unit {
  return { type, raw, roles: NO_ROLES, num: null, numWord: false, currency: null, strong: false, glued, ...extra };
}

function numberWordUnit(tokens: readonly Token[], keys: readonly string[], i: number): { unit: Unit; length: number } | null {
  const m = readNumberWords(keys, i);
  if (m === null || tokens.slice(i, i + m.length).some((t) => t.type !== "word")) return null;
  const raw = tokens.slice(i, i + m.length).map((t) => t.raw).join(" ");
  const num: Numeral = { cents: m.value * 100, isWhole: true, leadingZero: false };
  return { unit: unit("num", raw, !(tokens[i]?.spaceBefore ?? true), { num, numWord: true }), length: m.length };
}

/** First pass: one unit per number, lexicon phrase, word or punctuation mark. */
function toUnits(tokens: readonly Token[]): Unit[] {
  const keys = tokens.map((t) => t.key);
  const units: Unit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    const glued = !t.spaceBefore;
    if (t.type === "break") {
      units.push(unit("punct", "\n", glued, { strong: true }));
      i++;
      continue;
    }
    if (t.type === "num") {
      const num = parseNumeral(t.raw);
      // An unreadable numeral (a date "12.03.2024") still blocks its neighbours.
      units.push(num === null ? unit("punct", t.raw, glued) : unit("num", t.raw, glued, { num }));
      i++;
      continue;
    }
    if (t.type === "word" && glued && GLUED_EURO.has(t.key) && tokens[i - 1]?.type === "num") {
      units.push(unit("currency", t.raw, glued, { currency: { code: "EUR" } }));
      i++;
      continue;
    }
    const m = matchAt(keys, i);
    const meaningful = m !== null && (m.currency !== null || [...m.roles].some((r) => !WEAK_ROLES.has(r)));
    if (!meaningful && t.type === "word") {
      const numberWord = numberWordUnit(tokens, keys, i);
      if (numberWord !== null) {
        units.push(numberWord.unit);
        i += numberWord.length;
        continue;
      }
    }
    if (m !== null) {
      const raw = tokens.slice(i, i + m.length).map((x) => x.raw).join(" ");
      units.push(m.currency !== null ? unit("currency", raw, glued, { currency: m.currency }) : unit("word", raw, glued, { roles: m.roles }));
      i += m.length;
      continue;
    }
    if (t.type === "word") {
      const kind = fuzzyKind(t.key);
      units.push(unit("word", t.raw, glued, kind === null ? {} : { roles: new Set<Role>([kind]) }));
    } else if (STRONG_PUNCT.has(t.raw) || WEAK_PUNCT.has(t.raw)) {
      units.push(unit("punct", t.raw, glued, { strong: STRONG_PUNCT.has(t.raw) }));
    } // emoji and other symbols carry no meaning here
    i++;
  }
  return units;
}

const isPlainNum = (u: Unit | undefined, pattern: RegExp): boolean =>
  u !== undefined && u.type === "num" && !u.numWord && pattern.test(u.raw);

/**
 * Second pass: "1 200 €" (plain spaces between thousands groups, trusted only
 * next to a currency), "12€50" and "23 евро 50 копеек" (euros then cents)
 * become one number.
 */
function mergeNumbers(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (isPlainNum(u, /^\d{1,3}$/) && !isPlainNum(out[out.length - 1], /./)) {
      let j = i + 1;
      const groups: string[] = [];
      while (isPlainNum(units[j], /^\d{3}$/) && !units[j]?.glued) groups.push((units[j++] as Unit).raw);
      if (isPlainNum(units[j], /^\d{3}[.,\u066B]\d{1,2}$/) && !units[j]?.glued) groups.push((units[j++] as Unit).raw);
      const nextIsCurrency = units[j]?.type === "currency";
      const prevIsCurrency = out[out.length - 1]?.type === "currency";
      const num = groups.length > 0 && (nextIsCurrency || prevIsCurrency) ? parseNumeral([u.raw, ...groups].join("\u066C")) : null;
      if (num !== null) {
        out.push(unit("num", [u.raw, ...groups].join(" "), u.glued, { num }));
        i = j - 1;
        continue;
      }
    }
    const cur = units[i + 1];
    const cents = units[i + 2];
    if (isPlainNum(u, /^\d+$/) && cur?.type === "currency" && isPlainNum(cents, /^\d{2}$/) && u.num !== null && cents?.num != null) {
      // "12€50" (glued), or "23 евро 50" / "12 euros 50 centimes" ending the sentence.
      const after = units[i + 3];
      const centsWord = after?.type === "word" && CENTS_WORDS.has(after.raw);
      const endsHere = after === undefined || (after.type === "punct" && after.strong) || centsWord;
      if ((cur.glued && cents.glued) || endsHere) {
        const num: Numeral = { cents: u.num.cents + cents.num.cents / 100, isWhole: false, leadingZero: u.num.leadingZero };
        out.push(unit("num", `${u.raw} ${cur.raw} ${cents.raw}`, u.glued, { num }), cur);
        i += centsWord ? 3 : 2;
        continue;
      }
    }
    out.push(u);
  }
  return out;
}

/** Units of a tokenised message (see `tokenize`). */
export function annotate(tokens: readonly Token[]): Unit[] {
  return mergeNumbers(toUnits(tokens));
}
