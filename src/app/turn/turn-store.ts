import { randomUUID } from "node:crypto";
import type { Address } from "../../core/inbound.ts";
import { Prisma, type InboundMessage, type Person } from "../../db/generated/client.ts";
import type { Conversation } from "../../engine/types.ts";
import type { OfferedChoice } from "./choices.ts";
import type { FloodState } from "./flood.ts";
import type { Tx } from "../../db/tx.ts";


/** The conversation as stored: the flow's state plus the choices last offered (to read typed answers). */
export interface Stored {
  conversation: Conversation;
  offered?: OfferedChoice[];
  /** A flood in progress (app/flood.ts). */
  flood?: FloodState;
}

/** How a message's handling ended, written with the rest of the turn. */
export interface Handled {
  id: string;
  status: "processed" | "failed";
  error?: string;
  personId: string | null;
}

const EMPTY: Stored = { conversation: { flow: null, step: null, data: {} } };

/** Takes the address's lock for this transaction: one person's messages are handled one turn at a time. */
export async function lockAddress(tx: Tx, address: Address): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`in:${address.channel}:${address.externalId}`}))::text`;
}

/** A waiting message, with how many messages its address sent in the minute up to it (itself included: app/flood.ts). */
export type Waiting = InboundMessage & { recentCount: number };

/**
 * The address's messages not handled yet, oldest first (at most `take`), in one statement with their
 * rate: the window counts every message of the address received in the 60 seconds up to each one.
 */
export function waitingMessages(tx: Tx, address: Address, take: number): Promise<Waiting[]> {
  return tx.$queryRaw<Waiting[]>`
    SELECT * FROM (
      SELECT m.*, count(*) OVER (ORDER BY m."receivedAt" RANGE BETWEEN interval '60 seconds' PRECEDING AND CURRENT ROW)::int AS "recentCount"
      FROM "InboundMessage" m
      WHERE m."channel" = ${address.channel}::"Channel" AND m."externalId" = ${address.externalId}
        AND m."receivedAt" >= (SELECT min(w."receivedAt") FROM "InboundMessage" w
                               WHERE w."channel" = ${address.channel}::"Channel" AND w."externalId" = ${address.externalId} AND w."status" = 'received') - interval '60 seconds'
    ) x
    WHERE "status" = 'received'
    ORDER BY "sentAt", "receivedAt" LIMIT ${take}`;
}

/** The person behind an address and their conversation, in one statement; null for an address never seen. */
export async function personAt(tx: Tx, address: Address): Promise<{ person: Person; stored: Stored } | null> {
  const [row] = await tx.$queryRaw<(Person & { conversation: { flow: string | null; step: string | null; data: unknown } | null })[]>`
    SELECT p.*, (SELECT json_build_object('flow', c."flow", 'step', c."step", 'data', c."data") FROM "ConversationState" c WHERE c."personId" = p."id") AS "conversation"
    FROM "Identity" i JOIN "Person" p ON p."id" = i."personId"
    WHERE i."channel" = ${address.channel}::"Channel" AND i."externalId" = ${address.externalId}`;
  if (!row) return null;
  const { conversation: c, ...person } = row;
  if (!c) return { person, stored: EMPTY };
  const data = (c.data ?? {}) as { flow?: Record<string, unknown>; offered?: OfferedChoice[] | null; flood?: FloodState | null };
  return { person, stored: { conversation: { flow: c.flow, step: c.step, data: data.flow ?? {} }, offered: data.offered ?? undefined, ...(data.flood ? { flood: data.flood } : {}) } };
}

/** A person for an address never seen before, with that address, in one statement. */
export async function createPerson(tx: Tx, address: Address, p: { timezone: string; displayName?: string; at: Date }): Promise<Person> {
  const [row] = await tx.$queryRaw<Person[]>`
    WITH p AS (
      INSERT INTO "Person" ("id", "timezone", "createdAt", "updatedAt") VALUES (${randomUUID()}, ${p.timezone}, ${p.at}, ${p.at}) RETURNING *
    ), i AS (
      INSERT INTO "Identity" ("id", "personId", "channel", "externalId", "displayName", "createdAt")
      SELECT ${randomUUID()}, p."id", ${address.channel}::"Channel", ${address.externalId}, ${p.displayName ?? null}, ${p.at} FROM p
    )
    SELECT * FROM p`;
  return row!;
}

/** Records how messages ended (now, before an erasure scrubs them; or with the end of the turn). */
export async function recordHandled(tx: Tx, handled: Handled[], at: Date): Promise<void> {
  if (handled.length) await tx.$executeRaw`${updateHandled(handled, at)}`;
}

function updateHandled(handled: Handled[], at: Date): Prisma.Sql {
  const rows = handled.map((h) => Prisma.sql`(${h.id}, ${h.status}, ${h.error ?? null}, ${h.personId})`);
  return Prisma.sql`UPDATE "InboundMessage" m SET "status" = v.status::"InboundStatus", "error" = v.error, "personId" = v."personId", "processedAt" = ${at}
    FROM (VALUES ${Prisma.join(rows)}) AS v(id, status, error, "personId") WHERE m."id" = v.id`;
}

/**
 * The end of a turn, in one statement: the messages' outcome, the conversation, the address's window
 * (its last message opens WhatsApp's 24 hours; a person writing is reachable again), the person's last contact.
 */
export async function finishTurn(
  tx: Tx,
  t: { handled: Handled[]; personId: string; stored: Stored; address: Address; lastSentAt: Date; now: Date },
): Promise<void> {
  const data = JSON.stringify({ flow: t.stored.conversation.data, offered: t.stored.offered ?? null, ...(t.stored.flood ? { flood: t.stored.flood } : {}) });
  const handled = t.handled.length ? Prisma.sql`, h AS (${updateHandled(t.handled, t.now)})` : Prisma.empty;
  await tx.$executeRaw`
    WITH c AS (
      INSERT INTO "ConversationState" ("personId", "flow", "step", "data", "updatedAt")
      VALUES (${t.personId}, ${t.stored.conversation.flow}, ${t.stored.conversation.step}, ${data}::jsonb, ${t.now})
      ON CONFLICT ("personId") DO UPDATE SET "flow" = EXCLUDED."flow", "step" = EXCLUDED."step", "data" = EXCLUDED."data", "updatedAt" = EXCLUDED."updatedAt"
    ), i AS (
      UPDATE "Identity" SET "lastInboundAt" = ${t.lastSentAt}, "unreachableAt" = NULL, "unreachableReason" = NULL
      WHERE "channel" = ${t.address.channel}::"Channel" AND "externalId" = ${t.address.externalId}
    ), p AS (
      UPDATE "Person" SET "lastSeenAt" = ${t.now}, "updatedAt" = ${t.now} WHERE "id" = ${t.personId}
    )${handled}
    SELECT 1`;
}
