import { numberOrNull } from "../format.ts";
import { LABELS } from "../labels.ts";
import type { ImpactFigures, Shown } from "../model.ts";
import { chartOf, cohortAxis, grid, legend, renderChart, type Chart } from "./render.ts";

/** Attendance and RSVP forecast per cohort, in percent; null when no cohort has either. */
export function attendanceChart(figures: ImpactFigures<Shown>): Chart | null {
  const cohorts = figures.cohorts.filter((c) => c.attendance.denominator !== 0 || c.rsvpYes.denominator !== 0);
  if (cohorts.length === 0) return null;
  const pct = (r: Shown | null) => {
    const n = numberOrNull(r);
    return n === null ? null : Math.round(n * 100);
  };
  // A rate over nobody (null) draws no bar, like a hidden one; only hidden ones make the note.
  const attendance = cohorts.map((c) => pct(c.attendance.rate));
  const rsvp = cohorts.map((c) => pct(c.rsvpYes.rate));
  const hidden = cohorts.some((c) => typeof c.attendance.rate === "string" || typeof c.rsvpYes.rate === "string");
  const label = { show: true, position: "top" as const, formatter: (p: { value: unknown }) => (p.value == null ? "" : `${p.value as number} %`) };
  const chart = chartOf([...attendance, ...rsvp], () =>
    renderChart(
      {
        legend,
        grid: grid(),
        xAxis: cohortAxis(cohorts),
        yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
        series: [
          { name: LABELS.series.attendance, type: "bar", data: attendance, label, barMaxWidth: 70 },
          { name: LABELS.series.rsvp, type: "bar", data: rsvp, label, barMaxWidth: 70, itemStyle: { color: "#9cc3d0" } },
        ],
      },
      960,
      320,
    ),
  );
  return { ...chart, hidden };
}
