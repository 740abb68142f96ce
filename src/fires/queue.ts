import { Queue } from "bullmq";
import type { Redis } from "ioredis";

export const FIRES_QUEUE = "fires";

/**
 * The `fires` queue: each job is a timer named by its row's id. Completed jobs are removed so the id
 * is free for the next arming; failed ones are kept a week for inspection; a run that fails (the
 * database down) is retried with backoff.
 */
export function openFiresQueue(connection: Redis, prefix: string): Queue {
  return new Queue(FIRES_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 }, attempts: 10, backoff: { type: "exponential", delay: 1000 } },
  });
}
