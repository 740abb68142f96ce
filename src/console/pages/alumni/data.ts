import { checkInAt } from "../../../alumni/plan.ts";
import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { Tx } from "../../../db/tx.ts";
import type { AppDeps } from "../../../deps.ts";
import type { NextStep } from "../../../roadmap/lines.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

/** A person's words to the team after asking for help: at most this many of their latest messages. */
const NOTES = 3;

export interface CheckInView {
  offset: string;
  /** When it goes out (cohort ended) or went out. */
  dueAt: Date | null;
  sentAt: Date | null;
  nudgedAt: Date | null;
  answeredAt: Date | null;
  activityStatus: string | null;
  needsHelp: boolean | null;
  helpHandledAt: Date | null;
  /** Each roadmap next step with the answer given (`done`, `not_yet`, `need_help`), in the roadmap's order. */
  steps: { text: string; answer: string | null }[];
}

export interface AlumniPerson {
  personId: string;
  name: string;
  locale: string | null;
  checkIns: CheckInView[];
}

export interface AlumniCohort {
  id: string;
  key: string;
  name: string;
  endedAt: Date | null;
  people: AlumniPerson[];
}

export interface HelpRequest {
  checkInId: string;
  personId: string;
  name: string;
  locale: string | null;
  cohort: string;
  offset: string;
  answeredAt: Date | null;
  /** The relay thread the request opened (or joined), and the person's words in it since. */
  thread: { id: string; notes: { text: string; at: Date; /** In the viewer's language, where a translation exists (alumni/translations.ts). */ translation?: string }[] } | null;
}

export interface AlumniData {
  cohorts: { key: string; name: string }[];
  /** Help asked for in a check-in and not marked handled yet, oldest first. */
  help: HelpRequest[];
  shown: AlumniCohort[];
}

/** Cohorts with alumni to follow: ended, or with check-ins already. */
const FOLLOWED = { OR: [{ endedAt: { not: null } }, { checkIns: { some: {} } }] };

/**
 * The Alumni page: the help requests not handled yet, then per cohort (in scope, ended or with
 * check-ins) each alumna's check-ins per offset, with her answers and her roadmap's next steps.
 */
export async function loadAlumni(db: Tx, scope: Scope, filter: { cohort?: string }): Promise<AlumniData> {
  const cohorts = await db.cohort.findMany({
    where: { AND: [cohortsIn(scope), FOLLOWED] },
    orderBy: [{ endsOn: "desc" }, { name: "asc" }],
    select: { id: true, key: true, name: true, timezone: true, endedAt: true, checkInOffsets: true },
  });
  const chosen = filter.cohort ? cohorts.filter((c) => c.key === filter.cohort) : cohorts;
  const shown: AlumniCohort[] = [];
  for (const c of chosen) {
    const people = await db.person.findMany({
      where: { erasedAt: null, OR: [{ memberships: { some: { cohortId: c.id, role: "member", status: "alumni" } } }, { checkIns: { some: { cohortId: c.id } } }] },
      select: { id: true, locale: true, ...NAME_FIELDS },
    });
    const checkIns = await db.checkIn.findMany({ where: { cohortId: c.id, personId: { in: people.map((p) => p.id) } } });
    const roadmaps = await db.roadmap.findMany({ where: { cohortId: c.id, personId: { in: people.map((p) => p.id) } }, select: { personId: true, nextSteps: true } });
    const stepsOf = new Map(roadmaps.map((r) => [r.personId, r.nextSteps as unknown as NextStep[]]));
    // The cohort's offsets, then any other a check-in was planned with (offsets changed since).
    const offsets = [...new Set([...c.checkInOffsets, ...checkIns.map((x) => x.offset)])];
    shown.push({
      id: c.id,
      key: c.key,
      name: c.name,
      endedAt: c.endedAt,
      people: people
        .map((p) => ({
          personId: p.id,
          name: personName(p),
          locale: p.locale,
          checkIns: offsets.map((offset): CheckInView => {
            const x = checkIns.find((ci) => ci.personId === p.id && ci.offset === offset);
            const answers = (x?.stepAnswers ?? {}) as Record<string, string>;
            return {
              offset,
              dueAt: c.endedAt ? (checkInAt(c.endedAt, offset, c.timezone) ?? null) : null,
              sentAt: x?.sentAt ?? null,
              nudgedAt: x?.nudgedAt ?? null,
              answeredAt: x?.answeredAt ?? null,
              activityStatus: x?.activityStatus ?? null,
              needsHelp: x?.needsHelp ?? null,
              helpHandledAt: x?.helpHandledAt ?? null,
              steps: x?.answeredAt ? (stepsOf.get(p.id) ?? []).map((s) => ({ text: s.text, answer: answers[s.key] ?? null })) : [],
            };
          }),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return { cohorts: cohorts.map((c) => ({ key: c.key, name: c.name })), help: await helpRequests(db, scope), shown };
}

/** Help asked for in a check-in, within the scope's cohorts, not handled yet. */
function helpWhere(scope: Scope) {
  return { needsHelp: true, helpHandledAt: null, ...(scope.all ? {} : { cohortId: { in: scope.cohortIds } }) };
}

async function helpRequests(db: Tx, scope: Scope): Promise<HelpRequest[]> {
  const rows = await db.checkIn.findMany({
    where: { ...helpWhere(scope), person: { erasedAt: null } },
    orderBy: { answeredAt: "asc" },
    take: 100,
    include: { person: { select: { ...NAME_FIELDS, locale: true } }, cohort: { select: { name: true } } },
  });
  const out: HelpRequest[] = [];
  for (const r of rows) {
    const since = r.answeredAt ?? r.sentAt ?? new Date(0);
    const thread = await db.relayThread.findFirst({
      where: { personId: r.personId, messages: { some: { direction: "in", createdAt: { gte: since } } } },
      orderBy: { openedAt: "desc" },
      include: { messages: { where: { direction: "in", createdAt: { gte: since }, text: { not: "" } }, orderBy: { createdAt: "desc" }, take: NOTES } },
    });
    out.push({
      checkInId: r.id,
      personId: r.personId,
      name: personName(r.person),
      locale: r.person.locale,
      cohort: r.cohort.name,
      offset: r.offset,
      answeredAt: r.answeredAt,
      thread: thread ? { id: thread.id, notes: thread.messages.reverse().map((m) => ({ text: m.text, at: m.createdAt })) } : null,
    });
  }
  return out;
}

export type HandledResult = "handled" | "already" | "gone";

/**
 * Marks a help request handled: it leaves the list (here and on Today), who and when are kept on the
 * check-in, and the change is audited (`checkin.help_handled`). Out of scope or unknown: "gone".
 */
export async function markHelpHandled(deps: AppDeps, viewer: { id: string }, scope: Scope, checkInId: string): Promise<HandledResult> {
  return deps.prisma.$transaction(async (tx): Promise<HandledResult> => {
    const checkIn = await tx.checkIn.findFirst({ where: { id: checkInId, needsHelp: true, ...(scope.all ? {} : { cohortId: { in: scope.cohortIds } }) } });
    if (!checkIn) return "gone";
    const now = deps.now();
    const { count } = await tx.checkIn.updateMany({ where: { id: checkIn.id, helpHandledAt: null }, data: { helpHandledAt: now, helpHandledById: viewer.id } });
    if (count === 0) return "already";
    await tx.auditLog.create({ data: { actorId: viewer.id, action: "checkin.help_handled", subject: checkIn.id, at: now, details: { personId: checkIn.personId, cohortId: checkIn.cohortId, offset: checkIn.offset } } });
    return "handled";
  });
}
