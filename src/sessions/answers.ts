/** The answers a session's members gave: the forecast sent to coordinators and the console's Today page read them here. */
export interface Tally<M> {
  /** Coming (late ones included). */
  yes: M[];
  /** Coming, but late (said in words): also in `yes`. */
  late: M[];
  maybe: M[];
  no: M[];
  /** No answer yet. */
  none: M[];
}

/** Who counts for a session: the cohort's active members, not erased. Spread into a Prisma `where` on Person. */
export function activeMembersOf(cohortId: string) {
  return { erasedAt: null, memberships: { some: { cohortId, role: "member", status: "active" } } } as const;
}

/** Sorts a session's members by their answer; an answer of someone no longer a member is left out. */
export function tallyAnswers<M extends { id: string }>(members: readonly M[], rsvps: readonly { personId: string; answer: string; late: boolean }[]): Tally<M> {
  const answer = new Map(rsvps.map((r) => [r.personId, r]));
  const tally: Tally<M> = { yes: [], late: [], maybe: [], no: [], none: [] };
  for (const m of members) {
    const r = answer.get(m.id);
    if (!r) tally.none.push(m);
    else if (r.answer === "yes") {
      tally.yes.push(m);
      if (r.late) tally.late.push(m);
    } else if (r.answer === "maybe") tally.maybe.push(m);
    else if (r.answer === "no") tally.no.push(m);
    else tally.none.push(m);
  }
  return tally;
}
