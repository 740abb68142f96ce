/**
 * Charts as inline SVG, rendered in Node by Apache ECharts (server-side rendering: no browser, no
 * script in the page). ECharts escapes the texts it draws.
 */
import { BarChart, type BarSeriesOption } from "echarts/charts";
import { GridComponent, type GridComponentOption, LegendComponent, type LegendComponentOption } from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import type { XAXisComponentOption } from "echarts";
import { wrapLabel } from "../impact-format.ts";
import { FONT, PALETTE } from "../impact-style.ts";

use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** The legend of every chart that has one: centred above the plot. */
export const legend: LegendComponentOption = { top: 0, left: "center", itemGap: 28, textStyle: { fontSize: 12 } };

/**
 * The plot area of every chart: a 16 px margin left and right, room above for the legend, and the axis
 * labels kept inside the image. `overrides` replaces any of these values.
 * @example grid({ right: 48, top: 8 })
 */
export function grid(overrides: GridComponentOption = {}): GridComponentOption {
  return { left: 16, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel", ...overrides };
}

/** The x axis of a chart with one bar (or stack) per cohort: every cohort's name, wrapped to fit its column. */
export function cohortAxis(cohorts: readonly { name: string }[]): XAXisComponentOption {
  return { type: "category", data: cohorts.map((c) => wrapLabel(c.name, Math.max(16, Math.floor(120 / cohorts.length)))), axisLabel: { interval: 0, lineHeight: 17 } };
}

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
