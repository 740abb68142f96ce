import { afterAll, describe, expect, it } from "vitest";
import { migratedDatabase } from "../../support/postgres.ts";
import { uniquePrefix } from "../../support/redis.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

/** Two worker processes of one deployment: same database, same queue prefix. */
describe("periodic loops run in one worker process at a time", () => {
  const started: TestService[] = [];
  afterAll(async () => {
    for (const s of started) await s.stop().catch(() => undefined);
  });

  it("only one of two workers runs them, and the other takes over when it stops", async () => {
    const db = await migratedDatabase("periodic");
    const env = { DATABASE_URL: db.url, QUEUE_PREFIX: uniquePrefix("periodic") };
    const a = await startTestService({ role: "worker", env });
    started.push(a);
    await eventually(() => (a.service.periodic?.leading ? true : undefined));
    const b = await startTestService({ role: "worker", env, migrate: false });
    started.push(b);
    await new Promise((r) => setTimeout(r, 1_500));
    expect([a.service.periodic?.leading, b.service.periodic?.leading]).toEqual([true, false]);
    await a.stop();
    // A graceful stop releases the lock: the other takes it on its next try (at most 5 s).
    await eventually(() => (b.service.periodic?.leading ? true : undefined), 10_000);
    await b.stop();
    await db.drop();
  }, 30_000);
});
