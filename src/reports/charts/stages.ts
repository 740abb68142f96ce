import { LABELS } from "../impact-labels.ts";
import { STAGES, type ScopeFigures } from "../impact-model.ts";
import { PALETTE } from "../impact-style.ts";
import { grid, renderChart } from "./render.ts";

/** How many people stand at each stage of the programme today; null when there is nobody. */
export function stagesChart(f: ScopeFigures): string | null {
  if (STAGES.every((s) => f.peopleByStage[s] === 0)) return null;
  return renderChart(
    {
      grid: grid({ right: 48, top: 8 }),
      yAxis: { type: "category", inverse: true, data: STAGES.map((s) => LABELS.stages[s]) },
      xAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: STAGES.map((s) => f.peopleByStage[s]), barWidth: 26, label: { show: true, position: "right" }, itemStyle: { color: PALETTE[0] } }],
    },
    960,
    240,
  );
}
