import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { REMINDER_KIND } from "../../src/reminders/plan.ts";
import { reconcileFires } from "../../src/fires/reconcile.ts";
import { syncSessionReminders } from "../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../src/fires/changes.ts";
import { clearPrefix } from "../support/redis.ts";
import { faultEnv, programmeOf, sleep, startInProcess, tally, waitFor, type FaultEnv, type InProcess } from "./support.ts";

/**
 * Redis loses every key (a restart without persistence, a FLUSHALL): the reminders waiting in it as
 * delayed jobs are gone. The database is the truth, and the reconciler re-arms or runs them from the
 * rows. N = 30 members per session (modest on purpose: the property is "each once", not throughput).
 */
const N = 30;
const LOCALES = ["fr", "ar", "en", "fa", "uk", "bn"];

let fault: FaultEnv;
const out = new PassThrough();
let svc: InProcess;

beforeAll(async () => {
  fault = await faultEnv("rwipe");
  svc = await startInProcess(fault, { out });
});
afterAll(async () => {
  await fault?.cleanup();
});

const prisma = () => fault.prisma;
const occurrences = (text: string) => svc.consoleOutput().split(text).length - 1;

/** One cohort of N console members with one session whose -PT1H reminder is due `dueInMs` from now. */
async function cohortWithReminderIn(key: string, title: string, dueInMs: number, arm: boolean) {
  const members = Array.from({ length: N }, (_, i) => ({ channel: "console" as const, externalId: `${key}-${i}`, locale: LOCALES[i % LOCALES.length]! }));
  const summary = await importProgramme(prisma(), programmeOf({ key, offsets: ["-PT1H"], sessions: [{ key: "s", title, startsAt: new Date(Date.now() + 86_400_000) }], members }));
  // The import can take a while on a loaded machine: the start is set after it, so the reminder is still ahead.
  await prisma().trainingSession.updateMany({ where: { id: { in: summary.changedSessionIds } }, data: { startsAt: new Date(Date.now() + 3600_000 + dueInMs) } });
  const changes = await syncSessionReminders(prisma(), summary.changedSessionIds, new Date());
  expect(changes.schedule).toHaveLength(N);
  if (arm) await applyFireChanges(svc.service.deps.fires!, changes);
  return members.map((m) => m.externalId);
}

const pendingReminders = () => prisma().scheduledFire.findMany({ where: { kind: REMINDER_KIND, status: "pending" }, select: { id: true } });

async function remindersTo(ids: string[]) {
  return prisma().outboundMessage.findMany({ where: { externalId: { in: ids }, purpose: "reminder" } });
}

async function expectEachOnce(ids: string[], title: string) {
  const rows = await remindersTo(ids);
  expect(rows).toHaveLength(N);
  expect([...tally(rows.map((r) => r.externalId)).values()].every((n) => n === 1)).toBe(true);
  expect(rows.every((r) => r.status === "sent")).toBe(true);
  expect(occurrences(title)).toBe(N);
  const fires = await prisma().scheduledFire.findMany({ where: { kind: REMINDER_KIND, person: { identities: { some: { externalId: { in: ids } } } } } });
  expect(fires).toHaveLength(N);
  expect(fires.every((f) => f.status === "sent")).toBe(true);
}

describe("Redis wiped while reminders are pending", () => {
  it("while the service runs: the reminders already sent stay sent once, the pending ones are re-armed and sent once", async () => {
    const early = await cohortWithReminderIn("wipe-early", "Hygiène avant la panne", 1500, true);
    const late = await cohortWithReminderIn("wipe-late", "Comptabilité après la panne", 7000, true);
    await waitFor("the early reminders sent", async () => (await remindersTo(early)).filter((r) => r.status === "sent").length === N, 15_000);
    expect(await pendingReminders()).toHaveLength(N);

    await clearPrefix(fault.prefix); // every key: delayed jobs, queue metadata, limiter, markers
    const lookup = await svc.service.deps.fires!.lookup((await pendingReminders()).map((f) => f.id));
    expect([...lookup.values()].every((e) => e.state === "missing")).toBe(true);

    // Other kinds of fires (follow-ups at the cohort's end) are re-armed too: only the reminders are counted here.
    const counts = await reconcileFires(svc.service.fireKinds, svc.service.deps.fires!);
    expect(counts.scheduled).toBeGreaterThanOrEqual(N);
    expect(counts.missed).toBe(0);
    const rearmed = await svc.service.deps.fires!.lookup((await pendingReminders()).map((f) => f.id));
    expect([...rearmed.values()].every((e) => e.state === "delayed")).toBe(true);
    await waitFor("the late reminders sent after the wipe", async () => (await remindersTo(late)).filter((r) => r.status === "sent").length === N, 20_000);
    await sleep(1000); // anything sent twice would show up by now
    expect(await reconcileFires(svc.service.fireKinds, svc.service.deps.fires!)).toEqual({ scheduled: 0, ranNow: 0, missed: 0, recovered: 0 }); // nothing left to repair
    await expectEachOnce(early, "Hygiène avant la panne");
    await expectEachOnce(late, "Comptabilité après la panne");
  });

  it("while the service is down: a new service reconciles at start, runs the fires that came due and arms the others", async () => {
    const due = await cohortWithReminderIn("down-due", "Marketing pendant l'arrêt", 2000, true);
    const ahead = await cohortWithReminderIn("down-ahead", "Vente après le redémarrage", 9000, true);
    await svc.stop();
    await clearPrefix(fault.prefix);
    await sleep(2500); // the first reminders come due while nothing runs and Redis holds nothing
    expect(await pendingReminders()).toHaveLength(2 * N);

    svc = await startInProcess(fault, { out }); // the same database, prefix and console
    await waitFor("the reminders that came due while down", async () => (await remindersTo(due)).filter((r) => r.status === "sent").length === N, 15_000);
    await waitFor("the reminders still ahead at the restart", async () => (await remindersTo(ahead)).filter((r) => r.status === "sent").length === N, 20_000);
    await sleep(1000);
    await expectEachOnce(due, "Marketing pendant l'arrêt");
    await expectEachOnce(ahead, "Vente après le redémarrage");
  });
});
