import type { ChannelName } from "../core/inbound.ts";
import { isLocale, type Locale } from "../core/locales.ts";
import type { AppDeps } from "../deps.ts";
import { createOutbound } from "../outbox/outbound.ts";
import { dispatchEach } from "../outbox/dispatch-each.ts";
import { broadcastIntent } from "./render.ts";

/** Recipients claimed per transaction: small enough to keep transactions short, big enough to go fast. */
export const FAN_OUT_BATCH = 500;

/**
 * Turns a broadcast's pending recipients into outbound messages, batch by batch. Each recipient is
 * claimed (pending → claimed) in the same transaction that creates its message, whose idempotency
 * key is the (broadcast, person) pair: a worker that dies mid-way and runs again picks up where it
 * stopped, and nobody gets the announcement twice.
 *
 * A run first queues again the messages an earlier run created and left queued (a crash between its
 * commit and its dispatch; dispatch is idempotent). Done at the start, not the end: at the end every
 * message of the run is still queued behind the platform's pace, and dispatching them all again
 * (thousands of no-op jobs in Redis at once) held the sends up for most of a second.
 */
export async function fanOutBroadcast(deps: AppDeps, broadcastId: string): Promise<{ claimed: number }> {
  const broadcast = await deps.prisma.broadcast.findUnique({ where: { id: broadcastId } });
  if (!broadcast || broadcast.status === "cancelled") return { claimed: 0 };
  const texts = broadcast.texts as Partial<Record<Locale, string>>;
  const original = isLocale(broadcast.originalLocale) ? broadcast.originalLocale : deps.defaultLocale;
  // Messages created by an earlier run (recipients already claimed) and perhaps never queued. None on a first run.
  const stranded = await deps.prisma.outboundMessage.findMany({
    where: { status: "queued", broadcastRecipient: { broadcastId } },
    select: { id: true, channel: true },
  });
  await dispatchEach(deps, stranded);
  let claimed = 0;
  for (;;) {
    const batch = await deps.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: string; personId: string }[]>`
          SELECT "id", "personId" FROM "BroadcastRecipient"
          WHERE "broadcastId" = ${broadcastId} AND "status" = 'pending'
          ORDER BY "id" LIMIT ${FAN_OUT_BATCH} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return [];
        const people = await tx.person.findMany({
          where: { id: { in: rows.map((r) => r.personId) } },
          select: { id: true, locale: true, identities: { where: { unreachableAt: null }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } }, take: 1 } },
        });
        const byId = new Map(people.map((p) => [p.id, p]));
        const out: { channel: ChannelName; id: string }[] = [];
        for (const r of rows) {
          const person = byId.get(r.personId);
          const identity = person?.identities[0];
          if (!person || !identity) {
            await tx.broadcastRecipient.update({ where: { id: r.id }, data: { status: "skipped", error: "no reachable address" } });
            continue;
          }
          const locale = isLocale(person.locale) ? person.locale : deps.defaultLocale;
          const [id] = await createOutbound(tx, [
            {
              idempotencyKey: `bc:${broadcastId}:${person.id}`,
              personId: person.id,
              channel: identity.channel,
              externalId: identity.externalId,
              purpose: "announcement",
              intent: broadcastIntent(deps.i18n, texts, original, locale),
            },
          ]);
          const message = id ?? (await tx.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: `bc:${broadcastId}:${person.id}` } })).id;
          await tx.broadcastRecipient.update({ where: { id: r.id }, data: { status: "claimed", claimedAt: deps.now(), outboundMessageId: message } });
          if (id) out.push({ channel: identity.channel, id });
        }
        return out;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    if (batch.length === 0) {
      const left = await deps.prisma.broadcastRecipient.count({ where: { broadcastId, status: "pending" } });
      if (left === 0) break;
      continue;
    }
    claimed += batch.length;
    await dispatchEach(deps, batch);
  }
  return { claimed };
}

