import type { Tx } from "../db/tx.ts";
import type { Present } from "../engine/types.ts";

/** Whether the member numbered `n` on the sheet came, by what the coordinator gave. */
export function isPresent(present: Present, n: number): boolean {
  if (present === "all") return true;
  return Array.isArray(present) ? present.includes(n) : !present.except.includes(n);
}

/** The numbers given that no member of a sheet of `count` has. */
export function notOnSheet(present: Present, count: number): number[] {
  const given = present === "all" ? [] : Array.isArray(present) ? present : present.except;
  return [...new Set(given)].filter((n) => n < 1 || n > count).sort((a, b) => a - b);
}


/** The active members of a session's cohort (read from the session unless given), in a stable order: the numbers of the attendance sheet. */
export async function sessionMembers(tx: Tx, sessionId: string, cohortId?: string) {
  cohortId ??= (await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId } })).cohortId;
  return tx.person.findMany({
    where: { erasedAt: null, memberships: { some: { cohortId, role: "member", status: "active" } } },
    orderBy: [{ firstName: "asc" }, { id: "asc" }],
    include: { rsvps: { where: { sessionId } }, identities: { where: { unreachableAt: null } } },
  });
}
