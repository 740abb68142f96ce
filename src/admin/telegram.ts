import { createTelegramBot, ensureBotInfo } from "../channels/telegram/bot.ts";
import { setTelegramWebhook } from "../channels/telegram/set-webhook.ts";
import { UsageError, type AdminContext } from "./context.ts";

/** `admin -- telegram:set-webhook URL`: points Telegram at our webhook, with the secret header. */
export async function telegramSetWebhookCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { telegram } = ctx.config;
  if (!telegram) throw new UsageError("TELEGRAM_BOT_TOKEN is not set");
  if (!telegram.webhookSecret) throw new UsageError("TELEGRAM_WEBHOOK_SECRET is required: the server accepts webhooks only with it");
  const url = args[0];
  if (!url) throw new UsageError("usage: npm run admin -- telegram:set-webhook https://your.host[/webhooks/telegram]");
  const bot = createTelegramBot(telegram);
  const me = await ensureBotInfo(bot);
  ctx.out.write(`@${me.username}: webhook set to ${await setTelegramWebhook(bot, url, telegram.webhookSecret)}\n`);
}
