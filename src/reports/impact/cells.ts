/**
 * The figures of the impact report that are about people, seen as cells of tables: for each, how many
 * people it is about, and which cells add up to which total. impact-small-numbers.ts hides cells from
 * this list; figures not listed here (cohorts, sessions held, dates) are not about people.
 */
import { MEMBERSHIP_STATUSES, OUTCOME_CATEGORIES, OUTCOME_OFFSETS, STAGES, type ImpactFigures, type ScopeFigures } from "./model.ts";

/** Where a figure sits in ImpactFigures, e.g. ["cohorts", 1, "membersByStatus", "left"]. */
export type Path = readonly (string | number)[];

export interface Cell {
  path: Path;
  /**
   * `count`: a number of people (hidden at 1–4 whatever its group); `money`: a sum in cents; `ratio`: a
   * Ratio, hidden whole (numerator, denominator and rate).
   */
  kind: "count" | "money" | "ratio";
  /** What "the next smallest" compares: the count, the amount, or the ratio's denominator. */
  value: number;
  /** How many people the figure describes: a figure about 1–4 people is hidden. */
  about: number;
}

/** Cells that add up to a total (`total` absent when the sum is not printed): hide none of them alone. */
export interface Group {
  cells: string[];
  total?: string;
}

export const keyOf = (path: Path) => path.join(".");

/** Figures that add up across cohorts to the programme's (or nearly: a person in two cohorts counts once). */
const ADDITIVE: readonly Path[] = [
  ["peopleSupported"],
  ...MEMBERSHIP_STATUSES.map((s) => ["membersByStatus", s]),
  ["applicants"],
  ["attendance"],
  ["rsvpYes"],
  ["salesCents"],
  ["expensesCents"],
  ["entrepreneursWithSales"],
  ...OUTCOME_OFFSETS.flatMap((o) => [
    ["outcomes", o, "sent"],
    ["outcomes", o, "answered"],
    ["outcomes", o, "needsHelp"],
    ...OUTCOME_CATEGORIES.map((c) => ["outcomes", o, "byStatus", c]),
  ]),
  ["businessesCreated"],
  ["associationsCreated"],
  ["askedForHelp"],
  ...STAGES.map((s) => ["peopleByStage", s]),
];

function scopeCells(at: Path, f: ScopeFigures): { cells: Cell[]; groups: Group[] } {
  const cells: Cell[] = [];
  const add = (kind: Cell["kind"], rel: Path, value: number, about: number) => {
    cells.push({ path: [...at, ...rel], kind, value, about });
    return keyOf([...at, ...rel]);
  };
  const count = (rel: Path, value: number, about = value) => add("count", rel, value, Math.max(value, about));
  const members = f.peopleSupported;
  const groups: Group[] = [];

  const supported = count(["peopleSupported"], members);
  // Where the members are now is a breakdown of the members: a cohort of 3 shows none of it.
  groups.push({ cells: MEMBERSHIP_STATUSES.map((s) => count(["membersByStatus", s], f.membersByStatus[s], members)), total: supported });
  count(["applicants"], f.applicants);
  add("ratio", ["attendance"], f.attendance.denominator, f.peopleBehind.attendance);
  add("ratio", ["rsvpYes"], f.rsvpYes.denominator, f.peopleBehind.rsvp);
  // A sum of money from 1–4 people is their own sales: it is hidden like a count of them.
  const sales = add("money", ["salesCents"], f.salesCents, f.entrepreneursWithSales);
  const expenses = add("money", ["expensesCents"], f.expensesCents, f.peopleBehind.expenses);
  count(["entrepreneursWithSales"], f.entrepreneursWithSales, members);
  for (const [k, n] of Object.entries(f.peopleBehind)) count(["peopleBehind", k], n);
  const months = f.salesByMonth.map((m, i) => ({
    sales: add("money", ["salesByMonth", i, "salesCents"], m.salesCents, m.sellers),
    expenses: add("money", ["salesByMonth", i, "expensesCents"], m.expensesCents, m.spenders),
  }));
  f.salesByMonth.forEach((m, i) => {
    count(["salesByMonth", i, "sellers"], m.sellers, members);
    count(["salesByMonth", i, "spenders"], m.spenders);
  });
  groups.push({ cells: months.map((m) => m.sales), total: sales }, { cells: months.map((m) => m.expenses), total: expenses });

  for (const o of OUTCOME_OFFSETS) {
    const x = f.outcomes[o];
    count(["outcomes", o, "sent"], x.sent);
    const answered = count(["outcomes", o, "answered"], x.answered, x.sent);
    groups.push({ cells: OUTCOME_CATEGORIES.map((c) => count(["outcomes", o, "byStatus", c], x.byStatus[c], x.answered)), total: answered });
    count(["outcomes", o, "needsHelp"], x.needsHelp, x.answered);
  }
  count(["businessesCreated"], f.businessesCreated, members);
  count(["associationsCreated"], f.associationsCreated, members);
  count(["askedForHelp"], f.askedForHelp, members);
  // The stages add up to everyone who wrote to the bot, a total the report does not print; hiding one
  // stage alone would still be undone by member + alumni + left ≈ people supported.
  const everyone = STAGES.reduce((sum, s) => sum + f.peopleByStage[s], 0);
  groups.push({ cells: STAGES.map((s) => count(["peopleByStage", s], f.peopleByStage[s], everyone)) });
  return { cells, groups };
}

/** Every cell about people in the report, and every group of cells that adds up to a total. */
export function reportCells(figures: ImpactFigures): { cells: Cell[]; groups: Group[] } {
  const total = scopeCells(["total"], figures.total);
  const perCohort = figures.cohorts.map((c, i) => scopeCells(["cohorts", i], c));
  const cells = [...total.cells, ...perCohort.flatMap((c) => c.cells)];
  const groups = [...total.groups, ...perCohort.flatMap((c) => c.groups)];
  // A cohort report's total is that cohort: only the whole programme adds cohorts up.
  if (figures.scope === "all" && figures.cohorts.length > 0) {
    for (const rel of ADDITIVE) groups.push({ cells: figures.cohorts.map((_, i) => keyOf(["cohorts", i, ...rel])), total: keyOf(["total", ...rel]) });
    figures.total.salesByMonth.forEach((m, t) => {
      const rows = figures.cohorts.flatMap((c, i) => {
        const j = c.salesByMonth.findIndex((x) => x.month === m.month);
        return j < 0 ? [] : [{ i, j }];
      });
      for (const field of ["salesCents", "expensesCents", "sellers"] as const) {
        groups.push({ cells: rows.map(({ i, j }) => keyOf(["cohorts", i, "salesByMonth", j, field])), total: keyOf(["total", "salesByMonth", t, field]) });
      }
    });
  }
  return { cells, groups };
}
