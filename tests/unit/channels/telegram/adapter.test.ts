import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Bot } from "grammy";
import { SendError } from "../../../../src/core/errors.ts";
import type { ChannelAdapter } from "../../../../src/core/adapter.ts";
import { telegramAdapter } from "../../../../src/channels/telegram/adapter.ts";
import { createTelegramBot } from "../../../../src/channels/telegram/bot.ts";
import { FAKE_BOT_INFO, failures, startFakeTelegram, type FakeTelegram } from "../../../fakes/telegram-server.ts";

let fake: FakeTelegram;
let bot: Bot;
let adapter: ChannelAdapter;
const to = { channel: "telegram" as const, externalId: "5012345678" };

beforeAll(async () => {
  fake = await startFakeTelegram();
  bot = createTelegramBot({ token: fake.token, apiRoot: `${fake.apiRoot}/` }, { botInfo: FAKE_BOT_INFO });
  adapter = telegramAdapter(bot);
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

async function sendError(promise: Promise<unknown>): Promise<SendError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  return err as SendError;
}

describe("telegramAdapter", () => {
  it("sends text and returns the message_id", async () => {
    const result = await adapter.send(to, { type: "text", text: "Bonjour Amina 👋" });
    const [call] = fake.callsTo("sendMessage");
    expect(call?.params).toMatchObject({ chat_id: "5012345678", text: "Bonjour Amina 👋" });
    expect(call?.params).not.toHaveProperty("parse_mode");
    expect(result.platformMessageId).toMatch(/^\d+$/);
  });

  it("sends choices as an inline keyboard", async () => {
    await adapter.send(to, { type: "choices", text: "Langue ?", choices: [{ id: "lang:ar", label: "العربية" }, { id: "lang:fr", label: "Français" }] });
    expect(fake.callsTo("sendMessage")[0]?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: "العربية", callback_data: "m1:lang:ar" }, { text: "Français", callback_data: "m1:lang:fr" }]],
    });
  });

  it("returns the id of the last piece of a split text", async () => {
    const result = await adapter.send(to, { type: "text", text: "mot ".repeat(2500) });
    const sent = fake.callsTo("sendMessage");
    expect(sent).toHaveLength(3);
    expect(result.platformMessageId).toBe(String((sent[2]?.response as { message_id: number }).message_id));
  });

  it("uploads a document as multipart", async () => {
    const csv = "date;montant\n2026-01-05;36.00\n";
    await adapter.send(to, { type: "document", filename: "ventes.csv", mimeType: "text/csv", contentBase64: Buffer.from(csv).toString("base64"), caption: "Tes ventes" });
    const [call] = fake.callsTo("sendDocument");
    expect(call?.params).toMatchObject({ chat_id: "5012345678", caption: "Tes ventes" });
    expect(call?.files.document?.filename).toBe("ventes.csv");
    expect(call?.files.document?.content.toString()).toBe(csv);
  });

  it("classifies 429 as retry after retry_after seconds", async () => {
    fake.failNext("sendMessage", failures.tooManyRequests(7));
    const err = await sendError(adapter.send(to, { type: "text", text: "x" }));
    expect(err).toMatchObject({ errorClass: "retry", code: "telegram.429", retryAfterMs: 7000 });
  });

  it("classifies a blocked bot (403) as unreachable", async () => {
    fake.failNext("sendMessage", failures.blocked());
    const err = await sendError(adapter.send(to, { type: "text", text: "x" }));
    expect(err).toMatchObject({ errorClass: "unreachable", code: "telegram.403" });
  });

  it("classifies chat not found as unreachable and 500 as retry", async () => {
    fake.failNext("sendMessage", failures.chatNotFound());
    expect(await sendError(adapter.send(to, { type: "text", text: "x" }))).toMatchObject({ errorClass: "unreachable", code: "telegram.400" });
    fake.failNext("sendDocument", failures.serverError());
    const doc = { type: "document" as const, filename: "a.txt", mimeType: "text/plain", contentBase64: "YQ==" };
    expect(await sendError(adapter.send(to, doc))).toMatchObject({ errorClass: "retry", code: "telegram.500" });
  });

  it("classifies an unreachable API as a network retry", async () => {
    const offline = telegramAdapter(createTelegramBot({ token: fake.token, apiRoot: "http://127.0.0.1:9" }, { botInfo: FAKE_BOT_INFO }));
    expect(await sendError(offline.send(to, { type: "text", text: "x" }))).toMatchObject({ errorClass: "retry", code: "telegram.network" });
  });
});
