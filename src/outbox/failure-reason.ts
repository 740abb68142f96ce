/**
 * Why a message was not delivered, in words a coordinator reads: the stored error code (`SendError`
 * codes, `fail()` in deliver.ts, the platforms' delivery statuses) grouped into a few reasons, each a
 * translation key (`broadcast.failed_because.<reason>` in the chat, `common.failure_reason.<reason>`
 * in the console). The code itself stays beside it for whoever investigates.
 */
export const FAILURE_REASONS = ["unreachable", "window", "interrupted", "exhausted", "channel_off", "cancelled", "refused"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const BY_CODE: Readonly<Record<string, FailureReason>> = {
  // Every 403 to a private chat: the person blocked the bot, deleted their account, never started it.
  "telegram.403": "unreachable",
  // Not a WhatsApp user, or an app too old to receive.
  "whatsapp.131026": "unreachable",
  // More than 24 hours since the person's last message (470: the same, older API versions).
  "whatsapp.131047": "window",
  "whatsapp.470": "window",
  "send.interrupted": "interrupted",
  retries_exhausted: "exhausted",
  "channel.disabled": "channel_off",
  cancelled: "cancelled",
};

/**
 * @example failureReason("telegram.403") // "unreachable"
 * @example failureReason("whatsapp.window_closed") // "window"
 * @example failureReason("whatsapp.131049") // "refused"
 */
export function failureReason(code: string | null | undefined): FailureReason {
  if (!code) return "refused";
  return BY_CODE[code] ?? (code.endsWith(".window_closed") ? "window" : "refused");
}

/** Failure counts by code (a broadcast's report) grouped by reason, most frequent first, each with its codes. */
export function byReason(counts: readonly { code: string; count: number }[]): { reason: FailureReason; codes: string[]; count: number }[] {
  const groups = new Map<FailureReason, { reason: FailureReason; codes: string[]; count: number }>();
  for (const { code, count } of counts) {
    const reason = failureReason(code);
    const group = groups.get(reason) ?? { reason, codes: [], count: 0 };
    group.codes.push(code);
    group.count += count;
    groups.set(reason, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
