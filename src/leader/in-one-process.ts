import type { Logger } from "../core/logger.ts";
import type { Metrics } from "../core/metrics.ts";
import { createLeaseRedis, leaseOwnerId, redisLease } from "./lease.ts";
import { lead, leaseTimings, type Leadership, type LeaderTask } from "./leadership.ts";
import { closeRedis } from "../queues/redis.ts";

export interface SingleProcessOptions {
  /** For logs: "telegram polling". */
  name: string;
  /** For metrics (`migracoop_leader{task}`): "telegram_polling". */
  task: string;
  redisUrl: string;
  /** The lock's Redis key. */
  key: string;
  /** The lock lapses this long after its holder's last renewal. */
  ttlMs: number;
  log: Logger;
  metrics?: Metrics;
  start(): LeaderTask;
}

/**
 * Runs `start()` in one process at a time among all that call this with the same key: a lease in Redis
 * on a connection of its own that fails fast (leadership.ts), reported in the metrics, closed on stop.
 */
export function inOneProcess(opts: SingleProcessOptions): Leadership {
  const redis = createLeaseRedis(opts.redisUrl, leaseTimings(opts.ttlMs).commandTimeoutMs);
  // Failures are reported by the leadership loop, with what they mean; this only keeps ioredis from
  // printing unhandled "error" events while it reconnects.
  redis.on("error", () => undefined);
  const { metrics, task } = opts;
  metrics?.leader.set({ task }, 0);
  const leadership = lead({
    name: opts.name,
    lease: redisLease(redis, opts.key, leaseOwnerId(), opts.ttlMs),
    log: opts.log,
    start: opts.start,
    onEvent(event) {
      metrics?.leader.set({ task }, event === "taken" ? 1 : 0);
      metrics?.leaderEvents.inc({ task, event });
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
