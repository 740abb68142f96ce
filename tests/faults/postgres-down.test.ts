import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutbound } from "../../src/outbox/outbound.ts";
import type { PrismaClient } from "../../src/db/generated/client.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postWhatsApp, waTextBody } from "../support/platforms.ts";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.ts";
import { faultEnv, sleep, startInProcess, tally, waitFor, whatsappEnv, type FaultEnv, type InProcess } from "./support.ts";

/**
 * PostgreSQL unreachable (a TCP proxy in front of it cut) for OUTAGE_MS while signed WhatsApp webhooks
 * keep arriving: each must get a 5xx so Meta delivers it again; after the restore the test redelivers
 * every rejected body (twice, as Meta may) and every message must be handled exactly once.
 * N = 20 people writing during the outage (one every OUTAGE_MS / N), plus 3 before it.
 */
const OUTAGE_MS = 30_000;
const N = 20;

let fault: FaultEnv;
let wa: FakeWhatsApp;
let pg: TcpProxy;
let svc: InProcess;

beforeAll(async () => {
  fault = await faultEnv("pgdown");
  wa = await fault.whatsapp();
  const target = new URL(fault.db.url);
  pg = await startTcpProxy(target.hostname, Number(target.port || 5432));
  fault.defer(() => pg.close());
  svc = await startInProcess(fault, { databaseUrl: pg.url(fault.db.url), env: whatsappEnv(wa.baseUrl) });
});
afterAll(async () => {
  await fault?.cleanup();
});

const sentTo = (to: string) => wa.sent().filter((m) => m["to"] === to);
const number = (group: string, i: number) => `336${group}${String(i).padStart(5, "0")}`;
type Body = ReturnType<typeof waTextBody>;
const wamidOf = (body: Body) => body.entry[0]!.changes[0]!.value.messages[0]!.id;

/** Posts with a client-side timeout: a webhook that hangs is a failure too (Meta gives up and redelivers). */
async function post(body: Body): Promise<number> {
  return Promise.race([postWhatsApp(svc.baseUrl, body).then((r) => r.status), sleep(15_000).then(() => 0)]);
}

/** Every message from these people handled once: one inbound row per wamid, processed, and as many sends as reply rows. */
async function expectHandledOnce(bodies: Body[]) {
  const wamids = bodies.map(wamidOf);
  const inbound = await fault.prisma.inboundMessage.findMany({ where: { platformMessageId: { in: wamids } } });
  expect(inbound).toHaveLength(new Set(wamids).size);
  expect(inbound.every((m) => m.status === "processed")).toBe(true);
  for (const m of inbound) {
    const replies = await fault.prisma.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: `reply:${m.id}:` } } });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === "sent")).toBe(true);
  }
  const people = [...new Set(bodies.map((b) => b.entry[0]!.changes[0]!.value.contacts[0]!.wa_id))];
  for (const to of people) {
    const rows = await fault.prisma.outboundMessage.count({ where: { externalId: to } });
    expect(sentTo(to)).toHaveLength(rows); // one platform send per reply row: nothing sent twice
  }
}

describe("PostgreSQL unreachable while webhooks arrive", () => {
  it(`answers 5xx during a ${OUTAGE_MS / 1000} s outage; after it, every redelivered message is handled exactly once`, { timeout: 150_000 }, async () => {
    const early = Array.from({ length: 3 }, (_, i) => waTextBody(number("40", i), "Bonjour, je voudrais m'inscrire à la formation"));
    for (const body of early) expect(await post(body)).toBe(200);
    await waitFor("answers before the outage", () => early.every((b) => sentTo(wamidTo(b)).length > 0), 20_000);
    await waitFor("replies before the outage all sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 20_000);

    pg.cut();
    const t0 = Date.now();
    const during: Body[] = [];
    const statuses: number[] = [];
    const latencies: number[] = [];
    for (let i = 0; i < N; i++) {
      const body = waTextBody(number("50", i), i % 2 ? "Hello, I would like to join the training" : "Bonjour, je voudrais m'inscrire à la formation");
      during.push(body);
      const t = Date.now();
      statuses.push(await post(body));
      latencies.push(Date.now() - t);
      // One of the early people writes again too.
      if (i === N / 2) {
        const again = waTextBody(wamidTo(early[0]!), "menu");
        during.push(again);
        statuses.push(await post(again));
      }
      const next = t0 + ((i + 1) * OUTAGE_MS) / N;
      await sleep(Math.max(0, next - Date.now()));
    }
    const health = await fetch(`${svc.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toContain("database");
    pg.restore();
    const tRestore = Date.now();
    console.log(`[postgres-down] outage ${((tRestore - t0) / 1000).toFixed(1)} s; webhook statuses ${JSON.stringify(Object.fromEntries(tally(statuses)))}, slowest ${Math.max(...latencies)} ms`);
    expect(statuses.every((s) => s >= 500 && s < 600)).toBe(true);
    expect(await fault.prisma.inboundMessage.count({ where: { platformMessageId: { in: during.map(wamidOf) } } })).toBe(0);

    // Meta redelivers each rejected message, sometimes twice: the second copy must be dropped.
    await waitFor("the webhook accepting again", async () => (await post(during[0]!)) === 200, 30_000, 500);
    for (const body of during) expect(await post(body)).toBe(200);
    for (const body of during) expect(await post(body)).toBe(200);

    await waitFor("every redelivered message answered", () => during.every((b) => sentTo(wamidTo(b)).length > 0), 40_000, 200);
    await waitFor("every reply sent", async () => (await fault.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0, 40_000, 200);
    console.log(`[postgres-down] all answered ${((Date.now() - tRestore) / 1000).toFixed(1)} s after the restore`);
    await sleep(1000); // a second copy would be out by now
    await expectHandledOnce([...early, ...during]);
  });
});

function wamidTo(body: Body): string {
  return body.entry[0]!.changes[0]!.value.contacts[0]!.wa_id;
}

/**
 * The outage above cuts PostgreSQL between sends. These cut it at the worst moment of one send, on
 * one statement (a connection lost: the proxy cannot aim that precisely, so the test's Prisma client
 * throws once instead, through the service's own deps, which its workers read at each job).
 */
describe("a database error at the worst moment of a send", () => {
  /** Makes the service's Prisma client throw once on `outboundMessage[method]` when `match(args)`; returns the undo. */
  function failOnce(
    modelName: "outboundMessage",
    method: "update" | "findUnique",
    match: (args: { where?: { id?: string; channel_externalId?: { externalId?: string } }; data?: { status?: string; intent?: unknown } }) => boolean,
  ) {
    const deps = svc.service.deps;
    const real = deps.prisma;
    let armed = true;
    const model = new Proxy(real[modelName] as object, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (prop !== method || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return (args: Parameters<typeof match>[0]) => {
          if (armed && match(args)) {
            armed = false;
            return Promise.reject(new Error("Connection terminated unexpectedly"));
          }
          return (value as (a: unknown) => Promise<unknown>).call(target, args);
        };
      },
    });
    deps.prisma = new Proxy(real, {
      get(target, prop) {
        if (prop === modelName) return model;
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as PrismaClient;
    return {
      fired: () => !armed,
      undo: () => void (deps.prisma = real),
    };
  }

  /** Makes the service's Prisma client throw once on a raw statement (`$executeRaw`) whose text matches; returns the undo. */
  function failOnceRaw(match: (sql: string, values: unknown[]) => boolean) {
    const deps = svc.service.deps;
    const real = deps.prisma;
    let armed = true;
    deps.prisma = new Proxy(real, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (prop !== "$executeRaw" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          if (armed && match(strings.join("?"), values)) {
            armed = false;
            return Promise.reject(new Error("Connection terminated unexpectedly"));
          }
          return (value as (...a: unknown[]) => Promise<unknown>).call(target, strings, ...values);
        };
      },
    }) as PrismaClient;
    return {
      fired: () => !armed,
      undo: () => void (deps.prisma = real),
    };
  }

  async function announcementTo(to: string, text: string, lastInboundAt = new Date(Date.now() - 600_000)) {
    const person = await fault.prisma.person.create({
      data: { locale: "fr", identities: { create: { channel: "whatsapp", externalId: to, lastInboundAt } } },
    });
    const [id] = await createOutbound(fault.prisma, [
      { idempotencyKey: `blip:${to}`, personId: person.id, channel: "whatsapp", externalId: to, purpose: "announcement", intent: { type: "text", text } },
    ]);
    return id!;
  }

  /*
   * Once a bug, fixed (src/app/deliver.ts, deliverOutbound): the `update` that records "sent" is inside the same
   * try as `adapter.send`. When it throws (database blip), the catch files it as a retryable send
   * error ("send.unexpected"), puts the row back to "queued" and rethrows: the queue's retry claims
   * the row again and sends the message a second time, although WhatsApp had accepted it.
   */
  it("recording a send WhatsApp accepted fails once: the message must not be sent twice", { timeout: 30_000 }, async () => {
    const to = "33660000001";
    const id = await announcementTo(to, "Annonce : la salle change, 2e étage.");
    // "Sent" is recorded for a job's rows in one statement (src/outbox/claim.ts, recordSent).
    const blip = failOnceRaw((sql, values) => sql.includes(`"status" = 'sent'`) && JSON.stringify(values).includes(id));
    try {
      await svc.service.deps.dispatcher.outbound("whatsapp", [id]);
      await waitFor("the blip to happen", () => blip.fired(), 10_000, 20);
      await waitFor("the row to settle", async () => ["sent", "failed"].includes((await fault.prisma.outboundMessage.findUniqueOrThrow({ where: { id } })).status), 10_000);
      await sleep(3000); // the queue's retry (1 s backoff) would have run by now
    } finally {
      blip.undo();
    }
    const row = await fault.prisma.outboundMessage.findUniqueOrThrow({ where: { id } });
    console.log(`[postgres-down] blip after accept: ${sentTo(to).length} send(s) at WhatsApp, row ${row.status}, attempts ${row.attempts}`);
    expect(sentTo(to)).toHaveLength(1);
  });

  /*
   * Once a bug (src/app/deliver.ts): a database error between the claim and the send left the row
   * "sending"; every retry then skipped it and the message was never sent. Now the claim is given back.
   * Between the two, outside WhatsApp's 24 hours, the message's template is written to its row: that fails.
   */
  it("a database error between the claim and the send: the message is still sent, once", { timeout: 30_000 }, async () => {
    const to = "33660000002";
    const id = await announcementTo(to, "Annonce : pensez à vos factures.", new Date(Date.now() - 3 * 86_400_000));
    const blip = failOnce("outboundMessage", "update", (a) => a.where?.id === id && a.data?.intent !== undefined);
    try {
      await svc.service.deps.dispatcher.outbound("whatsapp", [id]);
      await waitFor("the blip to happen", () => blip.fired(), 10_000, 20);
      await waitFor("the message sent", () => sentTo(to).length > 0, 8000).catch(() => undefined);
      await sleep(1000);
    } finally {
      blip.undo();
    }
    const row = await fault.prisma.outboundMessage.findUniqueOrThrow({ where: { id } });
    console.log(`[postgres-down] blip after claim: ${sentTo(to).length} send(s) at WhatsApp, row ${row.status}, attempts ${row.attempts}`);
    expect(sentTo(to)).toHaveLength(1);
    expect(row.status).toBe("sent");
  });
});
