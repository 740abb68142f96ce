import { groupCommit } from "../../core/group-commit.ts";
import type { InboundMessage } from "../../core/inbound.ts";
import type { AppDeps, InboundLog } from "../../deps.ts";
import { recordInboundMany } from "./record-inbound.ts";

/** Messages logged in one statement at most. */
const MAX_BATCH = 200;
/** Inserts running at once: more webhooks arriving meanwhile gather into the next one. */
const MAX_IN_FLIGHT = 2;

/**
 * The inbound log of a busy service: the messages of webhooks arriving together are logged in one
 * atomic insert (each message once: the insert deduplicates) and their addresses woken by one job, so a
 * burst costs a few statements and a few Redis calls instead of one of each per message. Each webhook
 * still answers only once its own messages are stored and queued; when either fails, every webhook of
 * that batch answers 5xx and the platform delivers again.
 */
export function groupedInboundLog(deps: Pick<AppDeps, "prisma" | "dispatcher">): InboundLog {
  const record = groupCommit<InboundMessage, string | null>((messages) => logAndWake(deps, messages), { maxBatch: MAX_BATCH, maxInFlight: MAX_IN_FLIGHT });
  return { record };
}

/** Logs messages in one insert and wakes the addresses of the new ones with one job; each message's new row id, or null for a redelivery. */
async function logAndWake(deps: Pick<AppDeps, "prisma" | "dispatcher">, messages: readonly InboundMessage[]): Promise<(string | null)[]> {
  const ids = await recordInboundMany(deps.prisma, messages);
  const wakes = messages.flatMap((m, i) => (ids[i] ? [{ address: { channel: m.channel, externalId: m.externalId }, inboundId: ids[i] }] : []));
  await deps.dispatcher.inbound(wakes);
  return ids;
}

/** One message on its own: logged, then its address woken. */
export async function recordAndWake(deps: Pick<AppDeps, "prisma" | "dispatcher" | "inboundLog">, message: InboundMessage): Promise<string | null> {
  if (deps.inboundLog) return deps.inboundLog.record(message);
  return (await logAndWake(deps, [message]))[0] ?? null;
}
