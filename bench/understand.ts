import { readCorpus } from "../src/understanding/corpus.ts";
import { CORPUS_DIR, HELDOUT_DIR, loadUnderstander } from "../src/understanding/load.ts";
import { log, round } from "./lib/log.ts";

/**
 * `understand_latency_ms`: time to understand one message (intent, slots, language), over every
 * message of the corpus and the held-out part, after one warm-up pass; the model is loaded once, as
 * the service does at start. Also reports the model's size (goal ≤ 20 MB) and the heap it added.
 */
export function understandLatency(): { p50: number; p99: number; modelMB: number; heapMB: number } {
  const before = process.memoryUsage().heapUsed;
  const understander = loadUnderstander();
  const heapMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  const texts = [...readCorpus(CORPUS_DIR), ...readCorpus(HELDOUT_DIR)].map((e) => e.text);
  const options = { now: new Date(), timezone: "Europe/Paris" };
  for (const t of texts) understander.understand(t, options);
  const times = texts.map((t) => {
    const start = performance.now();
    understander.understand(t, options);
    return performance.now() - start;
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const modelMB = understander.size.bytes / 2 ** 20;
  log(`understand: ${texts.length} messages, p50 ${round(at(0.5), 3)} ms, p99 ${round(at(0.99), 3)} ms, model ≈ ${round(modelMB, 1)} MB (heap +${round(heapMB, 1)} MB)`);
  return { p50: at(0.5), p99: at(0.99), modelMB, heapMB };
}
