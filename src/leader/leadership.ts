import type { Logger } from "../core/logger.ts";
import type { Lease } from "./lease.ts";

/** Waiting processes try the lease at least this often, so a dead owner is replaced within ttl + 5 s. */
const MAX_RETRY_MS = 5_000;

/** The work only the lease holder may do (e.g. Telegram long polling), started each time we take it. */
export interface LeaderTask {
  /**
   * Stops the work. `graceful` is true on shutdown, while we still hold the lease (the task may tidy
   * up, e.g. confirm updates to Telegram); false when the lease is lost: stop at once and touch
   * nothing shared, another process may already be doing the work.
   */
  stop(graceful: boolean): Promise<void>;
  /** Settles if the work ends on its own; the lease is then released so another process can take over. */
  readonly done?: Promise<void>;
}

export type LeadershipEvent = "taken" | "lost" | "released";

export interface LeadershipOptions {
  /** What is led, for logs: "telegram polling". */
  name: string;
  lease: Lease;
  start(): LeaderTask;
  log: Logger;
  /** For metrics. */
  onEvent?(event: LeadershipEvent): void;
}

export interface Leadership {
  /** True while this process holds the lease and runs the task. */
  readonly leading: boolean;
  /** Stops the task gracefully, releases the lease, and ends the loop. */
  stop(): Promise<void>;
}

/**
 * How often to renew and to retry for a lease of `ttlMs`: renew every ttl/3 (two renewals may fail
 * before it lapses), retry every ttl/3 up to 5 s, and give up on a Redis command after ttl/6, so a
 * holder that cannot reach Redis notices and stops well before the lease can lapse.
 */
export function leaseTimings(ttlMs: number): { renewMs: number; retryMs: number; commandTimeoutMs: number } {
  return { renewMs: ttlMs / 3, retryMs: Math.min(ttlMs / 3, MAX_RETRY_MS), commandTimeoutMs: ttlMs / 6 };
}

/**
 * Runs `start()` in one process at a time among all those calling `lead` with the same lease key:
 * the others wait and try every few seconds, and take over once the holder releases the lease
 * (shutdown) or stops renewing it (killed, frozen, cut off from Redis).
 *
 * The holder stops its task at once when a renewal says the lease is not ours any more, and also when
 * it cannot reach Redis for long enough that the lease may have lapsed (ttl − renewMs after the last
 * renewal was *sent*: measured from before Redis saw it, so our deadline comes before Redis's). Its
 * clock and Redis's need not agree on the time, only on the length of a second.
 */
export function lead(opts: LeadershipOptions): Leadership {
  const { lease, log, name } = opts;
  const { renewMs, retryMs } = leaseTimings(lease.ttlMs);
  const now = () => performance.now();
  const stopping = new AbortController();
  let leading = false;
  /** The other holder last seen while waiting, to log a takeover once and a new holder once. */
  let lastHolder: string | null = null;
  let unreachable = false;
  const ctx = { lock: lease.key, owner: lease.owner };

  const tryTake = async (): Promise<boolean> => {
    if (await lease.acquire()) return true;
    const holder = await lease.holder();
    // An earlier acquire that timed out on our side may still have reached Redis: the lease is ours.
    if (holder === lease.owner) return lease.renew();
    if (holder !== null && holder !== lastHolder) log.info({ ...ctx, holder }, `${name}: another process holds the lock; waiting`);
    lastHolder = holder ?? lastHolder;
    return false;
  };

  /** One term as holder, from the acquire sent at `validSince` until stop, loss, or the task's end. */
  const hold = async (validSince: number): Promise<void> => {
    let task: LeaderTask;
    try {
      task = opts.start();
    } catch (err) {
      log.error({ ...ctx, err }, `${name}: could not start; lock released`);
      await lease.release().catch(() => undefined);
      return;
    }
    leading = true;
    opts.onEvent?.("taken");
    if (lastHolder) log.warn({ ...ctx, previous: lastHolder }, `${name}: took over from a process that stopped renewing or released its lock`);
    else log.info(ctx, `${name}: lock taken; this process runs it`);
    lastHolder = null;
    const ended = new AbortController();
    void task.done?.then(
      () => ended.abort(),
      () => ended.abort(),
    );
    const wake = AbortSignal.any([stopping.signal, ended.signal]);
    for (;;) {
      await sleep(renewMs, wake);
      if (stopping.signal.aborted) {
        await task.stop(true);
        leading = false;
        await lease.release().catch((err: unknown) => log.warn({ ...ctx, err: message(err) }, `${name}: could not release the lock; it lapses by itself`));
        opts.onEvent?.("released");
        log.info(ctx, `${name}: lock released`);
        return;
      }
      if (ended.signal.aborted) {
        leading = false;
        await lease.release().catch(() => undefined);
        opts.onEvent?.("released");
        log.warn(ctx, `${name}: stopped on its own; lock released for another process`);
        return;
      }
      const sentAt = now();
      let verdict: "renewed" | "lost" | "unknown";
      try {
        verdict = (await lease.renew()) ? "renewed" : "lost";
      } catch (err) {
        verdict = "unknown";
        log.warn({ ...ctx, err: message(err) }, `${name}: could not renew the lock`);
      }
      if (verdict === "renewed") validSince = sentAt;
      if (verdict === "renewed" || (verdict === "unknown" && now() - validSince < lease.ttlMs - renewMs)) continue;
      leading = false;
      opts.onEvent?.("lost");
      log.warn({ ...ctx, reason: verdict === "lost" ? "taken or lapsed" : "redis unreachable" }, `${name}: lock lost; stopping at once`);
      await task.stop(false);
      return;
    }
  };

  const run = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      const sentAt = now();
      let took = false;
      try {
        took = await tryTake();
        unreachable = false;
      } catch (err) {
        if (!unreachable) log.warn({ ...ctx, err: message(err) }, `${name}: cannot reach Redis for the lock; retrying`);
        unreachable = true;
      }
      if (took && !stopping.signal.aborted) await hold(sentAt);
      else if (took) await lease.release().catch(() => undefined);
      await sleep(retryMs, stopping.signal);
    }
  };

  const done = run().catch((err: unknown) => log.error({ ...ctx, err }, `${name}: leadership loop failed`));
  return {
    get leading() {
      return leading;
    },
    async stop() {
      stopping.abort();
      await done;
    },
  };
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Resolves after `ms`, or as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
