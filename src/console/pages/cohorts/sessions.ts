import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { applyEffects } from "../../../app/effects/apply.ts";
import { parseTypedTitles } from "../../../core/titles.ts";
import type { AppDeps } from "../../../deps.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Effect } from "../../../engine/types.ts";
import { PostCommit } from "../../../outbox/post-commit.ts";
import { localInstant } from "../../../programme/import.ts";
import { sessionMembers } from "../../../sessions/members.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

/** What a session form led to, each a text `cohorts.done_<outcome>` shown once after the redirect. */
export const SESSION_OUTCOMES = ["added", "moved", "cancelled", "attendance_saved", "gone", "bad_when", "bad_title", "bad_place"] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** A place typed in the form: as long as the chat keeps it. */
const PLACE_MAX = 300;

/**
 * A `datetime-local` value ("2026-12-15T09:30") read in the cohort's zone, as the programme file's
 * local times are (programme/import.ts `localInstant`); undefined when it is not one.
 */
export function readLocalDateTime(value: unknown, zone: string): Date | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return undefined;
  const at = localInstant(value.trim(), zone);
  return Number.isNaN(at.getTime()) || !DateTime.fromJSDate(at).isValid ? undefined : at;
}

export type SessionChange =
  | { type: "add"; cohortId: string; title: string; startsAt: string; location: string }
  | { type: "move"; cohortId: string; sessionId: string; startsAt: string }
  | { type: "cancel"; cohortId: string; sessionId: string }
  | { type: "attendance"; cohortId: string; sessionId: string; present: string[] };

/**
 * A coordinator's change to a session from the console, through the chat's own code: the effects the
 * engine emits for it (engine/flows/manage-sessions.ts: the change, then its audit entry), applied by
 * the same handlers (app/effects/sessions.ts: members told, reminders and the forecast re-planned) in
 * one transaction, and the messages and timers handed over after the commit. As in the chat, only a
 * scheduled session not started yet can be moved or cancelled, and a new time must be ahead.
 * A cohort or session outside the viewer's scope is "gone", as one that does not exist.
 */
export async function changeSession(deps: AppDeps, viewer: { id: string }, scope: Scope, change: SessionChange): Promise<SessionOutcome> {
  const now = deps.now();
  const after = new PostCommit();
  const outcome = await deps.prisma.$transaction(
    async (tx): Promise<SessionOutcome> => {
      const cohort = await tx.cohort.findFirst({ where: { AND: [{ id: change.cohortId }, cohortsIn(scope)] } });
      if (!cohort) return "gone";
      const built = await effectsFor(tx, change, cohort.timezone, now);
      if (typeof built === "string") return built;
      const actor = await tx.person.findUniqueOrThrow({ where: { id: viewer.id }, include: { identities: true } });
      // The effects' context names the turn's inbound message and address; from the console there is none:
      // a unique id (used in no key of these effects) and the coordinator's own address.
      const address = actor.identities[0] ? { channel: actor.identities[0].channel, externalId: actor.identities[0].externalId } : { channel: "telegram" as const, externalId: "" };
      await applyEffects({ deps, tx, inboundId: `console:${randomUUID()}`, address }, actor, built.effects, after);
      return built.outcome;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!["gone", "bad_when", "bad_title", "bad_place"].includes(outcome)) await after.run(deps);
  return outcome;
}

/** The engine's effects for one change, as the chat's manage flow emits them; or why there are none. */
async function effectsFor(tx: Tx, change: SessionChange, zone: string, now: Date): Promise<{ effects: Effect[]; outcome: SessionOutcome } | SessionOutcome> {
  if (change.type === "add") {
    const { title, titles } = parseTypedTitles(change.title);
    if (!title) return "bad_title";
    const startsAt = readLocalDateTime(change.startsAt, zone);
    if (!startsAt || startsAt <= now) return "bad_when";
    const location = change.location.trim().slice(0, PLACE_MAX);
    if (!location) return "bad_place";
    return {
      outcome: "added",
      effects: [
        { type: "add_session", cohortId: change.cohortId, title, titles, startsAt: startsAt.toISOString(), location },
        { type: "audit", action: "session.added", subject: title },
      ],
    };
  }
  // The row is locked first, so two changes at once are applied one after the other.
  await tx.$queryRaw`SELECT id FROM "TrainingSession" WHERE id = ${change.sessionId} FOR UPDATE`;
  const session = await tx.trainingSession.findFirst({ where: { id: change.sessionId, cohortId: change.cohortId } });
  if (!session) return "gone";
  if (change.type === "attendance") {
    if (session.status !== "scheduled") return "gone";
    // The chat's sheet numbers its members (1-based, sessions/members.ts); the form names them by id.
    const members = await sessionMembers(tx, session.id, session.cohortId);
    const present = members.flatMap((m, i) => (change.present.includes(m.id) ? [i + 1] : []));
    return {
      outcome: "attendance_saved",
      effects: [
        { type: "record_attendance", sessionId: session.id, present },
        { type: "audit", action: "attendance.recorded", subject: session.id },
      ],
    };
  }
  if (session.status !== "scheduled" || session.startsAt <= now) return "gone";
  if (change.type === "cancel") {
    return { outcome: "cancelled", effects: [{ type: "cancel_session", sessionId: session.id }, { type: "audit", action: "session.cancelled", subject: session.id }] };
  }
  const startsAt = readLocalDateTime(change.startsAt, zone);
  if (!startsAt || startsAt <= now) return "bad_when";
  return {
    outcome: "moved",
    effects: [
      { type: "move_session", sessionId: session.id, startsAt: startsAt.toISOString() },
      { type: "audit", action: "session.moved", subject: session.id },
    ],
  };
}
