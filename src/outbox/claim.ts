import type { OutboundMessage } from "../db/generated/client.ts";
import type { AppDeps } from "../deps.ts";

/** A send claimed longer ago than this is not going on any more (a send's timeout is 15 s a part). */
export const LIVE_SEND_S = 120;
/** A message still queued this long after it was written no longer holds its person's later messages back. */
export const HOLD_MAX_S = 600;

/** A claimed row, with its address's last message and its person's language (a template may be needed). */
export type Claimed = OutboundMessage & { lastInboundAt: Date | null; locale: string | null };

/**
 * Claims the next row of each address among `ids` (queued → sending) and reads them, in one statement,
 * so a job that runs twice sends each row once, and a crash leaves "sending" only rows being sent. One
 * person's messages go in the order they were written (`seq`): a row is claimed only when no earlier
 * row of its address among `ids` is still waiting, and no earlier reply to its address held elsewhere
 * (another job's, or one waiting for a retry) is queued or being sent; rows held that way are counted
 * as `blocked` and stay queued. Two limits keep one message from holding a person's others for long: a
 * send claimed more than `LIVE_SEND_S` ago was cut by a crash (the sweep records it as failed, it is
 * never sent again), and a message still queued `HOLD_MAX_S` after it was written (its platform failing)
 * no longer holds the later ones. Addresses in `skip` (a send of theirs failed in this run) are left
 * alone. Returns at most `limit` rows, oldest first.
 */
export async function claimRows(
  deps: Pick<AppDeps, "prisma" | "now">,
  ids: readonly string[],
  opts: { skip?: readonly string[]; limit?: number } = {},
): Promise<{ rows: Claimed[]; blocked: number }> {
  const list = [...ids];
  const skip = [...(opts.skip ?? [])];
  const now = deps.now();
  const queuedSince = new Date(now.getTime() - HOLD_MAX_S * 1000);
  const liveSince = new Date(now.getTime() - LIVE_SEND_S * 1000);
  const rows = await deps.prisma.$queryRaw<(Claimed & { _blocked: number })[]>`
    WITH c AS (
      SELECT o."id", o."seq", EXISTS (
        SELECT 1 FROM "OutboundMessage" e
        WHERE e."channel" = o."channel" AND e."externalId" = o."externalId" AND e."seq" < o."seq"
          AND e."purpose" = 'reply' AND NOT (e."id" = ANY(${list}::text[]))
          AND ((e."status" = 'queued' AND e."createdAt" > ${queuedSince}) OR (e."status" = 'sending' AND e."claimedAt" > ${liveSince}))
      ) AS "blocked"
      FROM "OutboundMessage" o
      WHERE o."id" = ANY(${list}::text[]) AND o."status" = 'queued'
        AND NOT ((o."channel"::text || ':' || o."externalId") = ANY(${skip}::text[]))
        AND NOT EXISTS (
          SELECT 1 FROM "OutboundMessage" h
          WHERE h."id" = ANY(${list}::text[]) AND h."channel" = o."channel" AND h."externalId" = o."externalId" AND h."seq" < o."seq"
            AND (h."status" = 'queued' OR (h."status" = 'sending' AND h."claimedAt" > ${liveSince}))
        )
    ), u AS (
      UPDATE "OutboundMessage" o SET "status" = 'sending', "attempts" = o."attempts" + 1, "claimedAt" = ${now}
      WHERE o."id" IN (SELECT c."id" FROM c WHERE NOT c."blocked" ORDER BY c."seq" LIMIT ${opts.limit ?? 1000}) AND o."status" = 'queued'
      RETURNING o.*,
        (SELECT i."lastInboundAt" FROM "Identity" i WHERE i."channel" = o."channel" AND i."externalId" = o."externalId") AS "lastInboundAt",
        (SELECT p."locale" FROM "Identity" i JOIN "Person" p ON p."id" = i."personId" WHERE i."channel" = o."channel" AND i."externalId" = o."externalId") AS "locale"
    )
    SELECT u.*, k."n" AS "_blocked"
    FROM (SELECT count(*) FILTER (WHERE c."blocked")::int AS "n" FROM c) k LEFT JOIN u ON true`;
  // One row per claimed row, each carrying the count of rows held; a single empty row when none was claimed.
  const blocked = rows[0]?._blocked ?? 0;
  const claimed = rows.filter((r) => r.id !== null).map(({ _blocked, ...row }) => row);
  claimed.sort((a, b) => a.seq - b.seq);
  return { rows: claimed, blocked };
}

/** Gives claimed rows that were not sent back to the queue (a send before them failed, or the platform asked to slow down). */
export async function releaseRows(deps: Pick<AppDeps, "prisma">, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await deps.prisma.$executeRaw`UPDATE "OutboundMessage" SET "status" = 'queued', "attempts" = greatest(0, "attempts" - 1)
    WHERE "id" = ANY(${[...ids]}::text[]) AND "status" = 'sending'`;
}

/**
 * Records rows the platform accepted, in one statement. The last message to a person who erased their
 * data is kept only until it is sent: its address and text go.
 */
export async function recordSent(deps: Pick<AppDeps, "prisma" | "now">, sent: readonly { id: string; platformMessageId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  const ids = sent.map((s) => s.id);
  const platformIds = sent.map((s) => s.platformMessageId);
  await deps.prisma.$executeRaw`
    UPDATE "OutboundMessage" o SET "status" = 'sent', "platformMessageId" = v.pid, "sentAt" = ${deps.now()}, "errorCode" = NULL, "errorMessage" = NULL,
      "externalId" = CASE WHEN o."purpose" = 'erasure_confirmation' THEN 'erased' ELSE o."externalId" END,
      "intent" = CASE WHEN o."purpose" = 'erasure_confirmation' THEN '{}'::jsonb ELSE o."intent" END
    FROM unnest(${ids}::text[], ${platformIds}::text[]) v(id, pid) WHERE o."id" = v.id`;
}
