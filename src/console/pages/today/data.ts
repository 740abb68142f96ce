import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { Tx } from "../../../db/tx.ts";
import { activeMembersOf, tallyAnswers } from "../../../sessions/answers.ts";
import { applicationsIn, peopleIn, type Scope } from "../../scope.ts";

/** Sessions shown: those starting within this many days. */
export const TODAY_SESSIONS_DAYS = 14;
/** Threads with a message this recent (the chat's own window for open threads, app/turn/context.ts). */
const THREADS_DAYS = 14;
const FAILURES_DAYS = 7;
const HELP_DAYS = 90;
const LIST = 20;

export interface TodayData {
  sessions: { id: string; cohort: string; title: string; titles: unknown; startsAt: Date; timezone: string; location: string | null; yes: number; late: number; no: number; maybe: number; none: number }[];
  threads: { id: string; name: string; lastText: string; lastAt: Date }[];
  applications: { id: string; name: string; locale: string | null; submittedAt: Date | null }[];
  applicationsCount: number;
  failures: { id: string; name: string; channel: string; errorCode: string | null; failedAt: Date | null }[];
  failuresCount: number;
  help: { id: string; name: string; cohort: string; offset: string; answeredAt: Date | null }[];
}

const days = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000);

/** Everything the Today page shows, within the viewer's scope; read one query after the other (a transaction runs one at a time). */
export async function loadToday(db: Tx, scope: Scope, now: Date): Promise<TodayData> {
  const people = peopleIn(scope);
  const sessionRows = await db.trainingSession.findMany({
    where: { cohortId: { in: scope.cohortIds }, status: "scheduled", startsAt: { gte: now, lt: days(now, TODAY_SESSIONS_DAYS) } },
    orderBy: { startsAt: "asc" },
    take: 10,
    include: { cohort: { select: { name: true, timezone: true } }, rsvps: { select: { personId: true, answer: true, late: true } } },
  });
  const sessions: TodayData["sessions"] = [];
  for (const s of sessionRows) {
    const members = await db.person.findMany({ where: activeMembersOf(s.cohortId), select: { id: true } });
    const tally = tallyAnswers(members, s.rsvps);
    sessions.push({
      id: s.id, cohort: s.cohort.name, title: s.title, titles: s.titles, startsAt: s.startsAt, timezone: s.cohort.timezone, location: s.location,
      yes: tally.yes.length, late: tally.late.length, no: tally.no.length, maybe: tally.maybe.length, none: tally.none.length,
    });
  }
  const threadRows = await db.relayThread.findMany({
    where: { closedAt: null, person: people, messages: { some: { createdAt: { gte: days(now, -THREADS_DAYS) } } } },
    orderBy: { openedAt: "desc" },
    take: 100,
    include: { person: { select: NAME_FIELDS }, messages: { orderBy: { createdAt: "desc" }, take: 1, select: { direction: true, text: true, createdAt: true } } },
  });
  // Waiting: the last word is the participant's.
  const threads = threadRows
    .filter((t) => t.messages[0]?.direction === "in")
    .map((t) => ({ id: t.id, name: personName(t.person), lastText: t.messages[0]!.text, lastAt: t.messages[0]!.createdAt }))
    .sort((a, b) => a.lastAt.getTime() - b.lastAt.getTime());
  const applicationWhere = { status: "submitted" as const, ...applicationsIn(scope) };
  const applicationRows = await db.application.findMany({ where: applicationWhere, orderBy: { submittedAt: "asc" }, take: LIST, include: { person: { select: { ...NAME_FIELDS, locale: true } } } });
  const applicationsCount = await db.application.count({ where: applicationWhere });
  const failureWhere = { status: "failed" as const, failedAt: { gte: days(now, -FAILURES_DAYS) }, ...(scope.all ? {} : { person: people }) };
  const failureRows = await db.outboundMessage.findMany({ where: failureWhere, orderBy: { failedAt: "desc" }, take: LIST, include: { person: { select: NAME_FIELDS } } });
  const failuresCount = await db.outboundMessage.count({ where: failureWhere });
  const helpRows = await db.checkIn.findMany({
    where: { needsHelp: true, helpHandledAt: null, answeredAt: { gte: days(now, -HELP_DAYS) }, ...(scope.all ? {} : { cohortId: { in: scope.cohortIds } }) },
    orderBy: { answeredAt: "desc" },
    take: LIST,
    include: { person: { select: NAME_FIELDS }, cohort: { select: { name: true } } },
  });
  return {
    sessions,
    threads,
    applications: applicationRows.map((a) => ({ id: a.id, name: personName(a.person), locale: a.person.locale, submittedAt: a.submittedAt })),
    applicationsCount,
    failures: failureRows.map((f) => ({ id: f.id, name: f.person ? personName(f.person) : `${f.channel} ${f.externalId}`, channel: f.channel, errorCode: f.errorCode, failedAt: f.failedAt })),
    failuresCount,
    help: helpRows.map((c) => ({ id: c.id, name: personName(c.person), cohort: c.cohort.name, offset: c.offset, answeredAt: c.answeredAt })),
  };
}
