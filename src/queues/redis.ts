import { Redis } from "ioredis";

/**
 * A Redis connection as BullMQ needs it: commands wait for a reconnect instead of failing
 * (`maxRetriesPerRequest: null`), so workers resume by themselves after Redis restarts.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  });
}

/** Closes a connection we opened, without waiting forever on a dead server. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  await Promise.race([redis.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  redis.disconnect();
}
