import type { Labelled, Scored } from "./naive-bayes.ts";
import { RowTable, type ModelState } from "./row-table.ts";

/**
 * A linear model over sets of string features (multinomial logistic regression), trained by
 * stochastic gradient descent with the examples in a fixed order, so the same corpus always gives the
 * same model. Where naive Bayes counts every n-gram of a word as separate evidence, this one learns how
 * much each feature is worth beside the others, which is what tells "je viens" from "je viens pas".
 */
export class Softmax<L extends string> {
  private table: RowTable;
  private bias: Float32Array;

  constructor(
    readonly labels: readonly L[],
    examples: readonly Labelled<L>[],
    options: { epochs: number; rate: number; l2: number; minCount: number },
  ) {
    const k = labels.length;
    const index = new Map(labels.map((l, i) => [l, i]));
    this.bias = new Float32Array(k);
    this.table = RowTable.fromRows(new Map(), k);
    if (!examples.length) return;
    // While learning, one typed row per feature; kept afterwards as one table (row-table.ts).
    const weights = new Map<string, Float32Array>();
    const rowOf = (feature: string) => {
      let w = weights.get(feature);
      if (!w) weights.set(feature, (w = new Float32Array(k)));
      return w;
    };
    // Features seen fewer than minCount times are mostly one person's typo: dropped, they only cost memory.
    const seen = new Map<string, number>();
    for (const e of examples) for (const f of e.features) seen.set(f, (seen.get(f) ?? 0) + 1);
    const kept = (f: string) => (seen.get(f) ?? 0) >= options.minCount;
    const rows = examples.map((e) => ({ y: index.get(e.label)!, f: e.features.filter(kept).map(rowOf) }));
    const p = new Float64Array(k);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.rate / (1 + epoch);
      // A fixed shuffle per epoch (multiplicative hashing), so training is reproducible.
      const order = rows.map((_, i) => i).sort((a, b) => ((a * 2654435761 + epoch * 40503) % 4294967296) - ((b * 2654435761 + epoch * 40503) % 4294967296));
      for (const i of order) {
        const { y, f } = rows[i]!;
        scoresOf(this.bias, f, p);
        softmaxInPlace(p);
        const scale = 1 / Math.sqrt(f.length || 1);
        for (let c = 0; c < k; c++) {
          const g = (p[c]! - (c === y ? 1 : 0)) * rate;
          this.bias[c]! -= g;
          for (const w of f) w[c]! -= g * scale + options.l2 * rate * w[c]!;
        }
      }
    }
    this.table = RowTable.fromRows(weights, k);
  }

  /** The learnt weights, to keep in a file: feature names, then one row of weights per feature. */
  state(): ModelState {
    return this.table.state(this.bias);
  }

  static restore<L extends string>(labels: readonly L[], state: ModelState): Softmax<L> {
    const model = new Softmax(labels, [], { epochs: 0, rate: 0, l2: 0, minCount: 0 });
    const { first, table } = RowTable.fromState(state, labels.length);
    model.bias = first;
    model.table = table;
    return model;
  }

  get size(): { features: number; bytes: number } {
    return this.table.size;
  }

  /** Every label with its probability, best first. Features never seen in training say nothing. */
  rank(features: readonly string[]): Scored<L>[] {
    const rows = this.table.rowsOf(features);
    const p = Float64Array.from(this.bias);
    this.table.addRows(rows, p, 1 / Math.sqrt(rows.length || 1));
    softmaxInPlace(p);
    return this.labels.map((label, i) => ({ label, probability: rows.length ? p[i]! : 0 })).sort((a, b) => b.probability - a.probability);
  }
}

/** The scores of one example while learning: the bias plus its rows, scaled so long and short messages weigh alike. */
function scoresOf(bias: Float32Array, rows: readonly Float32Array[], out: Float64Array): void {
  const scale = 1 / Math.sqrt(rows.length || 1);
  for (let c = 0; c < out.length; c++) out[c] = bias[c]!;
  for (const w of rows) for (let c = 0; c < out.length; c++) out[c]! += w[c]! * scale;
}

function softmaxInPlace(p: Float64Array): void {
  let max = -Infinity;
  for (const v of p) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] = Math.exp(p[i]! - max);
  for (let i = 0; i < p.length; i++) p[i]! /= sum;
}
