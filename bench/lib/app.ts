import type { Redis } from "ioredis";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { createQueues, queueDispatcher, type Queues } from "../../src/queues/queues.ts";
import { closeRedis, createRedis } from "../../src/queues/redis.ts";
import { REDIS_URL } from "../../tests/support/redis.ts";
import type { Cleanup } from "./cleanup.ts";

/** The app's own Prisma client on a benchmark database, from the bench process (closed by the cleanup). */
export async function benchPrisma(cleanup: Cleanup, url: string): Promise<Database> {
  const db = await openDatabase({ kind: "postgres", url });
  cleanup.add("close bench prisma", () => db.close());
  return db;
}

/** The service's queues under its prefix, seen from the bench process: to dispatch as the app does. */
export function benchQueues(cleanup: Cleanup, prefix: string): { redis: Redis; queues: Queues; dispatcher: ReturnType<typeof queueDispatcher> } {
  const redis = createRedis(REDIS_URL);
  redis.on("error", () => undefined);
  const queues = createQueues(redis, prefix);
  cleanup.add("close bench redis", () => closeRedis(redis));
  cleanup.add("close bench queues", () => queues.close());
  return { redis, queues, dispatcher: queueDispatcher(queues) };
}
