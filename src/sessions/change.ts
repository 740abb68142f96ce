import type { Effect, Reply, SayParam } from "../engine/types.ts";
import type { AppDeps } from "../deps.ts";
import type { OutboundBatch } from "../core/outbound-batch.ts";
import { notifyPeople } from "../outbox/notify-people.ts";
import { titleParam } from "../core/titles.ts";
import { isPresent, namesNobody, sessionMembers } from "./members.ts";
import { personName } from "../core/person-name.ts";
import type { Tx } from "../db/tx.ts";


/** Default length of a session added from the chat (coordinators can fix it in the programme file). */
export const DEFAULT_SESSION_MS = 3 * 3600_000;


/** Tells every active member of the session's cohort, in their language (moved or cancelled sessions). */
async function tellMembers(deps: AppDeps, tx: Tx, sessionId: string, key: string, reply: (p: { startsAt: string; zone: string; title: SayParam }) => Reply): Promise<OutboundBatch[]> {
  const session = await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, include: { cohort: true } });
  // One identity each (the first reachable one), opted-out members left out.
  const members = (await sessionMembers(tx, sessionId, session.cohortId)).filter((m) => !m.optedOutAt).map((m) => ({ ...m, identities: m.identities.slice(0, 1) }));
  return notifyPeople(deps, tx, members, {
    reply: reply({ startsAt: session.startsAt.toISOString(), zone: session.cohort.timezone, title: titleParam(session) }),
    purpose: "announcement",
    key: (m) => `${key}:${sessionId}:${session.version}:${m.id}`,
  });
}

/**
 * A coordinator's change to a session from the chat: moved (same length, new version), cancelled
 * (new version), or added. Members are told; the session ids returned need their reminders re-planned.
 */
export async function applySessionEffect(
  deps: AppDeps,
  tx: Tx,
  effect: Extract<Effect, { type: "move_session" | "cancel_session" | "add_session" | "record_attendance" }>,
  coordinatorId: string,
): Promise<{ batches: OutboundBatch[]; changed: string[] }> {
  const now = deps.now();
  switch (effect.type) {
    case "move_session": {
      const s = await tx.trainingSession.findUniqueOrThrow({ where: { id: effect.sessionId } });
      const startsAt = new Date(effect.startsAt);
      await tx.trainingSession.update({
        where: { id: s.id },
        data: { startsAt, endsAt: new Date(startsAt.getTime() + (s.endsAt.getTime() - s.startsAt.getTime())), version: { increment: 1 } },
      });
      // Answers given for the old day and time no longer tell who comes: the reminders ask again.
      await tx.rsvp.deleteMany({ where: { sessionId: s.id } });
      const batches = await tellMembers(deps, tx, s.id, "session-moved", (p) => ({ type: "text", say: { key: "manage.moved_notice", params: { title: p.title, when: { datetime: p.startsAt, zone: p.zone } } } }));
      return { batches, changed: [s.id] };
    }
    case "cancel_session": {
      await tx.trainingSession.update({ where: { id: effect.sessionId }, data: { status: "cancelled", version: { increment: 1 } } });
      const batches = await tellMembers(deps, tx, effect.sessionId, "session-cancelled", (p) => ({ type: "text", say: { key: "manage.cancelled_notice", params: { title: p.title, when: { datetime: p.startsAt, zone: p.zone } } } }));
      return { batches, changed: [effect.sessionId] };
    }
    case "add_session": {
      const startsAt = new Date(effect.startsAt);
      const created = await tx.trainingSession.create({
        data: { cohortId: effect.cohortId, key: `chat-${now.getTime().toString(36)}`, title: effect.title, titles: effect.titles ?? undefined, startsAt, endsAt: new Date(startsAt.getTime() + DEFAULT_SESSION_MS), location: effect.location },
      });
      const batches = await tellMembers(deps, tx, created.id, "session-added", (p) => ({ type: "text", say: { key: "manage.added_notice", params: { title: p.title, when: { datetime: p.startsAt, zone: p.zone } } } }));
      return { batches, changed: [created.id] };
    }
    case "record_attendance": {
      const members = await sessionMembers(tx, effect.sessionId);
      // Names that are nobody's on the sheet ("qui etait la") record nothing; the read-back says so.
      if (namesNobody(effect.present, members.map(personName))) return { batches: [], changed: [] };
      for (const [i, m] of members.entries()) {
        const present = isPresent(effect.present, i + 1, personName(m));
        await tx.attendance.upsert({
          where: { sessionId_personId: { sessionId: effect.sessionId, personId: m.id } },
          create: { sessionId: effect.sessionId, personId: m.id, present, recordedById: coordinatorId, recordedAt: now },
          update: { present, recordedById: coordinatorId, recordedAt: now },
        });
      }
      return { batches: [], changed: [] };
    }
  }
}
