import { DelayedError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { AppDeps } from "../app/deps.ts";
import { FIRES_QUEUE } from "../scheduler/queues.ts";
import { handleFire, type FireResult } from "./fire.ts";
import type { FireJob } from "./timer.ts";

/** Fires handled at once per process: each is a few short queries, so the database pool is the limit. */
export const FIRE_CONCURRENCY = 16;

/**
 * Works the `fires` queue: each job names a ScheduledFire row, and `handleFire` decides from the row.
 * A job that wakes before its row's time (the row was moved while the job was already running or
 * could not be moved) goes back to sleep until the row's time, without using an attempt.
 * An error (database down) lets BullMQ retry with the queue's backoff; the claim is given back first.
 */
export function startFireWorker(deps: AppDeps, connection: Redis, prefix: string): Worker<FireJob, FireResult["outcome"]> {
  const worker = new Worker<FireJob, FireResult["outcome"]>(
    FIRES_QUEUE,
    async (job, token) => {
      const result = await handleFire(deps, job.data.fireId);
      if (result.outcome === "early") {
        await job.moveToDelayed(result.dueAt.getTime(), token);
        throw new DelayedError();
      }
      return result.outcome;
    },
    { connection, prefix, concurrency: FIRE_CONCURRENCY },
  );
  worker.on("error", (err) => deps.log.error({ err, queue: FIRES_QUEUE }, "fire worker error"));
  worker.on("failed", (job, err) => deps.log.warn({ err, fireId: job?.data.fireId, attempts: job?.attemptsMade }, "fire failed"));
  return worker;
}
