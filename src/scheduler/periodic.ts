import type { AppDeps } from "../app/deps.ts";
import { startRetention } from "../app/retention.ts";
import { startOutboundSweeper } from "../app/sweep-outbound.ts";
import type { Metrics } from "../core/metrics.ts";
import { startReconciler } from "../reminders/reconcile.ts";
import type { FireTimer } from "../reminders/timer.ts";
import { createLeaseRedis, leaseOwnerId, redisLease } from "./lease.ts";
import { lead, leaseTimings, type Leadership } from "./leadership.ts";
import { closeRedis } from "./redis.ts";

/** The periodic loops' lock lapses this long after its holder's last renewal: a dead holder is replaced within about 40 s. */
const PERIODIC_LOCK_MS = 30_000;
const TASK = "periodic";

export interface PeriodicOptions {
  redisUrl: string;
  /** QUEUE_PREFIX: the lock lives beside the queues. */
  prefix: string;
  retentionMonths: number;
  metrics?: Metrics;
  lockMs?: number;
}

/**
 * The periodic loops — the reminder reconciler (at start, then every 5 minutes), the outbound sweeper
 * (every minute) and retention (daily) — in one worker process at a time, however many run: each pass
 * reads the whole database, and running it in every worker only multiplied that work. The holder of a
 * lock in Redis runs them (leadership.ts); the others wait and take over when it stops or dies.
 */
export function startPeriodicLoops(deps: AppDeps, fires: FireTimer, opts: PeriodicOptions): Leadership {
  const ttlMs = opts.lockMs ?? PERIODIC_LOCK_MS;
  const redis = createLeaseRedis(opts.redisUrl, leaseTimings(ttlMs).commandTimeoutMs);
  redis.on("error", () => undefined);
  const lease = redisLease(redis, `${opts.prefix}:lock:periodic`, leaseOwnerId(), ttlMs);
  opts.metrics?.leader.set({ task: TASK }, 0);
  const leadership = lead({
    name: "periodic loops",
    lease,
    log: deps.log,
    start() {
      const reconciler = startReconciler(deps, fires);
      const sweeper = startOutboundSweeper(deps);
      const retention = startRetention(deps, opts.retentionMonths);
      return {
        async stop() {
          clearInterval(sweeper);
          retention.stop();
          await reconciler.stop();
        },
      };
    },
    onEvent(event) {
      opts.metrics?.leader.set({ task: TASK }, event === "taken" ? 1 : 0);
      opts.metrics?.leaderEvents.inc({ task: TASK, event });
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
