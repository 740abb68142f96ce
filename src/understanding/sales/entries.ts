import { toAsciiDigits } from "../../core/text.ts";
import { findDay } from "../slots/days.ts";
import { parseTransaction } from "./parse.ts";
import type { ParsedTransaction } from "./types.ts";

/**
 * "and" before a quantity, in every supported language: where one message holds several entries
 * ("vendí 3 empanadas y 2 tamales a 3€", "продала 2 платья и 3 юбки по 20 евро", "বিক্রি ৩টা আর ২টা").
 */
const AND_BEFORE_A_NUMBER = /\s*(?:,|\s(?:et|and|y|e|plus|и|і|та|او|আর|ও|እና)\s|\sو\s?|\sو(?=\d))\s*(?=\d)/u;

/** A price the parser reads as "each" on a group that has none, to read that group's quantity and item. */
const ONE_EACH = " @ 1€";

/**
 * The entries of a message that lists several ("3 X and 2 Y at 3€", "2 plats 10€ et 3 jus 2€"), each
 * with its quantity and item: those with their own amount keep it; those without take the price each
 * of the last one ("at 3€" said once for all). A total said once for all ("3 X and 2 Y for 15€") is
 * one entry naming them all ("X + Y"). Undefined when the message is one entry, or when its groups
 * cannot be read that way.
 */
export function entriesOf(text: string): ParsedTransaction[] | undefined {
  const groups = toAsciiDigits(text).split(AND_BEFORE_A_NUMBER).map((g) => g.trim()).filter(Boolean);
  if (groups.length < 2) return undefined;
  const parsed = groups.map((g) => parseTransaction(g));
  const last = parsed[parsed.length - 1]!;
  if (last.amountCents === null || last.item === null || last.quantity === null) return undefined;
  const kind = parseTransaction(text).kind ?? parsed.find((p) => p.kind !== null)?.kind ?? null;
  // Each group's quantity and item, read once (a group without an amount is read with a price each added).
  const shapes = parsed.map((p, i) => (p.amountCents !== null ? p : parseTransaction(groups[i]! + ONE_EACH)));
  const each = saidEach(groups[groups.length - 1]!, last);
  const earlier = parsed.slice(0, -1);
  // One total said for all ("3 X and 2 Y for 15€"): one entry that names them all, so none is dropped.
  if (!each && earlier.every((p, i) => p.amountCents === null && shapes[i]!.item !== null)) {
    const items = [...earlier.map((_, i) => shapes[i]!.item!), last.item];
    return [{ kind, item: items.join(" + "), quantity: null, unitPriceCents: null, amountCents: last.amountCents, currency: last.currency }];
  }
  const entries: ParsedTransaction[] = [];
  for (const [i, p] of parsed.entries()) {
    const shape = shapes[i]!;
    if (shape.item === null || shape.quantity === null) return undefined;
    if (p.amountCents !== null) {
      entries.push({ ...p, kind });
      continue;
    }
    // No amount of its own: the price each said once at the end, in its currency ("at 3€", not "for 15€").
    if (last.unitPriceCents === null || !each) return undefined;
    entries.push({ ...shape, kind, currency: last.currency, unitPriceCents: last.unitPriceCents, amountCents: last.unitPriceCents * shape.quantity });
  }
  return entries;
}

/**
 * Whether a group's price is each ("2 tamales a 3€") rather than its total ("2 tamales por 15€"): read
 * with twice the quantity, a price each doubles the total, a total stays.
 */
function saidEach(group: string, read: ParsedTransaction): boolean {
  const quantity = String(read.quantity);
  const at = group.search(new RegExp(`(?<!\\d)${quantity}(?!\\d)`, "u"));
  if (at < 0) return false;
  const twice = parseTransaction(group.slice(0, at) + String(read.quantity! * 2) + group.slice(at + quantity.length));
  return twice.amountCents !== null && twice.amountCents === read.amountCents! * 2;
}

/** An amount with its currency: "8 euro", "12€", "12e", "১০ ইউরো", "٢٠ يورو". */
const AMOUNT_WITH_CURRENCY = /\d+(?:[.,]\d{1,2})?\s*(?:€|euros?|eur|e|евро|євро|يورو|یورو|ইউরো|ዩሮ)(?![\p{L}\d])/iu;

/**
 * What follows the first amount of a message read as one entry, when it says more ("… a 8 euro et 5
 * beignets a 1.50", "… 9 euro et aussi g acheté du poulet pour 22 euro et jeudi je pourrai pas venir"):
 * a number and a word of three letters or more. Undefined when the rest says nothing more ("= 36€").
 * `items`: how many items the entry read names, each with its amount.
 */
export function restAfterOneEntry(text: string, items = 1): string | undefined {
  const ascii = toAsciiDigits(text);
  // The entry read may name several items ("yassa + bissap"): its amounts are that many.
  const m = [...ascii.matchAll(new RegExp(AMOUNT_WITH_CURRENCY.source, "giu"))][items - 1];
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length).replace(/^[\s,.;:!)–-]+/u, "").trim();
  if (/\d/u.test(toAsciiDigits(rest)) && /\p{L}{3,}/u.test(rest)) return rest;
  // "…, jeudi je viens": a clause of its own after a comma that names a day.
  const clause = clauseAfter(text, m.index + m[0].length);
  return clause && findDay(clause, { typos: false }) ? clause : undefined;
}

/** A comma, or a full stop, after the entry: what follows is said apart from it. */
function clauseAfter(text: string, from: number): string | undefined {
  const at = text.slice(from).search(/[,.;!](?!\d)/u);
  const clause = at < 0 ? "" : text.slice(from + at + 1).trim();
  return clause.split(/\s+/u).length >= 2 ? clause : undefined;
}

/** The words of the entry itself, without a clause said after it ("vendu 5 plats a 10e, jeudi je viens"): where its day is read. */
export function entryWords(text: string): string {
  const m = AMOUNT_WITH_CURRENCY.exec(toAsciiDigits(text));
  if (!m) return text;
  const clause = clauseAfter(text, m.index + m[0].length);
  return clause ? text.slice(0, text.length - clause.length) : text;
}
