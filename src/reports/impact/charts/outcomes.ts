import { numberOrNull } from "../format.ts";
import { LABELS } from "../labels.ts";
import { OUTCOME_CATEGORIES, OUTCOME_OFFSETS, type OutcomeCategory, type ScopeFigures, type Shown } from "../model.ts";
import { chartOf, grid, legend, renderChart, stackedPart, type Chart } from "./render.ts";

const OUTCOME_COLORS: Record<OutcomeCategory, string> = {
  micro_enterprise: "#1f6f8b",
  association: "#4c9a6a",
  collective: "#7a5a9e", // dark enough for a white count inside the bar (4.5:1)
  referred: "#d9b44a",
  preparing: "#e07a3f",
  stopped: "#c44e52",
  unknown: "#b8bec4",
};

/** What alumni answered at 6 and 12 months, one stacked bar per offset; null before the first answer. */
export function outcomesChart(f: ScopeFigures<Shown>): Chart | null {
  if (OUTCOME_OFFSETS.every((o) => f.outcomes[o].answered === 0)) return null;
  const categories = OUTCOME_CATEGORIES.filter((s) => OUTCOME_OFFSETS.some((o) => f.outcomes[o].byStatus[s] !== 0));
  const data = categories.map((s) => OUTCOME_OFFSETS.map((o) => numberOrNull(f.outcomes[o].byStatus[s])));
  return chartOf(data.flat(), () =>
    renderChart(
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
        series: categories.map((s, i) => stackedPart("outcomes", { barWidth: 44 }, LABELS.outcomes[s], OUTCOME_COLORS[s], data[i]!)),
      },
      960,
      250,
    ),
  );
}
