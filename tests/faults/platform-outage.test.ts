import { afterAll, describe, expect, it } from "vitest";
import { createOutbound } from "../../src/outbox/outbound.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { answers, startFlakyPlatform, type FlakyPlatform, type OutageAnswer } from "./flaky-platform.ts";
import { faultEnv, sleep, startInProcess, tally, waitFor, whatsappEnv, type FaultEnv, type InProcess } from "./support.ts";

/**
 * WhatsApp's API failing every send for a while: first with 5xx (500 131000, 503 code 2, a 502 HTML
 * page from a proxy), then with 429 "throughput reached" (130429). The brief's "a minute" is shortened
 * to OUTAGE_MS = 20 s per kind, to keep the folder within its time budget; the attempt limit is scaled
 * from "under ~10 in a minute" to MAX_ATTEMPTS in 20 s (5 tries would already be 1 s doubling; 8 leaves
 * room for jitter). N = 20 messages per outage, each to its own person. The two outages run side by
 * side, each against its own service, database, queue prefix and fake platform.
 */
const OUTAGE_MS = 20_000;
const N = 20;
const MAX_ATTEMPTS = 8;

/** Each scenario has its own database, queue prefix, fake platform and service: they run side by side. */
const envs: FaultEnv[] = [];
afterAll(async () => {
  for (const fault of envs) await fault.cleanup();
});

interface Scenario {
  fault: FaultEnv;
  wa: FakeWhatsApp;
  flaky: FlakyPlatform;
  svc: InProcess;
}

async function scenario(label: string): Promise<Scenario> {
  const fault = await faultEnv(label);
  envs.push(fault);
  const wa = await fault.whatsapp();
  const flaky = await startFlakyPlatform(wa.baseUrl);
  fault.defer(() => flaky.close());
  const svc = await startInProcess(fault, { env: whatsappEnv(flaky.baseUrl) });
  return { fault, wa, flaky, svc };
}

/** N announcements to N people who wrote recently (free text inside the 24-hour window), queued at once. */
async function queueAnnouncements({ fault }: Scenario, group: string): Promise<{ to: string[]; ids: string[] }> {
  const to = Array.from({ length: N }, (_, i) => `336${group}${String(i).padStart(5, "0")}`);
  const ids: string[] = [];
  for (const number of to) {
    const person = await fault.prisma.person.create({
      data: { locale: "fr", identities: { create: { channel: "whatsapp", externalId: number, lastInboundAt: new Date(Date.now() - 600_000) } } },
    });
    ids.push(
      ...(await createOutbound(fault.prisma, [
        { idempotencyKey: `outage:${number}`, personId: person.id, channel: "whatsapp", externalId: number, purpose: "announcement", intent: { type: "text", text: `Annonce ${group}` } },
      ])),
    );
  }
  return { to, ids };
}

async function runOutage(label: string, group: string, cycle: OutageAnswer[]) {
  const s = await scenario(label);
  const { fault, wa, flaky, svc } = s;
  const { to, ids } = await queueAnnouncements(s, group);
  const t0 = Date.now();
  flaky.outage(OUTAGE_MS, cycle);
  await svc.service.deps.dispatcher.outboundEach("whatsapp", ids);
  const rows = await waitFor(
    "every message sent after the outage",
    async () => {
      const r = await fault.prisma.outboundMessage.findMany({ where: { id: { in: ids } } });
      return r.every((m) => m.status === "sent") ? r : undefined;
    },
    OUTAGE_MS + 60_000,
    250,
  );
  const tDone = Date.now();
  await sleep(1000); // a duplicate would be out by now
  const mine = new Set(to);
  const inOutage = flaky.attempts.filter((a) => mine.has(a.to) && a.at >= t0 && a.at < flaky.outageEndsAt());
  const perMessage = tally(inOutage.map((a) => a.to));
  const accepted = tally(wa.sent().map((m) => String(m["to"])).filter((n) => mine.has(n)));
  const worst = Math.max(...to.map((n) => perMessage.get(n) ?? 0));
  console.log(
    `[platform-outage] ${label}: ${inOutage.length} attempts during ${OUTAGE_MS / 1000} s for ${N} messages, at most ${worst} for one; ` +
      `all sent ${((tDone - flaky.outageEndsAt()) / 1000).toFixed(1)} s after the outage ended`,
  );
  return { to, rows, perMessage, accepted, worst };
}

describe("the platform failing every send for a while", () => {
  it.concurrent(`5xx for ${OUTAGE_MS / 1000} s: few attempts per message (exponential backoff), every message sent once afterwards`, { timeout: 120_000 }, async () => {
    const r = await runOutage("out5xx", "71", [answers.internal, answers.unavailable, answers.badGatewayHtml]);
    expect(r.worst).toBeLessThanOrEqual(MAX_ATTEMPTS);
    for (const to of r.to) expect(r.accepted.get(to)).toBe(1);
    expect(r.rows.every((m) => m.status === "sent" && m.platformMessageId)).toBe(true);
  });

  /*
   * Once a bug, fixed (src/queues/workers.ts sendBatch + src/channels/whatsapp/errors.ts): 130429 is a "global"
   * limit with retryAfterMs 1000, so every send that meets it pauses the queue for 1 s and puts its
   * job back WITHOUT using an attempt (Worker.RateLimitError). Nothing grows: under a sustained 429
   * every queued message is tried again about once a second for as long as it lasts (≈ 20 tries per
   * message in 20 s, ≈ 60 in a minute), never the documented "1 s doubling, capped at 5 minutes".
   */
  it.concurrent(`429 (130429) for ${OUTAGE_MS / 1000} s: few attempts per message, every message sent once afterwards`, { timeout: 120_000 }, async () => {
    const r = await runOutage("out429", "72", [answers.throughput]);
    for (const to of r.to) expect(r.accepted.get(to)).toBe(1);
    expect(r.rows.every((m) => m.status === "sent")).toBe(true);
    expect(r.worst).toBeLessThanOrEqual(MAX_ATTEMPTS);
  });
});
