/**
 * A multinomial naive Bayes over sets of string features, kept as one small vector of log
 * probabilities per feature so that scoring a message is a few hundred additions.
 *
 * Why our own and not a package: the packages we read score each message against the whole
 * vocabulary (natural's classifiers build a dense vector per message) or, per token, sum the counts of
 * every other label for every label (wink-naive-bayes-text-classifier's one-versus-rest odds), and keep
 * counts as objects of strings; ours is one typed row per feature, learnt in one pass, kept in a file.
 */
export interface Labelled<L extends string> {
  label: L;
  features: readonly string[];
}

/** A model as kept in a file: its feature names and, base64, one row of float32 per feature (the first row: the priors). */
export interface ModelState {
  keys: string[];
  weights: string;
}

/** One block of float32 rows: `first` (priors or biases), then one row per feature, base64. */
export function packRows(first: Float32Array, rows: ReadonlyMap<string, Float32Array>): ModelState {
  const keys = [...rows.keys()];
  const k = first.length;
  const all = new Float32Array((keys.length + 1) * k);
  all.set(first, 0);
  keys.forEach((key, i) => all.set(rows.get(key)!, (i + 1) * k));
  return { keys, weights: Buffer.from(all.buffer).toString("base64") };
}

/** The rows of `packRows`, as views on one buffer. */
export function unpackRows(state: ModelState, k: number): { first: Float32Array; rows: Map<string, Float32Array> } {
  const all = new Float32Array(new Uint8Array(Buffer.from(state.weights, "base64")).buffer);
  return { first: all.slice(0, k), rows: new Map(state.keys.map((key, i) => [key, all.subarray((i + 1) * k, (i + 2) * k)])) };
}

export interface Scored<L extends string> {
  label: L;
  probability: number;
}

export class NaiveBayes<L extends string> {
  private readonly table = new Map<string, Float32Array>();
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
    for (const [feature, row] of kept) {
      this.table.set(feature, Float32Array.from(row, (n, i) => Math.log((n + options.alpha) / (totals[i]! + options.alpha * vocabulary))));
    }
    const allDocs = docs.reduce((a, b) => a + b, 0);
    if (allDocs) this.prior = Float32Array.from(docs, (n) => Math.log((n + 1) / (allDocs + labels.length)));
  }

  state(): ModelState {
    return packRows(this.prior, this.table);
  }

  static restore<L extends string>(labels: readonly L[], state: ModelState, options: { alpha: number; temperature: number; minCount: number }): NaiveBayes<L> {
    const model = new NaiveBayes(labels, [], options);
    const { first, rows } = unpackRows(state, labels.length);
    model.prior = first;
    for (const [key, row] of rows) model.table.set(key, row);
    return model;
  }

  /** Number of features kept, and an estimate of the bytes they hold. */
  get size(): { features: number; bytes: number } {
    let keyBytes = 0;
    for (const key of this.table.keys()) keyBytes += 2 * key.length + 40;
    return { features: this.table.size, bytes: keyBytes + this.table.size * (this.labels.length * 4 + 64) };
  }

  /** Every label with its probability, best first. Features never seen in training say nothing. */
  rank(features: readonly string[]): Scored<L>[] {
    const scores = Float64Array.from(this.prior);
    let seen = 0;
    for (const f of features) {
      const row = this.table.get(f);
      if (!row) continue;
      seen++;
      for (let i = 0; i < scores.length; i++) scores[i]! += row[i]!;
    }
    // The temperature grows with the evidence, so a long message is not more certain for being long.
    const t = this.options.temperature * Math.sqrt(Math.max(seen, 1));
    const max = Math.max(...scores);
    const exps = Array.from(scores, (s) => Math.exp((s - max) / t));
    const sum = exps.reduce((a, b) => a + b, 0);
    return this.labels.map((label, i) => ({ label, probability: seen ? exps[i]! / sum : 0 })).sort((a, b) => b.probability - a.probability);
  }
}
