import type { ChannelName } from "./inbound.ts";

/** Platforms' default throughput: WhatsApp per number (up to 1,000 once Meta upgrades it), Telegram per bot. */
export const DEFAULT_RATES: Record<ChannelName, number> = { whatsapp: 80, telegram: 30, console: 1000 };

/** Sends kept under a platform's figure in any second: requests arrive with a little jitter. */
const MARGIN = 3;

/**
 * Sends allowed in any sliding second on a platform of `perSecond` messages a second: its figure less
 * a margin (80/s → 77). The pacer (pacer.ts) holds every process's sends to it.
 */
export function sendBudget(channel: ChannelName, perSecond = DEFAULT_RATES[channel]): number {
  return Math.max(1, perSecond - MARGIN);
}
