import type { Tx } from "../../../db/tx.ts";
import { memberFigures, type MemberFigures } from "../../../sales/totals.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

export interface SalesQuery {
  cohort?: string;
  from?: string;
  to?: string;
}

/** The Sales page's filters once read: dates as the admin export takes them (YYYY-MM-DD, UTC midnight), or what was wrong. */
export interface SalesFilters {
  cohort?: string;
  from?: Date;
  to?: Date;
  /** The raw values, to show them back in the form. */
  raw: { cohort: string; from: string; to: string };
  /** Texts keys of the problems (a bad date, `from` after `to`). */
  errors: string[];
}

/** A real calendar date like 2026-11-30 (not 2026-02-30), as the admin export's `--from`/`--to`. */
export function isoDate(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? d : undefined;
}

export function readSalesFilters(q: SalesQuery | undefined): SalesFilters {
  const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const raw = { cohort: str(q?.cohort), from: str(q?.from), to: str(q?.to) };
  const errors: string[] = [];
  const from = raw.from ? isoDate(raw.from) : undefined;
  const to = raw.to ? isoDate(raw.to) : undefined;
  if (raw.from && !from) errors.push("sales.bad_from");
  if (raw.to && !to) errors.push("sales.bad_to");
  if (from && to && from > to) errors.push("sales.from_after_to");
  return { raw, errors, ...(raw.cohort ? { cohort: raw.cohort } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export interface SalesCohort {
  key: string;
  name: string;
  members: MemberFigures[];
  total: Omit<MemberFigures, "personId" | "name">;
}

export interface SalesData {
  /** Every cohort in scope, for the cohort filter. */
  cohorts: { key: string; name: string }[];
  /** The cohorts shown (all of the scope's, or the one chosen), each with its members' figures. */
  shown: SalesCohort[];
}


/** One cohort in the viewer's scope by its key, or null (unknown, or not hers: the same answer). */
export async function cohortInScope(db: Tx, scope: Scope, key: string): Promise<{ id: string; key: string; name: string } | null> {
  return db.cohort.findFirst({ where: { AND: [{ key }, cohortsIn(scope)] }, select: { id: true, key: true, name: true } });
}

/** The figures of the cohorts in scope (or the one chosen), through the chat's and the CSV's own rule (sales/totals.ts, sales/export.ts). */
export async function loadSales(db: Tx, scope: Scope, filters: SalesFilters): Promise<SalesData> {
  const cohorts = await db.cohort.findMany({ where: cohortsIn(scope), orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: { id: true, key: true, name: true } });
  const chosen = filters.cohort ? cohorts.filter((c) => c.key === filters.cohort) : cohorts;
  const figures = filters.errors.length ? new Map() : await memberFigures(db, { cohortIds: chosen.map((c) => c.id), ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) });
  return {
    cohorts: cohorts.map((c) => ({ key: c.key, name: c.name })),
    shown: filters.errors.length
      ? []
      : chosen.map((c) => ({ key: c.key, name: c.name, ...(figures.get(c.id) ?? { members: [], total: { sales: 0, salesTotal: new Map(), expensesTotal: new Map() } }) })),
  };
}
