import type { Reply } from "../engine/types.ts";
import type { AppDeps } from "../deps.ts";
import { byReason } from "../outbox/failure-reason.ts";
import { notifyPeople } from "../outbox/notify-people.ts";
import { broadcastReport, type BroadcastReport } from "./report.ts";

/** Below this many recipients a broadcast is over in seconds: no progress messages, just the report. */
export const PROGRESS_MIN_RECIPIENTS = 50;

/**
 * Checks a broadcast: while messages are still going out, tells its coordinator how far it is
 * ("120 / 400 sent") when that changed; once every recipient has a final status, sends the report
 * (sent, delivered, read, failed with reasons) and marks the broadcast done.
 */
export async function broadcastProgress(deps: AppDeps, broadcastId: string, lastSent: number): Promise<{ done: boolean; sent: number }> {
  const broadcast = await deps.prisma.broadcast.findUnique({ where: { id: broadcastId } });
  if (!broadcast || broadcast.status !== "sending") return { done: true, sent: lastSent };
  const report = await broadcastReport(deps.prisma, broadcastId);
  if (report.pending > 0) {
    if (report.total >= PROGRESS_MIN_RECIPIENTS && report.sent !== lastSent) {
      await tell(deps, broadcast.createdById, `bc-progress:${broadcastId}:${report.sent}`, {
        type: "text",
        say: { key: "broadcast.progress", params: { sent: report.sent, total: report.total } },
      });
    }
    return { done: false, sent: report.sent };
  }
  await deps.prisma.broadcast.update({ where: { id: broadcastId }, data: { status: "done", completedAt: deps.now() } });
  await tell(deps, broadcast.createdById, `bc-report:${broadcastId}`, reportReply(report));
  return { done: true, sent: report.sent };
}

export function reportReply(report: BroadcastReport): Reply {
  return {
    type: "text",
    say: { key: "broadcast.report", params: { total: report.total, sent: report.sent, delivered: report.delivered, read: report.read, failed: report.failed, skipped: report.skipped } },
    lines: byReason(report.reasons)
      .slice(0, 5)
      .map((r) => ({ key: "broadcast.reason_line", params: { reason: { t: `broadcast.failed_because.${r.reason}` }, count: r.count } })),
  };
}

async function tell(deps: AppDeps, personId: string, key: string, reply: Reply): Promise<void> {
  const person = await deps.prisma.person.findUnique({ where: { id: personId }, include: { identities: { where: { unreachableAt: null } } } });
  if (!person) return;
  const batches = await notifyPeople(deps, deps.prisma, [person], { reply, purpose: "coordinator_alert", key: (_, identity) => `${key}:${identity.id}` });
  for (const batch of batches) await deps.dispatcher.outbound(batch.channel, batch.ids);
}
