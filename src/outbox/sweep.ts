import type { AppDeps } from "../deps.ts";
import { dispatchEach } from "./dispatch-each.ts";
import { fail } from "./deliver.ts";

/** A message still queued this long after it was created has probably lost its job (Redis lost data). */
export const STRANDED_AFTER_MS = 2 * 60_000;
/** A send interrupted by a crash leaves its row "sending": after this long it is failed, never resent. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;
export const SWEEP_EVERY_MS = 30_000;
/** A received message not handled after this long has lost its job. */
export const STRANDED_INBOUND_MS = 30_000;

/**
 * The database is the truth for messages too: re-queues messages whose job was lost (a job id per row
 * makes this a no-op when the job still exists, e.g. waiting for a retry), and records as failed the
 * sends a crash interrupted — they may or may not have reached the person, and sending again could
 * send twice, so a coordinator sees them in `admin -- failures` instead.
 */
export async function sweepOutbound(deps: AppDeps, now = deps.now()): Promise<{ requeued: number; interrupted: number; inbound: number }> {
  // Messages received but not handled (their wake-up was lost): wake their address again.
  const waiting = await deps.prisma.inboundMessage.findMany({
    where: { status: "received", receivedAt: { lt: new Date(now.getTime() - STRANDED_INBOUND_MS) } },
    distinct: ["channel", "externalId"],
    select: { id: true, channel: true, externalId: true },
    take: 1000,
  });
  await deps.dispatcher.inbound(waiting.map((m) => ({ address: { channel: m.channel, externalId: m.externalId }, inboundId: m.id })));
  const stranded = await deps.prisma.outboundMessage.findMany({
    where: { status: "queued", createdAt: { lt: new Date(now.getTime() - STRANDED_AFTER_MS) } },
    select: { id: true, channel: true },
    orderBy: { createdAt: "asc" },
    take: 5000,
  });
  await dispatchEach(deps, stranded);
  const interrupted = await deps.prisma.outboundMessage.findMany({
    where: { status: "sending", claimedAt: { lt: new Date(now.getTime() - INTERRUPTED_AFTER_MS) } },
    select: { id: true },
    take: 5000,
  });
  for (const r of interrupted) await fail(deps, r.id, "send.interrupted", "the sending process stopped during the send; it may or may not have been delivered");
  return { requeued: stranded.length, interrupted: interrupted.length, inbound: waiting.length };
}

export function startOutboundSweeper(deps: AppDeps, everyMs = SWEEP_EVERY_MS): NodeJS.Timeout {
  const timer = setInterval(() => {
    sweepOutbound(deps).then(
      (r) => (r.requeued || r.interrupted || r.inbound ? deps.log.info(r, "sweep") : undefined),
      (err: unknown) => deps.log.warn({ err }, "outbound sweep failed"),
    );
  }, everyMs);
  timer.unref();
  return timer;
}
