import type { Redis } from "ioredis";

/**
 * A leaky bucket (GCRA) in Redis, so every worker process shares it, timed by Redis's own clock: sends
 * are let go one every `interval` ms, never in bursts (a burst queues in the HTTP client and reaches the
 * platform bunched, which a platform counting any sliding second refuses). KEYS[1] holds the time the
 * next send may go; the answer is 0 (go) or how many ms to wait.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat > now then
  return math.max(1, math.ceil(tat - now))
end
-- A send that woke a little late keeps the schedule (up to half an interval), or wake-ups would cost rate.
redis.call('SET', KEYS[1], tostring(math.max(tat, now - interval / 2) + interval), 'PX', 60000)
return 0
`;

export interface Pacer {
  /** Resolves when one more message may go to the platform without exceeding its rate. */
  take(): Promise<void>;
}

/**
 * Paces one platform's sends across all processes at `perSecond` (evenly spaced): exact where BullMQ's
 * fixed windows let bursts straddle two of them (which cost a sixth of WhatsApp's 80/s).
 */
export function redisPacer(redis: Redis, key: string, perSecond: number): Pacer {
  const interval = 1000 / perSecond;
  return {
    async take() {
      for (;;) {
        const wait = Number(await redis.eval(TAKE, 1, key, interval));
        if (wait <= 0) return;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
  };
}
