import { DateTime } from "luxon";
import { impactFileStem } from "../../../admin/report.ts";
import type { Tx } from "../../../db/tx.ts";
import { impactFigures } from "../../../reports/impact/data.ts";
import type { ImpactFigures } from "../../../reports/impact/model.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

export interface ImpactQuery {
  cohort?: string;
  names?: string;
}

/**
 * What the viewer asked for: one cohort (by key) or, for an admin only, the whole programme (no key);
 * with first names only for an admin who ticked the box (a coordinator's report is always anonymous).
 */
export interface ImpactChoice {
  cohort?: string;
  names: boolean;
}

export function readImpactQuery(q: ImpactQuery | undefined, admin: boolean): ImpactChoice {
  const cohort = typeof q?.cohort === "string" ? q.cohort.trim() : "";
  return { ...(cohort ? { cohort } : {}), names: admin && q?.names === "1" };
}

/** The cohorts the viewer may report on, the most recent first (an admin also has the whole programme). */
export async function reportableCohorts(db: Tx, scope: Scope): Promise<{ key: string; name: string }[]> {
  return db.cohort.findMany({ where: cohortsIn(scope), orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: { key: true, name: true } });
}

/**
 * The report's figures for this choice through the admin command's own function (reports/impact/), or
 * null when the choice is not the viewer's to make: a cohort outside her scope (or unknown: the same
 * answer), or the whole programme asked by a coordinator.
 */
export async function impactFor(db: Tx, scope: Scope, choice: ImpactChoice, now: Date): Promise<ImpactFigures | null> {
  if (choice.cohort === undefined && !scope.all) return null;
  if (choice.cohort !== undefined && !(await db.cohort.findFirst({ where: { AND: [{ key: choice.cohort }, cohortsIn(scope)] }, select: { id: true } }))) return null;
  return impactFigures(db, { ...(choice.cohort !== undefined ? { cohortKey: choice.cohort } : {}), names: choice.names, now });
}

/** The downloaded file's name, as the admin command names its files: `impact-petite-2026-12-01.csv`. */
export function impactFileName(choice: ImpactChoice, now: Date, zone: string, ext: "csv" | "html"): string {
  const local = DateTime.fromJSDate(now).setZone(zone);
  const day = (local.isValid ? local : DateTime.fromJSDate(now, { zone: "utc" })).toISODate()!;
  return `${impactFileStem(day, choice.cohort, choice.names)}.${ext}`;
}

/** The address of the report or of its CSV for this choice. */
export function impactHref(path: "/console/impact/report" | "/console/impact.csv", choice: ImpactChoice): string {
  const q = new URLSearchParams();
  if (choice.cohort !== undefined) q.set("cohort", choice.cohort);
  if (choice.names) q.set("names", "1");
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
