import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";
import { coordinatedCohortIds } from "../sales/totals.ts";

/** Who is looking: a signed-in coordinator or admin (their role checked on this very request). */
export interface Viewer {
  id: string;
  role: "coordinator" | "admin";
}

/**
 * What a viewer sees, written once for every page (issue 16, point 2): an admin sees everything; a
 * coordinator sees the cohorts she coordinates (the same list as her totals and exports in the chat),
 * their members, and the people in no cohort yet (applicants, newcomers), whom every coordinator sees.
 */
export interface Scope {
  all: boolean;
  cohortIds: string[];
}

export async function scopeOf(db: Tx, viewer: Viewer): Promise<Scope> {
  return { all: viewer.role === "admin", cohortIds: await coordinatedCohortIds(db, viewer) };
}

/** The people a scope covers, as a Prisma `where` on Person. */
export function peopleIn(scope: Scope): Prisma.PersonWhereInput {
  if (scope.all) return {};
  return { OR: [{ memberships: { some: { cohortId: { in: scope.cohortIds } } } }, { memberships: { none: {} } }] };
}

/** The applications a scope covers: those for its cohorts, and those not tied to a cohort yet. */
export function applicationsIn(scope: Scope): Prisma.ApplicationWhereInput {
  if (scope.all) return {};
  return { OR: [{ cohortId: { in: scope.cohortIds } }, { cohortId: null }] };
}

/** The cohorts a scope covers, as a Prisma `where` on Cohort. */
export function cohortsIn(scope: Scope): Prisma.CohortWhereInput {
  return scope.all ? {} : { id: { in: scope.cohortIds } };
}
