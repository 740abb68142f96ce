import type { AppDeps } from "../deps.ts";
import { startRetention } from "../privacy/retention.ts";
import { startOutboundSweeper } from "../outbox/sweep.ts";
import type { Metrics } from "../core/metrics.ts";
import { startReconciler } from "../fires/reconcile.ts";
import type { FireRegistry } from "../fires/registry.ts";
import type { FireTimer } from "../fires/timer.ts";
import type { Leadership } from "./leadership.ts";
import { inOneProcess } from "./in-one-process.ts";

/** The periodic loops' lock lapses this long after its holder's last renewal: a dead holder is replaced within about 40 s. */
const PERIODIC_LOCK_MS = 30_000;

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
export function startPeriodicLoops(deps: AppDeps, fires: FireRegistry, timer: FireTimer, opts: PeriodicOptions): Leadership {
  return inOneProcess({
    name: "periodic loops",
    task: "periodic",
    redisUrl: opts.redisUrl,
    key: `${opts.prefix}:lock:periodic`,
    ttlMs: opts.lockMs ?? PERIODIC_LOCK_MS,
    log: deps.log,
    metrics: opts.metrics,
    start() {
      const reconciler = startReconciler(fires, timer);
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
  });
}
