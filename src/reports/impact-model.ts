/**
 * What the funders' impact report is made of: the categories it counts people in, the shape of its
 * figures (programme, cohort, month, person), and the two small helpers every computation shares.
 * Counts, sums and rates only; names appear only in `PersonRow`, filled on an operator's request.
 */

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

/** `ratio(3, 4)` is `{ numerator: 3, denominator: 4, rate: 0.75 }`; the rate is null over zero. */
export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** The UTC calendar day of a date column: `isoDate(new Date("2026-03-05T00:00:00Z"))` is "2026-03-05". */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
