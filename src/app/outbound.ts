import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import type { Prisma } from "../db/generated/client.ts";

type Tx = Pick<Prisma.TransactionClient, "outboundMessage">;

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
}

/**
 * Records messages to send, inside the caller's transaction. A key seen before creates nothing,
 * so a replayed inbound message or a re-run job never queues a second copy. Returns the ids to dispatch.
 */
export async function createOutbound(tx: Tx, messages: NewOutbound[]): Promise<string[]> {
  const ids: string[] = [];
  for (const m of messages) {
    const row = await tx.outboundMessage.upsert({
      where: { idempotencyKey: m.idempotencyKey },
      create: {
        idempotencyKey: m.idempotencyKey,
        personId: m.personId,
        channel: m.channel,
        externalId: m.externalId,
        intent: (m.template ? { ...m.intent, template: m.template } : m.intent) as unknown as Prisma.InputJsonValue,
        purpose: m.purpose ?? "reply",
      },
      update: {},
      select: { id: true, status: true },
    });
    if (row.status === "queued") ids.push(row.id);
  }
  return ids;
}
