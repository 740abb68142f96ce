import { stringify } from "csv-stringify/sync";
import type { PrismaClient, Prisma } from "../db/generated/client.ts";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "trainingSession">;

export const ATTENDANCE_CSV_COLUMNS = ["session", "date", "person", "answer", "present"] as const;

/**
 * Attendance of cohorts' sessions as CSV: one row per (session held or planned, member), with their
 * answer to the reminder and whether they came ("yes", "no", or empty when not recorded).
 */
export async function attendanceCsv(db: Db, cohortIds: string[]): Promise<{ csv: string; rows: number }> {
  const sessions = await db.trainingSession.findMany({
    where: { cohortId: { in: cohortIds }, status: "scheduled" },
    orderBy: { startsAt: "asc" },
    include: {
      rsvps: true,
      attendances: true,
      cohort: { include: { memberships: { where: { role: "member" }, include: { person: { select: { id: true, firstName: true, erasedAt: true } } } } } },
    },
  });
  const records: string[][] = [];
  for (const s of sessions) {
    for (const m of s.cohort.memberships) {
      const person = m.person;
      const present = s.attendances.find((a) => a.personId === person.id)?.present;
      records.push([
        s.title,
        s.startsAt.toISOString(),
        person.erasedAt ? `#${person.id.slice(0, 8)}` : (person.firstName ?? `#${person.id.slice(0, 8)}`),
        s.rsvps.find((r) => r.personId === person.id)?.answer ?? "",
        present === undefined ? "" : present ? "yes" : "no",
      ]);
    }
  }
  return { csv: stringify(records, { header: true, columns: [...ATTENDANCE_CSV_COLUMNS] }), rows: records.length };
}
