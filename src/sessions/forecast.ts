import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Prisma, ScheduledFire } from "../db/generated/client.ts";
import type { Reply } from "../engine/types.ts";
import type { AppDeps } from "../deps.ts";
import { notifyPeople } from "../outbox/notify-people.ts";
import { PostCommit } from "../outbox/post-commit.ts";
import { eachInTurn, runOneFire } from "../fires/run-one.ts";
import type { FireHandler } from "../fires/types.ts";
import { NAME_FIELDS, personName } from "../core/person-name.ts";
import { titleParam } from "../core/titles.ts";
import type { Tx } from "../db/tx.ts";
import { activeMembersOf, tallyAnswers } from "./answers.ts";


export const ATTENDANCE_FORECAST = "attendance_forecast";

/** The forecast goes to coordinators the day before a session, at this local hour. */
export const FORECAST_HOUR = 17;

/**
 * Plans (or moves) the attendance forecast of each session: the day before, at FORECAST_HOUR in the
 * cohort's zone, for the session's current version. Cancelled or past sessions get none.
 */
export async function planForecasts(tx: Pick<Tx, "trainingSession" | "scheduledFire">, sessionIds: readonly string[], now: Date): Promise<{ id: string; dueAt: Date }[]> {
  const out: { id: string; dueAt: Date }[] = [];
  const sessions = await tx.trainingSession.findMany({ where: { id: { in: [...sessionIds] } }, include: { cohort: { select: { timezone: true } } } });
  const keys = sessions.map((s) => `${ATTENDANCE_FORECAST}:${s.id}`);
  const fires = new Map(
    keys.length ? (await tx.scheduledFire.findMany({ where: { dedupeKey: { in: keys } }, select: { id: true, dedupeKey: true, status: true, dueAt: true, version: true } })).map((f) => [f.dedupeKey, f]) : [],
  );
  for (const s of sessions) {
    const key = `${ATTENDANCE_FORECAST}:${s.id}`;
    const dueAt = DateTime.fromJSDate(s.startsAt, { zone: s.cohort.timezone }).minus({ days: 1 }).set({ hour: FORECAST_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    const live = s.status === "scheduled" && dueAt > now;
    const existing = fires.get(key);
    if (!existing) {
      if (!live) continue;
      const created = await tx.scheduledFire.create({ data: { id: randomUUID(), kind: ATTENDANCE_FORECAST, dedupeKey: key, sessionId: s.id, cohortId: s.cohortId, dueAt, version: s.version } });
      out.push({ id: created.id, dueAt });
    } else if (existing.status === "pending" || existing.status === "cancelled") {
      // Unchanged (same time, same version, still pending): its timer is armed already, nothing to write.
      if (live && existing.status === "pending" && existing.dueAt.getTime() === dueAt.getTime() && existing.version === s.version) continue;
      if (!live && existing.status === "cancelled") continue;
      await tx.scheduledFire.update({ where: { id: existing.id }, data: live ? { status: "pending", dueAt, version: s.version } : { status: "cancelled", doneAt: now } });
      if (live) out.push({ id: existing.id, dueAt });
    }
  }
  return out;
}

type ForecastSession = Prisma.TrainingSessionGetPayload<{ include: { cohort: true; rsvps: true } }>;

/** Who said they are coming to a session, late, maybe, not, and who has not answered: its forecast, as coordinators read it. */
export async function forecastOf(tx: Tx, session: ForecastSession, heading: "forecast.title" | "forecast.asked" = "forecast.title"): Promise<Extract<Reply, { type: "text" }>> {
  const members = await tx.person.findMany({ where: activeMembersOf(session.cohortId), select: { id: true, ...NAME_FIELDS } });
  const tally = tallyAnswers(members, session.rsvps);
  const lateNames = tally.late.map(personName);
  const bucket = (a: string | undefined) => tally[(a ?? "none") as "yes" | "maybe" | "no" | "none"];
  const names = (a: string | undefined) => bucket(a).map(personName).join(", ") || "—";
  const count = (a: string | undefined) => bucket(a).length;
  return {
    type: "text",
    say: { key: heading, params: { title: titleParam(session), when: { datetime: session.startsAt.toISOString(), zone: session.cohort.timezone }, count: members.length } },
    lines: [
      { key: "forecast.yes", params: { count: count("yes"), names: names("yes") } },
      ...(lateNames.length ? [{ key: "forecast.late", params: { count: lateNames.length, names: lateNames.join(", ") } }] : []),
      { key: "forecast.maybe", params: { count: count("maybe"), names: names("maybe") } },
      { key: "forecast.no", params: { count: count("no"), names: names("no") } },
      { key: "forecast.none", params: { count: count(undefined), names: names(undefined) } },
    ],
  };
}

/** Tells the cohort's coordinators who said they are coming tomorrow, who cannot, and who has not answered. */
export async function sendForecast(deps: AppDeps, tx: Tx, fire: Pick<ScheduledFire, "id" | "sessionId" | "version">, after: PostCommit): Promise<void> {
  const session = fire.sessionId ? await tx.trainingSession.findUnique({ where: { id: fire.sessionId }, include: { cohort: true, rsvps: true } }) : null;
  if (!session || session.status !== "scheduled" || session.version !== fire.version) return;
  const coordinators = await tx.person.findMany({
    where: { erasedAt: null, optedOutAt: null, memberships: { some: { cohortId: session.cohortId, role: "coordinator" } } },
    include: { identities: { where: { unreachableAt: null } } },
  });
  after.send(await notifyPeople(deps, tx, coordinators, {
    reply: await forecastOf(tx, session),
    purpose: "coordinator_alert",
    key: (_, identity) => `forecast:${fire.id}:${identity.id}`,
  }));
}

/** The forecasts' fires: each in its own transaction (src/fires/run-one.ts). */
export function forecastFires(deps: AppDeps): FireHandler {
  const kinds = [ATTENDANCE_FORECAST];
  return { kinds, run: (ids) => eachInTurn(ids, (id) => runOneFire(
          deps,
          id,
          kinds,
          async (tx, fire) => {
            const after = new PostCommit();
            await sendForecast(deps, tx, fire, after);
            return after;
          },
          (after) => after.run(deps),
        )) };
}
