import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { reconcileFires, startReconciler } from "../../../src/fires/reconcile.ts";
import { syncSessionReminders } from "../../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../../src/fires/changes.ts";
import { bullmqFireTimer, type FireTimer } from "../../../src/fires/timer.ts";
import { startFireWorker } from "../../../src/fires/worker.ts";
import { clearPrefix } from "../../support/redis.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";
import { programme, type CohortSpec } from "./support.ts";

/** The app's clock runs with the real one, shifted when a test needs time to have passed. */
const shift = { ms: 0 };
let svc: TestService;
let worker: Worker;
let timer: FireTimer;
beforeAll(async () => {
  svc = await startTestService({ now: () => new Date(Date.now() + shift.ms) });
  const { fireKinds, redis, config, queues } = svc.service;
  worker = startFireWorker(fireKinds, redis, config.redis.prefix);
  timer = bullmqFireTimer(queues.fires);
});
afterAll(async () => {
  await worker?.close();
  await svc?.stop();
});

const prisma = () => svc.service.deps.prisma;
const occurrences = (text: string) => svc.consoleOutput().split(text).length - 1;

/**
 * Imports one cohort and plans its reminders; arms the timer unless told not to. `startsIn` sets the
 * session's start that long after the import (an import can take seconds on a loaded machine, and a
 * reminder planned for "in one second" must not be in the past by the time it is planned).
 */
async function setUp(cohort: CohortSpec, arm = true, startsIn?: number) {
  const summary = await importProgramme(prisma(), programme(cohort));
  if (startsIn !== undefined) {
    await prisma().trainingSession.updateMany({ where: { id: { in: summary.changedSessionIds } }, data: { startsAt: new Date(Date.now() + startsIn) } });
  }
  const changes = await syncSessionReminders(prisma(), summary.changedSessionIds, svc.service.deps.now());
  if (arm) await applyFireChanges(timer, changes);
  return changes;
}

async function sentTo(externalIds: string[]) {
  return prisma().outboundMessage.findMany({ where: { externalId: { in: externalIds }, purpose: "reminder" } });
}

describe("reminders through the real queues", () => {
  it("delivers a reminder due in about a second to the console, with the title and three answers", async () => {
    const startsAt = new Date(Date.now() + 3600_000 + 1000);
    await setUp(
      { key: "e2e-one", offsets: ["-PT1H"], sessions: [{ key: "s", title: "Hygiène alimentaire E2E", startsAt, location: "Paris 11e" }], members: [{ externalId: "e2e-1" }] },
      true,
      3600_000 + 1000,
    );
    const fire = await prisma().scheduledFire.findFirstOrThrow({ where: { cohort: { key: "e2e-one" }, kind: "session_reminder" } });
    const rows = await eventually(async () => {
      const r = await sentTo(["e2e-1"]);
      return r.length === 1 && r[0]!.status === "sent" ? r : undefined;
    }, 10_000);
    const lateMs = rows[0]!.sentAt!.getTime() - fire.dueAt.getTime();
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(3000);
    const out = svc.consoleOutput();
    expect(out).toContain("Hygiène alimentaire E2E");
    expect(out).toContain("1. ✅ Je viens");
    expect(out).toContain("2. ❌ Je ne peux pas");
    expect(out).toContain("3. 🤔 Peut-être");
    expect((await prisma().scheduledFire.findUniqueOrThrow({ where: { id: fire.id } })).status).toBe("sent");
  });

  it("still sends every reminder exactly once after Redis lost everything, once reconciled", async () => {
    const members = Array.from({ length: 20 }, (_, i) => ({ externalId: `wipe-${i}` }));
    const startsAt = new Date(Date.now() + 3600_000 + 2500);
    const changes = await setUp({ key: "e2e-wipe", offsets: ["-PT1H"], sessions: [{ key: "s", title: "Après la panne", startsAt }], members }, true, 3600_000 + 2500);
    expect(changes.schedule).toHaveLength(20);
    await clearPrefix(svc.service.config.redis.prefix);
    const entries = await timer.lookup(changes.schedule.map((f) => f.id));
    expect([...entries.values()].every((e) => e.state === "missing")).toBe(true);

    const [first, second] = await Promise.all([reconcileFires(svc.service.fireKinds, timer), reconcileFires(svc.service.fireKinds, timer)]);
    expect(first.scheduled + second.scheduled).toBeGreaterThanOrEqual(20);
    expect(await reconcileFires(svc.service.fireKinds, timer)).toEqual({ scheduled: 0, ranNow: 0, missed: 0, recovered: 0 });

    const ids = members.map((m) => m.externalId);
    await eventually(async () => (await sentTo(ids)).filter((r) => r.status === "sent").length === 20, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await reconcileFires(svc.service.fireKinds, timer)).toEqual({ scheduled: 0, ranNow: 0, missed: 0, recovered: 0 });
    const rows = await sentTo(ids);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(20);
    expect(occurrences("Après la panne")).toBe(20);
  });

  it("runs a fire that came due while nothing ran: sent before the session, missed after its start", async () => {
    const now = Date.now();
    await setUp({ key: "e2e-late-ok", offsets: ["-PT2H"], sessions: [{ key: "s", title: "Encore à temps", startsAt: new Date(now + 3 * 3600_000) }], members: [{ externalId: "late-1" }] }, false);
    await setUp({ key: "e2e-late-ko", offsets: ["-PT90M"], sessions: [{ key: "s", title: "Trop tard", startsAt: new Date(now + 2 * 3600_000) }], members: [{ externalId: "late-2" }] }, false);
    shift.ms = 2.5 * 3600_000;
    try {
      const counts = await reconcileFires(svc.service.fireKinds, timer);
      // (scheduled counts the cohorts' other fires — their end, the attendance forecasts — armed on the way.)
      expect(counts).toMatchObject({ ranNow: 1, missed: 1, recovered: 0 });
    } finally {
      shift.ms = 0;
    }
    await eventually(async () => (await sentTo(["late-1"])).some((r) => r.status === "sent"));
    expect(svc.consoleOutput()).toContain("Encore à temps");
    expect(svc.consoleOutput()).not.toContain("Trop tard");
    const statuses = await prisma().scheduledFire.findMany({ where: { cohort: { key: { in: ["e2e-late-ok", "e2e-late-ko"] } }, kind: "session_reminder" }, include: { cohort: true } });
    expect(Object.fromEntries(statuses.map((f) => [f.cohort!.key, f.status]))).toEqual({ "e2e-late-ok": "sent", "e2e-late-ko": "missed" });
  });

  it("gives back a fire stuck in `claimed` by a dead worker and sends it once; a recent claim is left alone", async () => {
    const now = Date.now();
    const changes = await setUp(
      { key: "e2e-stuck", offsets: ["-PT2H"], sessions: [{ key: "s", title: "Reprise après crash", startsAt: new Date(now + 3 * 3600_000) }], members: [{ externalId: "stuck-1" }, { externalId: "stuck-2" }] },
      false,
    );
    const [dead, busy] = changes.schedule.map((f) => f.id) as [string, string];
    shift.ms = 1.5 * 3600_000; // both fires are due
    const clock = svc.service.deps.now();
    await prisma().scheduledFire.update({ where: { id: dead }, data: { status: "claimed", claimedAt: new Date(clock.getTime() - 6 * 60_000) } });
    await prisma().scheduledFire.update({ where: { id: busy }, data: { status: "claimed", claimedAt: new Date(clock.getTime() - 60_000) } });
    try {
      expect(await reconcileFires(svc.service.fireKinds, timer)).toMatchObject({ ranNow: 1, missed: 0, recovered: 1 });
    } finally {
      shift.ms = 0;
    }
    await eventually(async () => (await sentTo(["stuck-1", "stuck-2"])).filter((r) => r.status === "sent").length === 1);
    const fires = await prisma().scheduledFire.findMany({ where: { id: { in: [dead, busy] } } });
    expect(Object.fromEntries(fires.map((f) => [f.id, f.status]))).toEqual({ [dead]: "sent", [busy]: "claimed" });
    expect(occurrences("Reprise après crash")).toBe(1);
  });

  it("reconciles at start, then on demand, while it runs", async () => {
    const changes = await setUp(
      { key: "e2e-start", offsets: ["-P1D"], sessions: [{ key: "s", title: "Plus tard", startsAt: new Date(Date.now() + 3 * 86_400_000) }], members: [{ externalId: "start-1" }] },
      false,
    );
    const id = changes.schedule[0]!.id;
    expect((await timer.lookup([id])).get(id)).toEqual({ state: "missing" });
    const reconciler = startReconciler(svc.service.fireKinds, timer, { everyMs: 60_000 });
    try {
      await eventually(async () => (await timer.lookup([id])).get(id)?.state === "delayed");
      await timer.unschedule(id);
      expect(await reconciler.runNow()).toEqual({ scheduled: 1, ranNow: 0, missed: 0, recovered: 0 });
    } finally {
      await reconciler.stop();
    }
    const entry = (await timer.lookup([id])).get(id);
    expect(entry?.state === "delayed" && Math.abs(entry.runAt - changes.schedule[0]!.dueAt.getTime()) < 250).toBe(true);
  });

  it("puts a job woken before its fire's new time back to sleep until then", async () => {
    const startsAt = new Date(Date.now() + 3600_000 + 600);
    const changes = await setUp({ key: "e2e-early", offsets: ["-PT1H"], sessions: [{ key: "s", title: "Déplacée", startsAt }], members: [{ externalId: "early-1" }] }, true, 3600_000 + 600);
    const id = changes.schedule[0]!.id;
    // The row moves 2 s later behind the timer's back: the job wakes early and must wait.
    const later = new Date(changes.schedule[0]!.dueAt.getTime() + 2000);
    await prisma().scheduledFire.update({ where: { id }, data: { dueAt: later } });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await prisma().scheduledFire.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
    const entry = (await timer.lookup([id])).get(id);
    expect(entry?.state).toBe("delayed");
    const rows = await eventually(async () => {
      const r = await sentTo(["early-1"]);
      return r.length === 1 && r[0]!.sentAt ? r : undefined;
    });
    expect(rows[0]!.sentAt!.getTime()).toBeGreaterThanOrEqual(later.getTime());
  });
});
