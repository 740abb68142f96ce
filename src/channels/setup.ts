import type { FastifyInstance } from "fastify";
import type { Config } from "../config/config.ts";
import type { ChannelAdapter } from "../core/adapter.ts";
import type { ChannelName } from "../core/inbound.ts";
import type { Logger } from "../core/logger.ts";
import type { ServiceContext } from "../service.ts";

/** The platform adapters the configuration enables. */
export function channelAdapters(_config: Config, _log: Logger): Partial<Record<ChannelName, ChannelAdapter>> {
  return {};
}

/** Registers the webhook routes of the enabled platforms. */
export function channelRoutes(_app: FastifyInstance, _ctx: ServiceContext): void {}
