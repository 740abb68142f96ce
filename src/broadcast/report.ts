import type { PrismaClient, Prisma } from "../db/generated/client.ts";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "broadcastRecipient" | "outboundMessage">;

export interface BroadcastReport {
  total: number;
  /** Outbound rows not yet sent (queued or being sent). */
  pending: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Recipients with no reachable address when the broadcast went out. */
  skipped: number;
  /** Failure reasons, most frequent first. */
  reasons: { code: string; count: number }[];
}

/**
 * Where a broadcast stands, from the recipient rows and their messages: sent counts every message
 * the platform accepted (so it includes delivered and read).
 */
export async function broadcastReport(db: Db, broadcastId: string): Promise<BroadcastReport> {
  const recipients = await db.broadcastRecipient.groupBy({ by: ["status"], where: { broadcastId }, _count: { _all: true } });
  const count = (s: string) => recipients.find((r) => r.status === s)?._count._all ?? 0;
  const total = recipients.reduce((n, r) => n + r._count._all, 0);
  const messages = await db.outboundMessage.groupBy({
    by: ["status", "errorCode"],
    where: { broadcastRecipient: { broadcastId } },
    _count: { _all: true },
  });
  const by = (statuses: string[]) => messages.filter((m) => statuses.includes(m.status)).reduce((n, m) => n + m._count._all, 0);
  const reasons = messages
    .filter((m) => m.status === "failed" || m.status === "cancelled")
    .map((m) => ({ code: m.errorCode ?? m.status, count: m._count._all }))
    .sort((a, b) => b.count - a.count);
  return {
    total,
    pending: by(["queued", "sending"]) + count("pending"),
    sent: by(["sent", "delivered", "read"]),
    delivered: by(["delivered", "read"]),
    read: by(["read"]),
    failed: by(["failed", "cancelled"]),
    skipped: count("skipped"),
    reasons,
  };
}
