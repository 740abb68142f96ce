import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisPacer } from "../../../src/queues/pacer.ts";
import { DEFAULT_RATES, sendBudget } from "../../../src/core/send-limit.ts";
import { clearPrefix, REDIS_URL, uniquePrefix } from "../../support/redis.ts";

const prefix = uniquePrefix("pacer");
const connections: Redis[] = [];
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await clearPrefix(prefix);
});

function connect(): Redis {
  const redis = new Redis(REDIS_URL);
  connections.push(redis);
  return redis;
}

/**
 * The most grants seen within any 900 ms (times in ms, sorted): the pacer spaces sends by Redis's clock,
 * a late wake-up may go up to half an interval early, and this side sees each grant a few ms late.
 */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 900) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("the send pacer", () => {
  it("lets no more than the budget through in any second, across processes sharing it, and lets every send through", async () => {
    const key = `${prefix}:pace:whatsapp`;
    // Two "processes" (connections), 16 jobs each booking 1 to 3 slots, 36 sends for a budget of 12 a second.
    const pacers = [redisPacer(connect(), key, 12), redisPacer(connect(), key, 12)];
    const granted: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async (_, i) => {
        while (next < 36) {
          const n = Math.min(1 + (i % 3), 36 - next);
          next += n;
          const wait = await pacers[i % 2]!.reserve(n);
          for (let k = 0; k < n; k++) {
            await wait();
            granted.push(Date.now());
          }
        }
      }),
    );
    granted.sort((a, b) => a - b);
    expect(granted).toHaveLength(36);
    expect(busiestSecond(granted)).toBeLessThanOrEqual(12);
    // The window slides: the 13th send waited for the first to be a second old, not for a new fixed window.
    expect(granted[12]! - granted[0]!).toBeGreaterThanOrEqual(900);
  });

  it("keeps WhatsApp and Telegram under their platforms' figures with a margin", () => {
    expect(sendBudget("whatsapp")).toBe(77);
    expect(sendBudget("whatsapp", 1000)).toBe(997);
    expect(sendBudget("telegram")).toBeLessThan(DEFAULT_RATES.telegram);
  });
});
