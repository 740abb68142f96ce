import { formatMonth, integer, numberOrNull } from "../format.ts";
import { LABELS } from "../labels.ts";
import type { ScopeFigures, Shown } from "../model.ts";
import { chartOf, grid, legend, renderChart, type Chart } from "./render.ts";

const euros = (cents: Shown) => {
  const n = numberOrNull(cents);
  return n === null ? null : Math.round(n / 100);
};

/** Sales and expenses per month, in euros, side by side; null when nothing was logged. */
export function salesChart(f: ScopeFigures<Shown>): Chart | null {
  const months = f.salesByMonth;
  if (months.length === 0) return null;
  const sales = months.map((m) => euros(m.salesCents));
  const expenses = months.map((m) => euros(m.expensesCents));
  return chartOf([...sales, ...expenses], () =>
    renderChart(
      {
        legend,
        grid: grid(),
        xAxis: { type: "category", data: months.map((m) => formatMonth(m.month)), axisLabel: { interval: 0, rotate: months.length > 12 ? 45 : 0 } },
        yAxis: { type: "value", axisLabel: { formatter: (v: number) => `${integer.format(v)} €` } },
        series: [
          { name: LABELS.series.sales, type: "bar", data: sales, barGap: "10%" },
          { name: LABELS.series.expenses, type: "bar", data: expenses },
        ],
      },
      960,
      340,
    ),
  );
}
