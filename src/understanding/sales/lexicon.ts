/**
 * Compiled lexicon: every word list of the package folded into one phrase
 * index, matched longest-first at each token, plus a one-typo fuzzy match for
 * sale/expense words.
 *
 * Why one index: a word can play several roles ("a" is a Spanish unit-price
 * preposition and an English filler word; "دانه" a counter after a quantity
 * and "apiece" after a price), and multi-word phrases ("m'a acheté", "за
 * штуку", "هر کدام") must win over their single words.
 * Example: `matchAt(["m'a", "achete", "3"], 0)` → roles {saleByCustomer}, length 2.
 */
import { normaliseText } from "./digits.ts";
import { CURRENCY_WORDS, type CurrencyWord } from "./currencies.ts";
import { CLASSIFIERS, LINKS, MEASURES, STOPWORDS } from "./function-words.ts";
import { EXPENSE_WORDS, SALE_BY_CUSTOMER, SALE_WORDS, VERB_FINAL_LANGUAGES } from "./kind-words.ts";
import { EACH, MULTIPLY, PER_UNIT_AFTER, TOTAL_BEFORE, TOTAL_WORDS, UNIT_BEFORE } from "./price-words.ts";
import { tokenize } from "./tokenize.ts";

export type Role =
  | "sale"
  | "expense"
  | "saleByCustomer"
  | "unitBefore"
  | "totalBefore"
  | "each"
  | "perUnitAfter"
  | "totalWord"
  | "multiply"
  | "classifier"
  | "measure"
  | "link"
  | "stop"
  /** A sale/expense word of a verb-final language: it follows its amount. */
  | "verbFinal";

/** Roles that only mean something grammatical; such words may still be number words or item glue. */
export const WEAK_ROLES: ReadonlySet<Role> = new Set<Role>(["link", "stop"]);

export interface LexMatch {
  readonly roles: ReadonlySet<Role>;
  readonly currency: CurrencyWord | null;
  /** Number of tokens the phrase spans. */
  readonly length: number;
}

interface Entry {
  readonly roles: Set<Role>;
  currency: CurrencyWord | null;
  readonly length: number;
}

const SEP = "\u0001";
const index = new Map<string, Map<string, Entry>>();
const maxLength = new Map<string, number>();

function phraseKeys(phrase: string): string[] {
  return tokenize(normaliseText(phrase)).map((t) => t.key);
}

function add(phrase: string, role: Role | null, currency: CurrencyWord | null = null): void {
  const keys = phraseKeys(phrase);
  const first = keys[0];
  if (first === undefined) return;
  let byPhrase = index.get(first);
  if (byPhrase === undefined) index.set(first, (byPhrase = new Map()));
  const joined = keys.join(SEP);
  let entry = byPhrase.get(joined);
  if (entry === undefined) byPhrase.set(joined, (entry = { roles: new Set(), currency: null, length: keys.length }));
  if (role !== null) entry.roles.add(role);
  if (currency !== null) entry.currency = currency;
  maxLength.set(first, Math.max(maxLength.get(first) ?? 0, keys.length));
}

const byLanguage = (lists: Readonly<Record<string, readonly string[]>>): string[] => Object.values(lists).flat();
const ROLE_LISTS: readonly (readonly [Role, readonly string[]])[] = [
  ["sale", byLanguage(SALE_WORDS)],
  ["expense", byLanguage(EXPENSE_WORDS)],
  ["saleByCustomer", byLanguage(SALE_BY_CUSTOMER)],
  ["unitBefore", UNIT_BEFORE],
  ["totalBefore", TOTAL_BEFORE],
  ["each", EACH],
  ["perUnitAfter", PER_UNIT_AFTER],
  ["totalWord", TOTAL_WORDS],
  ["multiply", MULTIPLY],
  ["classifier", CLASSIFIERS],
  ["measure", MEASURES],
  ["link", LINKS],
  ["stop", STOPWORDS],
];
for (const [role, words] of ROLE_LISTS) for (const w of words) add(w, role);
for (const lists of [SALE_WORDS, EXPENSE_WORDS, SALE_BY_CUSTOMER]) {
  for (const lang of VERB_FINAL_LANGUAGES) for (const w of lists[lang] ?? []) add(w, "verbFinal");
}
for (const [w, currency] of CURRENCY_WORDS) add(w, null, currency);

// Single-word sale/expense keys for the fuzzy match, bucketed by length.
const fuzzyBuckets = new Map<number, { key: string; role: Role }[]>();
for (const role of ["sale", "expense"] as const) {
  for (const w of byLanguage(role === "sale" ? SALE_WORDS : EXPENSE_WORDS)) {
    const keys = phraseKeys(w);
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || key.length < 6 || !/^[a-z\u0400-\u04FF']+$/.test(key)) continue;
    const bucket = fuzzyBuckets.get(key.length) ?? [];
    bucket.push({ key, role });
    fuzzyBuckets.set(key.length, bucket);
  }
}

function lookup(keys: readonly string[], start: number, first: string): LexMatch | null {
  const byPhrase = index.get(first);
  if (byPhrase === undefined) return null;
  const longest = Math.min(maxLength.get(first) ?? 1, keys.length - start);
  for (let len = longest; len >= 1; len--) {
    const joined = [first, ...keys.slice(start + 1, start + len)].join(SEP);
    const entry = byPhrase.get(joined);
    if (entry !== undefined) return entry;
  }
  return null;
}

/**
 * Longest lexicon phrase starting at `keys[start]`, or null. An Arabic-script
 * word glued to the conjunction و or ف ("وبعت") is retried without it.
 */
export function matchAt(keys: readonly string[], start: number): LexMatch | null {
  const first = keys[start];
  if (first === undefined) return null;
  const hit = lookup(keys, start, first);
  if (hit !== null) return hit;
  if (first.length >= 3 && (first.startsWith("\u0648") || first.startsWith("\u0641"))) {
    return lookup(keys, start, first.slice(1));
  }
  return null;
}

// Real words one edit away from a sale/expense word: never typos of it.
const REAL_WORDS: ReadonlySet<string> = new Set(["brought", "compris", "spelling", "defense", "vendeur", "vendeurs", "vendeuse", "vendange", "payant"]);

/** True when a and b differ by at most one insertion, deletion, substitution or swap. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return Math.abs(a.length - b.length) <= 1;
  const tailA = a.slice(i + 1);
  const tailB = b.slice(i + 1);
  if (a.length === b.length) return tailA === tailB || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Sale/expense role of a Latin or Cyrillic word one typo away from a known
 * word of six letters or more ("achetter", "venduu", "продала"→"продпла").
 * Short words are left alone: too many real words sit one edit apart.
 */
export function fuzzyKind(key: string): "sale" | "expense" | null {
  if (REAL_WORDS.has(key)) return null;
  if (key.length < 6 || key.length > 20 || !/^[a-z\u0400-\u04FF']+$/.test(key)) return null;
  for (const len of [key.length, key.length - 1, key.length + 1]) {
    for (const { key: known, role } of fuzzyBuckets.get(len) ?? []) {
      if (known[0] === key[0] && withinOneEdit(key, known)) return role as "sale" | "expense";
    }
  }
  return null;
}
