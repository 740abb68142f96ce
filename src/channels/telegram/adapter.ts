import { InputFile, type Bot } from "grammy";
import type { Message } from "grammy/types";
import { sendParts, type ChannelAdapter, type SendOptions } from "../../core/adapter.ts";
import { SendError } from "../../core/errors.ts";
import type { Address } from "../../core/inbound.ts";
import type { Intent } from "../../core/intent.ts";
import { classifyTelegramError } from "./errors.ts";
import { renderTelegram, type TelegramSend } from "./render.ts";

/**
 * Sends intents to Telegram chats with `bot.api` (no grammY middleware involved).
 *
 * Returns the `message_id` of the last message sent (a long text is split into several), since
 * that is the one a person replies to. Every failure is thrown as a classified `SendError`
 * (errors.ts); rate limits are left to the outbound queue, which waits `retryAfterMs`.
 *
 * A split text that fails halfway says how many pieces went (`SendError.partsSent`); the retry sends
 * the rest only (`fromPart`), so no piece arrives twice.
 *
 * No rules beside it (src/core/channel.ts): Telegram has no 24-hour window.
 */
export function telegramAdapter(bot: Bot): ChannelAdapter {
  return {
    channel: "telegram",
    async send(address: Address, intent: Intent, opts: SendOptions = {}) {
      let calls: TelegramSend[];
      try {
        calls = renderTelegram(intent);
      } catch (err) {
        throw classifyTelegramError(err);
      }
      const last = await sendParts(calls, opts, (call) => perform(bot, address.externalId, call), classifyTelegramError);
      if (!last) throw new SendError("permanent", "telegram.empty", "the intent rendered to no message");
      return { platformMessageId: String(last.message_id) };
    },
  };
}

/** Runs one rendered call. The chat id stays a string: Bot API accepts it, and ids can exceed 32 bits. */
function perform(bot: Bot, chatId: string, call: TelegramSend): Promise<Message> {
  switch (call.method) {
    case "sendMessage":
      return bot.api.sendMessage(chatId, call.text, call.replyMarkup ? { reply_markup: call.replyMarkup } : {});
    case "sendDocument":
      return bot.api.sendDocument(chatId, new InputFile(call.content, call.filename), call.caption ? { caption: call.caption } : {});
  }
}
