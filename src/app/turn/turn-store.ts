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

export const EMPTY_STORED: Stored = { conversation: { flow: null, step: null, data: {} } };

/** The key of an address in maps and locks. */
export const addressKey = (a: Address) => `${a.channel}:${a.externalId}`;

/**
 * Takes the locks of these addresses for this transaction, in one statement and always in the same
 * order (two batches that share addresses cannot deadlock): one person's messages are handled one turn
 * at a time, whichever worker or process holds them.
 */
export async function lockAddresses(tx: Tx, addresses: readonly Address[]): Promise<void> {
  const keys = addresses.map((a) => `in:${addressKey(a)}`);
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(k))::int AS n FROM (SELECT hashtext(x) AS k FROM unnest(${keys}::text[]) x ORDER BY 1) s`;
}

/** A waiting message, with how many messages its address sent in the minute up to it (itself included: app/flood.ts). */
export type Waiting = InboundMessage & { recentCount: number };

/**
 * The messages of these addresses not handled yet, each address's oldest first (at most `take` per
 * address), in one statement with their rate: the window counts every message of the address received
 * in the 60 seconds up to each one. Messages logged together keep the order they arrived in (`seq`).
 */
export function waitingMessages(tx: Tx, addresses: readonly Address[], take: number): Promise<Waiting[]> {
  const channels = addresses.map((a) => a.channel);
  const ids = addresses.map((a) => a.externalId);
  return tx.$queryRaw<Waiting[]>`
    SELECT y."id", y."channel", y."platformMessageId", y."externalId", y."personId", y."kind", y."text", y."payload", y."status", y."error",
           y."sentAt", y."receivedAt", y."processedAt", y."seq", y."recentCount"
    FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x."channel", x."externalId" ORDER BY x."sentAt", x."seq") AS rn
      FROM (
        SELECT m.*, count(*) OVER (PARTITION BY m."channel", m."externalId" ORDER BY m."receivedAt" RANGE BETWEEN interval '60 seconds' PRECEDING AND CURRENT ROW)::int AS "recentCount"
        FROM unnest(${channels}::text[], ${ids}::text[]) a(channel, "externalId")
        JOIN "InboundMessage" m ON m."channel" = a.channel::"Channel" AND m."externalId" = a."externalId"
        WHERE m."receivedAt" >= (SELECT min(w."receivedAt") FROM "InboundMessage" w
                                 WHERE w."channel" = m."channel" AND w."externalId" = m."externalId" AND w."status" = 'received') - interval '60 seconds'
      ) x
      WHERE x."status" = 'received'
    ) y
    WHERE y.rn <= ${take}
    ORDER BY y."channel", y."externalId", y."sentAt", y."seq"`;
}

/** The people behind these addresses and their conversations, in one statement, by address key; addresses never seen are absent. */
export async function peopleAt(tx: Tx, addresses: readonly Address[]): Promise<Map<string, { person: Person; stored: Stored }>> {
  const channels = addresses.map((a) => a.channel);
  const ids = addresses.map((a) => a.externalId);
  const rows = await tx.$queryRaw<(Person & { _address: string; conversation: { flow: string | null; step: string | null; data: unknown } | null })[]>`
    SELECT a.channel || ':' || a."externalId" AS "_address", p.*,
      (SELECT json_build_object('flow', c."flow", 'step', c."step", 'data', c."data") FROM "ConversationState" c WHERE c."personId" = p."id") AS "conversation"
    FROM unnest(${channels}::text[], ${ids}::text[]) a(channel, "externalId")
    JOIN "Identity" i ON i."channel" = a.channel::"Channel" AND i."externalId" = a."externalId"
    JOIN "Person" p ON p."id" = i."personId"`;
  const people = new Map<string, { person: Person; stored: Stored }>();
  for (const { _address, conversation: c, ...person } of rows) {
    if (!c) {
      people.set(_address, { person, stored: EMPTY_STORED });
      continue;
    }
    const data = (c.data ?? {}) as { flow?: Record<string, unknown>; offered?: OfferedChoice[] | null; flood?: FloodState | null };
    people.set(_address, {
      person,
      stored: { conversation: { flow: c.flow, step: c.step, data: data.flow ?? {} }, offered: data.offered ?? undefined, ...(data.flood ? { flood: data.flood } : {}) },
    });
  }
  return people;
}

/** A person for each address never seen before, with that address, in one statement; by address key. */
export async function createPeople(tx: Tx, newcomers: readonly { address: Address; displayName?: string }[], p: { timezone: string; at: Date }): Promise<Map<string, Person>> {
  if (newcomers.length === 0) return new Map();
  const values = newcomers.map(
    (n) => Prisma.sql`(${randomUUID()}, ${randomUUID()}, ${n.address.channel}, ${n.address.externalId}, ${n.displayName ?? null})`,
  );
  const rows = await tx.$queryRaw<(Person & { _address: string })[]>`
    WITH v(pid, iid, channel, "externalId", name) AS (VALUES ${Prisma.join(values)}),
    p AS (
      INSERT INTO "Person" ("id", "timezone", "createdAt", "updatedAt") SELECT v.pid, ${p.timezone}, ${p.at}, ${p.at} FROM v RETURNING *
    ), i AS (
      INSERT INTO "Identity" ("id", "personId", "channel", "externalId", "displayName", "createdAt")
      SELECT v.iid, v.pid, v.channel::"Channel", v."externalId", v.name, ${p.at} FROM v
    )
    SELECT v.channel || ':' || v."externalId" AS "_address", p.* FROM p JOIN v ON v.pid = p."id"`;
  return new Map(rows.map(({ _address, ...person }) => [_address, person]));
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

/** The address wrote at `at`: its window opens (WhatsApp's 24 hours) and it is reachable again. */
export async function openWindow(tx: Tx, address: Address, at: Date): Promise<void> {
  await tx.$executeRaw`${openWindows([{ address, at }])}`;
}

/** `openWindow` for many addresses, as one statement (also a step of `finishTurns`). */
function openWindows(windows: readonly { address: Address; at: Date }[]): Prisma.Sql {
  const rows = windows.map((w) => Prisma.sql`(${w.address.channel}, ${w.address.externalId}, ${w.at}::timestamptz)`);
  return Prisma.sql`UPDATE "Identity" t SET "lastInboundAt" = w.at, "unreachableAt" = NULL, "unreachableReason" = NULL
    FROM (VALUES ${Prisma.join(rows)}) AS w(channel, "externalId", at) WHERE t."channel" = w.channel::"Channel" AND t."externalId" = w."externalId"`;
}

/** How one address's turns ended, written with the others of its batch by `finishTurns`. */
export interface Finished {
  handled: Handled[];
  personId: string;
  stored: Stored;
  address: Address;
  lastSentAt: Date;
  /** A new language chosen during the turns (app/effects/person.ts), written with the rest. */
  locale?: { locale: string | null; localeConfirmed: boolean };
}

/**
 * The end of a batch's turns, in one statement: the messages' outcome, each conversation, each
 * address's window (its last message opens WhatsApp's 24 hours; a person writing is reachable again),
 * each person's last contact and any new language.
 */
export async function finishTurns(tx: Tx, done: readonly Finished[], now: Date): Promise<void> {
  if (done.length === 0) return;
  const values = done.map((t) => {
    const data = JSON.stringify({ flow: t.stored.conversation.data, offered: t.stored.offered ?? null, ...(t.stored.flood ? { flood: t.stored.flood } : {}) });
    return Prisma.sql`(${t.personId}, ${t.stored.conversation.flow}, ${t.stored.conversation.step}, ${data}::jsonb,
      ${t.locale !== undefined}::boolean, ${t.locale?.locale ?? null}, ${t.locale?.localeConfirmed ?? false}::boolean)`;
  });
  const handled = done.flatMap((t) => t.handled);
  const h = handled.length ? Prisma.sql`, h AS (${updateHandled(handled, now)})` : Prisma.empty;
  await tx.$executeRaw`
    WITH v(pid, flow, step, data, "setLocale", locale, "localeConfirmed") AS (VALUES ${Prisma.join(values)}),
    c AS (
      INSERT INTO "ConversationState" ("personId", "flow", "step", "data", "updatedAt")
      SELECT v.pid, v.flow, v.step, v.data, ${now} FROM v
      ON CONFLICT ("personId") DO UPDATE SET "flow" = EXCLUDED."flow", "step" = EXCLUDED."step", "data" = EXCLUDED."data", "updatedAt" = EXCLUDED."updatedAt"
    ), i AS (${openWindows(done.map((t) => ({ address: t.address, at: t.lastSentAt })))}), p AS (
      UPDATE "Person" t SET "lastSeenAt" = ${now}, "updatedAt" = ${now},
        "locale" = CASE WHEN v."setLocale" THEN v.locale ELSE t."locale" END,
        "localeConfirmed" = CASE WHEN v."setLocale" THEN v."localeConfirmed" ELSE t."localeConfirmed" END
      FROM v WHERE t."id" = v.pid
    )${h}
    SELECT 1`;
}
