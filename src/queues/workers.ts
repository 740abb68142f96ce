import { DelayedError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { deliverBatch } from "../outbox/deliver.ts";
import type { AppDeps } from "../deps.ts";
import { handleInboundBatch } from "../app/turn/handle-inbound.ts";
import { groupCommit } from "../core/group-commit.ts";
import { CHANNELS, type Address, type ChannelName } from "../core/inbound.ts";
import { BACKOFF_CAP_MS, sendBackoff } from "./backoff.ts";
import { redisPacer, type Pacer } from "./pacer.ts";
import { DEFAULT_RATES, sendBudget } from "../core/send-limit.ts";
import type { FireRegistry } from "../fires/registry.ts";
import { startFireWorker } from "../fires/worker.ts";
import { startBroadcastWorker } from "./broadcast-worker.ts";
import { addressesOf, INBOUND_QUEUE, outboundQueueName, type InboundJob, type OutboundJob, type Queues } from "./queues.ts";

/** How long a job waits before looking again when earlier messages to the same address are still going. */
const ORDER_WAIT_MS = 150;
/** Inbound jobs handled together at most (their addresses in one set-based pass). */
const INBOUND_GROUP = 200;

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
  // Jobs running side by side are handled together: their addresses join one pass (core/group-commit.ts).
  const handle = groupCommit<Address, number>(
    async (addresses) => {
      await handleInboundBatch(deps, addresses);
      return addresses.map(() => 0);
    },
    { maxBatch: INBOUND_GROUP, maxInFlight: 2 },
  );
  const inbound = new Worker<InboundJob>(INBOUND_QUEUE, async (job) => void (await Promise.all(addressesOf(job.data).map(handle))), {
    connection,
    prefix: opts.prefix,
    concurrency: opts.inboundConcurrency ?? 32,
  });
  const outbound = CHANNELS.filter((c) => deps.channels[c]).map((channel) => {
    const throttle = { consecutive: 0, until: 0 };
    const rate = opts.rates?.[channel] ?? DEFAULT_RATES[channel];
    const pacer = redisPacer(connection, `${opts.prefix}:pace:${channel}`, sendBudget(channel, rate));
    // A wave of sends is a tenth of a second of the platform's pace: what a crash can leave uncertain.
    const wave = Math.max(1, Math.ceil(rate / 10));
    const worker: Worker<OutboundJob> = new Worker<OutboundJob>(outboundQueueName(channel), (job, token) => sendBatch(deps, worker, pacer, wave, job, throttle, token), {
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

async function sendBatch(
  deps: AppDeps,
  worker: Worker,
  pacer: Pacer,
  wave: number,
  job: Job<OutboundJob>,
  throttle: { consecutive: number; until: number },
  token?: string,
): Promise<void> {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const r = await deliverBatch(deps, job.data.ids, { pace: pacer, lastAttempt, wave });
  if (r.sent) throttle.consecutive = 0;
  if (r.throttled?.retryAfterMs) {
    // The whole number or bot is throttled: pause this queue, and let the job come back without using
    // an attempt. A limit that persists doubles the pause each time (capped), until a send succeeds.
    // Jobs running side by side hit the same limit: one pause counts once.
    const now = Date.now();
    if (now >= throttle.until) {
      throttle.consecutive++;
      throttle.until = now + Math.min(BACKOFF_CAP_MS, r.throttled.retryAfterMs * 2 ** Math.min(throttle.consecutive - 1, 10));
    }
    await worker.rateLimit(Math.max(1, throttle.until - now));
    throw Worker.RateLimitError();
  }
  if (r.retry) throw r.retry;
  if (r.blocked && token) {
    // One person's messages arrive in order: the earlier ones to this address go first.
    await job.moveToDelayed(Date.now() + ORDER_WAIT_MS, token);
    throw new DelayedError();
  }
}
