import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { fanOutBroadcast } from "../broadcast/fan-out.ts";
import { broadcastProgress } from "../broadcast/progress.ts";
import type { AppDeps } from "../deps.ts";
import { BROADCASTS_QUEUE, type BroadcastJob, type Queues } from "./queues.ts";

/** Seconds between progress checks of a broadcast that is still going out. */
export const PROGRESS_EVERY_MS = 10_000;

/**
 * Fans broadcasts out, then checks their progress until every recipient has a final status.
 * The progress check is a chain of delayed jobs, so it survives restarts like any other job.
 */
export function startBroadcastWorker(deps: AppDeps, queues: Queues, connection: Redis, prefix: string): Worker<BroadcastJob> {
  return new Worker<BroadcastJob>(
    BROADCASTS_QUEUE,
    async (job) => {
      const { broadcastId } = job.data;
      if (job.data.step === "fan-out") {
        await fanOutBroadcast(deps, broadcastId);
        await queues.broadcasts.add("progress", { broadcastId, step: "progress", round: 1, lastSent: -1 }, { jobId: `progress-${broadcastId}-1`, delay: 2000 });
        return;
      }
      const round = job.data.round ?? 1;
      const { done, sent } = await broadcastProgress(deps, broadcastId, job.data.lastSent ?? -1);
      if (!done) {
        await queues.broadcasts.add(
          "progress",
          { broadcastId, step: "progress", round: round + 1, lastSent: sent },
          { jobId: `progress-${broadcastId}-${round + 1}`, delay: PROGRESS_EVERY_MS },
        );
      }
    },
    { connection, prefix, concurrency: 2 },
  );
}
