import type { Db, Loaded } from "./load.ts";
import { ratio, type PersonRow } from "./model.ts";
import { outcomeOf } from "./outcomes.ts";

/** The per-person table: members of the cohorts in scope, erased people left out. */
export async function personRows(db: Db, data: Loaded): Promise<PersonRow[]> {
  const ids = [...new Set(data.cohorts.flatMap((c) => c.memberships.map((m) => m.personId)))];
  const named = await db.person.findMany({ where: { id: { in: ids }, erasedAt: null, firstName: { not: null } }, select: { id: true, firstName: true } });
  const nameOf = new Map(named.map((p) => [p.id, p.firstName!]));
  const rows: PersonRow[] = [];
  for (const c of data.cohorts) {
    const attendances = c.sessions.filter((s) => s.status !== "cancelled").flatMap((s) => s.attendances);
    const cohortRows: PersonRow[] = [];
    for (const m of c.memberships) {
      const firstName = nameOf.get(m.personId);
      if (firstName === undefined) continue;
      const mine = attendances.filter((a) => a.personId === m.personId);
      const last = data.checkIns
        .filter((k) => k.cohortId === c.id && k.personId === m.personId && k.answeredAt !== null)
        .sort((a, b) => b.answeredAt!.getTime() - a.answeredAt!.getTime())[0];
      cohortRows.push({
        firstName,
        cohortKey: c.key,
        cohortName: c.name,
        membershipStatus: m.status,
        salesCents: data.transactions
          .filter((t) => t.kind === "sale" && t.cohortId === c.id && t.personId === m.personId)
          .reduce((sum, t) => sum + t.amountCents, 0),
        attendance: ratio(mine.filter((a) => a.present).length, mine.length),
        lastOutcome: last ? { offset: last.offset, status: outcomeOf(last.activityStatus) } : null,
      });
    }
    rows.push(...cohortRows.sort((a, b) => a.firstName.localeCompare(b.firstName, "fr")));
  }
  return rows;
}
