import { DelayedError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { FIRES_QUEUE, openFiresQueue } from "./queue.ts";
import { runFires, type FireRegistry } from "./registry.ts";
import type { FireJob } from "./timer.ts";
import type { FireResult } from "./types.ts";

/** Jobs worked at once per process. */
export const FIRE_CONCURRENCY = 16;
/** Batches in flight at once: while they run, the jobs that arrive wait and go together in the next one. */
const BATCH_LANES = 2;
/** Other due fires a batch may take along (reminders: see claimDue): a burst is drained in batches this size. */
export const SWEEP = 500;

/**
 * The one worker of the `fires` queue, for every kind: each job names a ScheduledFire row, and the
 * handler of the row's kind (registry.ts) decides from the row. The jobs in hand are handled together
 * (reminders: one claim, one load, one commit for the lot), because a query per fire cannot keep up
 * with 10,000 reminders due in the same minute.
 * A job that wakes before its row's time (the row was moved while the job was already running, or
 * could not be moved) goes back to sleep until the row's time without using an attempt.
 * An error (database down) lets BullMQ retry with the queue's backoff; the claims are given back first.
 */
export function startFireWorker(registry: FireRegistry, connection: Redis, prefix: string, opts: { concurrency?: number } = {}): Worker<FireJob, FireResult["outcome"]> {
  const log = registry.log;
  // Fires a batch swept along are done: their jobs are removed rather than run for nothing.
  const queue = openFiresQueue(connection, prefix);
  queue.on("error", (err) => log.warn({ err: err.message }, "fire queue error"));
  const run = fireBatcher(registry, BATCH_LANES, (ids) => {
    void Promise.all(ids.map((id) => queue.remove(id).catch(() => 0)));
  });
  const worker = new Worker<FireJob, FireResult["outcome"]>(
    FIRES_QUEUE,
    async (job, token) => {
      const result = await run(job.data.fireId);
      if (result.outcome === "early") {
        await job.updateData({ ...job.data, runAt: result.dueAt.getTime() });
        await job.moveToDelayed(result.dueAt.getTime(), token);
        throw new DelayedError();
      }
      return result.outcome;
    },
    { connection, prefix, concurrency: opts.concurrency ?? FIRE_CONCURRENCY },
  );
  worker.on("error", (err) => log.error({ err, queue: FIRES_QUEUE }, "fire worker error"));
  worker.on("closed", () => void queue.close().catch(() => undefined));
  worker.on("failed", (job, err) => log.warn({ err, fireId: job?.data.fireId, attempts: job?.attemptsMade }, "fire failed"));
  return worker;
}

interface Waiting {
  id: string;
  resolve(result: FireResult): void;
  reject(err: unknown): void;
}

/**
 * Gathers fire ids from concurrent jobs into batches, like a data loader: a call waits until its batch
 * ran, and a batch starts as soon as a lane is free. Under load the batches fill by themselves;
 * a lone fire goes alone, at once.
 */
export function fireBatcher(registry: FireRegistry, lanes = BATCH_LANES, onSwept: (fireIds: string[]) => void = () => undefined): (fireId: string) => Promise<FireResult> {
  let waiting: Waiting[] = [];
  let busy = 0;
  const pump = () => {
    while (busy < lanes && waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      busy++;
      runFires(registry, batch.map((w) => w.id), { sweep: SWEEP })
        .then((results) => {
          const asked = new Set(batch.map((w) => w.id));
          const swept = [...results.keys()].filter((id) => !asked.has(id));
          if (swept.length) onSwept(swept);
          const answered = new Set<string>();
          for (const w of batch) {
            // The same fire twice in one batch: the first gets the result, the others had nothing to do.
            w.resolve(answered.has(w.id) ? { outcome: "skipped" } : (results.get(w.id) ?? { outcome: "skipped" }));
            answered.add(w.id);
          }
        })
        .catch((err: unknown) => batch.forEach((w) => w.reject(err)))
        .finally(() => {
          busy--;
          pump();
        });
    }
  };
  return (fireId) =>
    new Promise<FireResult>((resolve, reject) => {
      waiting.push({ id: fireId, resolve, reject });
      // Let the jobs that arrive in the same turn of the event loop join the batch.
      setImmediate(pump);
    });
}
