import { randomUUID } from "node:crypto";
import type { InboundMessage } from "../core/inbound.ts";
import type { PrismaClient } from "../db/generated/client.ts";

/**
 * Logs a message once: an atomic insert on (channel, platform message id). Returns the new row's id,
 * or null when the platform redelivered a message we already have (or a twin arrived concurrently).
 */
export async function recordInbound(prisma: PrismaClient, msg: InboundMessage): Promise<string | null> {
  const payload = {
    choiceId: msg.choiceId,
    media: msg.media,
    localeHint: msg.localeHint,
    displayName: msg.displayName,
    replyToPlatformId: msg.replyToPlatformId,
    unsupportedType: msg.unsupportedType,
  };
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO "InboundMessage" ("id", "channel", "platformMessageId", "externalId", "kind", "text", "payload", "sentAt")
    VALUES (${randomUUID()}, ${msg.channel}::"Channel", ${msg.platformMessageId}, ${msg.externalId}, ${msg.kind},
            ${msg.text ?? null}, ${JSON.stringify(payload)}::jsonb, ${msg.sentAt})
    ON CONFLICT ("channel", "platformMessageId") DO NOTHING
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}
