import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyFireChanges, syncSessionReminders } from "../../src/reminders/schedule.ts";
import { bullmqFireTimer } from "../../src/reminders/timer.ts";
import { startFireWorker } from "../../src/reminders/worker.ts";
import { eventually, startTestService, type TestService } from "../support/service.ts";

const COHORTS = 5;
const MEMBERS_PER_COHORT = 2000;
const TOTAL = COHORTS * MEMBERS_PER_COHORT;

let svc: TestService;
let worker: Worker;
beforeAll(async () => {
  svc = await startTestService();
  worker = startFireWorker(svc.service.deps, svc.service.redis, svc.service.config.redis.prefix);
});
afterAll(async () => {
  await worker?.close();
  await svc?.stop();
});

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Members written straight to the tables: the import is not what is measured here. */
async function seedCohort(index: number, startsAt: Date): Promise<string> {
  const prisma = svc.service.deps.prisma;
  const cohort = await prisma.cohort.create({
    data: { key: `scale-${index}`, name: `Scale ${index}`, startsOn: new Date("2026-01-01"), endsOn: new Date("2030-12-31"), reminderOffsets: ["-PT1H"] },
  });
  const people = Array.from({ length: MEMBERS_PER_COHORT }, (_, i) => ({ id: randomUUID(), externalId: `scale-${index}-${i}` }));
  await prisma.person.createMany({ data: people.map((p) => ({ id: p.id, stage: "member" as const, locale: "fr" })) });
  await prisma.identity.createMany({ data: people.map((p) => ({ personId: p.id, channel: "console" as const, externalId: p.externalId })) });
  await prisma.membership.createMany({ data: people.map((p) => ({ personId: p.id, cohortId: cohort.id })) });
  const session = await prisma.trainingSession.create({
    data: { cohortId: cohort.id, key: "s", title: `Formation ${index}`, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000) },
  });
  return session.id;
}

describe("10,000 reminders due within seconds of each other", () => {
  it("plans, arms and sends them all once, on time", { timeout: 240_000 }, async () => {
    const prisma = svc.service.deps.prisma;
    const firstDue = Date.now() + 20_000;
    // Sessions 2 s apart, each with 2,000 members and a reminder one hour before: 10,000 fires over 8 s.
    const sessionIds: string[] = [];
    for (let c = 0; c < COHORTS; c++) sessionIds.push(await seedCohort(c, new Date(firstDue + 3600_000 + c * 2000)));

    const t0 = performance.now();
    const changes = await syncSessionReminders(prisma, sessionIds, new Date());
    const t1 = performance.now();
    await applyFireChanges(bullmqFireTimer(svc.service.queues.fires, svc.service.redis), changes);
    const t2 = performance.now();
    expect(changes.schedule).toHaveLength(TOTAL);
    console.log({ sync: t1 - t0, arm: t2 - t1, left: firstDue - Date.now() });
    expect(Date.now()).toBeLessThan(firstDue);

    const dbg = setInterval(async () => {
      const by = await prisma.scheduledFire.groupBy({ by: ["status"], _count: true });
      console.log(Date.now() - firstDue, JSON.stringify(by), JSON.stringify(await svc.service.queues.fires.getJobCounts()));
    }, 2000);
    worker.on("failed", (job, err) => console.log("failed", job?.id, err.message));
    await eventually(async () => (await prisma.scheduledFire.count({ where: { status: "sent" } })) === TOTAL, 120_000, 500).finally(() => clearInterval(dbg));
    const t3 = Date.now();
    const rows = await prisma.$queryRaw<Array<{ lateMs: number }>>`
      SELECT (EXTRACT(EPOCH FROM o."createdAt" - f."dueAt") * 1000)::float8 AS "lateMs"
      FROM "ScheduledFire" f JOIN "OutboundMessage" o ON o."idempotencyKey" = 'fire:' || f."id"`;
    const late = rows.map((r) => r.lateMs).sort((a, b) => a - b);
    expect(late).toHaveLength(TOTAL);
    await eventually(async () => (await prisma.outboundMessage.count({ where: { purpose: "reminder", status: "sent" } })) === TOTAL, 120_000, 500);
    const t4 = Date.now();
    const perPerson = await prisma.outboundMessage.groupBy({ by: ["externalId"], _count: true, having: { externalId: { _count: { gt: 1 } } } });
    expect(perPerson).toEqual([]);

    const report = {
      syncMs: Math.round(t1 - t0),
      armMs: Math.round(t2 - t1),
      fireLatenessP50Ms: Math.round(quantile(late, 0.5)),
      fireLatenessP99Ms: Math.round(quantile(late, 0.99)),
      fireLatenessMaxMs: Math.round(late[late.length - 1]!),
      allFiredAfterLastDueMs: t3 - (firstDue + (COHORTS - 1) * 2000),
      allDeliveredAfterLastDueMs: t4 - (firstDue + (COHORTS - 1) * 2000),
    };
    console.log(JSON.stringify(report));
    expect(report.fireLatenessP99Ms).toBeLessThan(10_000);
  });
});
