import type { ChannelName } from "../core/inbound.ts";
import type { Person, Prisma } from "../db/generated/client.ts";
import { threadCode } from "../engine/flows/relay.ts";
import { openThreadOf, threadOfReply } from "./relay.ts";
import type { ApplicationSummary, EngineContext } from "../engine/types.ts";

type Tx = Prisma.TransactionClient;

/** Loads what the engine needs to decide this turn: consent, application, and, for coordinators, their work. */
export async function loadContext(tx: Tx, person: Person, now: Date, replyTo?: { channel: ChannelName; externalId: string; platformId: string }): Promise<EngineContext> {
  const [consent, application, last] = await Promise.all([
    tx.consent.findFirst({ where: { personId: person.id, withdrawnAt: null }, select: { id: true } }),
    tx.application.findFirst({ where: { personId: person.id }, orderBy: { createdAt: "desc" }, select: { id: true, status: true } }),
    tx.transaction.findFirst({ where: { personId: person.id, undoneAt: null }, orderBy: { recordedAt: "desc" } }),
  ]);
  const lastTransaction = last
    ? { ...last, occurredOn: last.occurredOn.toISOString().slice(0, 10), recordedAt: last.recordedAt.toISOString() }
    : null;
  const context: EngineContext = { hasConsent: consent !== null, application, lastTransaction };
  if (person.stage === "member" || person.stage === "alumni" || person.role !== "participant") {
    const sessions = await tx.trainingSession.findMany({
      where: { status: "scheduled", startsAt: { gt: now }, cohort: { memberships: { some: { personId: person.id, status: "active" } } } },
      orderBy: { startsAt: "asc" },
      take: 5,
      include: { cohort: { select: { timezone: true } } },
    });
    context.nextSessions = sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.startsAt.toISOString(), location: s.location, timezone: s.cohort.timezone }));
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
    context.relayOpen = (await openThreadOf(tx, person.id, now)) !== null;
    return context;
  }
  context.replyTarget = replyTo ? await threadOfReply(tx, replyTo, replyTo.platformId) : null;
  const roadmapMembers = await tx.person.findMany({
    where: {
      erasedAt: null,
      memberships: { some: { role: "member", cohort: person.role === "admin" ? {} : { memberships: { some: { personId: person.id, role: "coordinator" } } } } },
    },
    orderBy: { firstName: "asc" },
    take: 30,
    select: { id: true, firstName: true },
  });
  context.roadmapMembers = roadmapMembers.map((m) => ({ id: m.id, name: m.firstName ?? "?" }));
  const threads = await tx.relayThread.findMany({
    where: { closedAt: null, messages: { some: { createdAt: { gte: new Date(now.getTime() - 14 * 86_400_000) } } } },
    orderBy: { openedAt: "desc" },
    take: 100,
    include: { person: { select: { firstName: true } } },
  });
  context.openThreads = threads.map((t) => ({ id: t.id, code: threadCode(t.id), name: t.person.firstName ?? "?" }));
  const [pending, cohorts] = await Promise.all([
    tx.application.findMany({
      where: { status: "submitted" },
      orderBy: { submittedAt: "asc" },
      take: 50,
      include: { answers: true, person: { select: { firstName: true, locale: true } } },
    }),
    tx.cohort.findMany({ where: { endsOn: { gte: new Date(now.toISOString().slice(0, 10)) } }, orderBy: { startsOn: "asc" }, take: 10 }),
  ]);
  context.pendingApplications = pending.map(
    (a): ApplicationSummary => ({
      id: a.id,
      name: a.person.firstName ?? "?",
      locale: a.person.locale ?? "?",
      submittedAt: a.submittedAt?.toISOString() ?? "",
      answers: Object.fromEntries(a.answers.map((x) => [x.questionKey, x.value])),
    }),
  );
  context.cohorts = cohorts.map((c) => ({ id: c.id, name: c.name }));
  return context;
}

/** "P6M" → 6, "P1Y" → 12: how a check-in names its distance from the end of the cohort. */
export function monthsOf(offset: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?/.exec(offset);
  return m ? Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) : 0;
}
