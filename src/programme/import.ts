import { DateTime } from "luxon";
import { Prisma, type PrismaClient } from "../db/generated/client.ts";
import { planForecasts } from "../sessions/forecast.ts";
import { planCohortEnds } from "../alumni/plan.ts";
import { programmeSchema, type CohortInput, type MemberInput } from "./schema.ts";
import { readTitles, splitTitles } from "../core/titles.ts";
import type { Tx } from "../db/tx.ts";
import { AppError } from "../core/errors.ts";
import { syncCohortReminders } from "../reminders/schedule.ts";
import type { FireChanges } from "../fires/changes.ts";


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

/**
 * What the timer must do after an import, the same for every caller (admin command, console): the
 * reminders of the file's cohorts re-planned (new sessions and members, moved sessions, changed offsets),
 * plus each cohort's end and each session's forecast.
 */
export async function plannedAfterImport(prisma: PrismaClient, summary: ImportSummary, now: Date): Promise<FireChanges> {
  const changes = await syncCohortReminders(prisma, summary.cohortIds, now);
  changes.schedule.push(...summary.cohortEndFires);
  return changes;
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
  await importSessions(tx, cohortId, input.timezone, input.sessions, summary);
  await ensureMembers(tx, cohortId, input, summary);
}

/**
 * The cohort's sessions: read in one query, then only what is new or changed is written. A moved
 * session gets a new version (its reminders and forecast follow); a session back from cancelled too.
 */
async function importSessions(tx: Tx, cohortId: string, zone: string, inputs: CohortInput["sessions"], summary: ImportSummary): Promise<void> {
  const existingByKey = new Map((await tx.trainingSession.findMany({ where: { cohortId, key: { in: inputs.map((s) => s.key) } } })).map((s) => [s.key, s]));
  for (const input of inputs) {
    const startsAt = localInstant(input.startsAt, zone);
    const endsAt = localInstant(input.endsAt, zone);
    if (endsAt <= startsAt) throw new AppError("programme.session_ends_before_start", `session ${input.key}: endsAt must be after startsAt`, { session: input.key });
    const existing = existingByKey.get(input.key);
    const { title, titles } = splitTitles(input.title);
    const data = { title, titles: titles ?? Prisma.DbNull, startsAt, endsAt, location: input.location ?? null };
    if (!existing) {
      const created = await tx.trainingSession.create({ data: { cohortId, key: input.key, ...data }, select: { id: true } });
      summary.sessions.created++;
      summary.changedSessionIds.push(created.id);
      continue;
    }
    const moved = existing.startsAt.getTime() !== startsAt.getTime() || existing.endsAt.getTime() !== endsAt.getTime();
    const same = !moved && existing.title === data.title && JSON.stringify(readTitles(existing.titles)) === JSON.stringify(titles ?? {}) && existing.location === data.location && existing.status === "scheduled";
    if (same) {
      summary.sessions.unchanged++;
      continue;
    }
    await tx.trainingSession.update({
      where: { id: existing.id },
      data: { ...data, status: "scheduled", ...(moved || existing.status !== "scheduled" ? { version: { increment: 1 } } : {}) },
    });
    summary.sessions.updated++;
    summary.changedSessionIds.push(existing.id);
  }
}

/** "2026-12-01T09:30" is read in the cohort's zone; a string with its own offset keeps it. */
export function localInstant(value: string, zone: string): Date {
  return DateTime.fromISO(value, { zone, setZone: false }).toJSDate();
}

/**
 * Makes sure each person of the file exists with their address and belongs to the cohort, members then
 * coordinators (a person named in both ends up a coordinator, as when the lists were applied one after
 * the other). Addresses and memberships already there are read in two queries, whatever the file's size.
 */
async function ensureMembers(tx: Tx, cohortId: string, input: Pick<CohortInput, "members" | "coordinators">, summary: ImportSummary): Promise<void> {
  const everyone = [...input.members, ...input.coordinators];
  const keyOf = (m: { channel: string; externalId: string }) => `${m.channel}\u0000${m.externalId}`;
  const identities = everyone.length
    ? await tx.identity.findMany({
        where: { OR: everyone.map((m) => ({ channel: m.channel, externalId: m.externalId })) },
        select: { channel: true, externalId: true, personId: true, person: { select: { role: true } } },
      })
    : [];
  const known = new Map(identities.map((i) => [keyOf(i), { personId: i.personId, role: i.person.role }]));
  const personIds = [...new Set(identities.map((i) => i.personId))];
  const memberOf = new Set(
    personIds.length ? (await tx.membership.findMany({ where: { cohortId, personId: { in: personIds } }, select: { personId: true } })).map((m) => m.personId) : [],
  );
  for (const m of input.members) summary.members[(await ensureMember(tx, cohortId, m, "member", known, memberOf)) ? "added" : "unchanged"]++;
  for (const c of input.coordinators) summary.coordinators[(await ensureMember(tx, cohortId, c, "coordinator", known, memberOf)) ? "added" : "unchanged"]++;
}

/**
 * Makes sure one person exists with this address and belongs to the cohort; true when something was
 * added. `known` (address → person) and `memberOf` (people in the cohort) are kept up to date, so the
 * same address twice in a file is one person.
 */
async function ensureMember(
  tx: Tx,
  cohortId: string,
  m: MemberInput,
  role: "member" | "coordinator",
  known: Map<string, { personId: string; role: string }>,
  memberOf: Set<string>,
): Promise<boolean> {
  const key = `${m.channel}\u0000${m.externalId}`;
  const found = known.get(key);
  let personId = found?.personId;
  let added = false;
  if (!found) {
    const person = await tx.person.create({
      data: {
        firstName: m.name ?? null,
        locale: m.locale ?? null,
        localeConfirmed: m.locale !== undefined,
        role: role === "coordinator" ? "coordinator" : "participant",
        stage: role === "member" ? "member" : "newcomer",
        identities: { create: { channel: m.channel, externalId: m.externalId, displayName: m.name ?? null } },
      },
      select: { id: true, role: true },
    });
    personId = person.id;
    known.set(key, { personId, role: person.role });
    added = true;
  } else if (role === "coordinator" && found.role === "participant") {
    await tx.person.update({ where: { id: found.personId }, data: { role: "coordinator" } });
    found.role = "coordinator";
    added = true;
  }
  if (!memberOf.has(personId!)) {
    await tx.membership.create({ data: { cohortId, personId: personId!, role } });
    memberOf.add(personId!);
    if (role === "member") await tx.person.update({ where: { id: personId! }, data: { stage: "member" } });
    return true;
  }
  return added;
}
