import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enabledChannels } from "../../../src/channels/enabled.ts";
import { loadConfig } from "../../../src/config/config.ts";
import { HOLD_MAX_S, LIVE_SEND_S } from "../../../src/outbox/claim.ts";
import { deliverBatch } from "../../../src/outbox/deliver.ts";
import { createOutbound } from "../../../src/outbox/outbound.ts";
import { startFakeWhatsApp, type FakeWhatsApp } from "../../fakes/whatsapp-server.ts";
import { WA, whatsappEnv } from "../../support/platforms.ts";
import { startTestService, type TestService } from "../../support/service.ts";

/**
 * Sending set-based against the fake Graph API: a job's rows for many people are claimed in one
 * statement and sent with each person's in order; a person's later replies wait for the earlier ones
 * held by another job (`seq`), and a retryable failure holds back that person's later rows only.
 */
let svc: TestService;
let wa: FakeWhatsApp;
beforeAll(async () => {
  wa = await startFakeWhatsApp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
  const env = whatsappEnv(wa.baseUrl);
  svc = await startTestService({ role: "web", env, channels: enabledChannels(loadConfig(env)) });
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
});

const deps = () => svc.service.deps;
let k = 0;
/** Queues texts to one WhatsApp number, in one statement (as one turn's replies), inside its 24-hour window. */
async function queue(to: string, ...texts: string[]): Promise<string[]> {
  await deps().prisma.identity.upsert({
    where: { channel_externalId: { channel: "whatsapp", externalId: to } },
    create: { channel: "whatsapp", externalId: to, lastInboundAt: new Date(), person: { create: { timezone: "Europe/Paris" } } },
    update: { lastInboundAt: new Date() },
  });
  return createOutbound(
    deps().prisma,
    texts.map((text) => ({ idempotencyKey: `t:${++k}`, personId: null, channel: "whatsapp" as const, externalId: to, intent: { type: "text" as const, text } })),
  );
}
const textsTo = (to: string) => wa.sent().filter((m) => m["to"] === to).map((m) => (m["text"] as { body: string }).body);

describe("sending a job's rows", () => {
  it("sends many people's rows from one job, each person's in order, once", async () => {
    const people = Array.from({ length: 12 }, (_, i) => `3361000${String(i).padStart(4, "0")}`);
    const ids: string[] = [];
    for (const p of people) ids.push(...(await queue(p, `${p} one`, `${p} two`, `${p} three`)));
    const first = await deliverBatch(deps(), ids);
    expect(first).toMatchObject({ sent: 36, failed: 0, blocked: 0 });
    for (const p of people) expect(textsTo(p)).toEqual([`${p} one`, `${p} two`, `${p} three`]);
    // The same job again (a retry, a duplicate): nothing is sent twice.
    expect(await deliverBatch(deps(), ids)).toMatchObject({ sent: 0, blocked: 0 });
    expect(wa.sent().filter((m) => people.includes(String(m["to"])))).toHaveLength(36);
    const rows = await deps().prisma.outboundMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "sent" && r.platformMessageId)).toBe(true);
  });

  it("holds a person's later reply while an earlier one, in another job, still waits", async () => {
    const to = "33612340001";
    const [earlier] = await queue(to, "earlier");
    const [later] = await queue(to, "later");
    expect(await deliverBatch(deps(), [later!])).toMatchObject({ sent: 0, blocked: 1 });
    expect(textsTo(to)).toEqual([]);
    expect(await deliverBatch(deps(), [earlier!])).toMatchObject({ sent: 1, blocked: 0 });
    expect(await deliverBatch(deps(), [later!])).toMatchObject({ sent: 1, blocked: 0 });
    expect(textsTo(to)).toEqual(["earlier", "later"]);
  });

  it("sends the others in the same job and counts the held ones", async () => {
    const [a, b, c] = ["33612340010", "33612340011", "33612340012"];
    const [earlierA] = await queue(a!, "A earlier");
    const [earlierB] = await queue(b!, "B earlier");
    const jobIds = [...(await queue(a!, "A later")), ...(await queue(b!, "B later")), ...(await queue(c!, "C one", "C two"))];
    expect(await deliverBatch(deps(), jobIds)).toMatchObject({ sent: 2, blocked: 2 });
    expect(textsTo(c!)).toEqual(["C one", "C two"]);
    expect(textsTo(a!)).toEqual([]);
    expect(await deliverBatch(deps(), [earlierA!, earlierB!])).toMatchObject({ sent: 2, blocked: 0 });
    expect(await deliverBatch(deps(), jobIds)).toMatchObject({ sent: 2, blocked: 0 });
    expect([textsTo(a!), textsTo(b!)]).toEqual([["A earlier", "A later"], ["B earlier", "B later"]]);
  });

  it("is not held for long by a send a crash cut, or by a message its platform keeps refusing", async () => {
    const to = "33612340005";
    const [cut] = await queue(to, "cut by a crash");
    const [stuck] = await queue(to, "still retrying");
    const [next] = await queue(to, "next");
    await deps().prisma.outboundMessage.update({ where: { id: cut! }, data: { status: "sending", claimedAt: new Date(Date.now() - (LIVE_SEND_S + 5) * 1000) } });
    // While the retrying one is recent, it holds the next one; once it is old, it does not.
    expect(await deliverBatch(deps(), [next!])).toMatchObject({ sent: 0, blocked: 1 });
    await deps().prisma.outboundMessage.update({ where: { id: stuck! }, data: { createdAt: new Date(Date.now() - (HOLD_MAX_S + 5) * 1000) } });
    expect(await deliverBatch(deps(), [next!])).toMatchObject({ sent: 1, blocked: 0 });
    expect(textsTo(to)).toEqual(["next"]);
  });

  it("on a retryable failure, requeues that row and the person's later ones, and sends everyone else's", async () => {
    const a = "33612340002";
    const b = "33612340003";
    const ids = [...(await queue(a, "a1", "a2", "a3")), ...(await queue(b, "b1"))];
    // a1 and b1 go out first (side by side); the third request (a2) gets a 503.
    wa.failNext(1, { status: 503, code: 2, message: "Service temporarily unavailable" }, { after: 2 });
    const r = await deliverBatch(deps(), ids);
    expect(r.sent).toBe(2);
    expect(r.retry?.errorClass).toBe("retry");
    expect(textsTo(b)).toEqual(["b1"]);
    expect(textsTo(a)).toEqual(["a1"]);
    const statuses = await deps().prisma.outboundMessage.findMany({ where: { id: { in: ids } }, orderBy: { seq: "asc" }, select: { status: true, errorCode: true } });
    expect(statuses.map((s) => s.status)).toEqual(["sent", "queued", "queued", "sent"]);
    // The retry sends the rest once, in order.
    expect(await deliverBatch(deps(), ids)).toMatchObject({ sent: 2 });
    expect(textsTo(a)).toEqual(["a1", "a2", "a3"]);
  });

  it("on the last attempt, records the failure and goes on with the person's next rows", async () => {
    const to = "33612340004";
    const ids = await queue(to, "x1", "x2");
    wa.failNext(1, { status: 503, code: 2, message: "Service temporarily unavailable" });
    const r = await deliverBatch(deps(), ids, { lastAttempt: true });
    expect(r).toMatchObject({ sent: 1, failed: 1 });
    expect(r.retry).toBeUndefined();
    const rows = await deps().prisma.outboundMessage.findMany({ where: { id: { in: ids } }, orderBy: { seq: "asc" } });
    expect(rows.map((x) => [x.status, x.errorCode])).toEqual([
      ["failed", "retries_exhausted"],
      ["sent", null],
    ]);
  });
});
