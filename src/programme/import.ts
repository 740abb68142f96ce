import { DateTime } from "luxon";
import { Prisma, type PrismaClient } from "../db/generated/client.ts";
import { planForecasts } from "../sessions/forecast.ts";
import { planCohortEnds } from "../alumni/plan.ts";
import { programmeSchema, type CohortInput, type MemberInput } from "./schema.ts";
import { readTitles, splitTitles } from "../core/titles.ts";
import type { Tx } from "../db/tx.ts";


export interface ImportSummary {
  cohorts: { created: number; updated: number; unchanged: number };
  sessions: { created: number; updated: number; unchanged: number };
  members: { added: number; unchanged: number };
  coordinators: { added: number; unchanged: number };
  /** Ids of sessions created or moved: their reminders need (re)planning. */
  changedSessionIds: string[];
  /** Every cohort of the file: members and offsets may have changed, so their reminders are re-planned. */
  cohortIds: string[];
  /** Each cohort's end and each session's attendance forecast as scheduled fires, to arm (src/alumni/, src/sessions/). */
  cohortEndFires: { id: string; dueAt: Date }[];
}

/**
 * Creates or updates a programme, idempotently by key: the same file twice changes nothing,
 * a changed file applies the changes (a moved session gets a new version).
 * Throws a ZodError naming the field when the file is not valid.
 */
export async function importProgramme(prisma: PrismaClient, input: unknown): Promise<ImportSummary> {
  const programme = programmeSchema.parse(input);
  const summary: ImportSummary = {
    cohorts: { created: 0, updated: 0, unchanged: 0 },
    sessions: { created: 0, updated: 0, unchanged: 0 },
    members: { added: 0, unchanged: 0 },
    coordinators: { added: 0, unchanged: 0 },
    changedSessionIds: [],
    cohortIds: [],
    cohortEndFires: [],
  };
  await prisma.$transaction(
    async (tx) => {
      for (const cohort of programme.cohorts) await importCohort(tx, cohort, summary);
      summary.cohortEndFires = await planCohortEnds(tx, summary.cohortIds);
      const sessions = await tx.trainingSession.findMany({ where: { cohortId: { in: summary.cohortIds } }, select: { id: true } });
      summary.cohortEndFires.push(...(await planForecasts(tx, sessions.map((s) => s.id), new Date())));
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return summary;
}

async function importCohort(tx: Tx, input: CohortInput, summary: ImportSummary): Promise<void> {
  const data = {
    name: input.name,
    timezone: input.timezone,
    startsOn: new Date(`${input.startsOn}T00:00:00Z`),
    endsOn: new Date(`${input.endsOn}T00:00:00Z`),
    reminderOffsets: input.reminderOffsets,
    ...(input.checkInOffsets ? { checkInOffsets: input.checkInOffsets } : {}),
  };
  const existing = await tx.cohort.findUnique({ where: { key: input.key } });
  let cohortId: string;
  if (!existing) {
    cohortId = (await tx.cohort.create({ data: { key: input.key, ...data } })).id;
    summary.cohorts.created++;
  } else {
    cohortId = existing.id;
    const same =
      existing.name === data.name &&
      existing.timezone === data.timezone &&
      existing.startsOn.getTime() === data.startsOn.getTime() &&
      existing.endsOn.getTime() === data.endsOn.getTime() &&
      existing.reminderOffsets.join() === data.reminderOffsets.join() &&
      (!input.checkInOffsets || existing.checkInOffsets.join() === input.checkInOffsets.join());
    if (same) summary.cohorts.unchanged++;
    else {
      await tx.cohort.update({ where: { id: cohortId }, data });
      summary.cohorts.updated++;
    }
  }
  summary.cohortIds.push(cohortId);
  for (const s of input.sessions) await importSession(tx, cohortId, input.timezone, s, summary);
  for (const m of input.members) {
    const added = await ensureMember(tx, cohortId, m, "member");
    summary.members[added ? "added" : "unchanged"]++;
  }
  for (const c of input.coordinators) {
    const added = await ensureMember(tx, cohortId, c, "coordinator");
    summary.coordinators[added ? "added" : "unchanged"]++;
  }
}

async function importSession(tx: Tx, cohortId: string, zone: string, input: CohortInput["sessions"][number], summary: ImportSummary): Promise<void> {
  const startsAt = localInstant(input.startsAt, zone);
  const endsAt = localInstant(input.endsAt, zone);
  if (endsAt <= startsAt) throw new Error(`session ${input.key}: endsAt must be after startsAt`);
  const existing = await tx.trainingSession.findUnique({ where: { cohortId_key: { cohortId, key: input.key } } });
  const { title, titles } = splitTitles(input.title);
  const data = { title, titles: titles ?? Prisma.DbNull, startsAt, endsAt, location: input.location ?? null };
  if (!existing) {
    const created = await tx.trainingSession.create({ data: { cohortId, key: input.key, ...data } });
    summary.sessions.created++;
    summary.changedSessionIds.push(created.id);
    return;
  }
  const moved = existing.startsAt.getTime() !== startsAt.getTime() || existing.endsAt.getTime() !== endsAt.getTime();
  const same = !moved && existing.title === data.title && JSON.stringify(readTitles(existing.titles)) === JSON.stringify(titles ?? {}) && existing.location === data.location && existing.status === "scheduled";
  if (same) {
    summary.sessions.unchanged++;
    return;
  }
  await tx.trainingSession.update({
    where: { id: existing.id },
    data: { ...data, status: "scheduled", ...(moved || existing.status !== "scheduled" ? { version: { increment: 1 } } : {}) },
  });
  summary.sessions.updated++;
  summary.changedSessionIds.push(existing.id);
}

/** "2026-12-01T09:30" is read in the cohort's zone; a string with its own offset keeps it. */
export function localInstant(value: string, zone: string): Date {
  return DateTime.fromISO(value, { zone, setZone: false }).toJSDate();
}

/** Makes sure the person exists with this address and belongs to the cohort; true when something was added. */
async function ensureMember(tx: Tx, cohortId: string, m: MemberInput, role: "member" | "coordinator"): Promise<boolean> {
  const identity = await tx.identity.findUnique({ where: { channel_externalId: { channel: m.channel, externalId: m.externalId } } });
  let personId = identity?.personId;
  let added = false;
  if (!personId) {
    const person = await tx.person.create({
      data: {
        firstName: m.name ?? null,
        locale: m.locale ?? null,
        localeConfirmed: m.locale !== undefined,
        role: role === "coordinator" ? "coordinator" : "participant",
        stage: role === "member" ? "member" : "newcomer",
        identities: { create: { channel: m.channel, externalId: m.externalId, displayName: m.name ?? null } },
      },
    });
    personId = person.id;
    added = true;
  } else if (role === "coordinator") {
    const person = await tx.person.findUniqueOrThrow({ where: { id: personId } });
    if (person.role === "participant") {
      await tx.person.update({ where: { id: personId }, data: { role: "coordinator" } });
      added = true;
    }
  }
  const membership = await tx.membership.findUnique({ where: { cohortId_personId: { cohortId, personId } } });
  if (!membership) {
    await tx.membership.create({ data: { cohortId, personId, role } });
    if (role === "member") await tx.person.update({ where: { id: personId }, data: { stage: "member" } });
    return true;
  }
  return added;
}
