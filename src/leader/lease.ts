import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/**
 * Renews the lease only if we still hold it: after an expiry another process may own the key, and a
 * plain PEXPIRE would extend *its* lease on our behalf. Answers 1 (renewed) or 0 (not ours any more).
 */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Deletes the key only if we hold it, so a late release never frees another owner's lease. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * A lease in Redis: at most one owner at a time, for `ttlMs` after its last renewal (timed by Redis's
 * clock). The owner must renew well before the end (every ttl/3) or someone else may take it.
 *
 * @example
 * const lease = redisLease(redis, "migracoop:lock:telegram-polling", leaseOwnerId(), 10_000);
 * if (await lease.acquire()) { … setInterval(() => lease.renew(), 3_333) … await lease.release(); }
 */
export interface Lease {
  readonly key: string;
  /** Who we are in the key's value: host, pid and a random part (two runs of one pid never match). */
  readonly owner: string;
  readonly ttlMs: number;
  /** `SET key owner NX PX ttl`: true when we now hold the lease. */
  acquire(): Promise<boolean>;
  /** Extends our lease by ttl; false when it is not ours any more (expired, or taken since). */
  renew(): Promise<boolean>;
  /** Deletes the key if it is ours; false when it was not (nothing done). */
  release(): Promise<boolean>;
  /** The current owner, or null when free: for logs. */
  holder(): Promise<string | null>;
}

export function redisLease(redis: Redis, key: string, owner: string, ttlMs: number): Lease {
  const ttl = Math.round(ttlMs);
  return {
    key,
    owner,
    ttlMs: ttl,
    async acquire() {
      // Just connected (or reconnecting): wait a little rather than fail on the missing offline queue.
      await connected(redis, ttl / 3);
      return (await redis.set(key, owner, "PX", ttl, "NX")) === "OK";
    },
    async renew() {
      return Number(await redis.eval(RENEW, 1, key, owner, ttl)) === 1;
    },
    async release() {
      return Number(await redis.eval(RELEASE, 1, key, owner)) === 1;
    },
    holder: () => redis.get(key),
  };
}

/** Resolves once the connection is ready, or after `ms` anyway (the command then fails and is retried). */
function connected(redis: Redis, ms: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once("ready", done);
  });
}

/** A unique owner id for this process, readable in logs: `web-1.example.org:4242:9f3a1c`. */
export function leaseOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * A connection for leases, apart from BullMQ's. BullMQ's connection queues commands while Redis is
 * away and waits for ever (`maxRetriesPerRequest: null`); a lease holder must rather know fast that it
 * cannot renew, and a command must not sit in a queue to be sent long after we gave up on it. So: no
 * offline queue (commands fail at once while disconnected), and each command times out after
 * `commandTimeoutMs`. (A command already on the wire may still run after its timeout: leadership.ts
 * copes with an `acquire` that succeeded unseen.)
 */
export function createLeaseRedis(url: string, commandTimeoutMs: number): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: Math.max(100, Math.round(commandTimeoutMs)),
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
}
