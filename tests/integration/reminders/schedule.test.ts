import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { armFromAnotherProcess } from "../../../src/fires/remote-timer.ts";
import { syncCohortReminders, syncPersonReminders, syncSessionReminders } from "../../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../../src/fires/changes.ts";
import { REDIS_URL } from "../../support/redis.ts";
import { firesOf, morningIn, personId, programme, reminderEnv, sessionId, type CohortSpec, type ReminderEnv } from "./support.ts";

let env: ReminderEnv;
beforeAll(async () => {
  env = await reminderEnv();
});
afterAll(async () => env?.close());

/** Imports, syncs the changed sessions and arms the timer, as the admin import does. */
async function importAndSync(...cohorts: CohortSpec[]) {
  const summary = await importProgramme(env.prisma, programme(...cohorts));
  const changes = await syncSessionReminders(env.prisma, summary.changedSessionIds, new Date());
  await applyFireChanges(env.timer, changes);
  return { summary, changes };
}

/** The job of each fire must be delayed until the fire's time (within the few ms of the add). */
async function expectArmedAtDueTime(fires: Array<{ id: string; dueAt: Date }>) {
  const entries = await env.timer.lookup(fires.map((f) => f.id));
  for (const f of fires) {
    const entry = entries.get(f.id);
    expect(entry?.state, f.id).toBe("delayed");
    if (entry?.state === "delayed") expect(Math.abs(entry.runAt - f.dueAt.getTime())).toBeLessThan(250);
  }
}

async function expectDisarmed(ids: string[]) {
  const entries = await env.timer.lookup(ids);
  for (const id of ids) expect(entries.get(id)).toEqual({ state: "missing" });
}

describe("syncing reminders with sessions and members", () => {
  const base: CohortSpec = {
    key: "sync-a",
    sessions: [
      { key: "s1", startsAt: morningIn(10) },
      { key: "s2", startsAt: morningIn(17) },
    ],
    members: [{ externalId: "sa-1" }, { externalId: "sa-2" }],
  };

  it("plans a fire per (session, member, offset) on import and arms one job per fire at its time", async () => {
    const { changes } = await importAndSync(base);
    expect(changes.schedule).toHaveLength(8);
    const s1 = await sessionId(env.prisma, "sync-a", "s1");
    const fires = await firesOf(env.prisma, { sessionId: s1 });
    expect(fires).toHaveLength(4);
    expect(fires.every((f) => f.status === "pending" && f.version === 1 && f.kind === "session_reminder")).toBe(true);
    const p1 = await personId(env.prisma, "sa-1");
    expect(fires.map((f) => f.dedupeKey)).toContain(`reminder:${s1}:${p1}:-P1D`);
    await expectArmedAtDueTime(await env.prisma.scheduledFire.findMany({ where: { kind: "session_reminder" } }));
    expect(await env.queues.fires.getDelayedCount()).toBe(8);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await env.prisma.scheduledFire.findMany({ where: { kind: "session_reminder" }, orderBy: { id: "asc" } });
    const { summary, changes } = await importAndSync(base);
    expect(summary.changedSessionIds).toEqual([]);
    expect(changes).toEqual({ schedule: [], unschedule: [] });
    const cohort = await env.prisma.cohort.findUniqueOrThrow({ where: { key: "sync-a" } });
    expect(await syncCohortReminders(env.prisma, [cohort.id], new Date())).toEqual({ schedule: [], unschedule: [] });
    expect(await env.prisma.scheduledFire.findMany({ where: { kind: "session_reminder" }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await env.queues.fires.getDelayedCount()).toBe(8);
  });

  it("moves the fires of a moved session: new time and version, the job moved, no job left at the old time", async () => {
    const s1 = await sessionId(env.prisma, "sync-a", "s1");
    const old = await firesOf(env.prisma, { sessionId: s1 });
    const moved = { ...base, sessions: [{ key: "s1", startsAt: morningIn(11) }, base.sessions[1]!] };
    const { summary, changes } = await importAndSync(moved);
    expect(summary.changedSessionIds).toEqual([s1]);
    expect(changes.schedule.map((f) => f.id).sort()).toEqual(old.map((f) => f.id).sort());
    const now = await firesOf(env.prisma, { sessionId: s1 });
    for (const f of now) {
      const before = old.find((o) => o.id === f.id)!;
      expect(f.version).toBe(2);
      expect(f.status).toBe("pending");
      expect(f.dueAt.getTime() - before.dueAt.getTime()).toBe(24 * 3600_000);
    }
    await expectArmedAtDueTime(now);
    expect(await env.queues.fires.getDelayedCount()).toBe(8);
  });

  it("cancels the fires of a cancelled session and removes their jobs", async () => {
    const s2 = await sessionId(env.prisma, "sync-a", "s2");
    await env.prisma.trainingSession.update({ where: { id: s2 }, data: { status: "cancelled", version: { increment: 1 } } });
    const changes = await syncSessionReminders(env.prisma, [s2], new Date());
    await applyFireChanges(env.timer, changes);
    const fires = await firesOf(env.prisma, { sessionId: s2 });
    expect(fires.map((f) => f.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    expect(changes.unschedule.sort()).toEqual(fires.map((f) => f.id).sort());
    await expectDisarmed(fires.map((f) => f.id));
    expect(await env.queues.fires.getDelayedCount()).toBe(4);
  });

  it("cancels the fires of a member who left, and only theirs", async () => {
    const p2 = await personId(env.prisma, "sa-2");
    await env.prisma.membership.updateMany({ where: { personId: p2 }, data: { status: "left", leftAt: new Date() } });
    await applyFireChanges(env.timer, await syncPersonReminders(env.prisma, p2, new Date()));
    const s1 = await sessionId(env.prisma, "sync-a", "s1");
    const theirs = await firesOf(env.prisma, { sessionId: s1, personId: p2 });
    expect(theirs.map((f) => f.status)).toEqual(["cancelled", "cancelled"]);
    await expectDisarmed(theirs.map((f) => f.id));
    const others = await firesOf(env.prisma, { sessionId: s1, personId: await personId(env.prisma, "sa-1") });
    expect(others.map((f) => f.status)).toEqual(["pending", "pending"]);
    await expectArmedAtDueTime(others);
  });

  it("cancels the fires of a person who opted out, and brings them back when they opt in", async () => {
    const p1 = await personId(env.prisma, "sa-1");
    await env.prisma.person.update({ where: { id: p1 }, data: { optedOutAt: new Date() } });
    const out = await syncPersonReminders(env.prisma, p1, new Date());
    await applyFireChanges(env.timer, out);
    const fires = await firesOf(env.prisma, { personId: p1 });
    const live = fires.filter((f) => out.unschedule.includes(f.id));
    expect(live).toHaveLength(2);
    expect(live.every((f) => f.status === "cancelled")).toBe(true);
    await expectDisarmed(live.map((f) => f.id));

    await env.prisma.person.update({ where: { id: p1 }, data: { optedOutAt: null } });
    const back = await syncPersonReminders(env.prisma, p1, new Date());
    await applyFireChanges(env.timer, back);
    expect(back.schedule.map((f) => f.id).sort()).toEqual(live.map((f) => f.id).sort());
    const revived = await env.prisma.scheduledFire.findMany({ where: { id: { in: live.map((f) => f.id) } } });
    expect(revived.every((f) => f.status === "pending")).toBe(true);
    await expectArmedAtDueTime(revived);
  });

  it("gives a new member fires for what is still ahead only", async () => {
    const now = new Date();
    const cohort: CohortSpec = {
      key: "sync-b",
      sessions: [
        { key: "past", startsAt: new Date(now.getTime() - 2 * 3600_000) },
        { key: "soon", startsAt: new Date(now.getTime() + 5 * 3600_000) }, // the day-before reminder has passed
        { key: "later", startsAt: morningIn(20) },
      ],
      members: [{ externalId: "sb-1" }],
    };
    await importAndSync(cohort);
    const { summary } = await importAndSync({ ...cohort, members: [...cohort.members, { externalId: "sb-new" }] });
    expect(summary.members.added).toBe(1);
    const newcomer = await personId(env.prisma, "sb-new");
    expect(await firesOf(env.prisma, { personId: newcomer })).toEqual([]);
    const changes = await syncPersonReminders(env.prisma, newcomer, new Date());
    await applyFireChanges(env.timer, changes);
    const fires = await env.prisma.scheduledFire.findMany({ where: { personId: newcomer }, include: { session: true } });
    expect(fires.map((f) => `${f.session!.key} ${(f.payload as { offset: string }).offset}`).sort()).toEqual(["later -P1D", "later -PT2H", "soon -PT2H"]);
    await expectArmedAtDueTime(fires);
  });

  it("follows a change of the cohort's offsets: a removed offset is cancelled, a new one planned", async () => {
    const cohort: CohortSpec = { key: "sync-c", sessions: [{ key: "s", startsAt: morningIn(9) }], members: [{ externalId: "sc-1" }] };
    await importAndSync(cohort);
    await importProgramme(env.prisma, programme({ ...cohort, offsets: ["-P1D", "-PT1H"] }));
    const c = await env.prisma.cohort.findUniqueOrThrow({ where: { key: "sync-c" } });
    const changes = await syncCohortReminders(env.prisma, [c.id], new Date());
    await applyFireChanges(env.timer, changes);
    const fires = await env.prisma.scheduledFire.findMany({ where: { cohortId: c.id, kind: "session_reminder" } });
    const byOffset = Object.fromEntries(fires.map((f) => [(f.payload as { offset: string }).offset, f.status]));
    expect(byOffset).toEqual({ "-P1D": "pending", "-PT2H": "cancelled", "-PT1H": "pending" });
    expect(changes.schedule).toHaveLength(1);
    expect(changes.unschedule).toHaveLength(1);
  });

  it("re-plans inside the transaction that changes the person (an opt-in in app/effects.ts)", async () => {
    const cohort: CohortSpec = { key: "sync-d", sessions: [{ key: "s", startsAt: morningIn(12) }], members: [{ externalId: "sd-1" }] };
    await importAndSync(cohort);
    const p = await personId(env.prisma, "sd-1");
    await env.prisma.$transaction(async (tx) => {
      await tx.person.update({ where: { id: p }, data: { optedOutAt: new Date() } });
      expect((await syncPersonReminders(tx, p, new Date())).unschedule).toHaveLength(2);
    });
    const changes = await env.prisma.$transaction(async (tx) => {
      await tx.person.update({ where: { id: p }, data: { optedOutAt: null } });
      return syncPersonReminders(tx, p, new Date());
    });
    expect(changes.schedule).toHaveLength(2);
    expect((await firesOf(env.prisma, { personId: p })).map((f) => f.status)).toEqual(["pending", "pending"]);
  });

  it("arms the timer from another process (the admin import), and says so when Redis does not answer", async () => {
    const cohort: CohortSpec = { key: "sync-e", sessions: [{ key: "s", startsAt: morningIn(13) }], members: [{ externalId: "se-1" }] };
    const summary = await importProgramme(env.prisma, programme(cohort));
    const changes = await syncSessionReminders(env.prisma, summary.changedSessionIds, new Date());
    expect(await armFromAnotherProcess({ url: REDIS_URL, prefix: env.prefix }, changes)).toBe(true);
    await expectArmedAtDueTime(changes.schedule);
    const started = Date.now();
    expect(await armFromAnotherProcess({ url: "redis://127.0.0.1:1", prefix: env.prefix }, changes)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
