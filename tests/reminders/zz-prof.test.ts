import { randomUUID } from "node:crypto";
import { it } from "vitest";
import { handleFire } from "../../src/reminders/fire.ts";
import { syncSessionReminders } from "../../src/reminders/schedule.ts";
import { reminderEnv } from "./support.ts";

it("profile", { timeout: 300_000 }, async () => {
  const env = await reminderEnv();
  const prisma = env.prisma;
  const N = 2000;
  const cohort = await prisma.cohort.create({ data: { key: "p", name: "p", startsOn: new Date("2026-01-01"), endsOn: new Date("2030-01-01"), reminderOffsets: ["-PT1H"] } });
  const people = Array.from({ length: N }, (_, i) => ({ id: randomUUID(), externalId: `p-${i}` }));
  await prisma.person.createMany({ data: people.map((p) => ({ id: p.id, stage: "member" as const, locale: "fr" })) });
  await prisma.identity.createMany({ data: people.map((p) => ({ personId: p.id, channel: "console" as const, externalId: p.externalId })) });
  await prisma.membership.createMany({ data: people.map((p) => ({ personId: p.id, cohortId: cohort.id })) });
  const s = await prisma.trainingSession.create({ data: { cohortId: cohort.id, key: "s", title: "T", startsAt: new Date(Date.now() + 7200_000), endsAt: new Date(Date.now() + 9000_000) } });
  let t = performance.now();
  const ch = await syncSessionReminders(prisma, [s.id], new Date());
  console.log("sync", performance.now() - t);
  env.clock.now = new Date(Date.now() + 3600_000 + 1000);
  const ids = ch.schedule.map((f) => f.id);
  t = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { while (next < ids.length) await handleFire(env.deps, ids[next++]!); }));
  const dt = performance.now() - t;
  console.log("handleFire", N, "in", dt, "=>", (N / dt) * 1000, "/s");
  await env.close();
});
