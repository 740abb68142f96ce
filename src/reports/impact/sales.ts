import type { Loaded } from "./load.ts";
import { isoDate, type MonthFigures } from "./model.ts";

/** "2026-03" → "2026-04" */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Sales, expenses and sellers per month of the sale's date, from the first month to the last, empty months included. */
export function salesByMonth(transactions: Loaded["transactions"]): MonthFigures[] {
  const months = new Map<string, { salesCents: number; expensesCents: number; sellers: Set<string>; spenders: Set<string> }>();
  for (const t of transactions) {
    const month = isoDate(t.occurredOn).slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { salesCents: 0, expensesCents: 0, sellers: new Set(), spenders: new Set() }));
    if (t.kind === "sale") {
      m.salesCents += t.amountCents;
      m.sellers.add(t.personId);
    } else {
      m.expensesCents += t.amountCents;
      m.spenders.add(t.personId);
    }
  }
  const keys = [...months.keys()].sort();
  const out: MonthFigures[] = [];
  if (keys.length === 0) return out;
  for (let month = keys[0]!; month <= keys.at(-1)!; month = nextMonth(month)) {
    const m = months.get(month);
    out.push({ month, salesCents: m?.salesCents ?? 0, expensesCents: m?.expensesCents ?? 0, sellers: m?.sellers.size ?? 0, spenders: m?.spenders.size ?? 0 });
  }
  return out;
}
