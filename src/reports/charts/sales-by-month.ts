import { formatMonth, integer } from "../impact-format.ts";
import { LABELS } from "../impact-labels.ts";
import type { ScopeFigures } from "../impact-model.ts";
import { grid, legend, renderChart } from "./render.ts";

/** Sales and expenses per month, in euros, side by side; null when nothing was logged. */
export function salesChart(f: ScopeFigures): string | null {
  const months = f.salesByMonth;
  if (months.length === 0) return null;
  return renderChart(
    {
      legend,
      grid: grid(),
      xAxis: { type: "category", data: months.map((m) => formatMonth(m.month)), axisLabel: { interval: 0, rotate: months.length > 12 ? 45 : 0 } },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => `${integer.format(v)} €` } },
      series: [
        { name: LABELS.series.sales, type: "bar", data: months.map((m) => Math.round(m.salesCents / 100)), barGap: "10%" },
        { name: LABELS.series.expenses, type: "bar", data: months.map((m) => Math.round(m.expensesCents / 100)) },
      ],
    },
    960,
    340,
  );
}
