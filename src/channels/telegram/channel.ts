import type { Channel } from "../../core/channel.ts";
import { telegramAdapter } from "./adapter.ts";
import { createTelegramBot, type TelegramConfig } from "./bot.ts";
import { telegramMedia } from "./media.ts";
import { registerTelegramRoutes } from "./routes.ts";
import { startSinglePoller } from "./single-poller.ts";

const BLOCKED = "telegram.blocked";

/**
 * Telegram whole: the Bot API adapter, and the webhook, or, without a webhook secret, long polling by
 * one web process at a time (single-poller.ts), stopped (its lock released) when the server closes.
 * No rules: Telegram has no window. The routes get a bot of their own, whose polling lifecycle stays
 * apart from the sending one.
 */
export function telegramChannel(config: TelegramConfig): Channel {
  const sending = createTelegramBot(config);
  return {
    name: "telegram",
    adapter: telegramAdapter(sending),
    media: telegramMedia(sending, config),
    routes(app, host) {
      const bot = createTelegramBot(config);
      const common = {
        log: host.log.child({ channel: "telegram" }),
        ingest: (batch: Parameters<typeof host.ingest>[0]) => host.ingest(batch),
        onBlocked: (externalId: string) => host.reachability(externalId, false, BLOCKED),
        onUnblocked: (externalId: string) => host.reachability(externalId, true, BLOCKED),
      };
      if (config.webhookSecret) {
        registerTelegramRoutes(app, { bot, secretToken: config.webhookSecret, metrics: host.metrics, ...common });
        return;
      }
      const polling = startSinglePoller(bot, { ...common, redisUrl: host.redis.url, prefix: host.redis.prefix, lockMs: config.pollingLockMs, metrics: host.metrics });
      app.addHook("onClose", () => polling.stop());
    },
  };
}
