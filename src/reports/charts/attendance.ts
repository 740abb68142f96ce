import { LABELS } from "../impact-labels.ts";
import type { ImpactFigures } from "../impact-model.ts";
import { cohortAxis, grid, legend, renderChart } from "./render.ts";

/** Attendance and RSVP forecast per cohort, in percent; null when no cohort has either. */
export function attendanceChart(figures: ImpactFigures): string | null {
  const cohorts = figures.cohorts.filter((c) => c.attendance.denominator > 0 || c.rsvpYes.denominator > 0);
  if (cohorts.length === 0) return null;
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 100));
  const label = { show: true, position: "top" as const, formatter: (p: { value: unknown }) => (p.value == null ? "" : `${p.value as number} %`) };
  return renderChart(
    {
      legend,
      grid: grid(),
      xAxis: cohortAxis(cohorts),
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
