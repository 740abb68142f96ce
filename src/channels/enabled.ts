import type { Config } from "../config/config.ts";
import type { Channel } from "../core/channel.ts";
import { telegramChannel } from "./telegram/channel.ts";
import { whatsappChannel } from "./whatsapp/channel.ts";

/** The platforms the configuration enables, each whole (adapter, rules, routes). */
export function enabledChannels(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.whatsapp) channels.push(whatsappChannel(config.whatsapp));
  if (config.telegram) channels.push(telegramChannel(config.telegram));
  return channels;
}
