import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerWhatsAppRoutes } from "../../../../src/channels/whatsapp/routes.ts";
import { signWhatsAppBody } from "../../../../src/channels/whatsapp/signature.ts";
import type { DeliveryStatus, InboundMessage } from "../../../../src/core/inbound.ts";
import { silentLogger } from "../../../../src/core/logger.ts";
import { createMetrics, type Metrics } from "../../../../src/core/metrics.ts";
import { buildServer } from "../../../../src/http/server.ts";
import { fixtureBytes, testConfig } from "./support.ts";

type Batch = { messages: InboundMessage[]; statuses: DeliveryStatus[] };

const cfg = testConfig();
let app: FastifyInstance;
let metrics: Metrics;
const ingested: Batch[] = [];
let ingestFails = false;

beforeAll(async () => {
  metrics = createMetrics();
  app = buildServer({ log: silentLogger, metrics, health: [] });
  registerWhatsAppRoutes(app, {
    config: cfg,
    log: silentLogger,
    metrics,
    ingest: async (batch) => {
      if (ingestFails) throw new Error("database is down");
      ingested.push(batch);
      return { accepted: batch.messages.length };
    },
  });
  // Another channel's route on the root scope: it must keep the server's own JSON parser.
  app.post("/webhooks/other", async (req) => ({ body: req.body, rawBytes: req.rawBody?.length }));
  await app.ready();
});
afterAll(() => app.close());
beforeEach(() => {
  ingested.length = 0;
  ingestFails = false;
});

function post(body: Buffer | string, headers: Record<string, string> = {}) {
  return app.inject({ method: "POST", url: "/webhooks/whatsapp", payload: body, headers: { "content-type": "application/json", ...headers } });
}
const signed = (body: Buffer | string, secret = cfg.appSecret) => post(body, { "x-hub-signature-256": signWhatsAppBody(body, secret) });

async function outcomes(): Promise<Record<string, number>> {
  const metric = await metrics.webhooks.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.outcome), v.value]));
}

describe("GET /webhooks/whatsapp (subscription handshake)", () => {
  const get = (q: string) => app.inject({ method: "GET", url: `/webhooks/whatsapp?${q}` });

  it("echoes the challenge as text/plain when the token matches", async () => {
    const res = await get(`hub.mode=subscribe&hub.verify_token=${cfg.verifyToken}&hub.challenge=1158201444`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toBe("1158201444");
  });

  it.each([
    ["a wrong token", "hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"],
    ["a missing token", "hub.mode=subscribe&hub.challenge=1"],
    ["a wrong mode", `hub.mode=unsubscribe&hub.verify_token=${"verify-me-please"}&hub.challenge=1`],
    ["nothing at all", ""],
  ])("403 for %s", async (_label, q) => {
    const res = await get(q);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain("1");
  });

  it("400 without a challenge to echo", async () => {
    expect((await get(`hub.mode=subscribe&hub.verify_token=${cfg.verifyToken}`)).statusCode).toBe(400);
  });
});

describe("POST /webhooks/whatsapp", () => {
  it("200 for a signed valid body; ingest receives the parsed batch", async () => {
    const res = await signed(fixtureBytes("batch-two-messages.json"));
    expect(res.statusCode).toBe(200);
    expect(ingested).toHaveLength(1);
    expect(ingested[0]!.messages.map((m) => [m.channel, m.externalId, m.kind, m.text])).toEqual([
      ["whatsapp", "33612345678", "text", "vendu 3 plats à 12€"],
      ["whatsapp", "33756781234", "text", "menu"],
    ]);
    expect(ingested[0]!.statuses).toEqual([]);
  });

  it("200 for a status webhook, statuses passed to ingest", async () => {
    const res = await signed(fixtureBytes("status-failed-131047.json"));
    expect(res.statusCode).toBe(200);
    expect(ingested[0]).toMatchObject({ messages: [], statuses: [{ status: "failed", errorCode: "whatsapp.131047" }] });
  });

  it("checks the signature on the exact bytes: accents and emoji as raw UTF-8 and as \\u escapes", async () => {
    const utf8 = fixtureBytes("text-arabic.json"); // stored as raw UTF-8
    const escaped = fixtureBytes("text-accents-emoji.json"); // stored with \u escapes, as Meta sends
    expect((await signed(utf8)).statusCode).toBe(200);
    expect((await signed(escaped)).statusCode).toBe(200);
    expect(ingested.map((b) => b.messages[0]!.text)).toEqual(["مرحبا، بعت ٣ أطباق بـ ١٢ يورو 🙏", "Bonjour ! J'ai vendu 3 plats à 12€ 🍲 — très contente 😊"]);
  });

  it("401 without a signature; ingest not called", async () => {
    const res = await post(fixtureBytes("text-accents-emoji.json"));
    expect(res.statusCode).toBe(401);
    expect(ingested).toHaveLength(0);
  });

  it("401 for a forged signature or a tampered body; ingest not called", async () => {
    const body = fixtureBytes("text-accents-emoji.json");
    expect((await signed(body, "not-the-secret")).statusCode).toBe(401);
    const header = signWhatsAppBody(body, cfg.appSecret);
    const tampered = Buffer.from(body.toString("utf8").replace("33612345678", "33600000000"));
    expect((await post(tampered, { "x-hub-signature-256": header })).statusCode).toBe(401);
    expect(ingested).toHaveLength(0);
  });

  it("400 for signed malformed JSON; 401 for unsigned malformed JSON", async () => {
    const broken = '{"object":"whatsapp_business_account","entry":[';
    expect((await signed(broken)).statusCode).toBe(400);
    expect((await post(broken)).statusCode).toBe(401);
    expect(ingested).toHaveLength(0);
  });

  it("400 for a signed body that is JSON but not a webhook", async () => {
    for (const body of ['{"hello":"world"}', "[]", "null", JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "1", changes: [{ field: "messages", value: { messaging_product: "whatsapp" } }] }] })]) {
      expect((await signed(body)).statusCode).toBe(400);
    }
    expect((await signed("")).statusCode).toBe(400);
    expect(ingested).toHaveLength(0);
  });

  it("413 for a body over 1 MB, before any check", async () => {
    const big = JSON.stringify({ object: "whatsapp_business_account", entry: [], padding: "x".repeat(1024 * 1024) });
    const res = await signed(big);
    expect(res.statusCode).toBe(413);
    expect(ingested).toHaveLength(0);
  });

  it("503 when ingest throws (database down), so that Meta redelivers", async () => {
    ingestFails = true;
    expect((await signed(fixtureBytes("text-accents-emoji.json"))).statusCode).toBe(503);
  });

  it("keeps answering after bad input, and counts outcomes", async () => {
    const before = await outcomes();
    await post("garbage");
    await signed("garbage");
    await signed(fixtureBytes("location.json"));
    const after = await outcomes();
    expect((after.unauthorized ?? 0) - (before.unauthorized ?? 0)).toBe(1);
    expect((after.invalid ?? 0) - (before.invalid ?? 0)).toBe(1);
    expect((after.accepted ?? 0) - (before.accepted ?? 0)).toBe(1);
    expect(ingested[0]!.messages[0]).toMatchObject({ kind: "unsupported", unsupportedType: "location" });
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("scope", () => {
  it("leaves the server's JSON parser in place for other routes", async () => {
    const ok = await app.inject({ method: "POST", url: "/webhooks/other", payload: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(ok.json()).toEqual({ body: { a: 1 }, rawBytes: 7 });
    const bad = await app.inject({ method: "POST", url: "/webhooks/other", payload: '{"a":', headers: { "content-type": "application/json" } });
    expect(bad.statusCode).toBe(400);
  });
});
