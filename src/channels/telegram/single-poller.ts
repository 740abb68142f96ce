import type { Bot } from "grammy";
import type { Metrics } from "../../core/metrics.ts";
import type { Leadership } from "../../leader/leadership.ts";
import { inOneProcess } from "../../leader/in-one-process.ts";
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
  return inOneProcess({
    name: "telegram polling",
    task: TASK,
    redisUrl: opts.redisUrl,
    key: pollingLockKey(opts.prefix, bot.token),
    ttlMs: opts.lockMs ?? DEFAULT_POLLING_LOCK_MS,
    log: opts.log,
    metrics: opts.metrics,
    start() {
      const polling = startPolling(bot, opts);
      return { done: polling.done, stop: (graceful) => polling.stop({ confirm: graceful }) };
    },
  });
}
