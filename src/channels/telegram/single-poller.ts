import type { Bot } from "grammy";
import type { Metrics } from "../../core/metrics.ts";
import { closeRedis } from "../../scheduler/redis.ts";
import { createLeaseRedis, leaseOwnerId, redisLease } from "../../scheduler/lease.ts";
import { lead, leaseTimings, type Leadership } from "../../scheduler/leadership.ts";
import { startPolling, type PollingOptions } from "./polling.ts";

/** The lock's default life without renewal; TELEGRAM_POLLING_LOCK_SECONDS overrides it. */
export const DEFAULT_POLLING_LOCK_MS = 10_000;
const TASK = "telegram_polling";

export interface SinglePollerOptions extends PollingOptions {
  redisUrl: string;
  /** QUEUE_PREFIX: the lock lives beside the queues, so deployments (and tests) sharing a Redis stay apart. */
  prefix: string;
  lockMs?: number;
  metrics?: Metrics;
}

/** The Redis key of a bot's polling lock: `<prefix>:lock:telegram-polling:<bot id>` (the id is the token's public part). */
export function pollingLockKey(prefix: string, token: string): string {
  return `${prefix}:lock:telegram-polling:${token.split(":")[0]}`;
}

/**
 * Telegram long polling in one process at a time, however many web processes run. Telegram allows one
 * getUpdates at a time per bot: a second one gets 409 Conflict and ends the first, so two pollers
 * trade failures, and an update can be fetched by both or confirmed by one before the other stored it.
 *
 * So only the holder of a lock in Redis polls (leadership.ts): the others wait and try every few
 * seconds; when the holder dies without releasing the lock (SIGKILL), the lock lapses and one of them
 * takes over within the lock's life plus one retry (10 + 3.3 s by default). A holder that loses the lock
 * stops polling at once, without confirming anything to Telegram; updates it recorded but did not
 * confirm come back to the new poller and are dropped as duplicates (update_id).
 */
export function startSinglePoller(bot: Bot, opts: SinglePollerOptions): Leadership {
  const ttlMs = opts.lockMs ?? DEFAULT_POLLING_LOCK_MS;
  const redis = createLeaseRedis(opts.redisUrl, leaseTimings(ttlMs).commandTimeoutMs);
  // Failures are reported by the leadership loop, with what they mean; this only keeps ioredis from
  // printing unhandled "error" events while it reconnects.
  redis.on("error", () => undefined);
  const lease = redisLease(redis, pollingLockKey(opts.prefix, bot.token), leaseOwnerId(), ttlMs);
  const { metrics } = opts;
  metrics?.leader.set({ task: TASK }, 0);
  const leadership = lead({
    name: "telegram polling",
    lease,
    log: opts.log,
    start() {
      const polling = startPolling(bot, opts);
      return { done: polling.done, stop: (graceful) => polling.stop({ confirm: graceful }) };
    },
    onEvent(event) {
      metrics?.leader.set({ task: TASK }, event === "taken" ? 1 : 0);
      metrics?.leaderEvents.inc({ task: TASK, event });
    },
  });
  return {
    get leading() {
      return leadership.leading;
    },
    async stop() {
      await leadership.stop();
      await closeRedis(redis);
    },
  };
}
