/**
 * The figures of the funders' impact report, computed from the database.
 *
 * Everything here is anonymous: counts, sums and rates, per month or per category, for the whole
 * programme and per cohort. Names appear only in `people`, which is filled only when an operator asks
 * for it (`names: true`); even then erased people are left out of it (they are still counted).
 * No id, phone number, Telegram id, message or other free text ever leaves this module.
 */
import { DateTime } from "luxon";
import type { PrismaClient } from "../db/generated/client.ts";

type Db = Pick<PrismaClient, "cohort" | "transaction" | "checkIn" | "application" | "person">;

export const ACTIVITY_STATUSES = ["micro_enterprise", "association", "collective", "referred", "preparing", "stopped"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
/** An answered check-in whose status is missing or not one of ours is counted as `unknown`. */
export type OutcomeCategory = ActivityStatus | "unknown";
export const OUTCOME_CATEGORIES: readonly OutcomeCategory[] = [...ACTIVITY_STATUSES, "unknown"];

export const OUTCOME_OFFSETS = ["P6M", "P12M"] as const;
export type OutcomeOffset = (typeof OUTCOME_OFFSETS)[number];

export const STAGES = ["newcomer", "applicant", "member", "alumni", "left"] as const;
export type Stage = (typeof STAGES)[number];

export const MEMBERSHIP_STATUSES = ["active", "alumni", "left"] as const;
export type MembershipStatusName = (typeof MEMBERSHIP_STATUSES)[number];

export type CohortStatus = "ended" | "running" | "upcoming";

/** A part of a whole: `rate` is numerator / denominator, null when there is nothing to divide by. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface MonthFigures {
  /** "YYYY-MM", of the date the entrepreneur gave for the sale. */
  month: string;
  salesCents: number;
  expensesCents: number;
  /** Distinct people who logged at least one sale that month. */
  sellers: number;
}

export interface OutcomeFigures {
  /** Check-ins sent (or answered) at this offset. */
  sent: number;
  answered: number;
  /** answered / sent */
  responseRate: number | null;
  byStatus: Record<OutcomeCategory, number>;
  /** Answered check-ins that asked for help. */
  needsHelp: number;
}

/** The same figures for the whole programme and for each cohort. */
export interface ScopeFigures {
  /** Distinct members (role member) of the cohorts, whatever became of them: active, alumni, left, erased. */
  peopleSupported: number;
  membersByStatus: Record<MembershipStatusName, number>;
  /** Distinct people who submitted an application (for a cohort: whose application was decided for it). */
  applicants: number;
  cohorts: { total: number; ended: number; running: number; upcoming: number };
  /** Sessions not cancelled that have started. */
  sessionsHeld: number;
  /** Present / attendances recorded, on sessions not cancelled. */
  attendance: Ratio;
  /** RSVP "yes" / RSVP answers: the forecast coordinators had before each session. */
  rsvpYes: Ratio;
  salesCents: number;
  expensesCents: number;
  /** Every month from the first to the last one with an entry, empty months included. */
  salesByMonth: MonthFigures[];
  /** Distinct people who logged at least one sale. */
  entrepreneursWithSales: number;
  outcomes: Record<OutcomeOffset, OutcomeFigures>;
  /** Distinct people who answered "micro-enterprise" at any check-in. */
  businessesCreated: number;
  /** Distinct people who answered "association" at any check-in. */
  associationsCreated: number;
  /** Distinct people who asked for help at a check-in (the help question or a next step). */
  askedForHelp: number;
  /** Where people stand now: every participant for the programme; members and applicants for a cohort. */
  peopleByStage: Record<Stage, number>;
}

export interface CohortFigures extends ScopeFigures {
  key: string;
  name: string;
  /** "YYYY-MM-DD" */
  startsOn: string;
  endsOn: string;
  status: CohortStatus;
}

/** One member of one cohort, only with `names: true`. Erased people never appear here. */
export interface PersonRow {
  firstName: string;
  cohortKey: string;
  cohortName: string;
  membershipStatus: MembershipStatusName;
  salesCents: number;
  attendance: Ratio;
  /** The latest answered check-in of that cohort. */
  lastOutcome: { offset: string; status: OutcomeCategory } | null;
}

export interface ImpactFigures {
  generatedAt: string;
  /** "all", or the key of the cohort the report was limited to. */
  scope: string;
  /** For the whole scope (with a cohort filter, that cohort's figures). */
  total: ScopeFigures;
  cohorts: CohortFigures[];
  /** Only with `names: true`. */
  people?: PersonRow[];
}

export interface ImpactOptions {
  /** Limit the report to one cohort. */
  cohortKey?: string;
  /** Add the per-person table (first names). Operators only. */
  names?: boolean;
  now?: Date;
}

export class UnknownCohortError extends Error {
  constructor(readonly key: string) {
    super(`no cohort with key "${key}"`);
  }
}

// ─── loading ──────────────────────────────────────────────────────────────────────────────────────

interface Loaded {
  cohorts: {
    id: string;
    key: string;
    name: string;
    timezone: string;
    startsOn: Date;
    endsOn: Date;
    endedAt: Date | null;
    memberships: { personId: string; status: MembershipStatusName }[];
    sessions: {
      status: string;
      startsAt: Date;
      attendances: { personId: string; present: boolean }[];
      rsvps: { answer: string }[];
    }[];
  }[];
  transactions: { personId: string; cohortId: string | null; kind: string; amountCents: number; occurredOn: Date }[];
  checkIns: {
    personId: string;
    cohortId: string;
    offset: string;
    sentAt: Date | null;
    answeredAt: Date | null;
    activityStatus: string | null;
    needsHelp: boolean | null;
    stepAnswers: unknown;
  }[];
  applications: { personId: string; cohortId: string | null }[];
  /** Stage of every participant (programme) or of the people of the cohort (cohort filter). */
  stages: { id: string; stage: Stage }[];
}

async function load(db: Db, cohortKey: string | undefined): Promise<Loaded> {
  const cohorts = await db.cohort.findMany({
    where: cohortKey === undefined ? {} : { key: cohortKey },
    orderBy: [{ startsOn: "asc" }, { key: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      timezone: true,
      startsOn: true,
      endsOn: true,
      endedAt: true,
      memberships: { where: { role: "member" }, select: { personId: true, status: true } },
      sessions: {
        select: {
          status: true,
          startsAt: true,
          attendances: { select: { personId: true, present: true } },
          rsvps: { select: { answer: true } },
        },
      },
    },
  });
  if (cohortKey !== undefined && cohorts.length === 0) throw new UnknownCohortError(cohortKey);
  const cohortIds = cohorts.map((c) => c.id);
  const inScope = cohortKey === undefined ? {} : { cohortId: { in: cohortIds } };

  const [transactions, checkIns, applications] = await Promise.all([
    db.transaction.findMany({
      where: { undoneAt: null, ...inScope },
      select: { personId: true, cohortId: true, kind: true, amountCents: true, occurredOn: true },
    }),
    db.checkIn.findMany({
      where: inScope,
      select: { personId: true, cohortId: true, offset: true, sentAt: true, answeredAt: true, activityStatus: true, needsHelp: true, stepAnswers: true },
    }),
    db.application.findMany({
      where: { status: { in: ["submitted", "accepted", "declined"] }, ...inScope },
      select: { personId: true, cohortId: true },
    }),
  ]);

  const stages =
    cohortKey === undefined
      ? await db.person.findMany({ where: { role: "participant" }, select: { id: true, stage: true } })
      : await db.person.findMany({
          where: { id: { in: [...new Set([...cohorts.flatMap((c) => c.memberships.map((m) => m.personId)), ...applications.map((a) => a.personId)])] } },
          select: { id: true, stage: true },
        });
  return { cohorts, transactions, checkIns, applications, stages };
}

// ─── computing ────────────────────────────────────────────────────────────────────────────────────

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function cohortStatus(c: { timezone: string; startsOn: Date; endsOn: Date; endedAt: Date | null }, now: Date): CohortStatus {
  const local = DateTime.fromJSDate(now).setZone(c.timezone);
  const today = (local.isValid ? local : DateTime.fromJSDate(now, { zone: "utc" })).toISODate()!;
  if ((c.endedAt && c.endedAt <= now) || isoDate(c.endsOn) < today) return "ended";
  if (isoDate(c.startsOn) > today) return "upcoming";
  return "running";
}

/** "2026-03" → "2026-04" */
function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function salesByMonth(transactions: Loaded["transactions"]): MonthFigures[] {
  const months = new Map<string, { salesCents: number; expensesCents: number; sellers: Set<string> }>();
  for (const t of transactions) {
    const month = isoDate(t.occurredOn).slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { salesCents: 0, expensesCents: 0, sellers: new Set() }));
    if (t.kind === "sale") {
      m.salesCents += t.amountCents;
      m.sellers.add(t.personId);
    } else {
      m.expensesCents += t.amountCents;
    }
  }
  const keys = [...months.keys()].sort();
  const out: MonthFigures[] = [];
  if (keys.length === 0) return out;
  for (let month = keys[0]!; month <= keys.at(-1)!; month = nextMonth(month)) {
    const m = months.get(month);
    out.push({ month, salesCents: m?.salesCents ?? 0, expensesCents: m?.expensesCents ?? 0, sellers: m?.sellers.size ?? 0 });
  }
  return out;
}

const outcomeOf = (status: string | null): OutcomeCategory =>
  (ACTIVITY_STATUSES as readonly string[]).includes(status ?? "") ? (status as ActivityStatus) : "unknown";

function askedForHelp(c: Loaded["checkIns"][number]): boolean {
  if (c.answeredAt === null) return false;
  if (c.needsHelp === true) return true;
  const answers = c.stepAnswers;
  return typeof answers === "object" && answers !== null && Object.values(answers).includes("need_help");
}

function outcomes(checkIns: Loaded["checkIns"], offset: OutcomeOffset): OutcomeFigures {
  const at = checkIns.filter((c) => c.offset === offset && (c.sentAt !== null || c.answeredAt !== null));
  const answered = at.filter((c) => c.answeredAt !== null);
  const byStatus = Object.fromEntries(OUTCOME_CATEGORIES.map((s) => [s, 0])) as Record<OutcomeCategory, number>;
  for (const c of answered) byStatus[outcomeOf(c.activityStatus)]++;
  return {
    sent: at.length,
    answered: answered.length,
    responseRate: ratio(answered.length, at.length).rate,
    byStatus,
    needsHelp: answered.filter((c) => c.needsHelp === true).length,
  };
}

const distinct = <T>(items: T[], key: (t: T) => string) => new Set(items.map(key)).size;

function scopeFigures(
  cohorts: Loaded["cohorts"],
  transactions: Loaded["transactions"],
  checkIns: Loaded["checkIns"],
  applicants: number,
  stages: Stage[],
  now: Date,
): ScopeFigures {
  const members = new Map<string, MembershipStatusName>();
  // A person in two cohorts counts once, under where she is now (active > alumni > left).
  const rank: Record<MembershipStatusName, number> = { active: 2, alumni: 1, left: 0 };
  for (const m of cohorts.flatMap((c) => c.memberships)) {
    const seen = members.get(m.personId);
    if (seen === undefined || rank[m.status] > rank[seen]) members.set(m.personId, m.status);
  }
  const membersByStatus = Object.fromEntries(MEMBERSHIP_STATUSES.map((s) => [s, 0])) as Record<MembershipStatusName, number>;
  for (const s of members.values()) membersByStatus[s]++;

  const statuses = cohorts.map((c) => cohortStatus(c, now));
  const sessions = cohorts.flatMap((c) => c.sessions).filter((s) => s.status !== "cancelled");
  const attendances = sessions.flatMap((s) => s.attendances);
  const rsvps = sessions.flatMap((s) => s.rsvps);
  const sales = transactions.filter((t) => t.kind === "sale");
  const answered = checkIns.filter((c) => c.answeredAt !== null);
  const peopleByStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const s of stages) peopleByStage[s]++;

  return {
    peopleSupported: members.size,
    membersByStatus,
    applicants,
    cohorts: {
      total: cohorts.length,
      ended: statuses.filter((s) => s === "ended").length,
      running: statuses.filter((s) => s === "running").length,
      upcoming: statuses.filter((s) => s === "upcoming").length,
    },
    sessionsHeld: sessions.filter((s) => s.startsAt <= now).length,
    attendance: ratio(attendances.filter((a) => a.present).length, attendances.length),
    rsvpYes: ratio(rsvps.filter((r) => r.answer === "yes").length, rsvps.length),
    salesCents: sales.reduce((sum, t) => sum + t.amountCents, 0),
    expensesCents: transactions.filter((t) => t.kind === "expense").reduce((sum, t) => sum + t.amountCents, 0),
    salesByMonth: salesByMonth(transactions),
    entrepreneursWithSales: distinct(sales, (t) => t.personId),
    outcomes: { P6M: outcomes(checkIns, "P6M"), P12M: outcomes(checkIns, "P12M") },
    businessesCreated: distinct(answered.filter((c) => c.activityStatus === "micro_enterprise"), (c) => c.personId),
    associationsCreated: distinct(answered.filter((c) => c.activityStatus === "association"), (c) => c.personId),
    askedForHelp: distinct(checkIns.filter(askedForHelp), (c) => c.personId),
    peopleByStage,
  };
}

/**
 * The impact figures of the whole programme (or of one cohort), with a breakdown per cohort.
 * Throws UnknownCohortError for a cohort key that does not exist.
 */
export async function impactFigures(db: Db, options: ImpactOptions = {}): Promise<ImpactFigures> {
  const now = options.now ?? new Date();
  const data = await load(db, options.cohortKey);
  const stageOf = new Map(data.stages.map((p) => [p.id, p.stage]));

  const applied = new Set(data.applications.map((a) => a.personId));
  // Erasure deletes applications: someone erased while waiting for a decision is still an applicant.
  if (options.cohortKey === undefined) for (const p of data.stages) if (p.stage === "applicant") applied.add(p.id);
  const total = scopeFigures(data.cohorts, data.transactions, data.checkIns, applied.size, data.stages.map((p) => p.stage), now);

  const cohorts: CohortFigures[] = data.cohorts.map((c) => {
    const people = new Set([...c.memberships.map((m) => m.personId), ...data.applications.filter((a) => a.cohortId === c.id).map((a) => a.personId)]);
    const figures = scopeFigures(
      [c],
      data.transactions.filter((t) => t.cohortId === c.id),
      data.checkIns.filter((k) => k.cohortId === c.id),
      distinct(data.applications.filter((a) => a.cohortId === c.id), (a) => a.personId),
      [...people].flatMap((id) => {
        const stage = stageOf.get(id);
        return stage === undefined ? [] : [stage];
      }),
      now,
    );
    return { key: c.key, name: c.name, startsOn: isoDate(c.startsOn), endsOn: isoDate(c.endsOn), status: cohortStatus(c, now), ...figures };
  });

  const figures: ImpactFigures = { generatedAt: now.toISOString(), scope: options.cohortKey ?? "all", total, cohorts };
  if (options.names) figures.people = await people(db, data);
  return figures;
}

/** The per-person table: members of the cohorts in scope, erased people left out. */
async function people(db: Db, data: Loaded): Promise<PersonRow[]> {
  const ids = [...new Set(data.cohorts.flatMap((c) => c.memberships.map((m) => m.personId)))];
  const named = await db.person.findMany({ where: { id: { in: ids }, erasedAt: null, firstName: { not: null } }, select: { id: true, firstName: true } });
  const nameOf = new Map(named.map((p) => [p.id, p.firstName!]));
  const rows: PersonRow[] = [];
  for (const c of data.cohorts) {
    const attendances = c.sessions.filter((s) => s.status !== "cancelled").flatMap((s) => s.attendances);
    const cohortRows: PersonRow[] = [];
    for (const m of c.memberships) {
      const firstName = nameOf.get(m.personId);
      if (firstName === undefined) continue;
      const mine = attendances.filter((a) => a.personId === m.personId);
      const last = data.checkIns
        .filter((k) => k.cohortId === c.id && k.personId === m.personId && k.answeredAt !== null)
        .sort((a, b) => b.answeredAt!.getTime() - a.answeredAt!.getTime())[0];
      cohortRows.push({
        firstName,
        cohortKey: c.key,
        cohortName: c.name,
        membershipStatus: m.status,
        salesCents: data.transactions
          .filter((t) => t.kind === "sale" && t.cohortId === c.id && t.personId === m.personId)
          .reduce((sum, t) => sum + t.amountCents, 0),
        attendance: ratio(mine.filter((a) => a.present).length, mine.length),
        lastOutcome: last ? { offset: last.offset, status: outcomeOf(last.activityStatus) } : null,
      });
    }
    rows.push(...cohortRows.sort((a, b) => a.firstName.localeCompare(b.firstName, "fr")));
  }
  return rows;
}
