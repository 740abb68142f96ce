import { randomUUID } from "node:crypto";
import type { ChannelName } from "../core/inbound.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { REMINDER_KIND } from "./plan.ts";

/**
 * The SQL behind `handleFires`, one statement per step for a whole batch. Hand-written because
 * 10,000 reminders can come due in one minute: the ORM's per-query cost (several queries for a
 * nested read, a transaction of three round trips to write) was the bottleneck, measured here at
 * about 140 fires/s one by one; these two statements per batch do several thousand.
 */

/** A claimed fire and every fact it is judged on. */
export interface ClaimedFire {
  id: string;
  version: number;
  sessionId: string | null;
  title: string | null;
  titles: unknown;
  startsAt: Date | null;
  location: string | null;
  sessionStatus: string | null;
  sessionVersion: number | null;
  timezone: string | null;
  personId: string | null;
  locale: string | null;
  optedOutAt: Date | null;
  erasedAt: Date | null;
  /** An active member (not coordinator) of the session's cohort. */
  member: boolean;
  identities: Array<{ channel: ChannelName; externalId: string; lastInboundAt: Date | null; unreachableAt: Date | null }>;
}

type RawIdentity = { channel: ChannelName; externalId: string; lastInboundAt: string | null; unreachableAt: string | null };

/**
 * Claims the due, pending reminder fires among `ids` (pending → claimed, so no other run takes them)
 * and reads what each needs, in one statement. Fires not returned were not claimable (or are being
 * claimed by another run right now: SKIP LOCKED, never a wait).
 *
 * With `sweep`, up to that many other pending reminders already due are claimed too, oldest first:
 * when thousands come due at once, the first jobs to wake take the rest in large batches, and the
 * later jobs find their fire done. The timer wakes the worker; the rows say what is due.
 */
export async function claimDue(prisma: PrismaClient, ids: string[], now: Date, horizon: Date, sweep = 0): Promise<ClaimedFire[]> {
  const rows = await prisma.$queryRaw<Array<Omit<ClaimedFire, "identities"> & { identities: RawIdentity[] | null }>>`
    WITH picked AS (
      SELECT "id" FROM "ScheduledFire"
      WHERE "status" = 'pending' AND "kind" = ${REMINDER_KIND}
        AND ("id" = ANY(${ids}::text[]) AND coalesce("sendFrom", "dueAt") <= ${horizon} OR ${sweep}::int > 0 AND coalesce("sendFrom", "dueAt") <= ${now})
      ORDER BY ("id" = ANY(${ids}::text[])) DESC, "dueAt"
      LIMIT ${ids.length + sweep}::int
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "ScheduledFire" AS f SET "status" = 'claimed', "claimedAt" = ${now}, "updatedAt" = now()
      FROM picked WHERE f."id" = picked."id"
      RETURNING f."id", f."version", f."sessionId", f."personId"
    )
    SELECT f."id", f."version", s."id" AS "sessionId", s."title", s."titles", s."startsAt", s."location", s."status"::text AS "sessionStatus",
           s."version" AS "sessionVersion", c."timezone", p."id" AS "personId", p."locale", p."optedOutAt", p."erasedAt",
           EXISTS (SELECT 1 FROM "Membership" m WHERE m."personId" = p."id" AND m."cohortId" = s."cohortId"
                   AND m."status" = 'active' AND m."role" = 'member') AS "member",
           (SELECT json_agg(json_build_object('channel', i."channel", 'externalId', i."externalId",
                                              'lastInboundAt', i."lastInboundAt", 'unreachableAt', i."unreachableAt"))
              FROM "Identity" i WHERE i."personId" = p."id") AS "identities"
    FROM claimed f
    LEFT JOIN "TrainingSession" s ON s."id" = f."sessionId"
    LEFT JOIN "Cohort" c ON c."id" = s."cohortId"
    LEFT JOIN "Person" p ON p."id" = f."personId"`;
  return rows.map((r) => ({
    ...r,
    identities: (r.identities ?? []).map((i) => ({
      channel: i.channel,
      externalId: i.externalId,
      lastInboundAt: i.lastInboundAt ? new Date(i.lastInboundAt) : null,
      unreachableAt: i.unreachableAt ? new Date(i.unreachableAt) : null,
    })),
  }));
}

/** Records fires that end without a message; only those still claimed for that version. Returns their ids. */
export async function settle(
  prisma: PrismaClient,
  fires: Array<{ id: string; version: number; status: "cancelled" | "missed" }>,
  now: Date,
): Promise<Set<string>> {
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    UPDATE "ScheduledFire" AS f SET "status" = u."status"::"FireStatus", "doneAt" = ${now}, "updatedAt" = now()
    FROM unnest(${fires.map((s) => s.id)}::text[], ${fires.map((s) => s.status)}::text[], ${fires.map((s) => s.version)}::int[])
      AS u("id", "status", "version")
    WHERE f."id" = u."id" AND f."status" = 'claimed' AND f."version" = u."version"
    RETURNING f."id"`;
  return new Set(rows.map((r) => r.id));
}

export interface ReminderMessage {
  fireId: string;
  version: number;
  personId: string;
  channel: ChannelName;
  externalId: string;
  intent: unknown;
}

/**
 * Marks fires sent and creates their outbound rows (idempotency key `fire:<id>`, purpose "reminder",
 * queued) in ONE statement, so one cannot exist without the other: the same guarantee as a
 * transaction around app/outbound.ts createOutbound, in one round trip for the batch. Only fires still
 * claimed for their version are sent (a sync or the reconciler may have taken the claim back).
 * Returns the rows made, to dispatch after the statement.
 */
export async function markSent(
  prisma: PrismaClient,
  messages: ReminderMessage[],
  now: Date,
): Promise<Array<{ id: string; fireId: string; channel: ChannelName }>> {
  return prisma.$queryRaw`
    WITH sent AS (
      UPDATE "ScheduledFire" AS f SET "status" = 'sent', "doneAt" = ${now}, "updatedAt" = now()
      FROM unnest(${messages.map((m) => m.fireId)}::text[], ${messages.map((m) => m.version)}::int[]) AS u("id", "version")
      WHERE f."id" = u."id" AND f."status" = 'claimed' AND f."version" = u."version"
      RETURNING f."id"
    )
    INSERT INTO "OutboundMessage" ("id", "idempotencyKey", "personId", "channel", "externalId", "purpose", "intent")
    SELECT m."id", 'fire:' || m."fireId", m."personId", m."channel"::"Channel", m."externalId", 'reminder', m."intent"::jsonb
    FROM unnest(${messages.map(() => randomUUID())}::text[], ${messages.map((m) => m.fireId)}::text[], ${messages.map((m) => m.personId)}::text[],
                ${messages.map((m) => m.channel)}::text[], ${messages.map((m) => m.externalId)}::text[],
                ${messages.map((m) => JSON.stringify(m.intent))}::text[])
      AS m("id", "fireId", "personId", "channel", "externalId", "intent")
    JOIN sent ON sent."id" = m."fireId"
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id", substr("idempotencyKey", 6) AS "fireId", "channel"::text AS "channel"`;
}
