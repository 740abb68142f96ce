/**
 * Extracts the product: the run of plain words (no lexicon role) that names
 * what was sold or bought, e.g. "plats", "sacs de riz", "وجبات", "শাড়ি".
 *
 * Why positional: the product sits right after the quantity in most messages
 * ("3 plats"), or before it ("plats x3"), or after the verb when there is no
 * quantity ("acheté farine 12€"), or after the amount ("spent $45 on fabric").
 * Those places are tried in that order. Linking words may join two plain words
 * ("tartes au citron", "jars of honey"); French elisions are removed
 * ("d'oignons" → "oignons"). At most four words.
 * Example: `3 kg d'oignons à 2€` → "oignons"; `spent $45 on fabric` → "fabric".
 */
import type { Unit } from "./annotate.ts";
import type { Role } from "./lexicon.ts";
import type { Amount } from "./prices.ts";

const MAX_WORDS = 4;
const ELISION = /^(?:d|l|j|qu|m|s|t|n)'/;

const isContent = (u: Unit | undefined): boolean => u !== undefined && u.type === "word" && u.roles.size === 0;
const isLink = (u: Unit | undefined): boolean => u !== undefined && u.type === "word" && u.roles.has("link");
const only = (u: Unit | undefined, roles: readonly Role[]): boolean =>
  u !== undefined && u.type === "word" && u.roles.size > 0 && [...u.roles].every((r) => roles.includes(r));

function clean(words: readonly string[]): string | null {
  const text = words.map((w) => w.replace(ELISION, "")).join(" ").trim();
  return text.length > 0 ? text : null;
}

/** Plain words from `start` forwards (stopping before `limit`). */
function runForward(units: readonly Unit[], start: number, limit: number): string | null {
  const words: string[] = [];
  for (let k = start; k < limit && words.length < MAX_WORDS; k++) {
    const u = units[k];
    if (isContent(u)) words.push((u as Unit).raw);
    else if (words.length > 0 && isLink(u) && k + 1 < limit && isContent(units[k + 1])) words.push((u as Unit).raw);
    else break;
  }
  return clean(words);
}

/** Plain words ending just before `end` (going backwards, not before `floor`). */
function runBackward(units: readonly Unit[], end: number, floor: number): string | null {
  const words: string[] = [];
  for (let k = end; k >= floor && words.length < MAX_WORDS; k--) {
    const u = units[k];
    if (isContent(u)) words.unshift((u as Unit).raw);
    else if (words.length > 0 && isLink(u) && isContent(units[k - 1])) words.unshift((u as Unit).raw);
    else break;
  }
  return clean(words);
}

function skip(units: readonly Unit[], k: number, roles: readonly Role[], limit: number): number {
  while (k < limit && (only(units[k], roles) || (units[k]?.type === "punct" && units[k]?.raw === "."))) k++;
  return k;
}

export interface ItemContext {
  /** Units of this line of the message: `[from, amount.first)` precede the amount. */
  readonly from: number;
  /** Where the text belonging to this line ends. */
  readonly end: number;
  readonly quantity: number | null;
  readonly kindIndex: number | null;
  readonly amount: Amount;
}

/** The product named in one line of a message, or null. */
export function findItem(units: readonly Unit[], ctx: ItemContext): string | null {
  const { from, end, quantity, kindIndex, amount } = ctx;
  const counters: Role[] = ["classifier", "measure", "link"];
  if (quantity !== null) {
    const limit = quantity < amount.first ? amount.first : end;
    const after = runForward(units, skip(units, quantity + 1, counters, limit), limit);
    if (after !== null) return after;
    let k = quantity - 1;
    while (k >= from && only(units[k], ["multiply", "classifier"])) k--;
    const before = runBackward(units, k, from);
    if (before !== null) return before;
  }
  if (kindIndex !== null && kindIndex < amount.first) {
    const afterVerb = runForward(units, skip(units, kindIndex + 1, ["stop", "link"], amount.first), amount.first);
    if (afterVerb !== null) return afterVerb;
  }
  const skipAfterAmount: Role[] = ["stop", "link", "each", "perUnitAfter", "totalWord", "totalBefore"];
  const afterAmount = runForward(units, skip(units, amount.last + 1, skipAfterAmount, end), end);
  if (afterAmount !== null) return afterAmount;
  for (let k = from; k < amount.first; k++) {
    if (isContent(units[k])) return runForward(units, k, amount.first);
  }
  return null;
}
