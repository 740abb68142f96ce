/**
 * The impact figures as one long CSV table, easy to pivot in a spreadsheet:
 * `scope,metric,category,value,unit`, where scope is "all" (the whole programme) or a cohort key,
 * category is a month ("2026-03"), a status, a stage, or empty, and unit says how to read value:
 * people, sessions, cohorts, EUR (decimal euros), ratio (0 to 1), date, text. Without names, a value
 * about fewer than 5 people is "< 5", and one hidden so that it cannot be recomputed is "s"
 * (impact-small-numbers.ts); the `small_numbers` line says which rule the file follows.
 */
import { stringify } from "csv-stringify/sync";
import { centsToDecimal } from "../../sales/export.ts";
import { isHidden } from "./format.ts";
import { LABELS } from "./labels.ts";
import {
  MEMBERSHIP_STATUSES,
  OUTCOME_CATEGORIES,
  OUTCOME_OFFSETS,
  STAGES,
  type ImpactFigures,
  type Ratio,
  type ScopeFigures,
  type Shown,
} from "./model.ts";
import { hideSmallNumbers } from "./small-numbers.ts";

export const IMPACT_CSV_COLUMNS = ["scope", "metric", "category", "value", "unit"] as const;

type Row = [scope: string, metric: string, category: string, value: string | number, unit: string];

/** A value for the file: a hidden figure becomes its mark; numbers and formatted texts stay. */
const mark = (x: string | number) => (isHidden(x) ? LABELS.hidden[x] : x);
const rate = (r: Shown | null) => (r === null ? "" : typeof r === "number" ? r.toFixed(4) : LABELS.hidden[r]);
const euros = (cents: Shown) => (typeof cents === "number" ? centsToDecimal(cents) : LABELS.hidden[cents]);

/** A spreadsheet must not read a name or a cohort name as a formula. */
export function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const OFFSET_METRIC: Record<(typeof OUTCOME_OFFSETS)[number], string> = { P6M: "outcome_6_months", P12M: "outcome_12_months" };

function scopeRows(scope: string, f: ScopeFigures<Shown>, programme: boolean): Row[] {
  const r = (metric: string, category: string, value: string | number, unit: string): Row => [scope, metric, category, mark(value), unit];
  const ratioRows = (metric: string, x: Ratio<Shown>): Row[] => [r(`${metric}_rate`, "", rate(x.rate), "ratio"), r(metric, "numerator", x.numerator, "count"), r(metric, "denominator", x.denominator, "count")];
  const rows: Row[] = [
    r("people_supported", "", f.peopleSupported, "people"),
    ...MEMBERSHIP_STATUSES.map((s) => r("members_by_status", s, f.membersByStatus[s], "people")),
    r("applicants", "", f.applicants, "people"),
  ];
  if (programme) {
    rows.push(
      r("cohorts", "total", f.cohorts.total, "cohorts"),
      r("cohorts", "ended", f.cohorts.ended, "cohorts"),
      r("cohorts", "running", f.cohorts.running, "cohorts"),
      r("cohorts", "upcoming", f.cohorts.upcoming, "cohorts"),
    );
  }
  rows.push(
    r("sessions_held", "", f.sessionsHeld, "sessions"),
    ...ratioRows("attendance", f.attendance),
    ...ratioRows("rsvp_yes", f.rsvpYes),
    r("sales_total", "", euros(f.salesCents), "EUR"),
    r("expenses_total", "", euros(f.expensesCents), "EUR"),
    r("entrepreneurs_with_sales", "", f.entrepreneursWithSales, "people"),
    ...f.salesByMonth.flatMap((m) => [
      r("sales_by_month", m.month, euros(m.salesCents), "EUR"),
      r("expenses_by_month", m.month, euros(m.expensesCents), "EUR"),
      r("sellers_by_month", m.month, m.sellers, "people"),
    ]),
  );
  for (const offset of OUTCOME_OFFSETS) {
    const o = f.outcomes[offset];
    const metric = OFFSET_METRIC[offset];
    rows.push(
      r(`${metric}_check_ins`, "sent", o.sent, "people"),
      r(`${metric}_check_ins`, "answered", o.answered, "people"),
      r(`${metric}_response_rate`, "", rate(o.responseRate), "ratio"),
      ...OUTCOME_CATEGORIES.map((s) => r(metric, s, o.byStatus[s], "people")),
      r(`${metric}_needs_help`, "", o.needsHelp, "people"),
    );
  }
  rows.push(
    r("businesses_created", "micro_enterprise", f.businessesCreated, "people"),
    r("associations_created", "association", f.associationsCreated, "people"),
    r("asked_for_help", "", f.askedForHelp, "people"),
    ...STAGES.map((s) => r("people_by_stage", s, f.peopleByStage[s], "people")),
  );
  return rows;
}

/**
 * The CSV text (with a header line). Names, and exact small numbers, appear only when the figures carry
 * the per-person table (the operator asked for names); otherwise small numbers are hidden.
 */
export function impactCsv(raw: ImpactFigures): string {
  const figures: ImpactFigures<Shown> = raw.people ? raw : hideSmallNumbers(raw);
  const rows: Row[] = [
    [figures.scope, "generated_at", "", figures.generatedAt, "datetime"],
    [figures.scope, "small_numbers", "", figures.people ? "shown" : "hidden_below_5", "text"],
  ];
  if (figures.scope === "all") rows.push(...scopeRows("all", figures.total, true));
  for (const c of figures.cohorts) {
    rows.push(
      [c.key, "cohort_name", "", safeText(c.name), "text"],
      [c.key, "cohort_period", "starts_on", c.startsOn, "date"],
      [c.key, "cohort_period", "ends_on", c.endsOn, "date"],
      [c.key, "cohort_status", c.status, 1, "cohorts"],
      ...scopeRows(c.key, c, false),
    );
  }
  // The per-person table, when asked for: category is "#<row> <first name>", as in the HTML page.
  (figures.people ?? []).forEach((p, i) => {
    const who = safeText(`#${i + 1} ${p.firstName}`);
    rows.push(
      [p.cohortKey, "person_membership_status", who, p.membershipStatus, "text"],
      [p.cohortKey, "person_sales", who, euros(p.salesCents), "EUR"],
      [p.cohortKey, "person_attendance_rate", who, rate(p.attendance.rate), "ratio"],
      [p.cohortKey, "person_last_outcome", who, p.lastOutcome ? `${p.lastOutcome.status} (${p.lastOutcome.offset})` : "", "text"],
    );
  });
  return stringify(rows, { header: true, columns: [...IMPACT_CSV_COLUMNS] });
}
