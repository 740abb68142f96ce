import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSessionReminders } from "../../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../../src/fires/changes.ts";
import { bullmqFireTimer } from "../../../src/fires/timer.ts";
import { startFireWorker } from "../../../src/fires/worker.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

/**
 * 2,000 fires in the ordinary suite, so it stays light beside the other test files;
 * `REMINDER_SCALE_FIRES=10000 npx vitest run tests/reminders/scale.test.ts` for the full burst.
 */
const TOTAL = Math.max(5, Number(process.env.REMINDER_SCALE_FIRES ?? 2000));
const COHORTS = 5;
const MEMBERS_PER_COHORT = Math.ceil(TOTAL / COHORTS);
const FIRES = COHORTS * MEMBERS_PER_COHORT;

let svc: TestService;
let worker: Worker;
beforeAll(async () => {
  svc = await startTestService();
  worker = startFireWorker(svc.service.fireKinds, svc.service.redis, svc.service.config.redis.prefix);
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

describe(`${FIRES} reminders due within seconds of each other`, () => {
  // Delivery to the platform is the outbound queue's business (rate-limited per platform): measured
  // here is the fire side, from due time to the reminder's message being created and dispatched.
  it("plans, arms and fires them all once, on time", { timeout: 240_000 }, async () => {
    const prisma = svc.service.deps.prisma;
    const sessionIds: string[] = [];
    for (let c = 0; c < COHORTS; c++) sessionIds.push(await seedCohort(c, new Date(Date.now() + 86_400_000)));
    // Sessions 2 s apart, each with a fifth of the members and a reminder one hour before: the fires come due over 8 s,
    // the first a few seconds after seeding (which takes a while on a loaded machine): time to plan and arm them.
    const firstDue = Date.now() + 5000 + FIRES;
    for (const [c, id] of sessionIds.entries()) {
      await prisma.trainingSession.update({ where: { id }, data: { startsAt: new Date(firstDue + 3600_000 + c * 2000) } });
    }

    const t0 = performance.now();
    const changes = await syncSessionReminders(prisma, sessionIds, new Date());
    const t1 = performance.now();
    await applyFireChanges(bullmqFireTimer(svc.service.queues.fires), changes);
    const t2 = performance.now();
    expect(changes.schedule).toHaveLength(FIRES);
    expect(Date.now()).toBeLessThan(firstDue); // planning and arming every fire took less than the lead time

    await eventually(async () => (await prisma.scheduledFire.count({ where: { status: "sent" } })) === FIRES, 120_000, 250);
    const t3 = Date.now();
    const rows = await prisma.$queryRaw<Array<{ lateMs: number }>>`
      SELECT (EXTRACT(EPOCH FROM o."createdAt" - f."dueAt") * 1000)::float8 AS "lateMs"
      FROM "ScheduledFire" f JOIN "OutboundMessage" o ON o."idempotencyKey" = 'fire:' || f."id"`;
    const late = rows.map((r) => r.lateMs).sort((a, b) => a - b);
    expect(late).toHaveLength(FIRES);
    // One message per person (each has one fire), none twice.
    const perPerson = await prisma.outboundMessage.groupBy({ by: ["externalId"], _count: true, having: { externalId: { _count: { gt: 1 } } } });
    expect(perPerson).toEqual([]);
    expect(await prisma.outboundMessage.count({ where: { purpose: "reminder" } })).toBe(FIRES);

    const report = {
      syncMs: Math.round(t1 - t0),
      armMs: Math.round(t2 - t1),
      fireLatenessP50Ms: Math.round(quantile(late, 0.5)),
      fireLatenessP99Ms: Math.round(quantile(late, 0.99)),
      fireLatenessMaxMs: Math.round(late[late.length - 1]!),
      allFiredAfterLastDueMs: t3 - (firstDue + (COHORTS - 1) * 2000),
    };
    console.log(JSON.stringify(report));
    expect(report.fireLatenessP99Ms).toBeLessThan(10_000);
  });
});
