/**
 * A multinomial naive Bayes over sets of string features, kept as one small vector of log
 * probabilities per feature so that scoring a message is a few hundred additions.
 *
 * Why our own and not a package: the packages we read score each message against the whole
 * vocabulary (natural's classifiers build a dense vector per message) or, per token, sum the counts of
 * every other label for every label (wink-naive-bayes-text-classifier's one-versus-rest odds), and keep
 * counts as objects of strings; ours is one typed row per feature, learnt in one pass, kept in a file.
 */
import { RowTable, type ModelState } from "./row-table.ts";

export type { ModelState } from "./row-table.ts";

export interface Labelled<L extends string> {
  label: L;
  features: readonly string[];
}

export interface Scored<L extends string> {
  label: L;
  probability: number;
}

export class NaiveBayes<L extends string> {
  private table: RowTable;
  private prior: Float32Array;

  /**
   * @param labels every label, in a fixed order
   * @param examples the labelled corpus
   * @param options `alpha`: additive smoothing; `temperature`: how much a softmax over the summed
   *   log probabilities is flattened (naive Bayes counts each of a word's n-grams as independent
   *   evidence, so its raw probabilities are far too sure of themselves); `minCount`: features seen
   *   fewer times are dropped (they are mostly one person's typo, and they cost memory).
   */
  constructor(
    readonly labels: readonly L[],
    examples: Iterable<Labelled<L>>,
    private readonly options: { alpha: number; temperature: number; minCount: number },
  ) {
    this.prior = new Float32Array(labels.length);
    const index = new Map(labels.map((l, i) => [l, i]));
    const counts = new Map<string, Float64Array>();
    const totals = new Float64Array(labels.length);
    const docs = new Float64Array(labels.length);
    for (const { label, features } of examples) {
      const i = index.get(label);
      if (i === undefined) throw new Error(`unknown label ${label}`);
      docs[i]! += 1;
      for (const f of features) {
        let row = counts.get(f);
        if (!row) counts.set(f, (row = new Float64Array(labels.length)));
        row[i]! += 1;
        totals[i]! += 1;
      }
    }
    const kept = [...counts].filter(([, row]) => row.reduce((a, b) => a + b, 0) >= options.minCount);
    const vocabulary = kept.length;
    const rows = new Map<string, Float32Array>();
    for (const [feature, row] of kept) {
      rows.set(feature, Float32Array.from(row, (n, i) => Math.log((n + options.alpha) / (totals[i]! + options.alpha * vocabulary))));
    }
    this.table = RowTable.fromRows(rows, labels.length);
    const allDocs = docs.reduce((a, b) => a + b, 0);
    if (allDocs) this.prior = Float32Array.from(docs, (n) => Math.log((n + 1) / (allDocs + labels.length)));
  }

  state(): ModelState {
    return this.table.state(this.prior);
  }

  static restore<L extends string>(labels: readonly L[], state: ModelState, options: { alpha: number; temperature: number; minCount: number }): NaiveBayes<L> {
    const model = new NaiveBayes(labels, [], options);
    const { first, table } = RowTable.fromState(state, labels.length);
    model.prior = first;
    model.table = table;
    return model;
  }

  /** Number of features kept, and an estimate of the bytes they hold. */
  get size(): { features: number; bytes: number } {
    return this.table.size;
  }

  /** Every label with its probability, best first. Features never seen in training say nothing. */
  rank(features: readonly string[]): Scored<L>[] {
    const scores = Float64Array.from(this.prior);
    const rows = this.table.rowsOf(features);
    this.table.addRows(rows, scores);
    const seen = rows.length;
    // The temperature grows with the evidence, so a long message is not more certain for being long.
    const t = this.options.temperature * Math.sqrt(Math.max(seen, 1));
    const max = Math.max(...scores);
    const exps = Array.from(scores, (s) => Math.exp((s - max) / t));
    const sum = exps.reduce((a, b) => a + b, 0);
    return this.labels.map((label, i) => ({ label, probability: seen ? exps[i]! / sum : 0 })).sort((a, b) => b.probability - a.probability);
  }
}
