import { LABELS } from "../impact-labels.ts";
import { MEMBERSHIP_STATUSES, type ImpactFigures, type MembershipStatusName } from "../impact-model.ts";
import { cohortAxis, grid, legend, renderChart, stackedPart } from "./render.ts";

/** Members of each cohort by where they are now (active, alumni, left), stacked; null without members. */
export function membersChart(figures: ImpactFigures): string | null {
  const cohorts = figures.cohorts.filter((c) => c.peopleSupported > 0);
  if (cohorts.length === 0) return null;
  const colors: Record<MembershipStatusName, string> = { active: "#1f6f8b", alumni: "#4c9a6a", left: "#b8bec4" };
  return renderChart(
    {
      legend,
      grid: grid(),
      xAxis: cohortAxis(cohorts),
      yAxis: { type: "value", minInterval: 1 },
      series: MEMBERSHIP_STATUSES.map((s) =>
        stackedPart("members", { barMaxWidth: 90 }, LABELS.membership[s], colors[s], cohorts.map((c) => c.membersByStatus[s])),
      ),
    },
    960,
    280,
  );
}
