import type { FastifyInstance } from "fastify";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../../src/core/inbound.ts";
import { silentLogger } from "../../../../src/core/logger.ts";
import { createMetrics, type Metrics } from "../../../../src/core/metrics.ts";
import { buildServer } from "../../../../src/http/server.ts";
import { createTelegramBot } from "../../../../src/channels/telegram/bot.ts";
import { registerTelegramRoutes } from "../../../../src/channels/telegram/routes.ts";
import { FAKE_BOT_INFO, failures, startFakeTelegram, type FakeTelegram } from "../../../fakes/telegram-server.ts";
import { fixture } from "./fixtures.ts";

const SECRET = "s3cret-webhook_token";
let fake: FakeTelegram;
let bot: Bot;
let app: FastifyInstance;
let metrics: Metrics;
let ingested: InboundMessage[];
let blocked: string[];
/** When set, ingest throws it (the database is down). */
let ingestFailure: Error | undefined;

beforeAll(async () => {
  fake = await startFakeTelegram();
  bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot }, { botInfo: FAKE_BOT_INFO });
});
afterAll(() => fake.close());

beforeEach(async () => {
  fake.calls.length = 0;
  ingested = [];
  blocked = [];
  ingestFailure = undefined;
  metrics = createMetrics();
  app = buildServer({ log: silentLogger, metrics, health: [] });
  registerTelegramRoutes(app, {
    bot,
    secretToken: SECRET,
    log: silentLogger,
    metrics,
    ingest: async ({ messages }) => {
      if (ingestFailure) throw ingestFailure;
      ingested.push(...messages);
      return { accepted: messages.length, duplicates: 0, statuses: 0 };
    },
    onBlocked: async (externalId) => {
      blocked.push(externalId);
    },
  });
  await app.ready();
});
afterEach(() => app.close());

/** `secret: null` sends no header at all. */
function post(body: unknown, secret: string | null = SECRET) {
  return app.inject({
    method: "POST",
    url: "/webhooks/telegram",
    headers: { "content-type": "application/json", ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    payload: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function outcomes(): Promise<Record<string, number>> {
  const values = (await metrics.webhooks.get()).values;
  return Object.fromEntries(values.map((v) => [v.labels.outcome, v.value]));
}

describe("POST /webhooks/telegram", () => {
  it("refuses a missing or wrong secret with 401, without ingesting", async () => {
    expect((await post(fixture("text-start-ar"), null)).statusCode).toBe(401);
    expect((await post(fixture("text-start-ar"), "wrong")).statusCode).toBe(401);
    expect((await post(fixture("text-start-ar"), `${SECRET}x`)).statusCode).toBe(401);
    // Checked before the body is parsed: even invalid JSON gets 401.
    expect((await post("{not json", "wrong")).statusCode).toBe(401);
    expect(ingested).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(await outcomes()).toEqual({ unauthorized: 4 });
  });

  it("refuses a body that is not an update with 400", async () => {
    for (const body of [{}, { update_id: "7" }, { update_id: 1.5 }, [1, 2], "{not json"]) {
      expect((await post(body)).statusCode).toBe(400);
    }
    expect(ingested).toEqual([]);
  });

  it("ingests a valid update and answers 200", async () => {
    const res = await post(fixture("text-start-ar"));
    expect(res.statusCode).toBe(200);
    expect(ingested).toEqual([expect.objectContaining({ channel: "telegram", externalId: "5012345678", platformMessageId: "update:815000001", text: "/start" })]);
    expect(await outcomes()).toEqual({ accepted: 1 });
  });

  it("answers 200 without ingesting what is not a person's message", async () => {
    expect((await post(fixture("group-message"))).statusCode).toBe(200);
    expect((await post(fixture("from-bot"))).statusCode).toBe(200);
    expect(ingested).toEqual([]);
    expect(await outcomes()).toEqual({ ignored: 2 });
  });

  it("reports a block to onBlocked", async () => {
    expect((await post(fixture("my-chat-member-kicked"))).statusCode).toBe(200);
    expect(blocked).toEqual(["6123456789"]);
    expect(ingested).toEqual([]);
  });

  it("answers the callback query and ingests the choice", async () => {
    const res = await post(fixture("callback-choice"));
    expect(res.statusCode).toBe(200);
    expect(fake.callsTo("answerCallbackQuery").map((c) => c.params.callback_query_id)).toEqual(["4382bfdwdsb323b2d9"]);
    expect(ingested).toEqual([expect.objectContaining({ kind: "choice", choiceId: "lang:ar" })]);
  });

  it("still ingests the tap when answerCallbackQuery fails", async () => {
    fake.failNext("answerCallbackQuery", failures.badRequest("query is too old and response timeout expired or query ID is invalid"));
    expect((await post(fixture("callback-foreign"))).statusCode).toBe(200);
    expect(ingested).toEqual([expect.objectContaining({ kind: "text", text: "rsvp_yes" })]);
  });

  it("answers 503 when ingest throws, and still answers the callback query", async () => {
    ingestFailure = new Error("database unavailable");
    const update: Update = fixture("callback-choice");
    const res = await post(update);
    expect(res.statusCode).toBe(503);
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(1);
    expect(await outcomes()).toEqual({ error: 1 });
    // Telegram redelivers; this time the database is back.
    ingestFailure = undefined;
    expect((await post(update)).statusCode).toBe(200);
    expect(ingested).toHaveLength(1);
  });

  it("answers 503 when marking a block fails", async () => {
    const failing = buildServer({ log: silentLogger, metrics: createMetrics(), health: [] });
    registerTelegramRoutes(failing, {
      bot, secretToken: SECRET, log: silentLogger, metrics: createMetrics(),
      ingest: async () => ({}),
      onBlocked: async () => { throw new Error("database unavailable"); },
    });
    const res = await failing.inject({
      method: "POST", url: "/webhooks/telegram", payload: fixture("my-chat-member-kicked"),
      headers: { "x-telegram-bot-api-secret-token": SECRET },
    });
    expect(res.statusCode).toBe(503);
    await failing.close();
  });
});
