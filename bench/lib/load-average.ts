import os from "node:os";
import { round } from "./log.ts";

export interface LoadAverageFields {
  [field: string]: number;
  /** The 1-minute load average when the metric ended. */
  load_avg_1m: number;
  /** The mean of the 1-minute load average sampled every second while the metric ran. */
  load_avg_mean: number;
}

/**
 * The machine's 1-minute load average over one metric, sampled every second: on a shared machine the
 * figures of a busy minute are not those of a quiet one, so each metric line carries the load it ran under.
 */
export function sampleLoadAverage(everyMs = 1000): { fields(): LoadAverageFields; stop(): void } {
  const samples: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    fields() {
      const now = os.loadavg()[0]!;
      samples.push(now);
      return { load_avg_1m: round(now), load_avg_mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
    },
    stop: () => clearInterval(timer),
  };
}
