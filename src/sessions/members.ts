import type { Tx } from "../db/tx.ts";
import { normalise, wordsIn } from "../core/text.ts";
import type { Present } from "../engine/types.ts";

/** Whether a name typed at the sheet is this member's: a word of their name, as typed without accents. */
const names = (typed: string, member: string) => wordsIn(member).includes(normalise(typed));

/** Whether the member numbered `n` on the sheet (named `name`) came, by what the coordinator gave. */
export function isPresent(present: Present, n: number, name = ""): boolean {
  if (present === "all") return true;
  if (Array.isArray(present)) return present.includes(n);
  if ("names" in present) return present.names.some((w) => names(w, name)) !== present.except;
  return !present.except.includes(n);
}

/** The numbers, or the names, given that no member of the sheet has. */
export function notOnSheet(present: Present, members: readonly string[]): string[] {
  if (present !== "all" && !Array.isArray(present) && "names" in present) return present.names.filter((w) => !members.some((m) => names(w, m)));
  const given = present === "all" ? [] : Array.isArray(present) ? present : present.except;
  return [...new Set(given)].filter((n) => n < 1 || n > members.length).sort((a, b) => a - b).map(String);
}

/** Whether what was given names nobody on the sheet (names only, none of them a member's): then nothing is recorded. */
export function namesNobody(present: Present, members: readonly string[]): boolean {
  return present !== "all" && !Array.isArray(present) && "names" in present && notOnSheet(present, members).length === present.names.length;
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
