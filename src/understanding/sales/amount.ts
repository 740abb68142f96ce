/**
 * Numerals → integer cents, with integer arithmetic only.
 *
 * Why integers: `0.1 + 0.2 !== 0.3` in floating point, and a cooperative's
 * books must add up to the cent. The decimal string is split into its integer
 * and fractional digits and combined as `int * 100 + cents`.
 * Example: `parseNumeral("1.200,50")` → `{ cents: 120050, isWhole: false, … }`.
 */
import { DECIMAL_MARK, THOUSANDS_MARK } from "./digits.ts";

/** A parsed numeral: its value times 100 (rounded half-up at the cent). */
export interface Numeral {
  readonly cents: number;
  /** No decimal part (or only zeros), so it can be a count of items. */
  readonly isWhole: boolean;
  /** Written with a leading zero ("06"): phone numbers, dates, not money. */
  readonly leadingZero: boolean;
}

/** Larger amounts are treated as noise (phone numbers, IBANs), not money. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;
const MAX_INT_DIGITS = 10;
const SEPARATOR = /[.,\u066B\u066C]/;
const SEPARATORS = /[.,\u066B\u066C]/g;

/** Which separator (index into the list) is the decimal one, or -1 for none; null when inconsistent. */
function decimalIndex(seps: readonly string[], groups: readonly string[]): number | null {
  const last = seps.length - 1;
  const lastSep = seps[last];
  const arabicDecimals = seps.filter((s) => s === DECIMAL_MARK).length;
  if (arabicDecimals > 0) return arabicDecimals === 1 && lastSep === DECIMAL_MARK ? last : null;
  const ambiguous = seps.filter((s) => s !== THOUSANDS_MARK);
  if (ambiguous.length === 0) return -1;
  const kinds = new Set(ambiguous);
  if (kinds.size === 2) {
    // "1.200,50" or "1,200.50": the last separator is the decimal one and occurs once.
    if (lastSep === THOUSANDS_MARK || ambiguous.filter((s) => s === lastSep).length !== 1) return null;
    return last;
  }
  if (ambiguous.length > 1) return -1; // "1.200.000": repeated → thousands
  if (lastSep === THOUSANDS_MARK) return null;
  if (seps.some((s) => s === THOUSANDS_MARK)) return last; // "1٬200,50"
  // A single "." or ",": thousands when exactly three digits follow ("1,000",
  // "1.200"), unless the integer part is 0 ("0,500"); otherwise decimal ("12,50").
  const after = groups[last + 1] ?? "";
  const before = groups[0] ?? "";
  return after.length === 3 && before.length <= 3 && /^[1-9]/.test(before) ? -1 : last;
}

/**
 * Parses an ASCII-digit numeral with optional separators (see `normaliseText`).
 * Returns null for shapes that are not a number (dates like `12.03.2024`,
 * inconsistent groups) or absurdly large values.
 */
export function parseNumeral(raw: string): Numeral | null {
  if (!/^\d+(?:[.,\u066B\u066C]\d+)*$/.test(raw)) return null;
  const groups = raw.split(SEPARATOR);
  const seps = raw.match(SEPARATORS) ?? [];
  let intGroups = groups;
  let frac = "";
  if (seps.length > 0) {
    const dec = decimalIndex(seps, groups);
    if (dec === null) return null;
    if (dec >= 0) {
      intGroups = groups.slice(0, dec + 1);
      frac = groups[dec + 1] ?? "";
    }
    // Thousands groups: first of 1–3 digits, then exactly 3 each.
    if (intGroups.length > 1) {
      const [first = "", ...rest] = intGroups;
      if (first.length > 3 || rest.some((g) => g.length !== 3)) return null;
    }
  }
  const intDigits = intGroups.join("");
  const cents = toCents(intDigits, frac);
  if (cents === null) return null;
  return { cents, isWhole: /^0*$/.test(frac), leadingZero: intDigits.length > 1 && intDigits.startsWith("0") };
}

/** `"12"`, `"5"` → 1250; rounds half-up on the third decimal digit. */
export function toCents(intDigits: string, fracDigits: string): number | null {
  const trimmed = intDigits.replace(/^0+(?=\d)/, "");
  if (trimmed.length > MAX_INT_DIGITS || !/^\d+$/.test(trimmed) || !/^\d*$/.test(fracDigits)) return null;
  const two = (fracDigits + "00").slice(0, 2);
  const roundUp = fracDigits.length > 2 && fracDigits.charCodeAt(2) >= 0x35 ? 1 : 0;
  const cents = Number(trimmed) * 100 + Number(two) + roundUp;
  return cents <= MAX_AMOUNT_CENTS ? cents : null;
}

/**
 * Quantity × unit price, both as cents (so `1,5 kg à 2€` is 150 × 200 / 100 = 300),
 * with BigInt to avoid overflow; rounded half-up. Null when out of range.
 */
export function multiplyCents(quantityCents: number, unitCents: number): number | null {
  const product = BigInt(quantityCents) * BigInt(unitCents);
  const total = (product + 50n) / 100n;
  return total <= BigInt(MAX_AMOUNT_CENTS) ? Number(total) : null;
}

/** Exact unit price of a total split over a whole quantity, or null when it does not divide. */
export function divideCents(totalCents: number, quantity: number): number | null {
  if (quantity <= 0 || !Number.isInteger(quantity)) return null;
  return totalCents % quantity === 0 ? totalCents / quantity : null;
}
