import { DelayedError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { deliverOutbound, fail } from "../outbox/deliver.ts";
import type { AppDeps } from "../deps.ts";
import { handleInbound } from "../app/turn/handle-inbound.ts";
import { SendError } from "../core/errors.ts";
import { CHANNELS, type ChannelName } from "../core/inbound.ts";
import { BACKOFF_CAP_MS, sendBackoff } from "./backoff.ts";
import { redisPacer, type Pacer } from "./pacer.ts";
import { DEFAULT_RATES, sendBudget } from "../core/send-limit.ts";
import type { FireRegistry } from "../fires/registry.ts";
import { startFireWorker } from "../fires/worker.ts";
import { startBroadcastWorker } from "./broadcast-worker.ts";
import { INBOUND_QUEUE, outboundQueueName, type InboundJob, type OutboundJob, type Queues } from "./queues.ts";

/** How long a batch waits for earlier messages to the same address before looking again. */
const ORDER_WAIT_MS = 150;
/** Earlier messages older than this no longer hold later ones back (a lost or stuck job must not block a person). */
const ORDER_WINDOW_MS = 10_000;

/** True when an earlier reply to the same address (the conversation), not in this batch, is still queued or being sent. */
async function earlierStillGoing(deps: AppDeps, ids: string[]): Promise<boolean> {
  const [row] = await deps.prisma.$queryRaw<{ waiting: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "OutboundMessage" f JOIN "OutboundMessage" e ON e."channel" = f."channel" AND e."externalId" = f."externalId"
      WHERE f."id" = ${ids[0]!} AND e."status" IN ('queued', 'sending') AND e."purpose" = 'reply' AND NOT (e."id" = ANY(${ids}))
        AND e."createdAt" < f."createdAt" AND e."createdAt" > f."createdAt" - make_interval(secs => ${ORDER_WINDOW_MS / 1000})
    ) AS "waiting"`;
  return row?.waiting === true;
}

export interface WorkerOptions {
  prefix: string;
  /** Every kind of scheduled fire and its handler (src/fire-kinds.ts). */
  fires: FireRegistry;
  inboundConcurrency?: number;
  outboundConcurrency?: number;
  /** Messages per second a platform accepts, when not its default (a WhatsApp number upgraded to 1,000). */
  rates?: Partial<Record<ChannelName, number>>;
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
  const outbound = CHANNELS.filter((c) => deps.channels[c]).map((channel) => {
    const throttle = { consecutive: 0, until: 0 };
    const rate = opts.rates?.[channel] ?? DEFAULT_RATES[channel];
    const pacer = redisPacer(connection, `${opts.prefix}:pace:${channel}`, sendBudget(channel, rate));
    const worker: Worker<OutboundJob> = new Worker<OutboundJob>(outboundQueueName(channel), (job, token) => sendBatch(deps, worker, pacer, job, throttle, token), {
      connection,
      prefix: opts.prefix,
      concurrency: opts.outboundConcurrency ?? 16,
      // The pacer keeps each second under the platform's rate; BullMQ's limiter, looser, is what a
      // platform's "slow down" (130429, 429) pauses the whole queue with (worker.rateLimit below).
      limiter: { max: rate, duration: 1000 },
      settings: { backoffStrategy: (attemptsMade, _type, err) => sendBackoff(attemptsMade, err) },
    });
    return worker;
  });
  const all: Worker[] = [inbound, ...outbound, startBroadcastWorker(deps, queues, connection, opts.prefix), startFireWorker(opts.fires, connection, opts.prefix)];
  for (const w of all) w.on("error", (err) => deps.log.error({ err, queue: w.name }, "worker error"));
  return {
    all,
    async close() {
      await Promise.all(all.map((w) => w.close()));
    },
  };
}

async function sendBatch(deps: AppDeps, worker: Worker, pacer: Pacer, job: Job<OutboundJob>, throttle: { consecutive: number; until: number }, token?: string): Promise<void> {
  if (token && (await earlierStillGoing(deps, job.data.ids))) {
    // One person's messages arrive in order: wait for the earlier ones to this address to go first.
    await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
    throw new DelayedError();
  }
  for (const id of job.data.ids) {
    try {
      if ((await deliverOutbound(deps, id, pacer.take)) === "sent") throttle.consecutive = 0;
    } catch (err) {
      if (!(err instanceof SendError)) throw err;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) {
        await fail(deps, id, "retries_exhausted", `${err.code}: ${err.message}`);
        continue;
      }
      if (err.global && err.retryAfterMs) {
        // The whole number or bot is throttled: pause this queue, and let the job come back without using
        // an attempt. A limit that persists doubles the pause each time (capped), until a send succeeds.
        // Jobs running side by side hit the same limit: one pause counts once.
        const now = Date.now();
        if (now >= throttle.until) {
          throttle.consecutive++;
          throttle.until = now + Math.min(BACKOFF_CAP_MS, err.retryAfterMs * 2 ** Math.min(throttle.consecutive - 1, 10));
        }
        await worker.rateLimit(Math.max(1, throttle.until - now));
        throw Worker.RateLimitError();
      }
      throw err;
    }
  }
}
