import { randomUUID } from "node:crypto";
import { DateTime, Duration } from "luxon";
import type { Prisma } from "../db/generated/client.ts";
import { COHORT_END, FOLLOWUP_HOUR } from "./kinds.ts";

type Db = Pick<Prisma.TransactionClient, "scheduledFire" | "cohort">;

/**
 * When a cohort ends: its last day at FOLLOWUP_HOUR in its zone.
 * @example cohortEndAt("2027-06-11", "Europe/Paris") is 2027-06-11T09:00Z
 */
export function cohortEndAt(endsOn: Date, zone: string): Date {
  return DateTime.fromISO(endsOn.toISOString().slice(0, 10), { zone }).set({ hour: FOLLOWUP_HOUR }).toJSDate();
}

/** When a check-in goes out: the end of the cohort plus the offset ("P6M"), same local hour. */
export function checkInAt(endedAt: Date, offset: string, zone: string): Date | undefined {
  const duration = Duration.fromISO(offset);
  if (!duration.isValid) return undefined;
  return DateTime.fromJSDate(endedAt, { zone }).plus(duration).set({ hour: FOLLOWUP_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * A follow-up fire, once per `key`: created on the first call, left as it is after (a replayed
 * transaction plans nothing twice). Returns the row, as it stands, to arm when it is pending.
 */
export async function ensureFire(
  db: Pick<Prisma.TransactionClient, "scheduledFire">,
  f: { kind: string; key: string; dueAt: Date; personId?: string; cohortId?: string; payload?: Prisma.InputJsonValue },
) {
  return db.scheduledFire.upsert({
    where: { dedupeKey: f.key },
    create: { id: randomUUID(), kind: f.kind, dedupeKey: f.key, personId: f.personId, cohortId: f.cohortId, dueAt: f.dueAt, payload: f.payload },
    update: {},
  });
}

/**
 * Makes sure each cohort has its end as a scheduled fire (created, or moved when its dates changed);
 * returns the fires to arm: only those created or moved, as an unchanged pending fire is armed already
 * (so importing the same file twice reports nothing planned). A cohort already ended keeps its fire as it is.
 */
export async function planCohortEnds(db: Db, cohortIds: readonly string[]): Promise<{ id: string; dueAt: Date }[]> {
  const out: { id: string; dueAt: Date }[] = [];
  const cohorts = await db.cohort.findMany({ where: { id: { in: [...cohortIds] }, endedAt: null } });
  const keys = cohorts.map((c) => `${COHORT_END}:${c.id}`);
  const existing = new Map(
    keys.length ? (await db.scheduledFire.findMany({ where: { dedupeKey: { in: keys } }, select: { id: true, dedupeKey: true, status: true, dueAt: true } })).map((f) => [f.dedupeKey, f]) : [],
  );
  for (const cohort of cohorts) {
    const dueAt = cohortEndAt(cohort.endsOn, cohort.timezone);
    const key = `${COHORT_END}:${cohort.id}`;
    const fire = existing.get(key) ?? (await ensureFire(db, { kind: COHORT_END, key, cohortId: cohort.id, dueAt }));
    if (fire.status !== "pending") continue;
    const moved = fire.dueAt.getTime() !== dueAt.getTime();
    if (moved) await db.scheduledFire.update({ where: { id: fire.id }, data: { dueAt, version: { increment: 1 } } });
    if (moved || !existing.has(key)) out.push({ id: fire.id, dueAt });
  }
  return out;
}

/** "P6M" → 6, "P1Y" → 12: how a check-in names its distance from the end of the cohort. */
export function monthsOf(offset: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?/.exec(offset);
  return m ? Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) : 0;
}
