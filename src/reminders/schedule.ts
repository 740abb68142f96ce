import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { diffFires, type ExistingFire } from "./diff.ts";
import { paceAround } from "./pace.ts";
import { REMINDER_KIND, reminderSlots } from "./plan.ts";
import type { FireChanges } from "../fires/changes.ts";
import type { TimedFire } from "../fires/types.ts";

/**
 * What the sync reads and writes: the client, or a transaction's (to re-plan inside the transaction
 * that changed a membership or an opt-in, e.g. in app/effects.ts).
 */
export type ReminderDb = Pick<PrismaClient, "trainingSession" | "cohort" | "scheduledFire" | "$queryRaw">;

/** Sessions per round trip: keeps the `IN (…)` lists and the plans of one batch small. */
const SESSION_BATCH = 200;
/** Rows per INSERT (each column goes as one array parameter). */
const INSERT_BATCH = 5000;

/**
 * Makes the reminder rows of these sessions match their plan: a row per (session, active member,
 * offset), upserted by dedupe key; moved ones get the new time and version; the ones no longer
 * planned are cancelled (see `diffFires` for every rule). Safe to run any number of times and
 * alongside the workers: every write is guarded by the row's status, so a fire sent meanwhile stays sent.
 *
 * The database changes here; the timer does not. Hand the result to `applyFireChanges`
 * (the reconciler would also catch up, within its period).
 *
 * @example
 * const summary = await importProgramme(prisma, file);
 * await applyFireChanges(timer, await syncSessionReminders(prisma, summary.changedSessionIds, new Date()));
 */
export async function syncSessionReminders(prisma: ReminderDb, sessionIds: readonly string[], now: Date): Promise<FireChanges> {
  return syncScope(prisma, [...new Set(sessionIds)], undefined, now);
}

/**
 * Re-plans one person's reminders: after they join a cohort, leave it, opt out, opt in or are erased.
 * Looks at the sessions still ahead in their cohorts, and at any session they still have a live fire for.
 */
export async function syncPersonReminders(prisma: ReminderDb, personId: string, now: Date): Promise<FireChanges> {
  // One after the other: inside a transaction, its connection runs one statement at a time.
  const sessions = await prisma.trainingSession.findMany({ where: { startsAt: { gt: now }, cohort: { memberships: { some: { personId } } } }, select: { id: true } });
  const live = await prisma.scheduledFire.findMany({
    where: { personId, kind: REMINDER_KIND, status: { in: ["pending", "claimed", "cancelled"] }, sessionId: { not: null } },
    select: { sessionId: true },
    distinct: ["sessionId"],
  });
  const ids = new Set([...sessions.map((s) => s.id), ...live.map((f) => f.sessionId!)]);
  return syncScope(prisma, [...ids], personId, now);
}

/**
 * Re-plans every session of these cohorts that is still ahead or still has live fires: after an import
 * that changed reminder offsets or added members (`changedSessionIds` covers only created and moved sessions).
 */
export async function syncCohortReminders(prisma: ReminderDb, cohortIds: readonly string[], now: Date): Promise<FireChanges> {
  if (cohortIds.length === 0) return { schedule: [], unschedule: [] };
  const sessions = await prisma.trainingSession.findMany({
    where: {
      cohortId: { in: [...cohortIds] },
      OR: [{ startsAt: { gt: now } }, { fires: { some: { kind: REMINDER_KIND, status: { in: ["pending", "claimed"] } } } }],
    },
    select: { id: true },
  });
  return syncScope(prisma, sessions.map((s) => s.id), undefined, now);
}

async function syncScope(prisma: ReminderDb, sessionIds: string[], personId: string | undefined, now: Date): Promise<FireChanges> {
  const changes: FireChanges = { schedule: [], unschedule: [] };
  const vacated: number[] = [];
  for (let i = 0; i < sessionIds.length; i += SESSION_BATCH) {
    const batch = await syncBatch(prisma, sessionIds.slice(i, i + SESSION_BATCH), personId, now);
    changes.schedule.push(...batch.schedule);
    changes.unschedule.push(...batch.unschedule);
    vacated.push(...batch.vacated);
  }
  // Reminders crowding the same minutes start going earlier, and those left by a moved or cancelled
  // reminder may go later again: the timer arms each at its time to go.
  const times = [...changes.schedule.map((f) => f.dueAt.getTime()), ...vacated];
  if (times.length === 0) return changes;
  const paced = await paceAround(prisma, times);
  const byId = new Map(changes.schedule.map((f) => [f.id, f]));
  for (const f of paced) byId.set(f.id, { ...byId.get(f.id), ...f });
  return { schedule: [...byId.values()], unschedule: changes.unschedule };
}

/** A batch's changes, and the times its moved or cancelled reminders leave free (to pace their neighbours again). */
async function syncBatch(prisma: ReminderDb, sessionIds: string[], personId: string | undefined, now: Date): Promise<FireChanges & { vacated: number[] }> {
  const sessions = await prisma.trainingSession.findMany({
    where: { id: { in: sessionIds } },
    select: { id: true, cohortId: true, startsAt: true, status: true, version: true },
  });
  const cohorts = await prisma.cohort.findMany({
    where: { id: { in: [...new Set(sessions.map((s) => s.cohortId))] } },
    select: {
      id: true,
      timezone: true,
      reminderOffsets: true,
      memberships: {
        where: { status: "active", role: "member", person: { optedOutAt: null, erasedAt: null }, ...(personId ? { personId } : {}) },
        select: { personId: true },
      },
    },
  });
  const existing: ExistingFire[] = await prisma.scheduledFire.findMany({
    where: { sessionId: { in: sessionIds }, kind: REMINDER_KIND, ...(personId ? { personId } : {}) },
    select: { id: true, dedupeKey: true, dueAt: true, version: true, status: true },
  });
  const cohortById = new Map(cohorts.map((c) => [c.id, c]));
  const cohortOf = new Map<string, string>();
  const slots = sessions.flatMap((s) => {
    const cohort = cohortById.get(s.cohortId);
    if (!cohort) return [];
    cohortOf.set(s.id, cohort.id);
    return reminderSlots(s, cohort, cohort.memberships.map((m) => m.personId));
  });
  const diff = diffFires(slots, existing, now);

  const created: TimedFire[] = [];
  for (let i = 0; i < diff.create.length; i += INSERT_BATCH) {
    const rows = diff.create.slice(i, i + INSERT_BATCH);
    // A sync running alongside may have made some: ON CONFLICT skips them, and that sync arms them.
    const inserted = await prisma.$queryRaw<Array<{ id: string; dueAt: Date }>>`
      INSERT INTO "ScheduledFire" ("id", "kind", "dedupeKey", "personId", "sessionId", "cohortId", "dueAt", "version", "payload", "status", "createdAt", "updatedAt")
      SELECT u."id", ${REMINDER_KIND}, u."dedupeKey", u."personId", u."sessionId", u."cohortId", u."dueAt", u."version",
             jsonb_build_object('offset', u."offset"), 'pending', now(), now()
      FROM unnest(${rows.map(() => randomUUID())}::text[], ${rows.map((f) => f.dedupeKey)}::text[], ${rows.map((f) => f.personId)}::text[],
                  ${rows.map((f) => f.sessionId)}::text[], ${rows.map((f) => cohortOf.get(f.sessionId) ?? null)}::text[],
                  ${rows.map((f) => f.dueAt.toISOString())}::timestamptz[], ${rows.map((f) => f.version)}::int[], ${rows.map((f) => f.offset)}::text[])
        AS u("id", "dedupeKey", "personId", "sessionId", "cohortId", "dueAt", "version", "offset")
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id", "dueAt"`;
    created.push(...inserted.map((f) => ({ ...f, fresh: true as const })));
  }
  const moved = diff.update.length
    ? await prisma.$queryRaw<TimedFire[]>`
        UPDATE "ScheduledFire" AS f
        SET "dueAt" = u."dueAt", "sendFrom" = NULL, "version" = u."version", "status" = 'pending', "claimedAt" = NULL, "doneAt" = NULL, "updatedAt" = now()
        FROM unnest(${diff.update.map((u) => u.id)}::text[], ${diff.update.map((u) => u.dueAt.toISOString())}::timestamptz[],
                    ${diff.update.map((u) => u.version)}::int[]) AS u("id", "dueAt", "version")
        WHERE f."id" = u."id" AND f."status" <> 'sent'
        RETURNING f."id", f."dueAt"`
    : [];
  const cancelled = diff.cancel.length
    ? await prisma.$queryRaw<Array<{ id: string }>>`
        UPDATE "ScheduledFire"
        SET "status" = 'cancelled', "claimedAt" = NULL, "doneAt" = ${now}, "updatedAt" = now()
        WHERE "id" = ANY(${diff.cancel}::text[]) AND "status" IN ('pending', 'claimed')
        RETURNING "id"`
    : [];
  const left = new Set([...diff.update.map((u) => u.id), ...diff.cancel]);
  const vacated = existing.filter((f) => left.has(f.id) && f.dueAt.getTime() > now.getTime()).map((f) => f.dueAt.getTime());
  return { schedule: [...created, ...moved], unschedule: cancelled.map((c) => c.id), vacated };
}
