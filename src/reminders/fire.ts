import type { AppDeps } from "../app/deps.ts";
import { createOutbound } from "../app/outbound.ts";
import { localeOf } from "../app/person-view.ts";
import type { ChannelName } from "../core/inbound.ts";
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

type FireDeps = Pick<AppDeps, "prisma" | "i18n" | "defaultLocale" | "adapters" | "dispatcher" | "log" | "now">;

/** Thrown inside the sending transaction when the claim was taken back meanwhile: rolls the message back. */
class LostClaim extends Error {}

/**
 * Runs one reminder fire, at most once whatever the timer does (jobs run twice, the reconciler runs
 * a fire while a worker does): the row is claimed (pending → claimed) before anything else, and the
 * reminder's outbound row is created in the same transaction that marks the fire sent, then
 * dispatched after the commit. A fire whose session moved or was cancelled since it was planned
 * (version), whose person left or opted out, or that comes after the session began sends nothing.
 */
export async function handleFire(deps: FireDeps, fireId: string): Promise<FireResult> {
  const { prisma } = deps;
  const now = deps.now();
  const claimed = await prisma.$queryRaw<Array<{ version: number }>>`
    UPDATE "ScheduledFire" SET "status" = 'claimed', "claimedAt" = ${now}, "updatedAt" = now()
    WHERE "id" = ${fireId} AND "status" = 'pending' AND "kind" = ${REMINDER_KIND}
      AND "dueAt" <= ${new Date(now.getTime() + EARLY_TOLERANCE_MS)}
    RETURNING "version"`;
  const version = claimed[0]?.version;
  if (version === undefined) return notClaimed(deps, fireId);
  try {
    return await runClaimed(deps, fireId, version, now);
  } catch (err) {
    if (err instanceof LostClaim) return notClaimed(deps, fireId);
    // Give the fire back so the queue's retry (or the reconciler) can run it; if the database is
    // down this fails too, and the reconciler puts it back after CLAIM_TIMEOUT_MS.
    await prisma.scheduledFire
      .updateMany({ where: { id: fireId, status: "claimed", version }, data: { status: "pending", claimedAt: null } })
      .catch(() => undefined);
    throw err;
  }
}

async function runClaimed(deps: FireDeps, fireId: string, version: number, now: Date): Promise<FireResult> {
  const { prisma } = deps;
  const fire = await prisma.scheduledFire.findUniqueOrThrow({
    where: { id: fireId },
    select: {
      personId: true,
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
  const { session, person } = fire;
  const settle = async (status: "cancelled" | "missed", reason?: CancelReason): Promise<FireResult> => {
    await prisma.scheduledFire.updateMany({ where: { id: fireId, status: "claimed", version }, data: { status, doneAt: now } });
    deps.log.debug({ fireId, status, reason }, "reminder not sent");
    return status === "missed" ? { outcome: "missed" } : { outcome: "cancelled", reason: reason ?? "gone" };
  };
  if (!session || !person) return settle("cancelled", "gone");
  if (session.status !== "scheduled" || session.version !== version) return settle("cancelled", "stale");
  if (person.optedOutAt || person.erasedAt) return settle("cancelled", "opted_out");
  const member = person.memberships.some((m) => m.cohortId === session.cohortId && m.status === "active" && m.role === "member");
  if (!member) return settle("cancelled", "not_member");
  if (now.getTime() >= session.startsAt.getTime()) return settle("missed");
  const address = pickAddress(person.identities, deps.adapters);
  if (!address) return settle("cancelled", "unreachable");

  const locale = localeOf(person, deps.defaultLocale);
  const intent = reminderIntent(deps.i18n.getFixedT(locale), locale, session, session.cohort.timezone);
  const outboundIds = await prisma.$transaction(async (tx) => {
    const done = await tx.scheduledFire.updateMany({ where: { id: fireId, status: "claimed", version }, data: { status: "sent", doneAt: now } });
    if (done.count !== 1) throw new LostClaim();
    return createOutbound(tx, [
      { idempotencyKey: outboundKey(fireId), personId: person.id, channel: address.channel, externalId: address.externalId, intent, purpose: "reminder" },
    ]);
  });
  if (outboundIds.length) await deps.dispatcher.outbound(address.channel, outboundIds);
  return { outcome: "sent", outboundIds };
}

/** The idempotency key of a fire's message: one message per fire, ever. */
export function outboundKey(fireId: string): string {
  return `fire:${fireId}`;
}

/**
 * Why the claim found nothing, and what the caller should do: a pending row not yet due was moved
 * (put the timer back); a sent one whose message is still queued is dispatched again (the run that
 * sent it may have died between commit and dispatch; dispatching a row twice sends it once).
 */
async function notClaimed(deps: FireDeps, fireId: string): Promise<FireResult> {
  const row = await deps.prisma.scheduledFire.findUnique({ where: { id: fireId }, select: { status: true, dueAt: true, kind: true } });
  if (!row || row.kind !== REMINDER_KIND) return { outcome: "skipped" };
  if (row.status === "pending") return { outcome: "early", dueAt: new Date(Math.max(row.dueAt.getTime(), deps.now().getTime())) };
  if (row.status === "sent") {
    const out = await deps.prisma.outboundMessage.findUnique({ where: { idempotencyKey: outboundKey(fireId) }, select: { id: true, status: true, channel: true } });
    if (out?.status === "queued") await deps.dispatcher.outbound(out.channel, [out.id]);
  }
  return { outcome: "skipped" };
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
