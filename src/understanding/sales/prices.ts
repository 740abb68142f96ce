/**
 * Finds the amounts of money in a message and decides, for each, whether it is
 * a unit price or a total.
 *
 * Why: "3 plats à 12€" is 36€ but "3 plats pour 12€" is 12€. The preposition
 * directly before the amount, an "each" word nearby, a "per piece" phrase right
 * after, or an explicit "total"/"=" settle it; with none of these, an amount is
 * the total.
 * Example: in `بعت ٥ صحون بسعر ١٠ يورو للواحد` the amount 10€ is a unit price.
 */
import type { Unit } from "./annotate.ts";
import type { Role } from "./lexicon.ts";
import type { Currency } from "./types.ts";

export interface Amount {
  /** Index of the number unit. */
  readonly index: number;
  /** First and last unit of the amount, currency included. */
  readonly first: number;
  readonly last: number;
  readonly cents: number;
  readonly currency: Currency;
  /** No currency was written (defaults to EUR). */
  readonly bare: boolean;
  /** The currency word itself means "for N euros" (Bengali "ইউরোতে"). */
  readonly currencyTotal: boolean;
  /** A currency of home typed from habit, read as euros: the word as written ("reais"). */
  readonly habit?: string;
}

export interface PriceMarker {
  /** "unit": multiply by the quantity; "total": as is; null: nothing said (→ total). */
  readonly marker: "unit" | "total" | null;
  /** An explicit "total", "=", "soit", "итого"… accompanies the amount. */
  readonly explicitTotal: boolean;
}

const has = (u: Unit | undefined, ...roles: Role[]): boolean => u !== undefined && roles.some((r) => u.roles.has(r));

/** Pairs each currency with the number beside it (the glued side first: "for £30", "12 €"). */
export function currencyAmounts(units: readonly Unit[]): Amount[] {
  const bound = new Map<number, number>();
  units.forEach((u, c) => {
    if (u.type !== "currency") return;
    const prev = units[c - 1];
    const next = units[c + 1];
    const prevOk = prev?.type === "num" && !bound.has(c - 1);
    const nextOk = next?.type === "num" && !bound.has(c + 1);
    let target: number | null = null;
    if (prevOk && nextOk) target = !u.glued && next.glued ? c + 1 : c - 1;
    else if (prevOk) target = c - 1;
    else if (nextOk) target = c + 1;
    if (target !== null) bound.set(target, c);
  });
  const amounts: Amount[] = [];
  for (const [index, c] of bound) {
    const n = units[index];
    const cur = units[c];
    if (n?.num == null || cur?.currency == null || n.num.cents <= 0) continue;
    amounts.push({
      index,
      first: Math.min(index, c),
      last: Math.max(index, c),
      cents: n.num.cents,
      currency: cur.currency.code,
      bare: false,
      currencyTotal: cur.currency.total === true,
      ...(cur.currency.habit ? { habit: cur.raw } : {}),
    });
  }
  return amounts.sort((a, b) => a.index - b.index);
}

const TIME_WORDS = new Set(["h", "hr", "hrs", "heure", "heures", "hour", "hours", "min", "mn", "mins", "minutes", "am", "pm", "ans", "час", "часа", "часов", "годин", "година", "ساعة", "الساعة", "ساعت", "টায়", "ঘণ্টা", "ሰዓት"]);
const JOINERS = new Set([":", "/", "-", "."]);

/**
 * A number that is a time (14h, 12:30), a date (12/03), a percentage, a range
 * end or written with a leading zero (06 12…): never a count nor a bare price.
 */
export function isBlocked(units: readonly Unit[], i: number): boolean {
  const u = units[i];
  if (u?.num == null || u.num.leadingZero) return true;
  const next = units[i + 1];
  const prev = units[i - 1];
  if (next?.type === "word" && TIME_WORDS.has(next.raw)) return true;
  if (next?.type === "punct" && (next.raw === "%" || next.raw === "°")) return true;
  if (next?.type === "punct" && JOINERS.has(next.raw) && next.glued && units[i + 2]?.type === "num" && units[i + 2]?.glued) return true;
  return prev?.type === "punct" && JOINERS.has(prev.raw) && prev.glued && u.glued && units[i - 2]?.type === "num";
}

function introducesAmount(units: readonly Unit[], k: number): boolean {
  let j = k;
  while (units[j]?.type === "punct" && units[j]?.raw === ":") j++;
  return units[j]?.type === "num" || units[j]?.type === "currency";
}

/** Reads the words around an amount (see module doc). */
export function classify(units: readonly Unit[], a: Amount): PriceMarker {
  let unit = false;
  let total = a.currencyTotal;
  let explicit = false;
  const adjacent = units[a.first - 1];
  if (has(adjacent, "unitBefore", "multiply")) unit = true;
  if (has(adjacent, "totalBefore")) total = true;
  for (let k = a.first - 1, words = 0; k >= 0 && words < 3; k--) {
    const u = units[k] as Unit;
    if (u.type === "num" || u.type === "currency") break;
    if (u.type === "punct") {
      if (u.raw === ":") continue;
      break;
    }
    words++;
    if (has(u, "each")) unit = true;
    if (has(u, "totalWord")) explicit = true;
  }
  for (let k = a.last + 1, words = 0; k < units.length && words < 3; k++) {
    const u = units[k] as Unit;
    if (u.type === "num" || u.type === "currency") break;
    if (u.type === "punct") {
      // "12€/pièce", "3€/kg": a slash then a word is "per".
      if (k === a.last + 1 && u.raw === "/" && units[k + 1]?.type === "word") unit = true;
      break;
    }
    if (has(u, "sale", "expense", "saleByCustomer")) break;
    // "… 2,50€ total 41€": a total word followed by an amount introduces that amount.
    if (has(u, "totalWord") && introducesAmount(units, k + 1)) break;
    words++;
    if (has(u, "each") || (words <= 2 && has(u, "perUnitAfter"))) unit = true;
    if (has(u, "totalWord")) explicit = true;
  }
  return { marker: explicit ? "total" : unit ? "unit" : total ? "total" : null, explicitTotal: explicit };
}

/**
 * Amounts written without a currency, used only when the message has a
 * sale/expense word and no currency at all ("vendu 3 plats à 12", "sold 10 x 2.50").
 * Prefers numbers introduced by a price word or written with decimals; failing
 * that, the last number that is not a quantity.
 */
export function bareAmounts(units: readonly Unit[], isQuantity: (i: number) => boolean): Amount[] {
  const marked: number[] = [];
  const others: number[] = [];
  units.forEach((u, i) => {
    if (u.type !== "num" || u.numWord || u.num === null || u.num.cents <= 0 || isBlocked(units, i)) return;
    const next = units[i + 1];
    const introduced = has(units[i - 1], "unitBefore", "totalBefore", "multiply", "totalWord");
    const followedByWord = next?.type === "word" && !has(next, "each", "perUnitAfter", "totalWord", "sale", "expense", "saleByCustomer");
    if ((introduced || !u.num.isWhole) && !followedByWord) marked.push(i);
    else if (!isQuantity(i)) others.push(i);
  });
  const last = others[others.length - 1];
  const chosen = marked.length > 0 ? marked : last === undefined ? [] : [last];
  return chosen.map((i) => ({ index: i, first: i, last: i, cents: (units[i] as Unit).num?.cents ?? 0, currency: "EUR", bare: true, currencyTotal: false }));
}
