import { LABELS } from "../impact-labels.ts";
import { OUTCOME_CATEGORIES, OUTCOME_OFFSETS, type OutcomeCategory, type ScopeFigures } from "../impact-model.ts";
import { grid, legend, renderChart, stackedPart } from "./render.ts";

const OUTCOME_COLORS: Record<OutcomeCategory, string> = {
  micro_enterprise: "#1f6f8b",
  association: "#4c9a6a",
  collective: "#8c6bb1",
  referred: "#d9b44a",
  preparing: "#e07a3f",
  stopped: "#c44e52",
  unknown: "#b8bec4",
};

/** What alumni answered at 6 and 12 months, one stacked bar per offset; null before the first answer. */
export function outcomesChart(f: ScopeFigures): string | null {
  if (OUTCOME_OFFSETS.every((o) => f.outcomes[o].answered === 0)) return null;
  const categories = OUTCOME_CATEGORIES.filter((s) => OUTCOME_OFFSETS.some((o) => f.outcomes[o].byStatus[s] > 0));
  return renderChart(
    {
      legend: { ...legend, width: 900 },
      grid: grid({ right: 24, top: 64 }),
      yAxis: {
        type: "category",
        inverse: true,
        data: OUTCOME_OFFSETS.map((o) => `À ${LABELS.offset(o)}\n(${LABELS.answers(f.outcomes[o].answered)})`),
        axisLabel: { lineHeight: 18 },
      },
      xAxis: { type: "value", minInterval: 1 },
      series: categories.map((s) =>
        stackedPart("outcomes", { barWidth: 44 }, LABELS.outcomes[s], OUTCOME_COLORS[s], OUTCOME_OFFSETS.map((o) => f.outcomes[o].byStatus[s])),
      ),
    },
    960,
    250,
  );
}
