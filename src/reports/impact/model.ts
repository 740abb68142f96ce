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

/** Below this many people, an anonymous report does not show a figure about them (see impact-small-numbers.ts). */
export const SMALL_GROUP = 5;

/**
 * Why an anonymous report hides a figure: it is about 1 to 4 people (`small`, shown "< 5"), or it would
 * let a small one be recomputed by subtraction from a total (`complement`, shown "s").
 */
export type Hidden = "small" | "complement";
/** A figure as a report shows it: the number, or the reason it is hidden. */
export type Shown = number | Hidden;
/** What a rate can be in figures whose counts are `N`: a hidden rate only where counts can be hidden. */
type RateOf<N> = number | null | Exclude<N, number>;

/**
 * The figures are computed with plain numbers (`N` = number); the anonymous report renders them with
 * `N` = Shown, so that a renderer cannot print a hidden figure: the number is no longer there.
 */

/** A part of a whole: `rate` is numerator / denominator, null when there is nothing to divide by. */
export interface Ratio<N = number> {
  numerator: N;
  denominator: N;
  rate: RateOf<N>;
}

export interface MonthFigures<N = number> {
  /** "YYYY-MM", of the date the entrepreneur gave for the sale. */
  month: string;
  salesCents: N;
  expensesCents: N;
  /** Distinct people who logged at least one sale that month. */
  sellers: N;
  /** Distinct people who logged at least one expense that month (not printed: how many people the expenses are about). */
  spenders: N;
}

export interface OutcomeFigures<N = number> {
  /** Check-ins sent (or answered) at this offset. */
  sent: N;
  answered: N;
  /** answered / sent */
  responseRate: RateOf<N>;
  byStatus: Record<OutcomeCategory, N>;
  /** Answered check-ins that asked for help. */
  needsHelp: N;
}

/** The same figures for the whole programme and for each cohort. */
export interface ScopeFigures<N = number> {
  /** Distinct members (role member) of the cohorts, whatever became of them: active, alumni, left, erased. */
  peopleSupported: N;
  membersByStatus: Record<MembershipStatusName, N>;
  /** Distinct people who submitted an application (for a cohort: whose application was decided for it). */
  applicants: N;
  cohorts: { total: number; ended: number; running: number; upcoming: number };
  /** Sessions not cancelled that have started. */
  sessionsHeld: number;
  /** Present / attendances recorded, on sessions not cancelled. */
  attendance: Ratio<N>;
  /** RSVP "yes" / RSVP answers: the forecast coordinators had before each session. */
  rsvpYes: Ratio<N>;
  salesCents: N;
  expensesCents: N;
  /** Every month from the first to the last one with an entry, empty months included. */
  salesByMonth: MonthFigures<N>[];
  /** Distinct people who logged at least one sale. */
  entrepreneursWithSales: N;
  outcomes: Record<OutcomeOffset, OutcomeFigures<N>>;
  /** Distinct people who answered "micro-enterprise" at any check-in. */
  businessesCreated: N;
  /** Distinct people who answered "association" at any check-in. */
  associationsCreated: N;
  /** Distinct people who asked for help at a check-in (the help question or a next step). */
  askedForHelp: N;
  /** Where people stand now: every participant for the programme; members and applicants for a cohort. */
  peopleByStage: Record<Stage, N>;
  /**
   * How many distinct people the attendance rate, the RSVP forecast and the expenses are about. Not
   * printed: it decides whether those figures are small enough to hide.
   */
  peopleBehind: { attendance: N; rsvp: N; expenses: N };
}

export interface CohortFigures<N = number> extends ScopeFigures<N> {
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

export interface ImpactFigures<N = number> {
  generatedAt: string;
  /** "all", or the key of the cohort the report was limited to. */
  scope: string;
  /** For the whole scope (with a cohort filter, that cohort's figures). */
  total: ScopeFigures<N>;
  cohorts: CohortFigures<N>[];
  /** Only with `names: true`. */
  people?: PersonRow[];
  /** How many figures an anonymous report hides (set by hideSmallNumbers; absent: nothing was hidden). */
  hiddenFigures?: number;
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
