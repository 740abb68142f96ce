import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderWhatsApp, type WhatsAppMessage } from "../../src/channels/whatsapp/render.ts";
import type { Intent } from "../../src/core/intent.ts";
import { DEFAULT_RATES } from "../../src/core/send-limit.ts";
import type { Locale } from "../../src/core/locales.ts";
import type { OutboundMessage } from "../../src/db/generated/client.ts";
import type { AppDeps } from "../../src/deps.ts";
import { createI18n } from "../../src/i18n/i18n.ts";
import { renderFor } from "../../src/i18n/render.ts";
import { INTERRUPTED_AFTER_MS, sweepOutbound } from "../../src/outbox/sweep.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postWhatsApp, waTextBody } from "../support/platforms.ts";
import { faultEnv, queueDeps, programmeOf, sleep, spawnService, tally, waitFor, whatsappEnv, type FaultEnv } from "./support.ts";

/**
 * The set-based inbound pipeline under faults: many people's messages are handled in one transaction
 * and their replies go out in jobs holding many people's rows, so a crash or one person's failure
 * touches a whole batch. (1) A worker process SIGKILLed while batches of 400 messages from 200 people
 * are being handled and answered (the fake Graph API slowed), then a new worker: each message handled
 * once, nobody answered twice, each person's replies in the order written (`seq`). BullMQ gives the
 * dead worker's jobs back once their locks expire and a stalled check has seen them (≈ 30-60 s); the
 * sends the kill cut stay "sending" and hold that person's later replies back (for LIVE_SEND_S after
 * their claim at most, outbox/claim.ts) until the outbound sweeper fails them (INTERRUPTED_AFTER_MS,
 * called here with a clock that far past the kill).
 * (2) A trigger makes one person's state write throw inside a shared batch: the others are answered,
 * that person gets one `errors.generic` in their language and their message is kept as failed; a
 * person writing for the first time gets it too.
 */

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A free TCP port on 127.0.0.1, for a child web process. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Posts a signed text webhook; retried on a 5xx (as Meta redelivers). */
async function post(baseUrl: string, from: string, text: string, id: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await postWhatsApp(baseUrl, waTextBody(from, text, { id }));
    await res.arrayBuffer();
    if (res.status === 200) return;
    if (attempt >= 5) throw new Error(`webhook for ${from} answered ${res.status}`);
    await sleep(500);
  }
}

/** The text a person sees in one message the fake platform accepted (or one we rendered). */
function acceptedText(body: Record<string, any>): string {
  return String(body.text?.body ?? body.interactive?.body?.text ?? body.template?.name ?? body.document?.caption ?? body.document?.filename ?? "");
}
function renderedText(m: WhatsAppMessage): string {
  switch (m.type) {
    case "text":
      return m.text;
    case "buttons":
    case "list":
      return m.bodyText;
    case "template":
      return m.name;
    case "document":
      return m.caption ?? m.filename;
  }
}

describe("a worker SIGKILLed in the middle of a batch", () => {
  const SENDERS = 200;
  let fault: FaultEnv;
  let wa: FakeWhatsApp;
  let deps: AppDeps;
  const senders = Array.from({ length: SENDERS }, (_, i) => `3361${String(1_000_000 + i)}`);

  beforeAll(async () => {
    fault = await faultEnv("inbkill");
    wa = await fault.whatsapp();
    deps = queueDeps(fault);
  });
  afterAll(async () => {
    await fault?.cleanup();
  });

  const acceptedTo = () => tally(wa.sent().map((m) => String(m["to"])));
  const acceptedCount = () => wa.sent().length;

  it("a new worker finishes: each message handled once, nobody answered twice, replies in order", { timeout: 300_000 }, async () => {
    wa.latencyMs = 250;
    const env = whatsappEnv(wa.baseUrl);
    const port = await freePort();
    const web = spawnService(fault, "web", { ...env, PORT: String(port) });
    const first = spawnService(fault, "worker", env);
    await Promise.all([web.ready, first.ready]);
    const baseUrl = `http://127.0.0.1:${port}`;

    const t0 = Date.now();
    // Each sender's second message goes once the first was taken: both are in the log, in order.
    const posting = pool(senders, 25, async (from) => {
      await post(baseUrl, from, "Bonjour", `wamid.K1${from}`);
      await post(baseUrl, from, "2", `wamid.K2${from}`);
    });
    // The kill comes once some replies were accepted, while the batches are still being handled and sent.
    const killed = waitFor("some replies accepted by WhatsApp", () => acceptedCount() >= 60, 120_000, 20).then(async () => {
      await first.kill("SIGKILL");
      const processed = await fault.prisma.inboundMessage.count({ where: { status: "processed" } });
      return { at: Date.now(), accepted: acceptedCount(), processed };
    });
    killed.catch(() => undefined); // awaited below, once the posting is done
    await posting;
    const tPosted = Date.now();
    const kill = await killed;
    const outboundAtKill = tally((await fault.prisma.outboundMessage.findMany({ select: { status: true } })).map((m) => m.status));

    const second = spawnService(fault, "worker", env);
    await second.ready;
    const tSecond = Date.now();

    // Every message handled: the dead worker's jobs come back (stalled check) or the sweep wakes their addresses.
    await waitFor(
      "every inbound message processed",
      async () => (await fault.prisma.inboundMessage.count()) === 2 * SENDERS && (await fault.prisma.inboundMessage.count({ where: { status: { not: "processed" } } })) === 0,
      180_000,
      500,
    );
    const tHandled = Date.now();
    // Everything sent that can be: what stays queued waits behind a send the kill cut (still "sending").
    const orphaned = (m: Pick<OutboundMessage, "status" | "claimedAt">) => m.status === "sending" && m.claimedAt !== null && m.claimedAt.getTime() < kill.at;
    await waitFor(
      "every reply sent, but those behind a send the kill cut",
      async () => {
        const rows = await fault.prisma.outboundMessage.findMany({ orderBy: { seq: "asc" } });
        const cut = new Map<string, number>();
        for (const m of rows) if (orphaned(m)) cut.set(m.externalId, Math.min(cut.get(m.externalId) ?? Infinity, m.seq));
        return rows.every((m) => (m.status !== "queued" && (m.status !== "sending" || orphaned(m))) || (m.status === "queued" && (cut.get(m.externalId) ?? Infinity) < m.seq));
      },
      120_000,
      500,
    );
    const tSentButCut = Date.now();
    await sleep(1500); // anything still in flight lands
    const cutRows = (await fault.prisma.outboundMessage.findMany({ where: { status: "sending" } })).filter(orphaned);
    const heldBack = await fault.prisma.outboundMessage.count({ where: { status: "queued" } });
    // The sweeper's view INTERRUPTED_AFTER_MS after the kill: only the sends the dead worker began are failed.
    const swept = await sweepOutbound(deps, new Date(kill.at + INTERRUPTED_AFTER_MS));
    expect(swept.interrupted).toBe(cutRows.length);
    await waitFor("the replies held back behind them sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 60_000, 250);
    const tDone = Date.now();
    await sleep(1000);

    const inbound = await fault.prisma.inboundMessage.findMany();
    const rows = await fault.prisma.outboundMessage.findMany({ orderBy: { seq: "asc" } });
    const accepted = acceptedTo();
    const byStatus = tally(rows.map((m) => (m.status === "failed" ? `failed:${m.errorCode}` : m.status)));
    console.log(
      `[inbound-batch] posted ${2 * SENDERS} webhooks in ${secs(tPosted - t0)}; kill at ${secs(kill.at - t0)} with ${kill.accepted} sends accepted, ` +
        `${kill.processed} messages processed, replies ${JSON.stringify(Object.fromEntries(outboundAtKill))}; new worker ready ${secs(tSecond - kill.at)} later; ` +
        `all handled ${secs(tHandled - tSecond)} after that; all sent but the cut ones and those behind them ${secs(tSentButCut - tSecond)} after the new worker; ` +
        `${cutRows.length} sends cut, ${heldBack} replies held behind them; all sent ${secs(tDone - tSecond)} after the new worker; sweeps ${JSON.stringify(sweeps(second.logs()))}; ` +
        `final ${JSON.stringify(Object.fromEntries(byStatus))}, ${wa.sent().length} sends accepted to ${accepted.size} people`,
    );

    // Each message once, handled.
    expect(inbound).toHaveLength(2 * SENDERS);
    expect(new Set(inbound.map((m) => m.platformMessageId)).size).toBe(2 * SENDERS);
    expect(inbound.filter((m) => m.status !== "processed")).toEqual([]);
    expect(kill.accepted).toBeLessThan(rows.length); // the kill did come mid-way
    // Every reply sent, or failed as interrupted by the kill.
    for (const m of rows) expect(m.status === "sent" || (m.status === "failed" && m.errorCode === "send.interrupted")).toBe(true);
    expect(new Set(rows.map((m) => m.externalId)).size).toBe(SENDERS);

    // Per person: what the platform accepted, in arrival order, is their rows' messages in `seq` order,
    // every sent row's parts exactly once; an interrupted row may or may not have reached them, never twice.
    const received = new Map<string, string[]>();
    for (const body of wa.sent()) received.set(String(body["to"]), [...(received.get(String(body["to"])) ?? []), acceptedText(body)]);
    const problems: string[] = [];
    const reached = new Set<string>();
    for (const to of senders) {
      const parts = rows
        .filter((m) => m.externalId === to)
        .flatMap((m) => renderWhatsApp(m.intent as unknown as Intent).map((p) => ({ text: renderedText(p), sent: m.status === "sent", seq: m.seq, id: m.id })));
      let i = 0;
      for (const text of received.get(to) ?? []) {
        while (i < parts.length && parts[i]!.text !== text && !parts[i]!.sent) i++;
        if (i >= parts.length || parts[i]!.text !== text) {
          problems.push(`${to}: "${text.slice(0, 40)}" out of order, twice or unknown (rows ${JSON.stringify(parts.map((p) => [p.seq, p.sent, p.text.slice(0, 20)]))}, received ${JSON.stringify(received.get(to)!.map((t) => t.slice(0, 20)))})`);
          break;
        }
        reached.add(parts[i]!.id);
        i++;
      }
      if (parts.slice(i).some((p) => p.sent)) problems.push(`${to}: a sent reply never reached the platform`);
    }
    expect(problems).toEqual([]);
    const cut = rows.filter((m) => m.status === "failed");
    console.log(
      `[inbound-batch] interrupted rows ${cut.length}, of which ${cut.filter((m) => reached.has(m.id)).length} had reached the platform; ` +
        `${senders.filter((to) => !accepted.get(to)).length} of ${SENDERS} people got no reply at all`,
    );
    // A crash leaves uncertain only the sends in flight: one wave (a tenth of a second of the platform's
    // pace) per outbound job running, 16 at once in a worker, never rows claimed and not yet tried.
    expect(cut.length).toBeLessThanOrEqual(16 * Math.ceil(DEFAULT_RATES.whatsapp / 10));
    // Nobody received more than their rows hold.
    for (const to of senders) {
      const mine = rows.filter((m) => m.externalId === to);
      expect(accepted.get(to) ?? 0).toBeLessThanOrEqual(mine.reduce((n, m) => n + renderWhatsApp(m.intent as unknown as Intent).length, 0));
    }
    await second.kill("SIGTERM");
    await web.kill("SIGTERM");
  });
});

/** The outbound sweeps a worker logged (what each re-queued or failed). */
function sweeps(logs: string): unknown[] {
  return logs.split("\n").flatMap((l) => {
    try {
      const line = JSON.parse(l) as { msg?: string; requeued?: number; interrupted?: number; inbound?: number };
      return line.msg === "sweep" ? [{ requeued: line.requeued, interrupted: line.interrupted, inbound: line.inbound }] : [];
    } catch {
      return [];
    }
  });
}

describe("one person's turn throws inside a batch", () => {
  const MEMBERS = 20;
  const CHOSEN = 5;
  let fault: FaultEnv;
  let wa: FakeWhatsApp;
  let service: ReturnType<typeof spawnService>;
  let baseUrl: string;
  let errorText: (locale: Locale) => string;
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ externalId: `3362${String(1_000_000 + i)}`, locale: (["fr", "ar", "fa", "en"] as const)[i % 4]! }));
  const chosen = members[CHOSEN]!;
  /** A member who never wrote: WhatsApp's 24-hour window is not open for them yet. */
  const newcomer = { externalId: "33629999999", locale: "fa" as const };

  beforeAll(async () => {
    fault = await faultEnv("inbthrow");
    wa = await fault.whatsapp();
    await importProgramme(
      fault.prisma,
      programmeOf({ key: "throw", members: [...members, newcomer].map((m) => ({ channel: "whatsapp", externalId: m.externalId, locale: m.locale })) }),
    );
    // The members wrote an hour ago: their window is open, as it is for anyone who just wrote.
    await fault.prisma.identity.updateMany({ where: { externalId: { not: newcomer.externalId } }, data: { lastInboundAt: new Date(Date.now() - 3600_000) } });
    const i18n = await createI18n();
    errorText = (locale) => {
      const intent = renderFor({ i18n }, locale, { type: "text", say: { key: "errors.generic" } });
      return renderWhatsApp(intent).map(renderedText).join("\n");
    };
    const port = await freePort();
    service = spawnService(fault, "all", { ...whatsappEnv(wa.baseUrl), PORT: String(port) });
    await service.ready;
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await fault?.cleanup();
  });

  const textsTo = (to: string) => wa.sent().filter((b) => b["to"] === to).map((b) => acceptedText(b));
  /** In this test's database only: any write of that person's conversation state throws. */
  async function failStateWrites(personId: string): Promise<void> {
    await fault.prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION inbound_batch_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault for %', NEW."personId"; END $$`);
    await fault.prisma.$executeRawUnsafe(
      `CREATE TRIGGER inbound_batch_fault BEFORE INSERT OR UPDATE ON "ConversationState" FOR EACH ROW WHEN (NEW."personId" = '${personId}') EXECUTE FUNCTION inbound_batch_fault()`,
    );
  }
  async function restoreStateWrites(): Promise<void> {
    await fault.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS inbound_batch_fault ON "ConversationState"`);
  }
  const personAt = async (externalId: string) =>
    (await fault.prisma.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId } } })).personId;

  it("the others are answered, that person gets one error answer and their message is kept as failed", { timeout: 120_000 }, async () => {
    const personId = await personAt(chosen.externalId);
    await failStateWrites(personId);
    const t0 = Date.now();
    // All at once, so their messages are logged and handled together.
    await Promise.all(members.map((m) => post(baseUrl, m.externalId, "Bonjour", `wamid.T1${m.externalId}`)));
    await waitFor("every message handled", async () => (await fault.prisma.inboundMessage.count({ where: { status: "received" } })) === 0, 60_000, 200);
    await waitFor("every reply sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 60_000, 200);
    const tAnswered = Date.now();
    await sleep(1000); // a reply sent twice would land now

    const batchFailed = service
      .logs()
      .split("\n")
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { msg?: string; addresses?: number }];
        } catch {
          return [];
        }
      })
      .filter((l) => l.msg?.startsWith("an inbound batch failed"));
    const inbound = await fault.prisma.inboundMessage.findMany();
    const rows = await fault.prisma.outboundMessage.findMany();
    console.log(
      `[inbound-batch] ${MEMBERS} members at once: answered in ${secs(tAnswered - t0)}; batches failed ${JSON.stringify(batchFailed.map((l) => l.addresses))}; ` +
        `inbound ${JSON.stringify(Object.fromEntries(tally(inbound.map((m) => m.status))))}, ${rows.length} replies, ${wa.sent().length} sends accepted`,
    );
    // The failure came inside a batch of several people (else this test proves nothing about batches).
    expect(batchFailed.some((l) => (l.addresses ?? 0) > 1)).toBe(true);

    // The chosen person: message kept as failed with the error, exactly one answer, the generic error in their language.
    const theirs = inbound.filter((m) => m.externalId === chosen.externalId);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.status).toBe("failed");
    expect(theirs[0]!.error ?? "").toMatch(/injected fault/u);
    expect(textsTo(chosen.externalId)).toEqual([errorText(chosen.locale)]);
    expect(await fault.prisma.conversationState.findUnique({ where: { personId } })).toBeNull();

    // The others: handled, answered normally (never the error answer), each reply once.
    for (const m of members.filter((x) => x !== chosen)) {
      const mine = inbound.filter((r) => r.externalId === m.externalId);
      expect(mine.map((r) => r.status)).toEqual(["processed"]);
      const texts = textsTo(m.externalId);
      expect(texts.length).toBeGreaterThan(0);
      expect(texts).not.toContain(errorText(m.locale));
    }
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const sentParts = tally(rows.flatMap((r) => renderWhatsApp(r.intent as unknown as Intent).map(() => r.externalId)));
    expect(Object.fromEntries(tally(wa.sent().map((b) => String(b["to"]))))).toEqual(Object.fromEntries(sentParts));

    // The fault gone, the same person's next message is answered normally.
    await restoreStateWrites();
    const before = textsTo(chosen.externalId).length;
    await post(baseUrl, chosen.externalId, "Bonjour", `wamid.T2${chosen.externalId}`);
    await waitFor("the next message handled", () => fault.prisma.inboundMessage.findFirst({ where: { platformMessageId: `wamid.T2${chosen.externalId}`, status: "processed" } }), 30_000, 200);
    await waitFor("its answer sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0 && textsTo(chosen.externalId).length > before, 30_000, 200);
    await sleep(500);
    const after = textsTo(chosen.externalId).slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toContain(errorText(chosen.locale));
    expect(await fault.prisma.conversationState.findUnique({ where: { personId } })).not.toBeNull();
    // The failed message stays failed: it is not handled again.
    expect((await fault.prisma.inboundMessage.findFirstOrThrow({ where: { platformMessageId: `wamid.T1${chosen.externalId}` } })).status).toBe("failed");
  });

  // The message that broke the turn still opens the person's WhatsApp window (handle-inbound.ts
  // failWaiting): without it, the error answer to a first message would need a template and never go.
  it("the error answer reaches a person whose first message throws: that message opens their window", { timeout: 60_000 }, async () => {
    await failStateWrites(await personAt(newcomer.externalId));
    try {
      await post(baseUrl, newcomer.externalId, "Bonjour", `wamid.T3${newcomer.externalId}`);
      const failed = await waitFor("the message kept as failed", () => fault.prisma.inboundMessage.findFirst({ where: { platformMessageId: `wamid.T3${newcomer.externalId}`, status: "failed" } }), 30_000, 200);
      expect(failed.error ?? "").toMatch(/injected fault/u);
      const reply = await waitFor("the error answer tried", () => fault.prisma.outboundMessage.findFirst({ where: { externalId: newcomer.externalId, status: { in: ["sent", "failed"] } } }), 30_000, 200);
      expect({ status: reply.status, errorCode: reply.errorCode }).toEqual({ status: "sent", errorCode: null });
      expect(textsTo(newcomer.externalId)).toEqual([errorText(newcomer.locale)]);
    } finally {
      await restoreStateWrites();
    }
  });
});
