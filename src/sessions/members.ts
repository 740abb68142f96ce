import type { Tx } from "../db/tx.ts";


/** The active members of a session's cohort (read from the session unless given), in a stable order: the numbers of the attendance sheet. */
export async function sessionMembers(tx: Tx, sessionId: string, cohortId?: string) {
  cohortId ??= (await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId } })).cohortId;
  return tx.person.findMany({
    where: { erasedAt: null, memberships: { some: { cohortId, role: "member", status: "active" } } },
    orderBy: [{ firstName: "asc" }, { id: "asc" }],
    include: { rsvps: { where: { sessionId } }, identities: { where: { unreachableAt: null } } },
  });
}
