import { randomUUID } from "node:crypto";
import { applyEffects } from "../../../app/effects/apply.ts";
import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { AppDeps } from "../../../deps.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Effect } from "../../../engine/types.ts";
import { PostCommit } from "../../../outbox/post-commit.ts";
import { cohortsIn, applicationsIn, type Scope } from "../../scope.ts";

/** Decided applications stay listed (with the status filter) this many days. */
export const DECIDED_DAYS = 90;
const LIST = 100;

export const APPLICATION_FILTERS = ["submitted", "accepted", "declined"] as const;
export type ApplicationFilter = (typeof APPLICATION_FILTERS)[number];

export interface ApplicationRow {
  id: string;
  /** The applicant: whose words the answers are. */
  personId: string;
  name: string;
  locale: string | null;
  channels: string[];
  status: "submitted" | "accepted" | "declined";
  submittedAt: Date | null;
  decidedAt: Date | null;
  cohort: string | null;
  answers: Record<string, string>;
  /** Answers in the viewer's language, by question, where a translation exists (applications/translations.ts). */
  translations?: Record<string, string>;
}

export interface ApplicationsData {
  rows: ApplicationRow[];
  count: number;
  /** The languages of the applicants the scope and status cover, for the language filter. */
  languages: string[];
  /** Open cohorts (not ended) in scope: where an application can be accepted. */
  cohorts: { id: string; name: string }[];
}

const today = (now: Date) => new Date(now.toISOString().slice(0, 10));

/** Open cohorts within the scope: the chat's list (not ended yet, app/turn/context.ts), cut to the viewer's cohorts. */
export function openCohortsWhere(scope: Scope, now: Date) {
  return { endsOn: { gte: today(now) }, ...cohortsIn(scope) };
}

/** The applications of one status (submitted: all waiting; decided: the last 90 days) within the scope, optionally of one language. */
export async function loadApplications(db: Tx, scope: Scope, now: Date, filter: { status: ApplicationFilter; lang?: string }): Promise<ApplicationsData> {
  const base = {
    status: filter.status,
    ...applicationsIn(scope),
    ...(filter.status === "submitted" ? {} : { decidedAt: { gte: new Date(now.getTime() - DECIDED_DAYS * 86_400_000) } }),
  };
  const where = { ...base, ...(filter.lang ? { person: { locale: filter.lang } } : {}) };
  const rows = await db.application.findMany({
    where,
    orderBy: filter.status === "submitted" ? { submittedAt: "asc" } : { decidedAt: "desc" },
    take: LIST,
    include: {
      answers: true,
      cohort: { select: { name: true } },
      // Every address (the platforms), the first one naming the person as NAME_FIELDS does.
      person: { select: { firstName: NAME_FIELDS.firstName, locale: true, identities: { select: { displayName: true, channel: true, externalId: true }, orderBy: { createdAt: "asc" } } } },
    },
  });
  const count = await db.application.count({ where });
  const langs = await db.application.findMany({ where: base, select: { person: { select: { locale: true } } }, distinct: ["personId"], take: 500 });
  const cohorts = await db.cohort.findMany({ where: openCohortsWhere(scope, now), orderBy: { startsOn: "asc" }, select: { id: true, name: true } });
  return {
    rows: rows.map((a) => ({
      id: a.id,
      personId: a.personId,
      name: personName(a.person),
      locale: a.person.locale,
      channels: [...new Set(a.person.identities.map((i) => i.channel as string))],
      status: a.status as ApplicationRow["status"],
      submittedAt: a.submittedAt,
      decidedAt: a.decidedAt,
      cohort: a.cohort?.name ?? null,
      answers: Object.fromEntries(a.answers.map((x) => [x.questionKey, x.value])),
    })),
    count,
    languages: [...new Set(langs.map((l) => l.person.locale).filter((l): l is string => !!l))].sort(),
    cohorts,
  };
}

export type DecisionOutcome = "accepted" | "declined" | "gone" | "bad_cohort";

/**
 * A coordinator's decision from the console, through the chat's own code: the effects the engine emits
 * for a decision (engine/flows/review.ts: `decide_application`, then `audit`), applied by the same
 * handlers in one transaction, and the applicant's message handed to the queues after the commit.
 * The application is locked first, so two decisions at once cannot both pass; one decided already,
 * gone, or outside the viewer's scope is "gone"; a cohort not open or not hers is "bad_cohort".
 */
export async function decideApplication(
  deps: AppDeps,
  viewer: { id: string },
  scope: Scope,
  input: { applicationId: string; decision: "accepted" | "declined"; cohortId?: string },
): Promise<DecisionOutcome> {
  const now = deps.now();
  const after = new PostCommit();
  const outcome = await deps.prisma.$transaction(
    async (tx): Promise<DecisionOutcome> => {
      await tx.$queryRaw`SELECT id FROM "Application" WHERE id = ${input.applicationId} FOR UPDATE`;
      const application = await tx.application.findFirst({ where: { AND: [{ id: input.applicationId, status: "submitted" }, applicationsIn(scope)] }, select: { id: true } });
      if (!application) return "gone";
      if (input.decision === "accepted") {
        const cohort = input.cohortId ? await tx.cohort.findFirst({ where: { AND: [{ id: input.cohortId }, openCohortsWhere(scope, now)] }, select: { id: true } }) : null;
        if (!cohort) return "bad_cohort";
      }
      const actor = await tx.person.findUniqueOrThrow({ where: { id: viewer.id }, include: { identities: true } });
      const effects: Effect[] =
        input.decision === "accepted"
          ? [{ type: "decide_application", applicationId: application.id, decision: "accepted", cohortId: input.cohortId! }, { type: "audit", action: "application.accepted", subject: application.id }]
          : [{ type: "decide_application", applicationId: application.id, decision: "declined" }, { type: "audit", action: "application.declined", subject: application.id }];
      // The effects' context names the turn's inbound message and address; from the console there is none:
      // a unique id (used in no key of these two effects) and the coordinator's own address.
      const address = actor.identities[0] ? { channel: actor.identities[0].channel, externalId: actor.identities[0].externalId } : { channel: "telegram" as const, externalId: "" };
      await applyEffects({ deps, tx, inboundId: `console:${randomUUID()}`, address }, actor, effects, after);
      return input.decision;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (outcome === "accepted" || outcome === "declined") await after.run(deps);
  return outcome;
}
