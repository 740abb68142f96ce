import { isHidden, numberOrNull } from "../format.ts";
import { LABELS } from "../labels.ts";
import { STAGES, type ScopeFigures, type Shown } from "../model.ts";
import { PALETTE } from "../style.ts";
import { chartOf, grid, renderChart, type Chart } from "./render.ts";

/** How many people stand at each stage of the programme today; null when there is nobody. */
export function stagesChart(f: ScopeFigures<Shown>): Chart | null {
  if (STAGES.every((s) => f.peopleByStage[s] === 0)) return null;
  const data = STAGES.map((s) => numberOrNull(f.peopleByStage[s]));
  // A hidden stage has no bar: its label says why ("Sorti·e du programme (< 5)").
  const label = (s: (typeof STAGES)[number]) => {
    const n = f.peopleByStage[s];
    return isHidden(n) ? `${LABELS.stages[s]} (${LABELS.hidden[n]})` : LABELS.stages[s];
  };
  return chartOf(data, () =>
    renderChart(
      {
        grid: grid({ right: 48, top: 8 }),
        yAxis: { type: "category", inverse: true, data: STAGES.map(label) },
        xAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data, barWidth: 26, label: { show: true, position: "right" }, itemStyle: { color: PALETTE[0] } }],
      },
      960,
      240,
    ),
  );
}
