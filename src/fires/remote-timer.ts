import { Redis } from "ioredis";
import { openFiresQueue } from "./queue.ts";
import { applyFireChanges, type FireChanges } from "./changes.ts";
import { bullmqFireTimer } from "./timer.ts";

/**
 * Arms the timer from a process that is not the service: `npm run admin -- import` plans reminders in
 * the database, then moves their jobs in the service's Redis right away. Fails fast rather than hang:
 * when Redis does not answer (not started yet, or the embedded set-up of the demo), the rows are
 * already right and the service's reconciler arms them at its next pass (at start, then every
 * 5 minutes). Returns false in that case, for the command to say so.
 *
 * @example
 * const armed = await armFromAnotherProcess(config.redis, changes);
 * if (!armed) out.write("Redis did not answer: the service will schedule the reminders within 5 minutes.\n");
 */
export async function armFromAnotherProcess(redisConfig: { url: string; prefix: string }, changes: FireChanges, timeoutMs = 10_000): Promise<boolean> {
  if (changes.schedule.length === 0 && changes.unschedule.length === 0) return true;
  // No reconnection and one try per command: a Redis that is not there fails the commands at once.
  const redis = new Redis(redisConfig.url, { maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null });
  redis.on("error", () => undefined);
  const queue = openFiresQueue(redis, redisConfig.prefix);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([applyFireChanges(bullmqFireTimer(queue), changes), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}
