import { parseNumeral } from "../../understanding/sales/amount.ts";
import { foldKey } from "../../understanding/sales/digits.ts";
import { readNumberWords } from "../../understanding/sales/numbers.ts";
import { normalise, toAsciiDigits } from "../../core/text.ts";

/** The largest quantity or amount typed in the step-by-step path (a typo guard, not a business rule). */
export const MAX_QUANTITY = 10_000;
export const MAX_AMOUNT_CENTS = 10_000_000;

/**
 * A quantity typed on its own: digits in any script ("٣") or a number word ("trois", "five").
 * @example readQuantity("٣") === 3; readQuantity("douze") === 12; readQuantity("1,5") === undefined
 */
export function readQuantity(text: string): number | undefined {
  const cleaned = normalise(text).replace(/[^\p{L}\p{N}\s,.]/gu, " ").trim();
  if (/^\d+$/.test(cleaned)) {
    const n = Number(cleaned);
    return n >= 1 && n <= MAX_QUANTITY ? n : undefined;
  }
  const words = cleaned.split(/\s+/).map(foldKey);
  const match = readNumberWords(words, 0);
  return match && match.value >= 1 && match.value <= MAX_QUANTITY && Number.isInteger(match.value) ? match.value : undefined;
}

/**
 * An amount typed on its own, with or without a currency: "12", "12,50 €", "١٢٫٥", "€8".
 * @example readAmountCents("12,50 €") === 1250
 */
export function readAmountCents(text: string): number | undefined {
  const ascii = toAsciiDigits(text).replace(/\u066b/g, ",").replace(/\u066c/g, "");
  const numbers = ascii.match(/\d+(?:[.,\s]\d+)*/g)?.map((n) => n.replace(/\s/g, ""));
  if (!numbers || numbers.length !== 1) return undefined;
  const numeral = parseNumeral(numbers[0]!);
  return numeral && numeral.cents > 0 && numeral.cents <= MAX_AMOUNT_CENTS ? numeral.cents : undefined;
}
