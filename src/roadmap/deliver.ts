import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import { localeOf } from "../core/locales.ts";
import type { Person, Roadmap } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";
import type { AppDeps } from "../deps.ts";
import { createOutbound, type NewOutbound } from "../outbox/outbound.ts";
import type { PostCommit } from "../outbox/post-commit.ts";
import { roadmapIntents } from "./render.ts";

/** A person's reachable addresses, the one they last wrote from first: where a roadmap goes. */
export const REACHABLE_IDENTITIES = { identities: { where: { unreachableAt: null }, orderBy: { lastInboundAt: { sort: "desc" as const, nulls: "last" as const } } } };

type Reachable = Person & { identities: { channel: ChannelName; externalId: string; lastInboundAt: Date | null }[] };

/** True when WhatsApp's 24-hour window is closed for this address (templates only). */
function windowClosed(deps: AppDeps, channel: ChannelName, lastInboundAt: Date | null): boolean {
  return deps.channels[channel]?.rules?.windowClosed(lastInboundAt, deps.now()) ?? false;
}

/**
 * Sends a member their roadmap: section titles in their language, the coordinators' words as written, and
 * a document to keep; on WhatsApp outside the window only the "roadmap ready" template, whose button
 * brings the roadmap. Marks it delivered. `sending` keeps the messages' idempotency keys apart: the
 * cohort's end sends once per roadmap ("" ), a coordinator's "send again" once per version of it.
 * Returns false, sending nothing, when the person cannot be reached (erased, opted out, no address).
 */
export async function deliverRoadmap(deps: AppDeps, tx: Tx, roadmap: Roadmap, person: Reachable, after: PostCommit, sending = ""): Promise<boolean> {
  const identity = person.identities[0];
  if (person.erasedAt || person.optedOutAt || !identity) return false;
  const t = deps.i18n.getFixedT(localeOf(person, deps.defaultLocale));
  const intro: Intent = { type: "text", text: t("roadmap.intro") as string };
  const intents: Intent[] = windowClosed(deps, identity.channel, identity.lastInboundAt) ? [intro] : [intro, ...roadmapIntents(t, roadmap, person.firstName ?? "")];
  const rows: NewOutbound[] = intents.map((intent, i) => ({
    idempotencyKey: `roadmap:${roadmap.id}:${sending ? `${sending}:` : ""}${i}`,
    personId: person.id,
    channel: identity.channel,
    externalId: identity.externalId,
    purpose: i === 0 ? "roadmap_ready" : "reply",
    intent,
  }));
  after.send([{ channel: identity.channel, ids: await createOutbound(tx, rows) }]);
  // Sending is the roadmap's last change: an `updatedAt` after `deliveredAt` means its words changed since.
  const now = deps.now();
  await tx.roadmap.update({ where: { id: roadmap.id }, data: { deliveredAt: now, updatedAt: now } });
  return true;
}
