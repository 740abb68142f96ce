import type { AppDeps } from "../deps.ts";
import { localeOf } from "../core/locales.ts";
import type { ChannelName } from "../core/inbound.ts";
import { claimDue, markSent, settle, type ClaimedFire, type ReminderMessage } from "./fire-store.ts";
import { release } from "../fires/claims.ts";
import { BUSY_RETRY_MS, EARLY_TOLERANCE_MS, type FireHandler, type FireResult as AnyFireResult } from "../fires/types.ts";
import { reminderIntent, reminderTemplateParams } from "./message.ts";
import { dispatchEach } from "../outbox/dispatch-each.ts";
import { REMINDER_KIND } from "./plan.ts";
import { titleIn } from "../core/titles.ts";

export type CancelReason = "gone" | "stale" | "opted_out" | "not_member" | "unreachable";

export type FireResult =
  | { outcome: "sent"; outboundIds: string[] }
  | { outcome: "cancelled"; reason: CancelReason }
  /** Came due after the session began (nothing ran in time): recorded, nothing sent. */
  | { outcome: "missed" }
  /** The row is pending but not due yet (it was moved), or held by another run: the caller puts the timer back to `dueAt`. */
  | { outcome: "early"; dueAt: Date }
  /** Nothing to do: already sent, cancelled, handled by another run, not a reminder, or unknown. */
  | { outcome: "skipped" };

export type FireDeps = Pick<AppDeps, "prisma" | "i18n" | "defaultLocale" | "channels" | "dispatcher" | "log" | "now">;

/** The reminders' fires for the registry (src/fire-kinds.ts): batches, with sweep. */
export function reminderFires(deps: FireDeps): FireHandler {
  return {
    kinds: [REMINDER_KIND],
    async run(ids, opts) {
      const results = new Map<string, AnyFireResult>();
      for (const [id, r] of await handleFires(deps, ids, opts)) results.set(id, r.outcome === "sent" ? { outcome: "done" } : r);
      return results;
    },
  };
}

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
 * created in the same statement that marks them sent, dispatched after it.
 *
 * `sweep` lets the batch take other due reminders too (see `claimDue`); their results are in the map.
 */
export async function handleFires(deps: FireDeps, fireIds: readonly string[], opts: { sweep?: number } = {}): Promise<Map<string, FireResult>> {
  const ids = [...new Set(fireIds)];
  const now = deps.now();
  const claimed = await claimDue(deps.prisma, ids, now, new Date(now.getTime() + EARLY_TOLERANCE_MS), opts.sweep ?? 0);
  const results = new Map<string, FireResult>();
  if (claimed.length > 0) {
    try {
      await runClaimed(deps, claimed, now, results);
    } catch (err) {
      // Give the fires back so the queue's retry (or the reconciler) runs them; if the database is down
      // this fails too, and the reconciler gives them back after CLAIM_TIMEOUT_MS.
      await release(deps.prisma, claimed.map((c) => c.id)).catch(() => undefined);
      throw err;
    }
  }
  const others = ids.filter((id) => !results.has(id));
  if (others.length) for (const [id, r] of await notClaimed(deps, others)) results.set(id, r);
  return results;
}

/** What to do with one claimed fire: the rules, in order. */
export function judge(fire: ClaimedFire, now: Date, channels: FireDeps["channels"]): { status: "cancelled"; reason: CancelReason } | { status: "missed" } | { status: "send"; address: IdentityRow } {
  if (!fire.sessionId || !fire.personId || !fire.startsAt) return { status: "cancelled", reason: "gone" };
  if (fire.sessionStatus !== "scheduled" || fire.sessionVersion !== fire.version) return { status: "cancelled", reason: "stale" };
  if (fire.optedOutAt || fire.erasedAt) return { status: "cancelled", reason: "opted_out" };
  if (!fire.member) return { status: "cancelled", reason: "not_member" };
  if (now.getTime() >= fire.startsAt.getTime()) return { status: "missed" };
  const address = pickAddress(fire.identities, channels);
  return address ? { status: "send", address } : { status: "cancelled", reason: "unreachable" };
}

async function runClaimed(deps: FireDeps, claimed: ClaimedFire[], now: Date, results: Map<string, FireResult>): Promise<void> {
  const settled: Array<{ id: string; version: number; status: "cancelled" | "missed"; result: FireResult }> = [];
  const messages: ReminderMessage[] = [];
  for (const fire of claimed) {
    const verdict = judge(fire, now, deps.channels);
    if (verdict.status === "cancelled") settled.push({ id: fire.id, version: fire.version, status: "cancelled", result: { outcome: "cancelled", reason: verdict.reason } });
    else if (verdict.status === "missed") settled.push({ id: fire.id, version: fire.version, status: "missed", result: { outcome: "missed" } });
    else {
      const locale = localeOf(fire, deps.defaultLocale);
      const session = { id: fire.sessionId!, title: titleIn({ title: fire.title ?? "", titles: fire.titles }, locale), startsAt: fire.startsAt!, location: fire.location };
      const timezone = fire.timezone ?? "UTC";
      const t = deps.i18n.getFixedT(locale);
      const intent = { ...reminderIntent(t, session, timezone), template: { params: reminderTemplateParams(t, session, timezone) } };
      messages.push({ fireId: fire.id, version: fire.version, personId: fire.personId!, channel: verdict.address.channel, externalId: verdict.address.externalId, intent });
    }
  }
  if (settled.length) {
    const kept = await settle(deps.prisma, settled, now);
    for (const s of settled) if (kept.has(s.id)) results.set(s.id, s.result);
    deps.log.debug({ settled: settled.map((s) => ({ id: s.id, ...s.result })) }, "reminders not sent");
  }
  if (messages.length === 0) return;
  const created = await markSent(deps.prisma, messages, now);
  for (const c of created) results.set(c.fireId, { outcome: "sent", outboundIds: [c.id] });
  await dispatchEach(deps, created);
}


/** The idempotency key of a fire's message: one message per fire, ever. */
export function outboundKey(fireId: string): string {
  return `fire:${fireId}`;
}

/**
 * Why a claim found nothing, and what the caller should do: a pending row not yet due was moved
 * (put the timer back); a pending one already due is being claimed by another run (look again in a
 * moment); a sent one whose message is still queued is dispatched again (the run that sent it may
 * have died between commit and dispatch; dispatching a row twice sends it once).
 */
async function notClaimed(deps: FireDeps, ids: string[]): Promise<Map<string, FireResult>> {
  const rows = await deps.prisma.scheduledFire.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, dueAt: true, sendFrom: true, kind: true } });
  const out = new Map<string, FireResult>(ids.map((id) => [id, { outcome: "skipped" }]));
  const now = deps.now().getTime();
  const sent: string[] = [];
  for (const row of rows) {
    if (row.kind !== REMINDER_KIND) continue;
    // Pending and due, yet not claimed: another run holds it this instant (SKIP LOCKED); look again shortly.
    else if (row.status === "pending") out.set(row.id, { outcome: "early", dueAt: new Date(Math.max((row.sendFrom ?? row.dueAt).getTime(), now + BUSY_RETRY_MS)) });
    else if (row.status === "sent") sent.push(outboundKey(row.id));
  }
  if (sent.length) {
    const queued = await deps.prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: sent }, status: "queued" }, select: { id: true, channel: true } });
    await dispatchEach(deps, queued);
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
export function pickAddress(identities: readonly IdentityRow[], channels: FireDeps["channels"]): IdentityRow | undefined {
  return identities
    .filter((i) => !i.unreachableAt && channels[i.channel])
    .sort((a, b) => (b.lastInboundAt?.getTime() ?? 0) - (a.lastInboundAt?.getTime() ?? 0))[0];
}
