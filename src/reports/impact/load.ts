/**
 * Reads what the impact report needs from the database, in a handful of queries: the cohorts in scope
 * with their members, sessions, attendances and RSVPs, then the sales, check-ins, applications and
 * stages of the people concerned. Only ids, statuses, dates and amounts: no message or free text.
 */
import type { Cohort, PrismaClient } from "../../db/generated/client.ts";
import type { MembershipStatusName, Stage } from "./model.ts";

export type Db = Pick<PrismaClient, "cohort" | "transaction" | "checkIn" | "application" | "person">;

export class UnknownCohortError extends Error {
  constructor(readonly key: string) {
    super(`no cohort with key "${key}"`);
  }
}

export interface Loaded {
  cohorts: (Pick<Cohort, "id" | "key" | "name" | "timezone" | "startsOn" | "endsOn" | "endedAt"> & {
    memberships: { personId: string; status: MembershipStatusName }[];
    sessions: {
      status: string;
      startsAt: Date;
      attendances: { personId: string; present: boolean }[];
      rsvps: { personId: string; answer: string }[];
    }[];
  })[];
  transactions: { personId: string; cohortId: string | null; kind: string; amountCents: number; occurredOn: Date }[];
  checkIns: {
    personId: string;
    cohortId: string;
    offset: string;
    sentAt: Date | null;
    answeredAt: Date | null;
    activityStatus: string | null;
    needsHelp: boolean | null;
    stepAnswers: unknown;
  }[];
  applications: { personId: string; cohortId: string | null }[];
  /** Stage of every participant (programme) or of the people of the cohort (cohort filter). */
  stages: { id: string; stage: Stage }[];
}

export async function load(db: Db, cohortKey: string | undefined): Promise<Loaded> {
  const cohorts = await db.cohort.findMany({
    where: cohortKey === undefined ? {} : { key: cohortKey },
    orderBy: [{ startsOn: "asc" }, { key: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      timezone: true,
      startsOn: true,
      endsOn: true,
      endedAt: true,
      memberships: { where: { role: "member" }, select: { personId: true, status: true } },
      sessions: {
        select: {
          status: true,
          startsAt: true,
          attendances: { select: { personId: true, present: true } },
          rsvps: { select: { personId: true, answer: true } },
        },
      },
    },
  });
  if (cohortKey !== undefined && cohorts.length === 0) throw new UnknownCohortError(cohortKey);
  const cohortIds = cohorts.map((c) => c.id);
  const inScope = cohortKey === undefined ? {} : { cohortId: { in: cohortIds } };

  const [transactions, checkIns, applications] = await Promise.all([
    db.transaction.findMany({
      where: { undoneAt: null, ...inScope },
      select: { personId: true, cohortId: true, kind: true, amountCents: true, occurredOn: true },
    }),
    db.checkIn.findMany({
      where: inScope,
      select: { personId: true, cohortId: true, offset: true, sentAt: true, answeredAt: true, activityStatus: true, needsHelp: true, stepAnswers: true },
    }),
    db.application.findMany({
      where: { status: { in: ["submitted", "accepted", "declined"] }, ...inScope },
      select: { personId: true, cohortId: true },
    }),
  ]);

  const stages =
    cohortKey === undefined
      ? await db.person.findMany({ where: { role: "participant" }, select: { id: true, stage: true } })
      : await db.person.findMany({
          where: { id: { in: [...new Set([...cohorts.flatMap((c) => c.memberships.map((m) => m.personId)), ...applications.map((a) => a.personId)])] } },
          select: { id: true, stage: true },
        });
  return { cohorts, transactions, checkIns, applications, stages };
}
