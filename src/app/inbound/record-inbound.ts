import { randomUUID } from "node:crypto";
import type { InboundMedia, InboundMessage, InboundPayload } from "../../core/inbound.ts";
import type { PrismaClient } from "../../db/generated/client.ts";

/**
 * Logs a message once: an atomic insert on (channel, platform message id). Returns the new row's id,
 * or null when the platform redelivered a message we already have (or a twin arrived concurrently).
 */
export async function recordInbound(prisma: PrismaClient, raw: InboundMessage, voiceHold?: Date): Promise<string | null> {
  const msg = withoutNul(raw);
  const payload: InboundPayload = {
    choiceId: msg.choiceId,
    media: msg.media,
    localeHint: msg.localeHint,
    displayName: msg.displayName,
    replyToPlatformId: msg.replyToPlatformId,
    unsupportedType: msg.unsupportedType,
    unreadable: msg.unreadable,
    changedNumberTo: msg.changedNumberTo,
  };
  // A voice note to transcribe gets its Media row in the same statement: no turn can see it unheld (voice/hold.ts).
  if (voiceHold && msg.media) return recordHeldVoiceNote(prisma, msg, payload, msg.media, voiceHold);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundMessage" ("id", "channel", "platformMessageId", "externalId", "kind", "text", "payload", "sentAt")
    VALUES (${randomUUID()}, ${msg.channel}::"Channel", ${msg.platformMessageId}, ${msg.externalId}, ${msg.kind},
            ${msg.text ?? null}, ${JSON.stringify(payload)}::jsonb, ${msg.sentAt})
    ON CONFLICT ("channel", "platformMessageId") DO NOTHING
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

async function recordHeldVoiceNote(prisma: PrismaClient, msg: InboundMessage, payload: InboundPayload, media: InboundMedia, holdUntil: Date): Promise<string | null> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH i AS (
      INSERT INTO "InboundMessage" ("id", "channel", "platformMessageId", "externalId", "kind", "text", "payload", "sentAt")
      VALUES (${randomUUID()}, ${msg.channel}::"Channel", ${msg.platformMessageId}, ${msg.externalId}, ${msg.kind},
              ${msg.text ?? null}, ${JSON.stringify(payload)}::jsonb, ${msg.sentAt})
      ON CONFLICT ("channel", "platformMessageId") DO NOTHING
      RETURNING "id"
    ), m AS (
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
