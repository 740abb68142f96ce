import type { FastifyInstance } from "fastify";
import { ingest } from "../app/ingest.ts";
import type { Config } from "../config/config.ts";
import type { ChannelAdapter } from "../core/adapter.ts";
import type { ChannelName } from "../core/inbound.ts";
import type { Logger } from "../core/logger.ts";
import type { ServiceContext } from "../service.ts";
import { telegramAdapter } from "./telegram/adapter.ts";
import { createTelegramBot } from "./telegram/bot.ts";
import { startSinglePoller } from "./telegram/single-poller.ts";
import { registerTelegramRoutes } from "./telegram/routes.ts";
import { whatsappAdapter } from "./whatsapp/adapter.ts";
import { registerWhatsAppRoutes } from "./whatsapp/routes.ts";

/** The platform adapters the configuration enables. */
export function channelAdapters(config: Config, _log: Logger): Partial<Record<ChannelName, ChannelAdapter>> {
  const adapters: Partial<Record<ChannelName, ChannelAdapter>> = {};
  if (config.telegram) adapters.telegram = telegramAdapter(createTelegramBot(config.telegram));
  if (config.whatsapp) adapters.whatsapp = whatsappAdapter(config.whatsapp);
  return adapters;
}

/**
 * Registers the webhook routes of the enabled platforms (web role). Telegram without a webhook
 * secret is long-polled from here instead, by one web process at a time (single-poller.ts), and the
 * polling stops (and its lock is released) when the server closes.
 */
export function channelRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { config, deps, metrics } = ctx;
  if (config.whatsapp) {
    registerWhatsAppRoutes(app, {
      config: config.whatsapp,
      ingest: (batch) => ingest(deps, batch),
      log: deps.log.child({ channel: "whatsapp" }),
      metrics,
    });
  }
  if (config.telegram) {
    const bot = createTelegramBot(config.telegram);
    const telegram = {
      log: deps.log.child({ channel: "telegram" }),
      ingest: (batch: Parameters<typeof ingest>[1]) => ingest(deps, batch),
      onBlocked: async (externalId: string) => {
        await deps.prisma.identity.updateMany({
          where: { channel: "telegram", externalId },
          data: { unreachableAt: deps.now(), unreachableReason: "telegram.blocked" },
        });
      },
      onUnblocked: async (externalId: string) => {
        await deps.prisma.identity.updateMany({
          where: { channel: "telegram", externalId, unreachableReason: "telegram.blocked" },
          data: { unreachableAt: null, unreachableReason: null },
        });
      },
    };
    if (config.telegram.webhookSecret) {
      registerTelegramRoutes(app, { bot, secretToken: config.telegram.webhookSecret, metrics, ...telegram });
    } else {
      const polling = startSinglePoller(bot, {
        ...telegram,
        redisUrl: config.redis.url,
        prefix: config.redis.prefix,
        lockMs: config.telegram.pollingLockMs,
        metrics,
      });
      app.addHook("onClose", () => polling.stop());
    }
  }
}
