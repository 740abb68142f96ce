export { sleep, waitFor } from "../../tests/support/eventually.ts";
/** Progress and diagnostics: standard error only, so standard output holds nothing but the metric lines. */
export function log(...parts: unknown[]): void {
  const text = parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 23)}] ${text}\n`);
}

export interface MetricLine {
  metric: string;
  value: number;
  unit: string;
  limit: number;
  ratio: number;
}

/** One metric, in the exact shape of DESIGN.md section 4, on standard output. */
export function printMetric(metric: string, value: number, unit: string, limit: number, extra: Record<string, number> = {}): MetricLine {
  const line: MetricLine = { metric, value: round(value, 3), unit, limit: round(limit), ratio: round(value / limit, 4), ...extra };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}



export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
