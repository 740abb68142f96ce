/**
 * Charts as inline SVG, rendered in Node by Apache ECharts (server-side rendering: no browser, no
 * script in the page). ECharts escapes the texts it draws.
 */
import type { BarSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { XAXisComponentOption } from "echarts";
import { AppError } from "../../../core/errors.ts";
import { wrapLabel } from "../format.ts";
import { FONT, PALETTE } from "../style.ts";

/** ECharts' `init`, once its modules are loaded. */
type Init = (typeof import("echarts/core"))["init"];
let init: Init | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads ECharts (about 12 MB of memory once loaded) the first time a report is drawn, not when the
 * service starts: most processes never draw a chart. Safe to call again; later calls cost nothing.
 */
export function loadCharts(): Promise<void> {
  // Reports drawn at the same moment share one load.
  return (loading ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers")]);
    core.use([charts.BarChart, components.GridComponent, components.LegendComponent, renderers.SVGRenderer]);
    init = core.init;
  })().catch((err: unknown) => {
    loading = undefined; // a failed load is tried again by the next report
    throw err;
  }));
}

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/**
 * A rendered chart, and whether figures hidden from the anonymous report were left out of it (they get
 * no bar: a bar's length would give the number away). `svg` is null when every figure was hidden.
 */
export interface Chart {
  svg: string | null;
  hidden: boolean;
}

/** The chart of these bar values, or, when no bar would be left but zeros because the others are hidden, no chart but the reason. */
export function chartOf(values: readonly (number | null)[], render: () => string): Chart {
  const hidden = values.some((v) => v === null);
  return { svg: hidden && values.every((v) => v === null || v === 0) ? null : render(), hidden };
}

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

/** Relative luminance of a "#rrggbb" colour (WCAG 2). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * White or near-black, whichever reads better on a bar of this colour: white on a light yellow or grey
 * bar is below the 4.5:1 contrast that small text needs.
 * @example labelColor("#d9b44a") // "#222"
 */
export function labelColor(background: string): string {
  const bg = luminance(background);
  const onWhite = 1.05 / (bg + 0.05);
  const onDark = (bg + 0.05) / (luminance("#222222") + 0.05);
  return onWhite >= onDark ? "#fff" : "#222";
}

/**
 * One part of a stacked bar, its count written inside it in white or near-black, whichever contrasts
 * more (nothing for zero, no bar for a hidden figure).
 * @example stackedPart("outcomes", { barWidth: 44 }, "Association", "#4c9a6a", [2, 3])
 */
export function stackedPart(stack: string, width: Pick<BarSeriesOption, "barWidth" | "barMaxWidth">, name: string, color: string, data: (number | null)[]): BarSeriesOption {
  return {
    name,
    type: "bar",
    stack,
    ...width,
    itemStyle: { color },
    label: { show: true, color: labelColor(color), fontWeight: "bold", formatter: (p) => (Number(p.value) > 0 ? String(p.value) : "") },
    data,
  };
}

/** Renders one chart to an SVG string, in Node, without a browser (after `loadCharts()`). */
export function renderChart(option: ChartOption, width: number, height: number): string {
  if (!init) throw new AppError("charts.not_loaded", "loadCharts() must run before a chart is drawn");
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, fontSize: 13, color: "#333" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
