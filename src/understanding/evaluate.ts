import type { Locale } from "../core/locales.ts";
import type { Example } from "./corpus.ts";
import type { Understander, UnderstandOptions } from "./understand.ts";

export interface Evaluation {
  /** Share of messages whose intent was right, per language. */
  perLocale: Partial<Record<Locale, { right: number; total: number }>>;
  perIntent: Record<string, { right: number; total: number }>;
  right: number;
  total: number;
  /** A Markdown table, per language then per intent. */
  table: string;
}

const pct = (r: { right: number; total: number }) => `${((100 * r.right) / Math.max(r.total, 1)).toFixed(1)}%`;

/** Accuracy of the intent on labelled messages (the held-out part: never learnt from, never tuned on). */
export function evaluate(understander: Understander, examples: readonly Example[], options: UnderstandOptions): Evaluation {
  const perLocale: Evaluation["perLocale"] = {};
  const perIntent: Evaluation["perIntent"] = {};
  let right = 0;
  for (const e of examples) {
    const ok = understander.understand(e.text, options).intent === e.intent;
    right += +ok;
    const l = (perLocale[e.locale] ??= { right: 0, total: 0 });
    const i = (perIntent[e.intent] ??= { right: 0, total: 0 });
    l.right += +ok;
    l.total++;
    i.right += +ok;
    i.total++;
  }
  const rows = [
    "| language | messages | intent right |",
    "| --- | --- | --- |",
    ...Object.entries(perLocale).map(([l, r]) => `| ${l} | ${r!.total} | ${pct(r!)} |`),
    `| all | ${examples.length} | ${pct({ right, total: examples.length })} |`,
    "",
    "| intent | messages | intent right |",
    "| --- | --- | --- |",
    ...Object.entries(perIntent).map(([i, r]) => `| ${i} | ${r.total} | ${pct(r)} |`),
  ];
  return { perLocale, perIntent, right, total: examples.length, table: rows.join("\n") };
}
