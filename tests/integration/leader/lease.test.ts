import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/core/logger.ts";
import { createLeaseRedis, leaseOwnerId, redisLease } from "../../../src/leader/lease.ts";
import { lead, type Leadership } from "../../../src/leader/leadership.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../../support/redis.ts";
import { sleep, waitFor } from "../../support/eventually.ts";
import { startTcpProxy } from "../../support/tcp-proxy.ts";

const prefix = uniquePrefix("lease");
const connections: Redis[] = [];
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  for (const c of connections) c.disconnect();
  await clearPrefix(prefix);
});

/** A lease connection of its own, as each process has. */
function connect(url = REDIS_URL): Redis {
  const redis = createLeaseRedis(url, 500);
  redis.on("error", () => undefined);
  connections.push(redis);
  return redis;
}

/** An ordinary connection, for the test's own reads and writes. */
function plain(): Redis {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  return redis;
}

let keys = 0;
const freshKey = () => `${prefix}:lock:test-${++keys}`;

describe("a Redis lease", () => {
  it("goes to one of two owners; the other gets it only after release", async () => {
    const key = freshKey();
    const a = redisLease(connect(), key, "owner-a", 5_000);
    const b = redisLease(connect(), key, "owner-b", 5_000);
    const [gotA, gotB] = await Promise.all([a.acquire(), b.acquire()]);
    expect([gotA, gotB].filter(Boolean)).toHaveLength(1);
    const [winner, loser] = gotA ? [a, b] : [b, a];
    expect(await loser.holder()).toBe(winner.owner);
    expect(await loser.acquire()).toBe(false);
    expect(await winner.release()).toBe(true);
    expect(await loser.acquire()).toBe(true);
    expect(await winner.holder()).toBe(loser.owner);
  });

  it("is renewed by its owner only, and lapses when not renewed", async () => {
    const key = freshKey();
    const redis = plain();
    const a = redisLease(connect(), key, "owner-a", 400);
    const b = redisLease(connect(), key, "owner-b", 400);
    expect(await a.acquire()).toBe(true);
    await sleep(250);
    expect(await a.renew()).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(300); // renewal restarted the clock
    expect(await b.renew()).toBe(false); // not b's: nothing extended on b's behalf
    await sleep(250);
    expect(await b.acquire()).toBe(false); // 500 ms after acquire, alive thanks to the renewal
    await sleep(300);
    expect(await a.holder()).toBeNull(); // lapsed
    expect(await a.renew()).toBe(false); // too late: a lapsed lease is not revived
    expect(await b.acquire()).toBe(true);
  });

  it("never deletes another owner's lease (compare-and-delete)", async () => {
    const key = freshKey();
    const a = redisLease(connect(), key, "owner-a", 200);
    const b = redisLease(connect(), key, "owner-b", 5_000);
    expect(await a.acquire()).toBe(true);
    await sleep(300); // a's lease lapsed; b takes it
    expect(await b.acquire()).toBe(true);
    expect(await a.release()).toBe(false); // a late release by a
    expect(await a.holder()).toBe("owner-b");
    expect(await b.release()).toBe(true);
    expect(await a.holder()).toBeNull();
  });

  it("names its owner by host and pid, uniquely", () => {
    expect(leaseOwnerId()).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{6}$`));
    expect(leaseOwnerId()).not.toBe(leaseOwnerId());
  });
});

/** A task that records whether it runs, and how it was stopped. */
function recorder(name: string, log: string[]) {
  let running = 0;
  return {
    running: () => running,
    start() {
      running++;
      log.push(`${name} start`);
      return {
        async stop(graceful: boolean) {
          running--;
          log.push(`${name} stop ${graceful ? "graceful" : "at once"}`);
        },
      };
    },
  };
}

function leader(key: string, name: string, log: string[], ttlMs: number, url?: string) {
  const task = recorder(name, log);
  const events: string[] = [];
  const leadership: Leadership = lead({
    name,
    lease: redisLease(connect(url), key, `${name}-${leaseOwnerId()}`, ttlMs),
    start: () => task.start(),
    log: silentLogger,
    onEvent: (e) => events.push(e),
  });
  cleanups.push(() => leadership.stop());
  return { leadership, task, events };
}

describe("leadership over a lease", () => {
  it("runs the task in one process; on a graceful stop the lease is released and the other takes over", async () => {
    const key = freshKey();
    const log: string[] = [];
    const a = leader(key, "a", log, 900);
    await waitFor("a leads", () => a.leadership.leading, 3_000, 10);
    const b = leader(key, "b", log, 900);
    await sleep(1_200); // past a's lease life: a keeps it by renewing, b keeps waiting
    expect(a.task.running()).toBe(1);
    expect(b.task.running()).toBe(0);
    const t0 = performance.now();
    await a.leadership.stop();
    await waitFor("b takes over", () => b.leadership.leading, 3_000, 10);
    // b retries every ttl/3: a released lease is taken within one retry.
    expect(performance.now() - t0).toBeLessThan(900);
    expect(log).toEqual(["a start", "a stop graceful", "b start"]);
    expect(a.events).toEqual(["taken", "released"]);
    expect(b.events).toEqual(["taken"]);
  });

  it("stops the task at once when the lease is taken from it, and stops trying to renew another's lease", async () => {
    const key = freshKey();
    const log: string[] = [];
    const a = leader(key, "a", log, 900);
    await waitFor("a leads", () => a.leadership.leading, 3_000, 10);
    // As if a had been frozen past its lease and someone else had taken it.
    await plain().set(key, "intruder", "PX", 60_000);
    await waitFor("a stops", () => a.task.running() === 0, 1_500, 10);
    expect(log).toEqual(["a start", "a stop at once"]);
    expect(a.events).toEqual(["taken", "lost"]);
    expect(a.leadership.leading).toBe(false);
    await sleep(400);
    expect(await plain().get(key)).toBe("intruder");
  });

  it("stops a holder cut off from Redis before its lease lapses, and another takes over once it has", async () => {
    const key = freshKey();
    const log: string[] = [];
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(REDIS_URL).port || 6379));
    cleanups.push(() => proxy.close());
    const ttl = 1_200;
    const a = leader(key, "a", log, ttl, proxy.url(REDIS_URL));
    await waitFor("a leads", () => a.leadership.leading, 3_000, 10);
    const b = leader(key, "b", log, ttl);
    await sleep(100);
    const cutAt = performance.now();
    proxy.cut();
    await waitFor("a stops", () => a.task.running() === 0, 3_000, 5);
    const stoppedAfter = performance.now() - cutAt;
    await waitFor("b takes over", () => b.task.running() === 1, 5_000, 5);
    const takenAfter = performance.now() - cutAt;
    // a gives up 2/3 ttl after its last good renewal (at most ttl/3 before the cut), before the lease
    // lapses in Redis (ttl after that renewal); b can only take it once lapsed: never both at once.
    expect(stoppedAfter).toBeLessThan(ttl);
    expect(takenAfter).toBeGreaterThan(stoppedAfter);
    expect(takenAfter).toBeLessThan(ttl + ttl / 3 + 300);
    expect(log).toEqual(["a start", "a stop at once", "b start"]);
    expect(a.events).toEqual(["taken", "lost"]);
  });
});
