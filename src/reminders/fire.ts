import type { AppDeps } from "../app/deps.ts";
import { localeOf } from "../app/person-view.ts";
import type { ChannelName } from "../core/inbound.ts";
import type { Prisma } from "../db/generated/client.ts";
import { reminderIntent } from "./message.ts";
import { REMINDER_KIND } from "./plan.ts";

/** A timer may wake a worker a little before the row's time (clocks of two machines): this much is fine. */
export const EARLY_TOLERANCE_MS = 1000;

export type CancelReason = "gone" | "stale" | "opted_out" | "not_member" | "unreachable";

export type FireResult =
  | { outcome: "sent"; outboundIds: string[] }
  | { outcome: "cancelled"; reason: CancelReason }
  /** Came due after the session began (nothing ran in time): recorded, nothing sent. */
  | { outcome: "missed" }
  /** The row is pending but not due yet (it was moved): the caller puts the timer back to `dueAt`. */
  | { outcome: "early"; dueAt: Date }
  /** Nothing to do: already sent, cancelled, handled by another run, or unknown. */
  | { outcome: "skipped" };

export type FireDeps = Pick<AppDeps, "prisma" | "i18n" | "defaultLocale" | "adapters" | "dispatcher" | "log" | "now">;

/**
 * Runs one reminder fire, at most once whatever the timer does (jobs run twice, the reconciler runs
 * a fire while a worker does). See `handleFires`, which this calls with one id.
 */
export async function handleFire(deps: FireDeps, fireId: string): Promise<FireResult> {
  return (await handleFires(deps, [fireId])).get(fireId) ?? { outcome: "skipped" };
}

/**
 * Runs reminder fires, a batch in a handful of queries (10,000 reminders can come due in the same
 * minute). Each fire is claimed (pending → claimed) before anything else; then a fire whose session
 * moved or was cancelled since it was planned (version), whose person left, opted out or was erased,
 * or that comes after the session began sends nothing; the others get their reminder's outbound row
 * created in the same transaction that marks them sent, dispatched after the commit.
 */
export async function handleFires(deps: FireDeps, fireIds: readonly string[]): Promise<Map<string, FireResult>> {
  const ids = [...new Set(fireIds)];
  const now = deps.now();
  const claimed = await deps.prisma.$queryRaw<Array<{ id: string; version: number }>>`
    UPDATE "ScheduledFire" SET "status" = 'claimed', "claimedAt" = ${now}, "updatedAt" = now()
    WHERE "id" = ANY(${ids}::text[]) AND "status" = 'pending' AND "kind" = ${REMINDER_KIND}
      AND "dueAt" <= ${new Date(now.getTime() + EARLY_TOLERANCE_MS)}
    RETURNING "id", "version"`;
  const results = new Map<string, FireResult>();
  if (claimed.length > 0) {
    try {
      await runClaimed(deps, claimed, now, results);
    } catch (err) {
      // Give the fires back so the queue's retry (or the reconciler) runs them; if the database is down
      // this fails too, and the reconciler gives them back after CLAIM_TIMEOUT_MS.
      await deps.prisma.scheduledFire
        .updateMany({ where: { id: { in: claimed.map((c) => c.id) }, status: "claimed" }, data: { status: "pending", claimedAt: null } })
        .catch(() => undefined);
      throw err;
    }
  }
  const others = ids.filter((id) => !results.has(id));
  if (others.length) for (const [id, r] of await notClaimed(deps, others)) results.set(id, r);
  return results;
}

/** Every fact a claimed fire is judged on, in one query for the batch. */
function loadClaimed(deps: FireDeps, ids: string[]) {
  return deps.prisma.scheduledFire.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      session: { select: { id: true, title: true, startsAt: true, location: true, status: true, version: true, cohortId: true, cohort: { select: { timezone: true } } } },
      person: {
        select: {
          id: true,
          locale: true,
          optedOutAt: true,
          erasedAt: true,
          memberships: { select: { cohortId: true, status: true, role: true } },
          identities: { select: { channel: true, externalId: true, lastInboundAt: true, unreachableAt: true } },
        },
      },
    },
  });
}

interface Outgoing {
  fireId: string;
  version: number;
  personId: string;
  channel: ChannelName;
  externalId: string;
  intent: Prisma.InputJsonValue;
}

async function runClaimed(deps: FireDeps, claimed: Array<{ id: string; version: number }>, now: Date, results: Map<string, FireResult>): Promise<void> {
  const rows = new Map((await loadClaimed(deps, claimed.map((c) => c.id))).map((r) => [r.id, r]));
  const settled: Array<{ id: string; version: number; status: "cancelled" | "missed"; result: FireResult }> = [];
  const outgoing: Outgoing[] = [];
  for (const { id, version } of claimed) {
    const row = rows.get(id);
    const session = row?.session;
    const person = row?.person;
    const cancel = (reason: CancelReason) => settled.push({ id, version, status: "cancelled", result: { outcome: "cancelled", reason } });
    if (!session || !person) cancel("gone");
    else if (session.status !== "scheduled" || session.version !== version) cancel("stale");
    else if (person.optedOutAt || person.erasedAt) cancel("opted_out");
    else if (!person.memberships.some((m) => m.cohortId === session.cohortId && m.status === "active" && m.role === "member")) cancel("not_member");
    else if (now.getTime() >= session.startsAt.getTime()) settled.push({ id, version, status: "missed", result: { outcome: "missed" } });
    else {
      const address = pickAddress(person.identities, deps.adapters);
      if (!address) cancel("unreachable");
      else {
        const locale = localeOf(person, deps.defaultLocale);
        const intent = reminderIntent(deps.i18n.getFixedT(locale), locale, session, session.cohort.timezone);
        outgoing.push({ fireId: id, version, personId: person.id, channel: address.channel, externalId: address.externalId, intent: intent as unknown as Prisma.InputJsonValue });
      }
    }
  }

  if (settled.length) {
    const done = await deps.prisma.$queryRaw<Array<{ id: string }>>`
      UPDATE "ScheduledFire" AS f SET "status" = u."status"::"FireStatus", "doneAt" = ${now}, "updatedAt" = now()
      FROM unnest(${settled.map((s) => s.id)}::text[], ${settled.map((s) => s.status)}::text[], ${settled.map((s) => s.version)}::int[])
        AS u("id", "status", "version")
      WHERE f."id" = u."id" AND f."status" = 'claimed' AND f."version" = u."version"
      RETURNING f."id"`;
    const kept = new Set(done.map((d) => d.id));
    for (const s of settled) if (kept.has(s.id)) results.set(s.id, s.result);
    deps.log.debug({ settled: settled.map((s) => ({ id: s.id, ...s.result })) }, "reminders not sent");
  }
  if (outgoing.length === 0) return;

  // One transaction: a fire is sent exactly when its message exists. The status and version guard makes
  // a fire re-planned meanwhile (claim taken back by a sync or the reconciler) send nothing here.
  const created = await deps.prisma.$transaction(async (tx) => {
    const sent = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE "ScheduledFire" AS f SET "status" = 'sent', "doneAt" = ${now}, "updatedAt" = now()
      FROM unnest(${outgoing.map((o) => o.fireId)}::text[], ${outgoing.map((o) => o.version)}::int[]) AS u("id", "version")
      WHERE f."id" = u."id" AND f."status" = 'claimed' AND f."version" = u."version"
      RETURNING f."id"`;
    const still = new Set(sent.map((s) => s.id));
    // Same effect as app/outbound.ts createOutbound (a row per idempotency key, made once), in one statement for the batch.
    return tx.outboundMessage.createManyAndReturn({
      data: outgoing
        .filter((o) => still.has(o.fireId))
        .map((o) => ({ idempotencyKey: outboundKey(o.fireId), personId: o.personId, channel: o.channel, externalId: o.externalId, intent: o.intent, purpose: "reminder" })),
      skipDuplicates: true,
      select: { id: true, idempotencyKey: true, channel: true },
    });
  });
  const byFire = new Map(created.map((c) => [c.idempotencyKey, c]));
  for (const o of outgoing) {
    const row = byFire.get(outboundKey(o.fireId));
    if (row) results.set(o.fireId, { outcome: "sent", outboundIds: [row.id] });
  }
  // Each message is one person's: dispatched on its own, so one slow address holds no one else up.
  await Promise.all(created.map((c) => deps.dispatcher.outbound(c.channel, [c.id])));
}

/** The idempotency key of a fire's message: one message per fire, ever. */
export function outboundKey(fireId: string): string {
  return `fire:${fireId}`;
}

/**
 * Why a claim found nothing, and what the caller should do: a pending row not yet due was moved
 * (put the timer back); a sent one whose message is still queued is dispatched again (the run that
 * sent it may have died between commit and dispatch; dispatching a row twice sends it once).
 */
async function notClaimed(deps: FireDeps, ids: string[]): Promise<Map<string, FireResult>> {
  const rows = await deps.prisma.scheduledFire.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, dueAt: true, kind: true } });
  const out = new Map<string, FireResult>(ids.map((id) => [id, { outcome: "skipped" }]));
  const now = deps.now().getTime();
  const sent: string[] = [];
  for (const row of rows) {
    if (row.kind !== REMINDER_KIND) continue;
    if (row.status === "pending") out.set(row.id, { outcome: "early", dueAt: new Date(Math.max(row.dueAt.getTime(), now)) });
    else if (row.status === "sent") sent.push(outboundKey(row.id));
  }
  if (sent.length) {
    const queued = await deps.prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: sent }, status: "queued" }, select: { id: true, channel: true } });
    await Promise.all(queued.map((q) => deps.dispatcher.outbound(q.channel, [q.id])));
  }
  return out;
}

interface IdentityRow {
  channel: ChannelName;
  externalId: string;
  lastInboundAt: Date | null;
  unreachableAt: Date | null;
}

/** The address to use: reachable, on a channel this process can send on, the one they wrote from last. */
export function pickAddress(identities: readonly IdentityRow[], adapters: FireDeps["adapters"]): IdentityRow | undefined {
  return identities
    .filter((i) => !i.unreachableAt && adapters[i.channel])
    .sort((a, b) => (b.lastInboundAt?.getTime() ?? 0) - (a.lastInboundAt?.getTime() ?? 0))[0];
}
