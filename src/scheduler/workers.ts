import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { deliverOutbound, fail } from "../app/deliver.ts";
import type { AppDeps } from "../app/deps.ts";
import { handleInbound } from "../app/handle-inbound.ts";
import { SendError } from "../core/errors.ts";
import { CHANNELS, type ChannelName } from "../core/inbound.ts";
import { sendBackoff } from "./backoff.ts";
import { startFireWorker } from "../reminders/worker.ts";
import { startBroadcastWorker } from "./broadcast-worker.ts";
import { INBOUND_QUEUE, outboundQueueName, type InboundJob, type OutboundJob, type Queues } from "./queues.ts";

/** Sending limits per platform (messages per second for the whole number or bot). */
export const SEND_LIMITS: Record<ChannelName, { max: number; duration: number }> = {
  whatsapp: { max: 80, duration: 1000 },
  telegram: { max: 30, duration: 1000 },
  console: { max: 1000, duration: 1000 },
};

export interface WorkerOptions {
  prefix: string;
  inboundConcurrency?: number;
  outboundConcurrency?: number;
}

export interface Workers {
  all: Worker[];
  close(): Promise<void>;
}

/**
 * The workers of one process: inbound handling and one outbound worker per platform, each
 * rate-limited to its platform's pace. `close()` waits for the jobs in hand to finish.
 */
export function startWorkers(deps: AppDeps, queues: Queues, connection: Redis, opts: WorkerOptions): Workers {
  const inbound = new Worker<InboundJob>(INBOUND_QUEUE, (job) => handleInbound(deps, job.data), {
    connection,
    prefix: opts.prefix,
    concurrency: opts.inboundConcurrency ?? 8,
  });
  const outbound = CHANNELS.filter((c) => deps.adapters[c]).map((channel) => {
    const worker: Worker<OutboundJob> = new Worker<OutboundJob>(outboundQueueName(channel), (job, token) => sendBatch(deps, worker, job, token), {
      connection,
      prefix: opts.prefix,
      concurrency: opts.outboundConcurrency ?? 16,
      limiter: SEND_LIMITS[channel],
      settings: { backoffStrategy: (attemptsMade, _type, err) => sendBackoff(attemptsMade, err) },
    });
    return worker;
  });
  const all: Worker[] = [inbound, ...outbound, startBroadcastWorker(deps, queues, connection, opts.prefix), startFireWorker(deps, connection, opts.prefix)];
  for (const w of all) w.on("error", (err) => deps.log.error({ err, queue: w.name }, "worker error"));
  return {
    all,
    async close() {
      await Promise.all(all.map((w) => w.close()));
    },
  };
}

async function sendBatch(deps: AppDeps, worker: Worker, job: Job<OutboundJob>, _token?: string): Promise<void> {
  for (const id of job.data.ids) {
    try {
      await deliverOutbound(deps, id);
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) {
        await fail(deps, id, "retries_exhausted", `${err.code}: ${err.message}`);
        continue;
      }
      if (err.global && err.retryAfterMs) {
        // The whole number or bot is throttled: pause this queue, and let the job come back without using an attempt.
        await worker.rateLimit(err.retryAfterMs);
        throw Worker.RateLimitError();
      }
      throw err;
    }
  }
}
