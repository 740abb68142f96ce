import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";


/**
 * Erases a person's personal data and cancels what was waiting for them, keeping only anonymous
 * counts: the person row stays (stage, dates, sales amounts) with no name, address, answer or text.
 */
export async function erasePerson(tx: Tx, personId: string, now: Date): Promise<void> {
  await tx.scheduledFire.updateMany({ where: { personId, status: "pending" }, data: { status: "cancelled", doneAt: now } });
  await tx.outboundMessage.updateMany({ where: { personId, status: "queued" }, data: { status: "cancelled" } });
  await tx.outboundMessage.updateMany({ where: { personId }, data: { externalId: "erased", intent: {}, personId: null } });
  await tx.broadcastRecipient.updateMany({ where: { personId, status: { in: ["pending", "claimed"] } }, data: { status: "skipped", error: "erased" } });
  // Copies sent to coordinators about this person (relayed messages, alerts) carry their name and words.
  const threads = await tx.relayThread.findMany({ where: { personId }, select: { id: true } });
  const inbound = await tx.inboundMessage.findMany({ where: { personId }, select: { id: true } });
  const about = [...threads.map((t) => `relay:${t.id}:`), ...inbound.map((m) => `notify:${m.id}:`)];
  for (let i = 0; i < about.length; i += 200) {
    const where = { OR: about.slice(i, i + 200).map((prefix) => ({ idempotencyKey: { startsWith: prefix } })) };
    await tx.outboundMessage.updateMany({ where: { ...where, status: "queued" }, data: { status: "cancelled" } });
    await tx.outboundMessage.updateMany({ where, data: { intent: {} } });
  }
  const identities = await tx.identity.findMany({ where: { personId }, select: { channel: true, externalId: true } });
  // Their voice notes' audio and transcripts (voice/), before their messages lose the address that finds them.
  await tx.media.deleteMany({ where: { inbound: { OR: [{ personId }, ...identities.map((i) => ({ channel: i.channel, externalId: i.externalId }))] } } });
  for (const id of identities) {
    await tx.inboundMessage.updateMany({
      where: { channel: id.channel, externalId: id.externalId },
      data: { externalId: "erased", text: null, payload: Prisma.DbNull, personId: null },
    });
  }
  await tx.identity.deleteMany({ where: { personId } });
  await tx.inboundMessage.updateMany({ where: { personId }, data: { externalId: "erased", text: null, payload: Prisma.DbNull, personId: null } });
  await tx.application.deleteMany({ where: { personId } });
  await tx.consent.deleteMany({ where: { personId } });
  await tx.conversationState.deleteMany({ where: { personId } });
  await tx.roadmap.deleteMany({ where: { personId } });
  await tx.relayThread.deleteMany({ where: { personId } });
  // Machine translations of their words, and of the team's answers to them (bridge/db-cache.ts).
  await tx.translation.deleteMany({ where: { ownerId: personId } });
  await tx.transaction.updateMany({ where: { personId }, data: { item: null, originalText: null } });
  await tx.checkIn.updateMany({ where: { personId }, data: { stepAnswers: {} } });
  await tx.person.update({
    where: { id: personId },
    data: { firstName: null, locale: null, timezone: null, erasedAt: now, optedOutAt: now, lastSeenAt: null },
  });
}
