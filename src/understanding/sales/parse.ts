/**
 * `parseTransaction`: one chat message → at most one sale or expense.
 *
 * Contract (what the bot can rely on):
 * - `amountCents` is the total: `3 plats à 12€` → 3600 (unit price × quantity),
 *   `3 plats pour 12€` → 1200, an amount with no price word is the total.
 *   A count written as a multiplication prices each item (`3 x samosa £1.50` → 450).
 *   Several priced lines add up (`2 robes 30€ et 1 sac 15€` → 4500, quantity null);
 *   an explicit total (`= 36€`, `total 60 euros`) wins.
 * - No currency written → EUR, but a bare number only counts as money when the
 *   message has a sale/expense word (`vendu 3 plats à 12` → 3600).
 * - No amount at all → every field null (`j'ai 3 enfants`, `vendu 4 gâteaux`):
 *   there is nothing to log.
 * - `kind` comes from sale/expense words. Without one, a message is a sale only
 *   when it has a written currency, a quantity and an item and is not a
 *   question (`2 sacs wax 30€`); otherwise kind is null and the amount is still
 *   reported (`taxi 15€`, `combien pour 3 plats à 12€ ?`), so the bot can ask
 *   "vente ou dépense ?".
 * - Sale and expense words in one message: each amount takes the kind of the
 *   word governing it in its clause (before it; after it in the verb-final
 *   languages fa/ps/bn/ti), and the first amount's kind wins
 *   (`vendu 3 plats à 12€, acheté farine 5€` → sale 3600).
 * - Not understood: tense, intent and negation (`je vends demain 3 plats à 12€`,
 *   `pas vendu…` still read as sales); one transaction per message.
 * - Pure, never throws, linear time; input beyond 10,000 characters is ignored.
 */
import { annotate, type Unit } from "./annotate.ts";
import { divideCents, MAX_AMOUNT_CENTS, multiplyCents } from "./amount.ts";
import { normaliseText } from "./digits.ts";
import { findItem } from "./item.ts";
import { bareAmounts, classify, currencyAmounts, type Amount, type PriceMarker } from "./prices.ts";
import { findQuantity, isQuantityAt } from "./quantity.ts";
import { tokenize } from "./tokenize.ts";
import { EMPTY_TRANSACTION, type ParsedTransaction, type TransactionKind } from "./types.ts";

export type { ParsedTransaction } from "./types.ts";

/** Longer input is cut: no real message is longer, and it bounds the work. */
export const MAX_INPUT_CHARS = 10_000;

interface KindMark {
  readonly index: number;
  readonly kind: TransactionKind;
  /** Verb-final language: the word follows the amount it governs. */
  readonly final: boolean;
}

interface Line {
  readonly amount: Amount;
  readonly marker: PriceMarker;
  readonly from: number;
  restated: Amount | null;
}

interface LineResult {
  readonly totalCents: number | null;
  readonly unitCents: number | null;
  readonly quantity: number | null;
  readonly item: string | null;
}

// Conjunctions that separate clauses when a message mixes a sale and an expense.
const CLAUSE_WORDS = new Set(["et", "and", "y", "e", "и", "і", "та", "و", "ও", "আর", "او", "puis", "then", "luego", "depois", "потом", "потім", "ثم", "بعدين", "بعد", "بعدا"]);

function kindMarks(units: readonly Unit[]): KindMark[] {
  const marks: KindMark[] = [];
  units.forEach((u, index) => {
    const final = u.roles.has("verbFinal");
    if (u.roles.has("saleByCustomer") || u.roles.has("sale")) marks.push({ index, kind: "sale", final });
    else if (u.roles.has("expense")) marks.push({ index, kind: "expense", final });
  });
  return marks;
}

function clauseIds(units: readonly Unit[]): number[] {
  let id = 0;
  return units.map((u) => (u.type === "punct" || CLAUSE_WORDS.has(u.raw) ? ++id : id));
}

/** For a message with both sale and expense words: the amounts of the first amount's kind. */
function chooseKind(units: readonly Unit[], marks: readonly KindMark[], amounts: readonly Amount[]): { kind: TransactionKind | null; amounts: readonly Amount[] } {
  const first = marks[0];
  if (first === undefined) return { kind: null, amounts };
  if (marks.every((m) => m.kind === first.kind)) return { kind: first.kind, amounts };
  const clause = clauseIds(units);
  // The word in the amount's clause, on the side where the language puts its
  // verb ("vendu … 12€", "… ۴۵ یورو فروختم"); failing that, the nearest word.
  const kindOf = (a: Amount): TransactionKind => {
    const same = marks.filter((m) => clause[m.index] === clause[a.index]);
    const pool = same.length > 0 ? same : marks;
    const governing = pool.filter((m) => (m.final ? m.index > a.index : m.index < a.index));
    const candidates = governing.length > 0 ? governing : pool;
    let best = candidates[0] as KindMark;
    for (const m of candidates) if (Math.abs(m.index - a.index) < Math.abs(best.index - a.index)) best = m;
    return best.kind;
  };
  const kind = kindOf(amounts[0] as Amount);
  return { kind, amounts: amounts.filter((a) => kindOf(a) === kind) };
}

function hasContent(units: readonly Unit[], from: number, to: number, taken: ReadonlySet<number>): boolean {
  for (let k = from; k < to; k++) {
    const u = units[k] as Unit;
    if ((u.type === "word" && u.roles.size === 0) || isQuantityAt(units, k, taken)) return true;
  }
  return false;
}

/** Groups amounts into priced lines; an amount with no new words before it restates the previous line. */
function buildLines(units: readonly Unit[], amounts: readonly Amount[], taken: ReadonlySet<number>): { lines: Line[]; explicit: Amount | null } {
  const lines: Line[] = [];
  let explicit: Amount | null = null;
  let from = 0;
  for (const amount of amounts) {
    const marker = classify(units, amount);
    const previous = lines[lines.length - 1];
    if (marker.explicitTotal) explicit = amount;
    else if (previous !== undefined && !hasContent(units, from, amount.first, taken)) previous.restated ??= amount;
    else lines.push({ amount, marker, from, restated: null });
    from = amount.last + 1;
  }
  if (lines.length === 0 && explicit !== null) {
    lines.push({ amount: explicit, marker: { marker: "total", explicitTotal: true }, from: 0, restated: null });
  }
  return { lines, explicit };
}

/** Where a line's words end: the next line, a sentence end, or a word of the other kind. */
function lineEnd(units: readonly Unit[], start: number, nextLine: Line | undefined, otherKind: ReadonlySet<number>): number {
  if (nextLine !== undefined) return nextLine.from;
  let k = start;
  while (k < units.length && !(units[k]?.type === "punct" && units[k]?.strong) && !otherKind.has(k)) k++;
  return k;
}

function evaluate(units: readonly Unit[], line: Line, end: number, marks: readonly KindMark[], taken: ReadonlySet<number>, single: boolean): LineResult {
  const { amount, from } = line;
  const kindIndex = marks.filter((m) => m.index >= from && m.index < amount.first).pop()?.index ?? null;
  let q = findQuantity(units, from, amount.first, kindIndex, taken);
  if (q === null && single) q = findQuantity(units, amount.last + 1, end, null, taken);
  const qty = q === null ? null : ((units[q] as Unit).num?.cents ?? null);
  const wholeQty = qty !== null && qty % 100 === 0 ? qty / 100 : null;
  // "3 x samosa £1.50", "3x plats 12€": a count written as a multiplication prices each item.
  const timesCount = q !== null && (units[q + 1]?.roles.has("multiply") ?? false);
  const isUnit = line.marker.marker === "unit" || (line.marker.marker === null && (line.restated !== null || timesCount));
  let totalCents: number | null = amount.cents;
  let unitCents: number | null = null;
  if (isUnit) {
    unitCents = amount.cents;
    totalCents = qty === null ? amount.cents : multiplyCents(qty, amount.cents);
  }
  if (line.restated !== null) totalCents = line.restated.cents;
  if (unitCents === null && totalCents !== null && wholeQty !== null) unitCents = divideCents(totalCents, wholeQty);
  const item = findItem(units, { from, end, quantity: q, kindIndex, amount });
  return { totalCents, unitCents, quantity: wholeQty, item };
}

/** The text as the parser reads it: normalised, cut, split into words and numbers, each with its roles. */
function unitsOf(text: string): Unit[] {
  return annotate(tokenize(normaliseText(text.slice(0, MAX_INPUT_CHARS))));
}

function parseUnsafe(text: string): ParsedTransaction {
  const units = unitsOf(text);
  const marks = kindMarks(units);
  let amounts: readonly Amount[] = currencyAmounts(units);
  if (amounts.length === 0 && marks.length > 0) amounts = bareAmounts(units, (i) => isQuantityAt(units, i, new Set()));
  if (amounts.length === 0) return { ...EMPTY_TRANSACTION };

  const chosen = chooseKind(units, marks, amounts);
  const taken = new Set(amounts.map((a) => a.index));
  const { lines, explicit } = buildLines(units, chosen.amounts, taken);
  const otherKind = new Set(marks.filter((m) => m.kind !== chosen.kind).map((m) => m.index));
  const results = lines.map((line, i) =>
    evaluate(units, line, lineEnd(units, line.amount.last + 1, lines[i + 1], otherKind), marks, taken, lines.length === 1),
  );
  const first = results[0];
  const firstLine = lines[0];
  if (first === undefined || firstLine === undefined) return { ...EMPTY_TRANSACTION };
  const currency = firstLine.amount.currency;

  let amountCents: number | null;
  if (explicit !== null) amountCents = explicit.cents;
  else if (results.length === 1) amountCents = first.totalCents;
  else {
    amountCents = 0;
    for (const [i, r] of results.entries()) {
      if (lines[i]?.amount.currency !== currency || r.totalCents === null || amountCents === null) continue;
      amountCents = amountCents + r.totalCents <= MAX_AMOUNT_CENTS ? amountCents + r.totalCents : null;
    }
  }
  const single = results.length === 1;
  const items = [...new Set(results.map((r) => r.item).filter((x): x is string => x !== null))];
  const question = units.some((u) => u.type === "punct" && (u.raw === "?" || u.raw === "؟"));
  const readsAsSale = !question && !firstLine.amount.bare && first.quantity !== null && first.item !== null;
  const kind = chosen.kind ?? (readsAsSale ? "sale" : null);
  return {
    kind,
    amountCents,
    currency: amountCents === null ? null : currency,
    quantity: single ? first.quantity : null,
    item: items.length > 0 ? items.join(" + ") : null,
    unitPriceCents: single ? first.unitCents : null,
    ...(amountCents !== null && firstLine.amount.habit ? { habitCurrency: firstLine.amount.habit } : {}),
  };
}

/**
 * Parses one chat message into a sale or expense (see the module doc for the
 * rules). Never throws: malformed input yields all-null fields.
 * Example: `parseTransaction("sold 2 bags for £30")` →
 * `{ kind: "sale", amountCents: 3000, currency: "GBP", quantity: 2, item: "bags", unitPriceCents: 1500 }`.
 */
/** The first sale or expense word of a text, with or without an amount ("une dépense", "বিক্রি"), or null. */
export function kindWordOf(text: string): TransactionKind | null {
  if (typeof text !== "string" || text.length === 0) return null;
  return kindMarks(unitsOf(text))[0]?.kind ?? null;
}

export function parseTransaction(text: string): ParsedTransaction {
  if (typeof text !== "string" || text.length === 0) return { ...EMPTY_TRANSACTION };
  try {
    return parseUnsafe(text);
  } catch {
    return { ...EMPTY_TRANSACTION };
  }
}
