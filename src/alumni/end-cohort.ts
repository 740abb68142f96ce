import type { ChannelName } from "../core/inbound.ts";
import type { Intent } from "../core/intent.ts";
import type { FireChanges } from "../fires/changes.ts";
import type { PostCommit } from "../outbox/post-commit.ts";
import type { AppDeps } from "../deps.ts";
import { createOutbound, type NewOutbound } from "../outbox/outbound.ts";
import { localeOf } from "../core/locales.ts";
import { roadmapIntents } from "../roadmap/render.ts";
import { CHECK_IN } from "./kinds.ts";
import { checkInAt, ensureFire } from "./plan.ts";
import type { Tx } from "../db/tx.ts";


/** True when WhatsApp's 24-hour window is closed for this address (templates only). */
function windowClosed(deps: AppDeps, channel: ChannelName, lastInboundAt: Date | null): boolean {
  return deps.channels[channel]?.rules?.windowClosed(lastInboundAt, deps.now()) ?? false;
}

/**
 * The end of a cohort: members become alumni, each receives their roadmap (section titles in their
 * language, the coordinators' words as written, and a document to keep), and their check-ins are
 * planned months ahead as scheduled fires. Idempotent: a second run finds the cohort ended.
 */
export async function endCohort(deps: AppDeps, tx: Tx, cohortId: string, after: PostCommit): Promise<void> {
  const now = deps.now();
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId } });
  if (!cohort || cohort.endedAt) return;
  await tx.cohort.update({ where: { id: cohortId }, data: { endedAt: now } });
  const members = await tx.membership.findMany({
    where: { cohortId, role: "member", status: "active" },
    include: { person: { include: { identities: { where: { unreachableAt: null }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } } } } } },
  });
  // Every member's check-ins are armed together after the commit.
  const checkIns: FireChanges = { schedule: [], unschedule: [] };
  after.arm(checkIns);
  for (const m of members) {
    await tx.membership.update({ where: { id: m.id }, data: { status: "alumni" } });
    const person = m.person;
    if (person.erasedAt) continue;
    await tx.person.update({ where: { id: person.id }, data: { stage: "alumni" } });
    for (const offset of cohort.checkInOffsets) {
      const dueAt = checkInAt(now, offset, cohort.timezone);
      if (!dueAt) continue;
      const checkIn = await tx.checkIn.upsert({
        where: { personId_cohortId_offset: { personId: person.id, cohortId, offset } },
        create: { personId: person.id, cohortId, offset },
        update: {},
      });
      const fire = await ensureFire(tx, { kind: CHECK_IN, key: `${CHECK_IN}:${checkIn.id}`, personId: person.id, cohortId, dueAt, payload: { checkInId: checkIn.id } });
      if (fire.status === "pending") checkIns.schedule.push({ id: fire.id, dueAt: fire.dueAt });
    }
    const roadmap = await tx.roadmap.findUnique({ where: { personId_cohortId: { personId: person.id, cohortId } } });
    const identity = person.identities[0];
    if (!roadmap || !identity || person.optedOutAt) continue;
    const t = deps.i18n.getFixedT(localeOf(person, deps.defaultLocale));
    const intro: Intent = { type: "text", text: t("roadmap.intro") as string };
    // Outside WhatsApp's window only the "roadmap ready" template can go; tapping it sends the roadmap.
    const intents: Intent[] = windowClosed(deps, identity.channel, identity.lastInboundAt) ? [intro] : [intro, ...roadmapIntents(t, roadmap, person.firstName ?? "")];
    const rows: NewOutbound[] = intents.map((intent, i) => ({
      idempotencyKey: `roadmap:${roadmap.id}:${i}`,
      personId: person.id,
      channel: identity.channel,
      externalId: identity.externalId,
      purpose: i === 0 ? "roadmap_ready" : "reply",
      intent,
    }));
    after.send([{ channel: identity.channel, ids: await createOutbound(tx, rows) }]);
    await tx.roadmap.update({ where: { id: roadmap.id }, data: { deliveredAt: now } });
  }
}
