import { log } from "./log.ts";

/**
 * Everything a benchmark starts registers how to stop it here; `runAll` runs them last-in first-out,
 * whatever happened (a failed metric, an exception, SIGINT). Each step is bounded in time and its
 * failure is reported, never thrown, so one stuck resource cannot keep the others alive.
 */
export class Cleanup {
  private steps: Array<{ name: string; run: () => Promise<unknown> | unknown; timeoutMs: number }> = [];

  /** `timeoutMs` bounds this step (20 s by default; a whole nested cleanup gets more). */
  add(name: string, run: () => Promise<unknown> | unknown, timeoutMs = 20_000): void {
    this.steps.push({ name, run, timeoutMs });
  }

  async runAll(): Promise<void> {
    while (this.steps.length) {
      const step = this.steps.pop()!;
      const timeoutMs = step.timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(step.run),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        log(`cleanup "${step.name}" failed: ${(err as Error)?.message ?? String(err)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
