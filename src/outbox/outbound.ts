import { randomUUID } from "node:crypto";
import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";
import type { PendingTranslation } from "./translation.ts";

export interface NewOutbound {
  idempotencyKey: string;
  personId: string | null;
  channel: ChannelName;
  externalId: string;
  intent: Intent;
  /** The kind of message, which names its WhatsApp template outside the 24-hour window. */
  purpose?: string;
  /** Parameters for that template, when the message's own text is not enough (reminders). */
  template?: { params: string[] };
  /** A translation to add when it is sent (outbox/translation.ts); the intent is the message as written. */
  translate?: PendingTranslation;
}

/**
 * Records messages to send, inside the caller's transaction, in one statement. A key seen before creates
 * nothing, so a replayed inbound message or a re-run job never queues a second copy. Returns the ids to
 * dispatch, in the order given: new rows, and earlier ones still waiting to be sent.
 */
export async function createOutbound(tx: Pick<Tx, "$queryRaw">, messages: NewOutbound[]): Promise<string[]> {
  // One row per key (a key twice in one statement would be an error).
  messages = [...new Map(messages.map((m) => [m.idempotencyKey, m])).values()];
  if (messages.length === 0) return [];
  // The clock of this process, as every other timestamp: rows of one conversation keep the order they were written in.
  const createdAt = new Date();
  const values = messages.map(
    (m) =>
      Prisma.sql`(${randomUUID()}, ${m.idempotencyKey}, ${m.personId}, ${m.channel}::"Channel", ${m.externalId}, ${m.purpose ?? "reply"},
        ${JSON.stringify(m.template || m.translate ? { ...m.intent, ...(m.template ? { template: m.template } : {}), ...(m.translate ? { translate: m.translate } : {}) } : m.intent)}::jsonb, ${createdAt})`,
  );
  // "DO UPDATE" with no change, so that a row already there is returned too (with its status).
  const rows = await tx.$queryRaw<{ id: string; idempotencyKey: string; status: string }[]>`
    INSERT INTO "OutboundMessage" ("id", "idempotencyKey", "personId", "channel", "externalId", "purpose", "intent", "createdAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("idempotencyKey") DO UPDATE SET "idempotencyKey" = EXCLUDED."idempotencyKey"
    RETURNING "id", "idempotencyKey", "status"::text AS "status"`;
  const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
  const ids: string[] = [];
  for (const m of messages) {
    const row = byKey.get(m.idempotencyKey);
    if (row?.status === "queued" && !ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}
