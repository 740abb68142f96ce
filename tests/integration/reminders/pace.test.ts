import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paceReminders } from "../../../src/reminders/pace.ts";
import { sendBudget } from "../../../src/core/send-limit.ts";
import { syncSessionReminders } from "../../../src/reminders/schedule.ts";
import { applyFireChanges } from "../../../src/fires/changes.ts";
import { reminderEnv, type ReminderEnv } from "./support.ts";

let env: ReminderEnv;
beforeAll(async () => {
  env = await reminderEnv();
});
afterAll(async () => env?.close());

/** A cohort of `members` WhatsApp members with one session, and a reminder an hour before it. */
async function cohortWithSession(key: string, members: number, startsAt: Date): Promise<string> {
  const prisma = env.prisma;
  const cohort = await prisma.cohort.create({
    data: { key, name: key, startsOn: new Date("2026-01-01"), endsOn: new Date("2030-12-31"), reminderOffsets: ["-PT1H"] },
  });
  const people = Array.from({ length: members }, (_, i) => ({ id: randomUUID(), externalId: `${key}-${i}` }));
  await prisma.person.createMany({ data: people.map((p) => ({ id: p.id, stage: "member" as const, locale: "fr" })) });
  await prisma.identity.createMany({ data: people.map((p) => ({ personId: p.id, channel: "whatsapp" as const, externalId: p.externalId })) });
  await prisma.membership.createMany({ data: people.map((p) => ({ personId: p.id, cohortId: cohort.id })) });
  const session = await prisma.trainingSession.create({ data: { cohortId: cohort.id, key: "s", title: key, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000) } });
  return session.id;
}

async function firesOfSessions(sessionIds: string[]) {
  return env.prisma.scheduledFire.findMany({ where: { sessionId: { in: sessionIds } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
}

/**
 * Sends the fires as the outbound queue would at `rate`: in order of their time to go (and due time),
 * each at the earliest when it may go and when the one before it has gone. Returns each one's lateness in seconds.
 */
function simulate(fires: { dueAt: Date; sendFrom: Date | null }[], rate: number): number[] {
  const order = [...fires].sort((a, b) => (a.sendFrom ?? a.dueAt).getTime() - (b.sendFrom ?? b.dueAt).getTime() || a.dueAt.getTime() - b.dueAt.getTime());
  let last = -Infinity;
  return order.map((f) => {
    last = Math.max((f.sendFrom ?? f.dueAt).getTime() / 1000, last + 1 / rate);
    return last - f.dueAt.getTime() / 1000;
  });
}

describe("pacing reminders that come due together", () => {
  it("leaves a lone reminder at its time", async () => {
    const id = await cohortWithSession("pace-few", 5, new Date(Date.now() + 3 * 86_400_000));
    const changes = await syncSessionReminders(env.prisma, [id], new Date());
    const fires = await firesOfSessions([id]);
    expect(fires).toHaveLength(5);
    for (const f of fires) expect(f.sendFrom).toBeNull();
    for (const f of changes.schedule) expect(f.dueAt.getTime()).toBe(fires.find((x) => x.id === f.id)!.dueAt.getTime());
  });

  it("starts a crowd early enough that, at WhatsApp's pace, every reminder reaches it by its time, and arms each then", async () => {
    const at = Date.now() + 5 * 86_400_000;
    const ids = [await cohortWithSession("pace-a", 600, new Date(at)), await cohortWithSession("pace-b", 600, new Date(at + 20_000))];
    const changes = await syncSessionReminders(env.prisma, ids, new Date());
    await applyFireChanges(env.timer, changes);
    const fires = await firesOfSessions(ids);
    expect(fires).toHaveLength(1200);
    const rate = sendBudget("whatsapp");
    const late = simulate(fires, rate);
    expect(Math.max(...late)).toBeLessThanOrEqual(0.5);
    // Not needlessly early: the first goes about (1,200 − what fits in the 20 s between the sessions) / rate before its time.
    const first = fires[0]!;
    const lead = (first.dueAt.getTime() - first.sendFrom!.getTime()) / 1000;
    expect(lead).toBeGreaterThan((1200 - 20 * rate) / rate - 1);
    expect(lead).toBeLessThan(1200 / (rate * 0.9) + 1);
    // The timer holds each fire at its time to go.
    const entries = await env.timer.lookup(fires.slice(0, 50).map((f) => f.id));
    for (const f of fires.slice(0, 50)) {
      const entry = entries.get(f.id);
      expect(entry?.state).toBe("delayed");
      if (entry?.state === "delayed") expect(Math.abs(entry.runAt - (f.sendFrom ?? f.dueAt).getTime())).toBeLessThan(250);
    }
  });

  it("re-paces when a session moves away: its reminders and the others go at their time again", async () => {
    const at = Date.now() + 7 * 86_400_000;
    const ids = [await cohortWithSession("pace-c", 400, new Date(at)), await cohortWithSession("pace-d", 400, new Date(at))];
    await syncSessionReminders(env.prisma, ids, new Date());
    const crowded = (await firesOfSessions(ids)).filter((f) => f.sendFrom !== null).length;
    expect(crowded).toBeGreaterThan(300);
    await env.prisma.trainingSession.update({ where: { id: ids[1]! }, data: { startsAt: new Date(at + 86_400_000), version: { increment: 1 } } });
    const changes = await syncSessionReminders(env.prisma, [ids[1]!], new Date());
    const fires = await firesOfSessions(ids);
    // Each session's 400 now come due alone: fewer go early, and those go less early.
    expect(fires.filter((f) => f.sendFrom !== null).length).toBeLessThan(crowded);
    const leadOf = (f: (typeof fires)[number]) => f.dueAt.getTime() - (f.sendFrom ?? f.dueAt).getTime();
    expect(Math.max(...fires.map(leadOf))).toBeLessThan((400 / (sendBudget("whatsapp") * 0.9) + 1) * 1000);
    expect(Math.max(...simulate(fires, sendBudget("whatsapp")))).toBeLessThanOrEqual(0.5);
    expect(changes.schedule.length).toBeGreaterThanOrEqual(400);
  });

  it("does not wait for reminders another transaction is changing, and leaves them to it", { timeout: 30_000 }, async () => {
    const at = Date.now() + 9 * 86_400_000;
    const id = await cohortWithSession("pace-e", 300, new Date(at));
    await syncSessionReminders(env.prisma, [id], new Date());
    await env.prisma.scheduledFire.updateMany({ where: { sessionId: id }, data: { sendFrom: null } });
    const held = (await firesOfSessions([id]))[0]!;
    // Another transaction holds one of the rows (a coordinator moving a session, say) until the pacing is done.
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const holding = env.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "ScheduledFire" WHERE "id" = ${held.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 25_000 },
    );
    await lockTaken;
    const changed = await paceReminders(env.prisma, new Date(at - 3600_000), new Date(at - 3600_000));
    release();
    await holding;
    expect(changed.length).toBeGreaterThan(250);
    expect(changed.map((f) => f.id)).not.toContain(held.id);
    expect((await env.prisma.scheduledFire.findUniqueOrThrow({ where: { id: held.id } })).sendFrom).toBeNull();
  });
});
