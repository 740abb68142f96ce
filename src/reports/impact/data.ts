/**
 * The figures of the funders' impact report, computed from the database.
 *
 * Everything here is anonymous: counts, sums and rates, per month or per category, for the whole
 * programme and per cohort. Names appear only in `people`, which is filled only when an operator asks
 * for it (`names: true`); even then erased people are left out of it (they are still counted).
 * No id, phone number, Telegram id, message or other free text ever leaves this module.
 */
import { DateTime } from "luxon";
import { load, type Db, type Loaded } from "./load.ts";
import {
  MEMBERSHIP_STATUSES,
  STAGES,
  isoDate,
  ratio,
  type CohortFigures,
  type CohortStatus,
  type ImpactFigures,
  type ImpactOptions,
  type MembershipStatusName,
  type ScopeFigures,
  type Stage,
} from "./model.ts";
import { askedForHelp, outcomes } from "./outcomes.ts";
import { personRows } from "./people.ts";
import { salesByMonth } from "./sales.ts";

/** Ended, running or upcoming, by the calendar day in the cohort's zone (an early `endedAt` ends it). */
export function cohortStatus(c: { timezone: string; startsOn: Date; endsOn: Date; endedAt: Date | null }, now: Date): CohortStatus {
  const local = DateTime.fromJSDate(now).setZone(c.timezone);
  const today = (local.isValid ? local : DateTime.fromJSDate(now, { zone: "utc" })).toISODate()!;
  if ((c.endedAt && c.endedAt <= now) || isoDate(c.endsOn) < today) return "ended";
  if (isoDate(c.startsOn) > today) return "upcoming";
  return "running";
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
    peopleBehind: {
      attendance: distinct(attendances, (a) => a.personId),
      rsvp: distinct(rsvps, (r) => r.personId),
      expenses: distinct(transactions.filter((t) => t.kind === "expense"), (t) => t.personId),
    },
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
  if (options.names) figures.people = await personRows(db, data);
  return figures;
}
