import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../../src/db/generated/client.ts";
import { deployMigrations } from "../../../src/db/migrations.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { openDatabase, type Database } from "../../../src/db/database.ts";
import { migratedDatabase } from "../../support/postgres.ts";

const file = () => JSON.parse(readFileSync(new URL("../../fixtures/programme.json", import.meta.url), "utf8"));

interface Target {
  prisma: PrismaClient;
  close(): Promise<void>;
}

const targets: Record<string, () => Promise<Target>> = {
  postgresql: async () => {
    const fresh = await migratedDatabase("imp");
    const db: Database = await openDatabase({ kind: "postgres", url: fresh.url });
    return { prisma: db.prisma, close: async () => (await db.close(), await fresh.drop()) };
  },
  pglite: async () => {
    const pglite = await PGlite.create();
    await deployMigrations({ kind: "pglite", pglite });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return { prisma, close: async () => (await prisma.$disconnect(), await pglite.close()) };
  },
};

describe.each(Object.keys(targets))("programme import on %s", (name) => {
  let t: Target;
  beforeAll(async () => {
    t = await targets[name]!();
  });
  afterAll(async () => t?.close());

  it("creates cohorts, sessions in the cohort's time zone, members and coordinators", async () => {
    const s = await importProgramme(t.prisma, file());
    expect(s.cohorts).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // The cohort's end is planned, to arm.
    const end = await t.prisma.scheduledFire.findFirstOrThrow({ where: { kind: "cohort_end" } });
    expect(s.cohortEndFires).toContainEqual({ id: end.id, dueAt: end.dueAt });
    expect(s.sessions).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(s.members).toEqual({ added: 2, unchanged: 0 });
    expect(s.coordinators).toEqual({ added: 1, unchanged: 0 });
    const s1 = await t.prisma.trainingSession.findFirstOrThrow({ where: { key: "s1" } });
    expect(s1.startsAt.toISOString()).toBe("2027-01-12T08:30:00.000Z"); // winter: UTC+1
    const s2 = await t.prisma.trainingSession.findFirstOrThrow({ where: { key: "s2" } });
    expect(s2.startsAt.toISOString()).toBe("2027-03-29T12:00:00.000Z"); // the day after the clocks change: UTC+2
    const amina = await t.prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
    expect(amina.role).toBe("coordinator");
    const fatima = await t.prisma.person.findFirstOrThrow({ where: { firstName: "Fatima" }, include: { memberships: true } });
    expect(fatima).toMatchObject({ role: "participant", stage: "member", locale: "ar", localeConfirmed: true });
    expect(fatima.memberships).toHaveLength(1);
  });

  it("keeps a title given in several languages: French as the title, the others beside it", async () => {
    const f = file();
    f.cohorts[0].sessions[0].title = { ar: "تحديد الأسعار", fr: "Fixer ses prix", en: "Setting your prices" };
    await importProgramme(t.prisma, f);
    const s = await t.prisma.trainingSession.findFirstOrThrow({ where: { key: f.cohorts[0].sessions[0].key } });
    expect(s.title).toBe("Fixer ses prix");
    expect(s.titles).toEqual({ ar: "تحديد الأسعار", en: "Setting your prices" });
    const again = await importProgramme(t.prisma, f);
    expect(again.sessions.unchanged).toBeGreaterThan(0);
    expect(again.sessions.updated).toBe(0);
    await importProgramme(t.prisma, file());
    expect((await t.prisma.trainingSession.findFirstOrThrow({ where: { key: f.cohorts[0].sessions[0].key } })).titles).toBeNull();
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await t.prisma.trainingSession.findMany({ orderBy: { key: "asc" } });
    const s = await importProgramme(t.prisma, file());
    expect(s.cohorts).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(s.sessions).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(s.members).toEqual({ added: 0, unchanged: 2 });
    expect(s.coordinators).toEqual({ added: 0, unchanged: 1 });
    expect(s.changedSessionIds).toEqual([]);
    expect(s.cohortEndFires).toEqual([]); // armed already: nothing to plan again
    expect(await t.prisma.trainingSession.findMany({ orderBy: { key: "asc" } })).toEqual(before);
    expect(await t.prisma.person.count()).toBe(3);
  });

  it("applies a changed file: a moved session gets a new version, a new member is added", async () => {
    const changed = file();
    changed.cohorts[0].sessions[0].startsAt = "2027-01-13T09:30";
    changed.cohorts[0].sessions[0].endsAt = "2027-01-13T12:30";
    changed.cohorts[0].members.push({ channel: "telegram", externalId: "700000002", name: "Rahim", locale: "fa" });
    const s = await importProgramme(t.prisma, changed);
    expect(s.sessions).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(s.members).toEqual({ added: 1, unchanged: 2 });
    const s1 = await t.prisma.trainingSession.findFirstOrThrow({ where: { key: "s1" } });
    expect(s1.version).toBe(2);
    expect(s.changedSessionIds).toEqual([s1.id]);
  });

  it("moves the cohort's end with its last day, once", async () => {
    const later = file();
    later.cohorts[0].endsOn = "2027-07-02";
    const s = await importProgramme(t.prisma, later);
    const end = await t.prisma.scheduledFire.findFirstOrThrow({ where: { kind: "cohort_end" } });
    expect(end).toMatchObject({ status: "pending", version: 2 });
    expect(end.dueAt.toISOString()).toBe("2027-07-02T09:00:00.000Z"); // 11:00 in Paris, summer time
    expect(s.cohortEndFires).toContainEqual({ id: end.id, dueAt: end.dueAt });
    expect((await importProgramme(t.prisma, later)).cohortEndFires).toEqual([]);
    expect(await t.prisma.scheduledFire.count({ where: { kind: "cohort_end" } })).toBe(1);
  });

  it("makes one person of an address named twice, and a member named as coordinator becomes one", async () => {
    const f = file();
    f.cohorts[0].key = "twice";
    f.cohorts[0].sessions = [];
    f.cohorts[0].members = [
      { channel: "telegram", externalId: "700000090", name: "Sara", locale: "es" },
      { channel: "telegram", externalId: "700000090", name: "Sara", locale: "es" },
    ];
    f.cohorts[0].coordinators = [{ channel: "telegram", externalId: "700000090", name: "Sara" }];
    const s = await importProgramme(t.prisma, f);
    expect(s.members).toEqual({ added: 1, unchanged: 1 });
    expect(s.coordinators).toEqual({ added: 1, unchanged: 0 });
    const sara = await t.prisma.person.findMany({ where: { identities: { some: { channel: "telegram", externalId: "700000090" } } }, include: { memberships: true } });
    expect(sara).toHaveLength(1);
    expect(sara[0]).toMatchObject({ role: "coordinator", stage: "member" });
    expect(sara[0]!.memberships.map((m) => m.role)).toEqual(["member"]);
    expect((await importProgramme(t.prisma, f)).coordinators).toEqual({ added: 0, unchanged: 1 });
  });

  it("refuses an invalid file, naming the field, and writes nothing", async () => {
    const bad = file();
    bad.cohorts[0].key = "other";
    bad.cohorts[0].timezone = "Paris";
    await expect(importProgramme(t.prisma, bad)).rejects.toThrow(/timezone/);
    expect(await t.prisma.cohort.count({ where: { key: "other" } })).toBe(0);
  });
});
