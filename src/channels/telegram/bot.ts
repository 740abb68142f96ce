import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../../config/config.ts";

export type TelegramConfig = NonNullable<Config["telegram"]>;

/**
 * Seconds before a Bot API call is abandoned (grammY's default is 500 s). It must stay above the
 * long-polling timeout (`POLL_TIMEOUT_SECONDS` in polling.ts), or every quiet poll would fail.
 */
export const TELEGRAM_API_TIMEOUT_SECONDS = 60;

/**
 * The grammY `Bot` for our token, talking to `cfg.apiRoot` (Telegram, or a fake server in tests).
 *
 * We use grammY as a typed Bot API client (`bot.api`) and for its `InputFile` uploads; updates go
 * through our own `handleTelegramUpdate` (handle.ts) rather than grammY's middleware, so the bot
 * needs no `getMe` before it can send or receive a webhook.
 *
 * @param opts.botInfo the bot's own user, when known (tests): spares the `getMe` call of `bot.init()`.
 *
 * @example const bot = createTelegramBot(config.telegram!); await bot.api.sendMessage(chatId, "Bonjour");
 */
export function createTelegramBot(cfg: TelegramConfig, opts: { botInfo?: UserFromGetMe } = {}): Bot {
  return new Bot(cfg.token, {
    botInfo: opts.botInfo,
    // grammY refuses an apiRoot ending with "/", which an operator may well type.
    client: { apiRoot: cfg.apiRoot.replace(/\/+$/, ""), timeoutSeconds: TELEGRAM_API_TIMEOUT_SECONDS },
  });
}

/**
 * Makes sure the bot knows who it is (`getMe`), unless `botInfo` was given. Rejects on a wrong token
 * (401), so a start-up step or an admin command fails loudly instead of polling in vain.
 * grammY retries network errors here on its own, with back-off.
 */
export async function ensureBotInfo(bot: Bot, signal?: AbortSignal): Promise<UserFromGetMe> {
  if (!bot.isInited()) await bot.init(signal && grammySignal(signal));
  return bot.botInfo;
}

/** The AbortSignal type grammY's Node build declares (from the `abort-controller` shim). */
export type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

/**
 * Node's own AbortSignal, typed as grammY's. At run time grammY only listens to the signal's
 * "abort" event (client.ts createAbortControllerFromSignal), which Node's signal fires; the two
 * declarations merely differ in their event typings.
 */
export function grammySignal(signal: AbortSignal): GrammySignal {
  return signal as unknown as GrammySignal;
}
