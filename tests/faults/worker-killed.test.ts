import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audienceWhere } from "../../src/broadcast/audience.ts";
import type { AppDeps } from "../../src/deps.ts";
import { INTERRUPTED_AFTER_MS, sweepOutbound } from "../../src/outbox/sweep.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { faultEnv, queueDeps, programmeOf, sleep, spawnService, tally, waitFor, whatsappEnv, type FaultEnv } from "./support.ts";

/**
 * A worker process is SIGKILLed in the middle of a broadcast to N = 300 WhatsApp recipients (the fake
 * Graph API answers 130429 beyond 40 messages/s and takes 30 ms per request, so the broadcast lasts
 * several seconds), then a new worker process starts. BullMQ gives the dead worker's active jobs back
 * only once their locks expire and a stalled-job check has seen them twice (about 30 s): the test waits
 * for that. The sends the kill cut mid-flight stay "sending"; the outbound sweeper records them as
 * failed (send.interrupted) after INTERRUPTED_AFTER_MS, called here with a clock that far ahead.
 */
const N = 300;
const TEXT = "Formation déplacée : jeudi 10 h, salle 2.";

let fault: FaultEnv;
let wa: FakeWhatsApp;
let deps: AppDeps;
let broadcastId: string;
let recipients: string[];

beforeAll(async () => {
  fault = await faultEnv("wkill");
  wa = await fault.whatsapp();
  deps = queueDeps(fault);

  recipients = Array.from({ length: N }, (_, i) => `3360${String(1_000_000 + i)}`);
  const summary = await importProgramme(
    fault.prisma,
    programmeOf({
      key: "kill",
      members: recipients.map((externalId, i) => ({ channel: "whatsapp", externalId, locale: ["fr", "ar", "fa", "en"][i % 4]! })),
      coordinators: [{ channel: "whatsapp", externalId: "33699999999", name: "Amina", locale: "fr" }],
    }),
  );
  // Everyone wrote an hour ago: inside WhatsApp's 24-hour window, the announcement goes as free text.
  await fault.prisma.identity.updateMany({ data: { lastInboundAt: new Date(Date.now() - 3600_000) } });
  const coordinator = await fault.prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: "33699999999" } } });
  const audience = { type: "cohort" as const, cohortId: summary.cohortIds[0]! };
  // What the coordinator's "send" commits (app/effects.ts create_broadcast); the fan-out job follows.
  const broadcast = await fault.prisma.broadcast.create({
    data: { createdById: coordinator.personId, audience, originalLocale: "fr", texts: { fr: TEXT }, status: "sending", confirmedAt: new Date() },
  });
  const people = await fault.prisma.person.findMany({ where: audienceWhere(audience), select: { id: true, locale: true } });
  expect(people).toHaveLength(N);
  await fault.prisma.broadcastRecipient.createMany({ data: people.map((p) => ({ broadcastId: broadcast.id, personId: p.id, locale: p.locale ?? "fr" })) });
  broadcastId = broadcast.id;
});
afterAll(async () => {
  await fault?.cleanup();
});

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const acceptedTo = () => tally(wa.sent().map((m) => String(m["to"])).filter((to) => to !== "33699999999"));
const messages = () =>
  fault.prisma.outboundMessage.findMany({ where: { broadcastRecipient: { broadcastId } }, include: { broadcastRecipient: true } });

describe("a worker process killed mid-broadcast", () => {
  it("a new worker finishes it: one final status per recipient, nobody gets it twice", { timeout: 180_000 }, async () => {
    wa.rateLimit(40);
    wa.latencyMs = 30;
    const env = whatsappEnv(wa.baseUrl);
    const first = spawnService(fault, "worker", env);
    await first.ready;
    const t0 = Date.now();
    await deps.dispatcher.broadcast(broadcastId);

    await waitFor("a third of the broadcast accepted by WhatsApp", () => acceptedTo().size >= N / 3, 60_000, 20);
    await first.kill("SIGKILL");
    const tKill = Date.now();
    const atKill = acceptedTo().size;
    const statusAtKill = tally((await messages()).map((m) => m.status));
    expect(atKill).toBeLessThan(N); // the kill did come mid-way

    const second = spawnService(fault, "worker", env);
    await second.ready;
    const tSecond = Date.now();
    // The dead worker's jobs come back after their locks expire and a stalled check sees them (≈ 30-60 s).
    await waitFor(
      "no recipient left queued",
      async () => {
        const rows = await messages();
        return rows.length === N && rows.every((m) => m.status !== "queued");
      },
      120_000,
      500,
    );
    const tRecovered = Date.now();
    await sleep(1500); // let anything still in flight land
    const sendingBeforeSweep = (await messages()).filter((m) => m.status === "sending").length;
    const swept = await sweepOutbound(deps, new Date(Date.now() + INTERRUPTED_AFTER_MS + 60_000));
    expect(swept.interrupted).toBe(sendingBeforeSweep);

    const rows = await messages();
    const accepted = acceptedTo();
    const byStatus = tally(rows.map((m) => (m.status === "failed" ? `failed:${m.errorCode}` : m.status)));
    console.log(
      `[worker-killed] accepted at kill ${atKill}/${N}, rows at kill ${JSON.stringify(Object.fromEntries(statusAtKill))}; ` +
        `final ${JSON.stringify(Object.fromEntries(byStatus))}; received by ${accepted.size}; ` +
        `kill at ${secs(tKill - t0)}, new worker ready ${secs(tSecond - tKill)} later, all claimed ${secs(tRecovered - tSecond)} after that`,
    );
    // Exactly one message row per recipient, each with a final status.
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((m) => m.externalId)).size).toBe(N);
    for (const m of rows) {
      expect(m.broadcastRecipient?.status).toBe("claimed");
      expect(m.status === "sent" || (m.status === "failed" && m.errorCode === "send.interrupted")).toBe(true);
    }
    // Nobody received it twice; everyone marked sent did receive it.
    expect([...accepted.values()].filter((n) => n > 1)).toEqual([]);
    for (const m of rows) if (m.status === "sent") expect(accepted.get(m.externalId)).toBe(1);
    // Only the sends in flight at the kill can be interrupted (one worker runs 16 sends at once).
    expect(swept.interrupted).toBeLessThanOrEqual(16);

    // The coordinator's report still comes: the progress checks are jobs too, and survive the kill.
    const done = await waitFor("the broadcast marked done", () => fault.prisma.broadcast.findFirst({ where: { id: broadcastId, status: "done" } }), 40_000, 500);
    expect(done.completedAt).not.toBeNull();
    await waitFor("the report sent to the coordinator", () => fault.prisma.outboundMessage.findFirst({ where: { idempotencyKey: { startsWith: `bc-report:${broadcastId}` }, status: "sent" } }), 20_000, 250);
    await second.kill("SIGTERM");
  });
});
