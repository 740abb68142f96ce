import type { PrismaClient } from "../db/generated/client.ts";
import type { FireBase } from "./types.ts";

/** A claim older than this belongs to a worker that died between claim and commit. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** Gives claims back (an error after claiming): the queue's retry or the reconciler runs them again. */
export async function release(prisma: PrismaClient, ids: string[]): Promise<void> {
  await prisma.scheduledFire.updateMany({ where: { id: { in: ids }, status: "claimed" }, data: { status: "pending", claimedAt: null } });
}

/**
 * Gives back fires claimed longer than CLAIM_TIMEOUT_MS ago. A fire's work commits with its "sent"
 * (a reminder's message is made in the statement that marks it sent, the others in one transaction),
 * so a claimed fire sent nothing: back to pending. One whose message exists (key `fire:<id>`) cannot
 * be claimed still, but if it were, it is recorded as sent.
 */
export async function recoverStuckClaims(base: Pick<FireBase, "prisma" | "log">, now: Date): Promise<number> {
  const rows = await base.prisma.$queryRaw<Array<{ status: string }>>`
    UPDATE "ScheduledFire" AS f
    SET "status" = CASE WHEN o."id" IS NULL THEN 'pending'::"FireStatus" ELSE 'sent'::"FireStatus" END,
        "claimedAt" = NULL,
        "doneAt" = CASE WHEN o."id" IS NULL THEN NULL ELSE ${now}::timestamptz END,
        "updatedAt" = now()
    FROM "ScheduledFire" AS s
    LEFT JOIN "OutboundMessage" AS o ON o."idempotencyKey" = 'fire:' || s."id"
    WHERE f."id" = s."id" AND f."status" = 'claimed' AND f."claimedAt" < ${new Date(now.getTime() - CLAIM_TIMEOUT_MS)}
    RETURNING f."status"::text AS "status"`;
  if (rows.length) base.log.warn({ count: rows.length }, "scheduled fires recovered from a dead worker's claim");
  return rows.filter((r) => r.status === "pending").length;
}
