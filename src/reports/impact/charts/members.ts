import { numberOrNull } from "../format.ts";
import { LABELS } from "../labels.ts";
import { MEMBERSHIP_STATUSES, type ImpactFigures, type MembershipStatusName, type Shown } from "../model.ts";
import { chartOf, cohortAxis, grid, legend, renderChart, stackedPart, type Chart } from "./render.ts";

/** Members of each cohort by where they are now (active, alumni, left), stacked; null without members. */
export function membersChart(figures: ImpactFigures<Shown>): Chart | null {
  const cohorts = figures.cohorts.filter((c) => c.peopleSupported !== 0);
  if (cohorts.length === 0) return null;
  const colors: Record<MembershipStatusName, string> = { active: "#1f6f8b", alumni: "#4c9a6a", left: "#b8bec4" };
  const data = MEMBERSHIP_STATUSES.map((s) => cohorts.map((c) => numberOrNull(c.membersByStatus[s])));
  return chartOf(data.flat(), () =>
    renderChart(
      {
        legend,
        grid: grid(),
        xAxis: cohortAxis(cohorts),
        yAxis: { type: "value", minInterval: 1 },
        series: MEMBERSHIP_STATUSES.map((s, i) => stackedPart("members", { barMaxWidth: 90 }, LABELS.membership[s], colors[s], data[i]!)),
      },
      960,
      280,
    ),
  );
}
