import { afterAll, describe, expect, it } from "vitest";
import { openAdminDatabase } from "../../../src/admin/context.ts";
import { loadConfig } from "../../../src/config/config.ts";
import { pendingMigrations } from "../../../src/db/pending-migrations.ts";
import { schemaEngineStarts } from "../../../src/db/schema-engine.ts";
import { freshDatabase } from "../../support/postgres.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe("the database an admin command opens", () => {
  it("is migrated by the first command, and the next ones find nothing pending without starting the schema engine", { timeout: 60_000 }, async () => {
    const fresh = await freshDatabase("adm");
    cleanups.push(() => fresh.drop());
    const config = loadConfig({ DATABASE_URL: fresh.url, LOG_LEVEL: "silent" });

    const startsBefore = schemaEngineStarts();
    const first = await openAdminDatabase(config);
    const pendingAfterFirst = await pendingMigrations((sql) => first.prisma.$queryRawUnsafe(sql));
    expect(await first.prisma.person.count()).toBe(0); // the tables are there
    await first.close();
    expect(schemaEngineStarts()).toBe(startsBefore + 1); // a new database: the migrations were applied
    expect(pendingAfterFirst).toEqual([]);

    for (let i = 0; i < 2; i++) {
      const next = await openAdminDatabase(config);
      try {
        expect(await pendingMigrations((sql) => next.prisma.$queryRawUnsafe(sql))).toEqual([]);
        expect(await next.prisma.outboundMessage.count()).toBe(0);
      } finally {
        await next.close();
      }
    }
    expect(schemaEngineStarts()).toBe(startsBefore + 1);
  });
});
