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

/**
 * "non c'était 4", "no, 4 plates", "нет, было 3", "نه ۴ تا بود", "non 15€": a short answer to "is this
 * right?" with one new number (a number already in the entry is the one corrected: "4 pas 3"). A price
 * (a currency, or decimals) is the price each when the entry has one, else its total; a whole number
 * is the quantity, the total following the price each. Undefined when it is not that.
 */
export function correctedByNumber(draft: Draft, typed: string, maxWords = CORRECTION_MAX_WORDS): Draft | undefined {
  if (wordCount(typed) > maxWords) return undefined;
  const text = numbersAsDigits(toAsciiDigits(lettersForDigits(typed)));
  const cents = [draft.unitPriceCents, draft.amountCents].filter((c): c is number => c !== null).map((c) => c / 100);
  const old = new Set(draft.quantity === null ? cents : [draft.quantity, ...cents]);
  const fresh = [...text.matchAll(/\d+(?:[.,]\d{1,2})?/g)].map((m) => Number(m[0].replace(",", "."))).filter((n) => !old.has(n));
  if (fresh.length !== 1 || !(fresh[0]! > 0)) return undefined;
  const n = fresh[0]!;
  const priced = parseTransaction(text).currency !== null || !Number.isInteger(n);
  if (priced) {
    const price = Math.round(n * 100);
    if (draft.unitPriceCents !== null && draft.quantity !== null && draft.quantity > 1) return { ...draft, unitPriceCents: price, amountCents: price * draft.quantity };
    return { ...draft, unitPriceCents: null, amountCents: price };
  }
  if (n > MAX_QUANTITY) return undefined;
  // The price each stays: given, or the whole price of one.
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

