import { randomUUID } from "node:crypto";
import type { InboundMedia, InboundMessage, InboundPayload } from "../../core/inbound.ts";
import { Prisma, type PrismaClient } from "../../db/generated/client.ts";

/**
 * Logs a message once: an atomic insert on (channel, platform message id). Returns the new row's id,
 * or null when the platform redelivered a message we already have (or a twin arrived concurrently).
 */
export async function recordInbound(prisma: PrismaClient, raw: InboundMessage, voiceHold?: Date): Promise<string | null> {
  const msg = withoutNul(raw);
  // A voice note to transcribe gets its Media row in the same statement: no turn can see it unheld (voice/hold.ts).
  if (voiceHold && msg.media) return recordHeldVoiceNote(prisma, msg, msg.media, voiceHold);
  return (await recordInboundMany(prisma, [msg]))[0]!;
}

/**
 * Logs many messages in one statement (the webhooks of a busy moment, gathered by app/inbound/ingest.ts),
 * each once, as `recordInbound`: returns each message's new row id, or null for a redelivery (or a twin
 * earlier in the same list).
 */
export async function recordInboundMany(prisma: Pick<PrismaClient, "$queryRaw">, raws: readonly InboundMessage[]): Promise<(string | null)[]> {
  if (raws.length === 0) return [];
  const msgs = raws.map(withoutNul);
  const ids = msgs.map(() => randomUUID());
  const rows = await prisma.$queryRaw<{ id: string }[]>(insertInbound(msgs, ids));
  const inserted = new Set(rows.map((r) => r.id));
  return ids.map((id) => (inserted.has(id) ? id : null));
}

function payloadOf(msg: InboundMessage): InboundPayload {
  return {
    choiceId: msg.choiceId,
    media: msg.media,
    localeHint: msg.localeHint,
    displayName: msg.displayName,
    replyToPlatformId: msg.replyToPlatformId,
    unsupportedType: msg.unsupportedType,
    unreadable: msg.unreadable,
    changedNumberTo: msg.changedNumberTo,
  };
}

/** The insert of `msgs` as new rows with `ids`, each once: a redelivery (same channel and platform id) is skipped; returns the ids inserted. */
function insertInbound(msgs: readonly InboundMessage[], ids: readonly string[]): Prisma.Sql {
  const values = msgs.map(
    (msg, i) => Prisma.sql`(${ids[i]}, ${msg.channel}::"Channel", ${msg.platformMessageId}, ${msg.externalId}, ${msg.kind},
            ${msg.text ?? null}, ${JSON.stringify(payloadOf(msg))}::jsonb, ${msg.sentAt})`,
  );
  return Prisma.sql`
    INSERT INTO "InboundMessage" ("id", "channel", "platformMessageId", "externalId", "kind", "text", "payload", "sentAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("channel", "platformMessageId") DO NOTHING
    RETURNING "id"`;
}

async function recordHeldVoiceNote(prisma: PrismaClient, msg: InboundMessage, media: InboundMedia, holdUntil: Date): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH i AS (${insertInbound([msg], [randomUUID()])}), m AS (
      INSERT INTO "Media" ("id", "inboundId", "platformId", "mimeType", "holdUntil")
      SELECT ${randomUUID()}, i."id", ${media.id}, ${media.mimeType ?? null}, ${holdUntil} FROM i
    )
    SELECT "id" FROM i`;
  return rows[0]?.id ?? null;
}

/**
 * PostgreSQL cannot store U+0000 in text: a message containing it would be refused forever, and the
 * platform would redeliver it forever. It carries no meaning in a chat, so it is replaced.
 */
function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replace(/\u0000/g, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutNul(v)])) as T;
  }
  return value;
}
