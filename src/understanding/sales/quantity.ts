/**
 * Finds the quantity: a whole number (digits or words) that counts something.
 *
 * Why "followed by a word": a count is said with what it counts ("3 plats",
 * "৫টা শাড়ি", "۴ تا بولانی", "10 шт"), or right before a price ("3 à 12€",
 * "2 for £30", "10 x 2.50"), or after a multiplication sign ("plats x3").
 * A lone number is more likely the price or a date.
 * Example: in `vendu 3 plats à 12€`, "3" is the quantity; in `vendu 36` it is not.
 */
import type { Unit } from "./annotate.ts";
import { isBlocked } from "./prices.ts";

const MAX_QUANTITY_CENTS = 1_000_000 * 100;

function isContent(u: Unit | undefined): boolean {
  return u !== undefined && u.type === "word" && u.roles.size === 0;
}

/** Whether the number at `i` reads as a count (see module doc). `amounts` are indices already taken as prices. */
export function isQuantityAt(units: readonly Unit[], i: number, amounts: ReadonlySet<number>): boolean {
  const u = units[i];
  if (u?.type !== "num" || u.num === null || amounts.has(i)) return false;
  if (u.num.cents < 1 || u.num.cents > MAX_QUANTITY_CENTS) return false;
  if (!u.numWord && isBlocked(units, i)) return false;
  const next = units[i + 1];
  const after = units[i + 2];
  if (isContent(next)) return true;
  if (next?.type === "word") {
    if (["classifier", "measure", "multiply"].some((r) => next.roles.has(r as never))) return true;
    const priceWord = next.roles.has("unitBefore") || next.roles.has("totalBefore");
    if (priceWord && (after?.type === "num" || after?.type === "currency")) return true;
  }
  return !u.numWord && units[i - 1]?.roles.has("multiply") === true;
}

/**
 * Index of the quantity among units `[from, to)`: the first one after the
 * sale/expense word when that word is in range (so "le 12 mars, vendu 3 plats"
 * gives 3), otherwise the first one; null when none.
 */
export function findQuantity(
  units: readonly Unit[],
  from: number,
  to: number,
  kindIndex: number | null,
  amounts: ReadonlySet<number>,
): number | null {
  let first: number | null = null;
  for (let i = Math.max(0, from); i < Math.min(to, units.length); i++) {
    if (!isQuantityAt(units, i, amounts)) continue;
    if (kindIndex === null || kindIndex < from || i > kindIndex) return i;
    first ??= i;
  }
  return first;
}
