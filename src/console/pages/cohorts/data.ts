import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { Cohort } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import { ratio, type Ratio } from "../../../reports/impact/model.ts";
import { memberFigures } from "../../../sales/totals.ts";
import { activeMembersOf } from "../../../sessions/answers.ts";
import { sessionMembers } from "../../../sessions/members.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

export interface CohortRow extends Pick<Cohort, "id" | "key" | "name" | "timezone" | "startsOn" | "endsOn"> {
  members: number;
  next: { title: string; titles: unknown; startsAt: Date } | null;
}

/** The cohorts in the viewer's scope (admin: all), newest first, each with its active members and next session. */
export async function loadCohorts(db: Tx, scope: Scope, now: Date): Promise<CohortRow[]> {
  const cohorts = await db.cohort.findMany({
    where: cohortsIn(scope),
    orderBy: [{ startsOn: "desc" }, { name: "asc" }],
    include: { sessions: { where: { status: "scheduled", startsAt: { gt: now } }, orderBy: { startsAt: "asc" }, take: 1, select: { title: true, titles: true, startsAt: true } } },
  });
  const rows: CohortRow[] = [];
  // One after the other: a transaction's connection runs one statement at a time.
  for (const c of cohorts) {
    const members = await db.person.count({ where: activeMembersOf(c.id) });
    rows.push({ id: c.id, key: c.key, name: c.name, timezone: c.timezone, startsOn: c.startsOn, endsOn: c.endsOn, members, next: c.sessions[0] ?? null });
  }
  return rows;
}

/** One cohort in the viewer's scope, or null: unknown and not hers get the same answer (a 404 page). */
export async function cohortInScopeById(db: Tx, scope: Scope, id: string) {
  return db.cohort.findFirst({ where: { AND: [{ id }, cohortsIn(scope)] } });
}

export interface MemberRow {
  id: string;
  name: string;
  locale: string | null;
  channels: string[];
  lastContact: Date | null;
  /** Present / recorded, on the cohort's sessions not cancelled (the impact report's rule). */
  attendance: Ratio;
  salesTotal: Map<string, number>;
  optedOut: boolean;
}

export interface SessionRow {
  id: string;
  title: string;
  titles: unknown;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  status: "scheduled" | "cancelled";
  /** Members whose presence or absence is recorded. */
  recorded: number;
}

export interface CohortData {
  cohort: { id: string; key: string; name: string; timezone: string; startsOn: Date; endsOn: Date };
  members: MemberRow[];
  sessions: SessionRow[];
}

/** A cohort's page: its active members (the attendance sheet's order) with their figures, and every session. */
export async function loadCohort(db: Tx, scope: Scope, id: string): Promise<CohortData | null> {
  const cohort = await cohortInScopeById(db, scope, id);
  if (!cohort) return null;
  const people = await db.person.findMany({
    where: activeMembersOf(cohort.id),
    orderBy: [{ firstName: "asc" }, { id: "asc" }],
    select: { id: true, ...NAME_FIELDS, locale: true, lastSeenAt: true, optedOutAt: true, identities: { select: { channel: true, externalId: true, displayName: true }, orderBy: { createdAt: "asc" } } },
  });
  const counts = await db.attendance.groupBy({ by: ["personId", "present"], where: { session: { cohortId: cohort.id, status: { not: "cancelled" } } }, _count: { _all: true } });
  const figures = (await memberFigures(db, { cohortIds: [cohort.id] })).get(cohort.id);
  const sessions = await db.trainingSession.findMany({ where: { cohortId: cohort.id }, orderBy: { startsAt: "asc" }, include: { _count: { select: { attendances: true } } } });
  const members = people.map((p): MemberRow => {
    const mine = counts.filter((c) => c.personId === p.id);
    const present = mine.filter((c) => c.present).reduce((n, c) => n + c._count._all, 0);
    const recorded = mine.reduce((n, c) => n + c._count._all, 0);
    return {
      id: p.id,
      name: personName(p),
      locale: p.locale,
      channels: [...new Set(p.identities.map((i) => i.channel as string))],
      lastContact: p.lastSeenAt,
      attendance: ratio(present, recorded),
      salesTotal: figures?.members.find((m) => m.personId === p.id)?.salesTotal ?? new Map(),
      optedOut: p.optedOutAt !== null,
    };
  });
  return {
    cohort: { id: cohort.id, key: cohort.key, name: cohort.name, timezone: cohort.timezone, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    members,
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, titles: s.titles, startsAt: s.startsAt, endsAt: s.endsAt, location: s.location, status: s.status, recorded: s._count.attendances })),
  };
}

export interface SheetData {
  cohort: { id: string; name: string; timezone: string };
  session: SessionRow & { version: number };
  /** The chat's attendance sheet, in its order (sessions/members.ts): each member's answer and what is recorded. */
  members: { id: string; name: string; answer: string | null; present: boolean | null }[];
}

/** One session of a cohort in scope, with its attendance sheet; null when either is not there or not hers. */
export async function loadSheet(db: Tx, scope: Scope, cohortId: string, sessionId: string): Promise<SheetData | null> {
  const cohort = await cohortInScopeById(db, scope, cohortId);
  if (!cohort) return null;
  const session = await db.trainingSession.findFirst({ where: { id: sessionId, cohortId: cohort.id }, include: { attendances: true, _count: { select: { attendances: true } } } });
  if (!session) return null;
  const members = await sessionMembers(db, session.id, cohort.id);
  const recorded = new Map(session.attendances.map((a) => [a.personId, a.present]));
  return {
    cohort: { id: cohort.id, name: cohort.name, timezone: cohort.timezone },
    session: { id: session.id, title: session.title, titles: session.titles, startsAt: session.startsAt, endsAt: session.endsAt, location: session.location, status: session.status, recorded: session._count.attendances, version: session.version },
    members: members.map((m) => ({ id: m.id, name: personName(m), answer: m.rsvps[0]?.answer ?? null, present: recorded.get(m.id) ?? null })),
  };
}
