import type { Redis } from "ioredis";

/**
 * A leaky bucket (GCRA) in Redis, so every worker process shares it, timed by Redis's own clock: sends
 * are let go one every `interval` ms, never in bursts (a burst queues in the HTTP client and reaches the
 * platform bunched, which a platform counting any sliding second refuses). KEYS[1] holds the time the
 * next free slot begins; a call books ARGV[2] consecutive slots and answers in how many ms the first
 * one begins (0: now).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
-- A send that woke a little late keeps the schedule (up to half an interval), or wake-ups would cost rate.
local start = math.max(tat, now - interval / 2)
redis.call('SET', KEYS[1], tostring(start + n * interval), 'PX', 60000 + math.ceil(n * interval))
return math.max(0, math.ceil(start - now))
`;

export interface Pacer {
  /**
   * Books `n` consecutive send slots (one Redis call for a whole job) and gives back a function that
   * resolves at the start of each next slot, in turn.
   */
  reserve(n: number): Promise<() => Promise<void>>;
}

/**
 * Paces one platform's sends across all processes at `perSecond` (evenly spaced): exact where BullMQ's
 * fixed windows let bursts straddle two of them (which cost a sixth of WhatsApp's 80/s).
 */
export function redisPacer(redis: Redis, key: string, perSecond: number): Pacer {
  const interval = 1000 / perSecond;
  return {
    async reserve(n) {
      const first = Date.now() + Number(await redis.eval(RESERVE, 1, key, interval, n));
      let next = 0;
      return async () => {
        const at = first + next++ * interval;
        const wait = at - Date.now();
        if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
      };
    },
  };
}
