/**
 * Charts as inline SVG, rendered in Node by Apache ECharts (server-side rendering: no browser, no
 * script in the page). ECharts escapes the texts it draws.
 */
import { BarChart, type BarSeriesOption } from "echarts/charts";
import { GridComponent, type GridComponentOption, LegendComponent, type LegendComponentOption } from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { FONT, PALETTE } from "../impact-style.ts";

use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** The legend of every chart that has one: centred above the plot. */
export const legend: LegendComponentOption = { top: 0, left: "center", itemGap: 28, textStyle: { fontSize: 12 } };

/**
 * One part of a stacked bar, its count written in white inside it (nothing for zero).
 * @example stackedPart("outcomes", { barWidth: 44 }, "Association", "#4c9a6a", [2, 3])
 */
export function stackedPart(stack: string, width: Pick<BarSeriesOption, "barWidth" | "barMaxWidth">, name: string, color: string, data: number[]): BarSeriesOption {
  return {
    name,
    type: "bar",
    stack,
    ...width,
    itemStyle: { color },
    label: { show: true, color: "#fff", fontWeight: "bold", formatter: (p) => (Number(p.value) > 0 ? String(p.value) : "") },
    data,
  };
}

/** Renders one chart to an SVG string, in Node, without a browser. */
export function renderChart(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, fontSize: 13, color: "#333" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
