import { wrapLabel } from "../impact-format.ts";
import { LABELS } from "../impact-labels.ts";
import type { ImpactFigures } from "../impact-model.ts";
import { legend, renderChart } from "./render.ts";

/** Attendance and RSVP forecast per cohort, in percent; null when no cohort has either. */
export function attendanceChart(figures: ImpactFigures): string | null {
  const cohorts = figures.cohorts.filter((c) => c.attendance.denominator > 0 || c.rsvpYes.denominator > 0);
  if (cohorts.length === 0) return null;
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 100));
  const label = { show: true, position: "top" as const, formatter: (p: { value: unknown }) => (p.value == null ? "" : `${p.value as number} %`) };
  return renderChart(
    {
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: cohorts.map((c) => wrapLabel(c.name, Math.max(16, Math.floor(120 / cohorts.length)))), axisLabel: { interval: 0, lineHeight: 17 } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
      series: [
        { name: LABELS.series.attendance, type: "bar", data: cohorts.map((c) => pct(c.attendance.rate)), label, barMaxWidth: 70 },
        { name: LABELS.series.rsvp, type: "bar", data: cohorts.map((c) => pct(c.rsvpYes.rate)), label, barMaxWidth: 70, itemStyle: { color: "#9cc3d0" } },
      ],
    },
    960,
    320,
  );
}
