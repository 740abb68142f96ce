import { packRows, unpackRows, type Labelled, type ModelState, type Scored } from "./naive-bayes.ts";

/**
 * A linear model over sets of string features (multinomial logistic regression), trained by
 * stochastic gradient descent with the examples in a fixed order, so the same corpus always gives the
 * same model. Where naive Bayes counts every n-gram of a word as separate evidence, this one learns how
 * much each feature is worth beside the others, which is what tells "je viens" from "je viens pas".
 */
export class Softmax<L extends string> {
  private readonly weights = new Map<string, Float32Array>();
  private bias: Float32Array;

  constructor(
    readonly labels: readonly L[],
    examples: readonly Labelled<L>[],
    options: { epochs: number; rate: number; l2: number; minCount: number },
  ) {
    const k = labels.length;
    const index = new Map(labels.map((l, i) => [l, i]));
    this.bias = new Float32Array(k);
    if (!examples.length) return;
    // Features seen fewer than minCount times are mostly one person's typo: dropped, they only cost memory.
    const seen = new Map<string, number>();
    for (const e of examples) for (const f of e.features) seen.set(f, (seen.get(f) ?? 0) + 1);
    const kept = (f: string) => (seen.get(f) ?? 0) >= options.minCount;
    const rows = examples.map((e) => ({ y: index.get(e.label)!, f: e.features.filter(kept).map((f) => this.row(f)) }));
    const p = new Float64Array(k);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.rate / (1 + epoch);
      // A fixed shuffle per epoch (multiplicative hashing), so training is reproducible.
      const order = rows.map((_, i) => i).sort((a, b) => ((a * 2654435761 + epoch * 40503) % 4294967296) - ((b * 2654435761 + epoch * 40503) % 4294967296));
      for (const i of order) {
        const { y, f } = rows[i]!;
        this.scores(f, p);
        softmaxInPlace(p);
        const scale = 1 / Math.sqrt(f.length || 1);
        for (let c = 0; c < k; c++) {
          const g = (p[c]! - (c === y ? 1 : 0)) * rate;
          this.bias[c]! -= g;
          for (const w of f) w[c]! -= g * scale + options.l2 * rate * w[c]!;
        }
      }
    }
  }

  /** The learnt weights, to keep in a file: feature names, then one row of weights per feature. */
  state(): ModelState {
    return packRows(this.bias, this.weights);
  }

  static restore<L extends string>(labels: readonly L[], state: ModelState): Softmax<L> {
    const model = new Softmax(labels, [], { epochs: 0, rate: 0, l2: 0, minCount: 0 });
    const { first, rows } = unpackRows(state, labels.length);
    model.bias = first;
    for (const [key, row] of rows) model.weights.set(key, row);
    return model;
  }

  private row(feature: string): Float32Array {
    let w = this.weights.get(feature);
    if (!w) this.weights.set(feature, (w = new Float32Array(this.labels.length)));
    return w;
  }

  private scores(rows: readonly Float32Array[], out: Float64Array): void {
    const scale = 1 / Math.sqrt(rows.length || 1);
    for (let c = 0; c < out.length; c++) out[c] = this.bias[c]!;
    for (const w of rows) for (let c = 0; c < out.length; c++) out[c]! += w[c]! * scale;
  }

  get size(): { features: number; bytes: number } {
    let keyBytes = 0;
    for (const key of this.weights.keys()) keyBytes += 2 * key.length + 40;
    return { features: this.weights.size, bytes: keyBytes + this.weights.size * (this.labels.length * 4 + 64) };
  }

  /** Every label with its probability, best first. Features never seen in training say nothing. */
  rank(features: readonly string[]): Scored<L>[] {
    const rows = features.map((f) => this.weights.get(f)).filter((w): w is Float32Array => !!w);
    const p = new Float64Array(this.labels.length);
    this.scores(rows, p);
    softmaxInPlace(p);
    return this.labels.map((label, i) => ({ label, probability: rows.length ? p[i]! : 0 })).sort((a, b) => b.probability - a.probability);
  }
}

function softmaxInPlace(p: Float64Array): void {
  let max = -Infinity;
  for (const v of p) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i] = Math.exp(p[i]! - max);
  for (let i = 0; i < p.length; i++) p[i]! /= sum;
}
