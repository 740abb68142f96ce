import type { ChannelName } from "../../core/inbound.ts";
import { Prisma, type Person } from "../../db/generated/client.ts";
import { threadCode } from "../../engine/flows/relay.ts";
import { UNDO_WINDOW_MS } from "../../engine/flows/undo.ts";
import { THREAD_OPEN_MS, threadOfReply } from "../../relay/threads.ts";
import type { ApplicationSummary, EngineContext } from "../../engine/types.ts";
import { NAME_FIELDS, personName } from "../../core/person-name.ts";
import { readTitles } from "../../core/titles.ts";
import type { Tx } from "../../db/tx.ts";
import { monthsOf } from "../../alumni/plan.ts";
import { coordinatedCohortIds } from "../../sales/totals.ts";


export interface BaseRow {
  hasConsent: boolean;
  application: { id: string; status: string; answers: Record<string, string> | null } | null;
  /** The entries "undo" can still remove (recorded in its window), the latest first; null when none. */
  recentTransactions: (Omit<NonNullable<EngineContext["lastTransaction"]>, "recordedAt"> & { recordedAt: string })[] | null;
  sessions: { id: string; title: string; titles: unknown; startsAt: string; location: string | null; timezone: string }[] | null;
  relayOpen: boolean;
}

/** How far back the team's session list goes: attendance is taken during or after a session, up to a week later. */
export const ATTENDANCE_DAYS = 7;
/** How many recent entries "undo" can choose among ("annule la vente de bissap"). */
const RECENT_ENTRIES = 5;

/**
 * What every turn needs, for many people in one statement: consent, last application, the entries
 * still within undo's window, the next sessions of their cohorts (for members, alumni and staff), and whether a thread with
 * a coordinator is open. By person id.
 */
export async function loadBases(tx: Tx, people: readonly Person[], now: Date): Promise<Map<string, BaseRow>> {
  if (people.length === 0) return new Map();
  const values = people.map((p) => Prisma.sql`(${p.id}, ${p.stage === "member" || p.stage === "alumni" || p.role !== "participant"}::boolean, ${p.role !== "participant"}::boolean)`);
  // The team also sees the sessions of the last week, whose attendance is taken once they have started.
  const attendanceSince = new Date(now.getTime() - ATTENDANCE_DAYS * 24 * 3600_000);
  const rows = await tx.$queryRaw<(BaseRow & { personId: string })[]>`
    SELECT v.pid AS "personId",
      EXISTS (SELECT 1 FROM "Consent" WHERE "personId" = v.pid AND "kind" = 'data_processing' AND "withdrawnAt" IS NULL) AS "hasConsent",
      (SELECT json_build_object('id', a."id", 'status', a."status", 'answers', CASE WHEN a."status" = 'draft' THEN
          (SELECT coalesce(json_object_agg(e."questionKey", e."value"), '{}'::json) FROM "EnrolmentAnswer" e WHERE e."applicationId" = a."id") END) FROM "Application" a
        WHERE a."personId" = v.pid ORDER BY a."createdAt" DESC LIMIT 1) AS "application",
      (SELECT json_agg(x ORDER BY x."recordedAt" DESC) FROM (
        SELECT t."id", t."kind", t."item", t."quantity", t."unitPriceCents", t."amountCents", t."currency", t."occurredOn", t."recordedAt"
        FROM "Transaction" t WHERE t."personId" = v.pid AND t."undoneAt" IS NULL AND t."recordedAt" >= ${new Date(now.getTime() - UNDO_WINDOW_MS)}
        ORDER BY t."recordedAt" DESC LIMIT ${RECENT_ENTRIES}) x) AS "recentTransactions",
      CASE WHEN v.sessions THEN (
        SELECT coalesce(json_agg(x ORDER BY x."startsAt"), '[]'::json) FROM (
          SELECT s."id", s."title", s."titles", s."startsAt", s."location", c."timezone" FROM "TrainingSession" s JOIN "Cohort" c ON c."id" = s."cohortId"
          WHERE s."status" = 'scheduled' AND s."startsAt" > CASE WHEN v.team THEN ${attendanceSince}::timestamptz ELSE ${now}::timestamptz END
            AND EXISTS (SELECT 1 FROM "Membership" m WHERE m."cohortId" = s."cohortId" AND m."personId" = v.pid AND m."status" = 'active')
          ORDER BY s."startsAt" LIMIT CASE WHEN v.team THEN 8 ELSE 5 END) x)
      END AS "sessions",
      EXISTS (SELECT 1 FROM "RelayThread" r WHERE r."personId" = v.pid AND r."closedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "RelayMessage" rm WHERE rm."threadId" = r."id" AND rm."createdAt" >= ${new Date(now.getTime() - THREAD_OPEN_MS)})) AS "relayOpen"
    FROM (VALUES ${Prisma.join(values)}) v(pid, sessions, team)`;
  return new Map(rows.map(({ personId, ...base }) => [personId, base]));
}

/** Loads what the engine needs to decide this turn: consent, application, the next sessions, a check-in, a thread replied to. */
export async function loadContext(
  tx: Tx,
  person: Person,
  now: Date,
  replyTo?: { channel: ChannelName; externalId: string; platformId: string },
  /** What `loadBases` read for this person with the others of a batch, when nothing has changed since. */
  loaded?: BaseRow,
): Promise<EngineContext> {
  const base = loaded ?? (await loadBases(tx, [person], now)).get(person.id)!;
  const recentTransactions = (base.recentTransactions ?? []).map((t) => ({ ...t, occurredOn: String(t.occurredOn).slice(0, 10), recordedAt: new Date(t.recordedAt).toISOString() }));
  const context: EngineContext = { hasConsent: base.hasConsent, application: base.application as EngineContext["application"], lastTransaction: recentTransactions[0] ?? null, recentTransactions };
  if (base.sessions) {
    context.nextSessions = base.sessions.map((s) => ({ ...s, titles: readTitles(s.titles), startsAt: new Date(s.startsAt).toISOString() }));
  }
  if (person.stage === "alumni") {
    const checkIn = await tx.checkIn.findFirst({
      where: { personId: person.id, sentAt: { not: null, gte: new Date(now.getTime() - 30 * 86_400_000) } },
      orderBy: { sentAt: "desc" },
    });
    if (checkIn) {
      const roadmap = await tx.roadmap.findUnique({ where: { personId_cohortId: { personId: person.id, cohortId: checkIn.cohortId } } });
      const steps = ((roadmap?.nextSteps ?? []) as { key: string; text: string }[]).slice(0, 10);
      context.checkIn = { id: checkIn.id, months: monthsOf(checkIn.offset), steps };
    } else context.checkIn = null;
  }
  if (person.role === "participant") {
    context.relayOpen = base.relayOpen;
    return context;
  }
  context.replyTarget = replyTo ? await threadOfReply(tx, replyTo, replyTo.platformId) : null;
  // The coordinators' lists are loaded only when a flow reads them (engine/workload.ts, loadWorkload).
  context.workloadLoaded = false;
  return context;
}

/**
 * The coordinators' lists (members whose roadmaps they write, open threads, applications waiting,
 * open cohorts, those among them where they add sessions), added to the context when the engine asked for them.
 */
export async function loadWorkload(tx: Tx, person: Person, now: Date, context: EngineContext): Promise<void> {
  const roadmapMembers = await tx.person.findMany({
    where: {
      erasedAt: null,
      memberships: { some: { role: "member", cohort: person.role === "admin" ? {} : { memberships: { some: { personId: person.id, role: "coordinator" } } } } },
    },
    orderBy: { firstName: "asc" },
    take: 30,
    select: { id: true, ...NAME_FIELDS },
  });
  context.roadmapMembers = roadmapMembers.map((m) => ({ id: m.id, name: personName(m) }));
  // Only the threads she hears from (relay/threads.ts): her cohorts' members, and people in no cohort (applicants); an admin all.
  const hers = { memberships: { some: { role: "member" as const, cohort: { memberships: { some: { personId: person.id, role: "coordinator" as const } } } } } };
  const theirs = person.role === "admin" ? {} : { person: { OR: [hers, { memberships: { none: { role: "member" as const } } }] } };
  const threads = await tx.relayThread.findMany({
    where: { closedAt: null, messages: { some: { createdAt: { gte: new Date(now.getTime() - 14 * 86_400_000) } } }, ...theirs },
    orderBy: { openedAt: "desc" },
    take: 100,
    include: { person: { select: { ...NAME_FIELDS, optedOutAt: true } } },
  });
  context.openThreads = threads.map((t) => ({ id: t.id, code: threadCode(t.id), name: personName(t.person), stopped: t.person.optedOutAt !== null }));
  // One after the other: a transaction's connection runs one statement at a time.
  const pending = await tx.application.findMany({
    where: { status: "submitted" },
    orderBy: { submittedAt: "asc" },
    take: 50,
    include: { answers: true, person: { select: { ...NAME_FIELDS, locale: true } } },
  });
  const open = { endsOn: { gte: new Date(now.toISOString().slice(0, 10)) } };
  const cohorts = await tx.cohort.findMany({ where: open, orderBy: { startsOn: "asc" }, take: 10 });
  // Where this person adds sessions: the open cohorts she coordinates (an admin: every one), as the console's scope.
  const coordinated = await coordinatedCohortIds(tx, person);
  const ownCohorts = await tx.cohort.findMany({ where: { ...open, id: { in: coordinated } }, orderBy: { startsOn: "asc" }, take: 10 });
  context.pendingApplications = pending.map(
    (a): ApplicationSummary => ({
      id: a.id,
      personId: a.personId,
      name: personName(a.person),
      locale: a.person.locale ?? "?",
      submittedAt: a.submittedAt?.toISOString() ?? "",
      answers: Object.fromEntries(a.answers.map((x) => [x.questionKey, x.value])),
    }),
  );
  context.cohorts = cohorts.map((c) => ({ id: c.id, name: c.name }));
  context.ownCohorts = ownCohorts.map((c) => ({ id: c.id, name: c.name }));
  context.workloadLoaded = true;
}
