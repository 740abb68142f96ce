import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../../src/core/inbound.ts";
import { silentLogger } from "../../../../src/core/logger.ts";
import { createTelegramBot } from "../../../../src/channels/telegram/bot.ts";
import { startPolling, type Polling } from "../../../../src/channels/telegram/polling.ts";
import { setTelegramWebhook } from "../../../../src/channels/telegram/set-webhook.ts";
import { FAKE_BOT_INFO, failures, startFakeTelegram, type FakeTelegram } from "../../../fakes/telegram-server.ts";
import { eventually } from "../../../support/eventually.ts";
import { fixture } from "./fixtures.ts";

let fake: FakeTelegram;
let bot: Bot;
let polling: Polling | undefined;

beforeEach(async () => {
  fake = await startFakeTelegram({ longPollMs: 50 });
  bot = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot });
});
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await fake.close();
});

/** Resolves when `check` holds, polling every 10 ms. */
const until = (check: () => boolean, timeoutMs = 20_000) => eventually(check, timeoutMs, 10);

const updates = (): Update[] => [fixture("text-start-ar"), fixture("callback-choice"), fixture("voice"), fixture("my-chat-member-kicked")];

describe("startPolling", () => {
  it("delivers each queued update to ingest once, answers taps, and reports blocks", async () => {
    const ingested: InboundMessage[] = [];
    const blocked: string[] = [];
    fake.queueUpdates(...updates());
    polling = startPolling(bot, {
      log: silentLogger,
      retryDelayMs: 10,
      maxRetryDelayMs: 200,
      ingest: async ({ messages }) => void ingested.push(...messages),
      onBlocked: async (id) => void blocked.push(id),
    });
    await until(() => blocked.length === 1);
    // More arrive while polling: the waiting long poll picks them up. Telegram numbers updates upwards,
    // so a later one has a higher update_id (a lower one would sit below the confirmed offset).
    fake.queueUpdates({ ...fixture("text-russian"), update_id: 815000040 });
    await until(() => ingested.length === 4);
    await new Promise((r) => setTimeout(r, 150)); // a few more empty polls: nothing is delivered twice
    await polling.stop();
    polling = undefined;

    expect(ingested.map((m) => m.platformMessageId)).toEqual(["update:815000001", "update:815000004", "update:815000006", "update:815000040"]);
    expect(blocked).toEqual(["6123456789"]);
    expect(fake.callsTo("answerCallbackQuery")).toHaveLength(1);
    expect(fake.callsTo("getMe")).toHaveLength(1);
    expect(fake.callsTo("deleteWebhook")[0]?.params).toEqual({ drop_pending_updates: false });
    expect(fake.callsTo("getUpdates")[0]?.params.allowed_updates).toEqual(["message", "callback_query", "my_chat_member"]);
    // On stop, what was recorded is confirmed: Telegram holds nothing more for us.
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("keeps retrying an update whose ingest fails, without skipping it", async () => {
    let failuresLeft = 3;
    const ingested: string[] = [];
    fake.queueUpdates(fixture("text-start-ar"), fixture("text-russian"));
    polling = startPolling(bot, {
      log: silentLogger,
      retryDelayMs: 10,
      maxRetryDelayMs: 200,
      ingest: async ({ messages }) => {
        if (failuresLeft-- > 0) throw new Error("database unavailable");
        ingested.push(...messages.map((m) => m.platformMessageId));
      },
    });
    await until(() => ingested.length === 2);
    expect(ingested).toEqual(["update:815000001", "update:815000003"]);
  });

  it("leaves an unrecorded update on Telegram's side when stopped", async () => {
    fake.queueUpdates(fixture("text-start-ar"), fixture("text-russian"));
    const seen: string[] = [];
    polling = startPolling(bot, {
      log: silentLogger,
      retryDelayMs: 10,
      maxRetryDelayMs: 200,
      ingest: async ({ messages }) => {
        seen.push(messages[0]!.platformMessageId);
        if (messages[0]!.platformMessageId === "update:815000003") throw new Error("database unavailable");
      },
    });
    await until(() => seen.filter((id) => id === "update:815000003").length >= 2);
    await polling.stop();
    polling = undefined;
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([815000003]);
  });

  it("stops without another getUpdates when told not to confirm (the polling lock was lost)", async () => {
    fake.queueUpdates(fixture("text-start-ar"));
    let stopped: Promise<void> | undefined;
    const p = startPolling(bot, {
      log: silentLogger,
      ingest: async () => {
        // Lost while this update is in hand: it is still recorded, but nothing is said to Telegram.
        stopped = p.stop({ confirm: false });
      },
    });
    await until(() => stopped !== undefined);
    await stopped;
    const polls = fake.callsTo("getUpdates").length;
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.callsTo("getUpdates")).toHaveLength(polls);
    expect(polls).toBe(1);
    // Recorded but not confirmed: the next poller gets it again, and ingest drops the duplicate.
    expect(fake.pendingUpdates().map((u) => u.update_id)).toEqual([815000001]);
  });

  it("rides out getUpdates failures (429 retry_after, 500)", async () => {
    fake.failNext("getUpdates", failures.serverError());
    fake.failNext("getUpdates", failures.tooManyRequests(0));
    const ingested: InboundMessage[] = [];
    fake.queueUpdates(fixture("text-start-ar"));
    polling = startPolling(bot, { log: silentLogger, retryDelayMs: 10, ingest: async ({ messages }) => void ingested.push(...messages) });
    await until(() => ingested.length === 1);
  });

  it("uses botInfo when given (no getMe)", async () => {
    const known = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot }, { botInfo: FAKE_BOT_INFO });
    polling = startPolling(known, { log: silentLogger, ingest: async () => undefined });
    await fake.waitForCalls("getUpdates", 1);
    expect(fake.callsTo("getMe")).toEqual([]);
  });
});

describe("setTelegramWebhook", () => {
  it("sets the webhook with the secret, our update types, and pending updates kept", async () => {
    const url = await setTelegramWebhook(bot, "https://bot.example.org", "s3cret");
    expect(url).toBe("https://bot.example.org/webhooks/telegram");
    expect(fake.callsTo("setWebhook")[0]?.params).toEqual({
      url: "https://bot.example.org/webhooks/telegram",
      secret_token: "s3cret",
      allowed_updates: ["message", "callback_query", "my_chat_member"],
      drop_pending_updates: false,
    });
    await setTelegramWebhook(bot, "https://bot.example.org/custom/path", "s3cret");
    expect(fake.callsTo("setWebhook")[1]?.params.url).toBe("https://bot.example.org/custom/path");
  });
});
