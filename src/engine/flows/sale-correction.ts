import { toAsciiDigits, wordCount } from "../../core/text.ts";
import { lettersForDigits } from "../../understanding/index.ts";
import { parseTransaction } from "../../understanding/sales/index.ts";
import { numbersAsDigits } from "../../understanding/slots/answers.ts";
import { pastDay } from "../../understanding/slots/days.ts";
import type { Turn } from "../turn.ts";
import { hasNumber } from "../typed-answers.ts";
import type { Draft } from "./sale-draft.ts";

/** Longest answer to "is this right?" read as a correction by its number. */
const CORRECTION_MAX_WORDS = 6;
/** Longest one saying the new number against the old ("non je me suis trompé c 5 yassa pas 4"). */
const SAID_AGAINST_MAX_WORDS = 16;

/**
 * "non c'était 4", "no, 4 plates", "нет, было 3", "نه ۴ تا بود", "non 15€": a short answer to "is this
 * right?" with one new number (a number already in the entry is the one corrected: "4 pas 3"). A price
 * (a currency, or decimals) is the price each when the entry has one, else its total; a whole number
 * is the quantity, the total following the price each. Undefined when it is not that.
 */
export function correctedByNumber(draft: Draft, typed: string, maxWords = CORRECTION_MAX_WORDS): Draft | undefined {
  if (wordCount(typed) > Math.max(maxWords, SAID_AGAINST_MAX_WORDS)) return undefined;
  const text = numbersAsDigits(toAsciiDigits(lettersForDigits(typed)));
  const cents = [draft.unitPriceCents, draft.amountCents].filter((c): c is number => c !== null).map((c) => c / 100);
  const old = new Set(draft.quantity === null ? cents : [draft.quantity, ...cents]);
  // "5 yassa pas 4", "ثلاثة مش اربعة": the number said against the entry's quantity is the new quantity,
  // even when it is also the entry's price (5 yassa at 5 €).
  const against = INSTEAD_OF.exec(text);
  if (against && draft.quantity !== null && Number(against[2]) === draft.quantity && Number.isInteger(Number(against[1]))) return withQuantity(draft, Number(against[1]));
  if (wordCount(typed) > maxWords) return undefined;
  const fresh = [...text.matchAll(/\d+(?:[.,]\d{1,2})?/g)].map((m) => Number(m[0].replace(",", "."))).filter((n) => !old.has(n));
  if (fresh.length !== 1 || !(fresh[0]! > 0)) return undefined;
  const n = fresh[0]!;
  const priced = parseTransaction(text).currency !== null || !Number.isInteger(n);
  if (priced) {
    const price = Math.round(n * 100);
    if (draft.unitPriceCents !== null && draft.quantity !== null && draft.quantity > 1) return { ...draft, unitPriceCents: price, amountCents: price * draft.quantity };
    return { ...draft, unitPriceCents: null, amountCents: price };
  }
  return withQuantity(draft, n);
}

/** "X … not Y": the new number, then the one it replaces (a few words between). */
const INSTEAD_OF = /(\d+)\s*(?:[\p{L}'’]+\s+){0,3}?(?:pas|not|no|nao|não|مش|ماشي|machi|mashi|не|ні|نه|না|نہ|ኣይኮነን|au lieu de|instead of|en vez de|em vez de|вместо|замість|بدل)\s*(?:[\p{L}'’]+\s+){0,2}?(\d+)(?!\d|[.,]\d)/u;

/** The entry with another quantity, its price each kept (given, or the whole price of one). */
function withQuantity(draft: Draft, n: number): Draft | undefined {
  if (!(n > 0) || n > MAX_QUANTITY) return undefined;
  const each = draft.unitPriceCents ?? (draft.quantity === null || draft.quantity === 1 ? draft.amountCents : null);
  if (each === null) return { ...draft, quantity: n };
  return { ...draft, quantity: n, unitPriceCents: n > 1 ? each : null, amountCents: each * n };
}

/** "non, c'était hier", "it was saturday": a short answer naming a past day, without a number, moves the entry to that day. */
export function correctedByDay(turn: Turn, draft: Draft): Draft | undefined {
  const typed = turn.event.text ?? "";
  if (wordCount(typed) > CORRECTION_MAX_WORDS || hasNumber(typed)) return undefined;
  const day = pastDay(typed, turn.now, turn.person.timezone);
  return day ? { ...draft, occurredOn: day } : undefined;
}

/** The most a quantity typed as a correction can be. */
const MAX_QUANTITY = 1000;

