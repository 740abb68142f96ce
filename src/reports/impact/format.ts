/** How the impact report writes numbers, money, rates, months and dates (in French), and how it escapes text. */
import { LABELS } from "./labels.ts";
import type { Hidden, Ratio, Shown } from "./model.ts";

export { esc } from "../../core/html-escape.ts";

/** A figure the anonymous report hides: "< 5" (about fewer than 5 people) or "s" (hidden so that one cannot be recomputed). */
export const isHidden = (x: unknown): x is Hidden => x === "small" || x === "complement";
/** The number of a figure, or null when it is hidden (ECharts draws no bar for null). */
export const numberOrNull = (x: Shown | null): number | null => (typeof x === "number" ? x : null);

export const integer = new Intl.NumberFormat("fr-FR");
const eurosFormat = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
export const formatEuros = (cents: Shown) => (isHidden(cents) ? LABELS.hidden[cents] : eurosFormat.format(Math.round(cents / 100)));
export const formatInt = (n: Shown) => (isHidden(n) ? LABELS.hidden[n] : integer.format(n));
export const formatRate = (rate: Shown | null) => (rate === null ? "—" : isHidden(rate) ? LABELS.hidden[rate] : `${integer.format(Math.round(rate * 100))} %`);
export const formatRatio = (r: Ratio<Shown>) => formatRate(r.rate);
const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
export const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
const shortDate = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
export const formatDay = (iso: string) => shortDate.format(new Date(`${iso}T00:00:00Z`));

/** Breaks a label into lines of about `max` characters, at spaces (ECharts draws "\n" as a new line). */
export function wrapLabel(text: string, max = 28): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}
