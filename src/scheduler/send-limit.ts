import type { ChannelName } from "../core/inbound.ts";

/** Platforms' default throughput: WhatsApp per number (up to 1,000 once Meta upgrades it), Telegram per bot. */
export const DEFAULT_RATES: Record<ChannelName, number> = { whatsapp: 80, telegram: 30, console: 1000 };

const WINDOWS_MS = [20, 50, 100, 200, 250, 500, 1000];

/**
 * BullMQ's limiter for a platform's messages per second. Its windows are fixed, so a sliding second can
 * straddle 1000/d + 1 of them: the window and count are chosen so that even then no second exceeds the
 * platform's figure, with the most throughput left (80/s: 7 per 100 ms, 70/s sustained, measured with
 * no 130429 at all; 1,000/s: 19 per 20 ms; Telegram's 30/s: 5 per 200 ms).
 */
export function sendLimit(channel: ChannelName, perSecond = DEFAULT_RATES[channel]): { max: number; duration: number } {
  let best = { max: 1, duration: 2000 };
  for (const duration of WINDOWS_MS) {
    const max = Math.floor(perSecond / (1000 / duration + 1));
    if (max >= 1 && max / duration > best.max / best.duration) best = { max, duration };
  }
  return best;
}
