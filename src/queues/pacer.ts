import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";

/**
 * A leaky bucket (GCRA) in Redis, so every worker process shares it, timed by Redis's own clock: sends
 * are let go one every `interval` ms, never in bursts (a burst queues in the HTTP client and reaches the
 * platform bunched, which a platform counting any sliding second refuses). KEYS[1] holds the time the
 * next free slot begins.
 *
 * TAKE lets one send go now (answer 0) or says how many ms to wait before asking again: a sender that
 * wakes late is let go at its own time, and the schedule moves with it (it may catch up half an interval,
 * or wake-ups would cost rate), so lateness never bunches sends.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat > now then
  return math.max(1, math.ceil(tat - now))
end
redis.call('SET', KEYS[1], tostring(math.max(tat, now - interval / 2) + interval), 'PX', 60000)
return 0
`;

/** RESERVE books ARGV[2] consecutive slots at once (a job's wave) and answers in how many ms the first begins. */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(tat, now - interval / 2)
redis.call('SET', KEYS[1], tostring(start + n * interval), 'PX', 60000 + math.ceil(n * interval))
return math.max(0, math.ceil(start - now))
`;

export interface Pacer {
  /**
   * Makes room for `n` sends and gives back a function that resolves when the next one may go. One send:
   * asked of Redis when it is due. Several (a job's wave): their slots are booked in one Redis call, and
   * the sends keep at least an interval apart here too, so a late timer does not let them go bunched.
   */
  reserve(n: number): Promise<() => Promise<void>>;
}

/**
 * Paces one platform's sends across all processes at `perSecond` (evenly spaced): exact where BullMQ's
 * fixed windows let bursts straddle two of them (which cost a sixth of WhatsApp's 80/s).
 */
export function redisPacer(redis: Redis, key: string, perSecond: number): Pacer {
  const interval = 1000 / perSecond;
  const take = async () => {
    for (;;) {
      const wait = Number(await redis.eval(TAKE, 1, key, interval));
      if (wait <= 0) return;
      await sleep(wait);
    }
  };
  return {
    async reserve(n) {
      if (n <= 1) return take;
      const first = Date.now() + Number(await redis.eval(RESERVE, 1, key, interval, n));
      let next = 0;
      let last = -Infinity;
      // Sends waiting side by side are let go one after the other, in the order they asked.
      let queue: Promise<void> = Promise.resolve();
      return () =>
        (queue = queue.then(async () => {
          const at = Math.max(first + next++ * interval, last + interval);
          const wait = at - Date.now();
          if (wait >= 1) await sleep(wait);
          last = Math.max(at, Date.now());
        }));
    },
  };
}
