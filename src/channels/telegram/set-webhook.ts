import type { Bot } from "grammy";
import { TELEGRAM_ALLOWED_UPDATES } from "./handle.ts";
import { TELEGRAM_WEBHOOK_PATH } from "./routes.ts";

/**
 * Points Telegram at our webhook (`npm run admin -- telegram:set-webhook URL`). The secret is the
 * TELEGRAM_WEBHOOK_SECRET the server checks in `X-Telegram-Bot-Api-Secret-Token`;
 * `drop_pending_updates: false` keeps what people sent while we were switching over, and
 * `allowed_updates` asks only for what handle.ts handles.
 *
 * A URL given as the server's root (`https://bot.example.org`) gets `/webhooks/telegram` appended.
 * Telegram requires HTTPS on port 443, 80, 88 or 8443; it checks that itself and answers 400.
 *
 * @returns the URL set.
 */
export async function setTelegramWebhook(bot: Bot, url: string, secret: string): Promise<string> {
  const target = webhookUrl(url);
  await bot.api.setWebhook(target, {
    secret_token: secret,
    allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
    drop_pending_updates: false,
  });
  return target;
}

/** The full webhook URL: as given when it has a path, else the root plus our route. */
export function webhookUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === "/" || parsed.pathname === "") parsed.pathname = TELEGRAM_WEBHOOK_PATH;
  return parsed.toString();
}
