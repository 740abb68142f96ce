import { broadcastReport, type BroadcastReport } from "../../../broadcast/report.ts";
import { personName, NAME_FIELDS } from "../../../core/person-name.ts";
import { isLocale, type Locale } from "../../../core/locales.ts";
import type { Prisma } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Audience } from "../../../engine/types.ts";
import type { Scope } from "../../scope.ts";

/** One broadcast as the pages list it. */
export interface BroadcastRow {
  id: string;
  audience: Audience;
  /** The cohort's name, for a cohort audience. */
  cohortName: string | null;
  /** The languages it was written in (the original first). */
  locales: Locale[];
  createdAt: Date;
  createdBy: string;
  recipients: number;
  status: string;
}

export interface BroadcastDetail extends BroadcastRow {
  original: string;
  report: BroadcastReport;
  /** Every recipient has a final status (the chat's report is due): nothing more will change but deliveries and reads. */
  finished: boolean;
}

/**
 * The broadcasts a viewer sees: those she sent and those to one of her cohorts; an admin every one.
 * (A broadcast to everyone in a stage or a language is its writer's and the admins'.)
 */
function broadcastsIn(scope: Scope, viewerId: string): Prisma.BroadcastWhereInput {
  if (scope.all) return {};
  return { OR: [{ createdById: viewerId }, ...scope.cohortIds.map((id) => ({ audience: { path: ["cohortId"], equals: id } }))] };
}

type Row = Prisma.BroadcastGetPayload<{ include: { _count: { select: { recipients: true } } } }>;

async function rowsOf(db: Tx, rows: Row[]): Promise<BroadcastRow[]> {
  const audiences = rows.map((b) => b.audience as unknown as Audience);
  const cohortIds = [...new Set(audiences.flatMap((a) => (a.type === "cohort" ? [a.cohortId] : [])))];
  const cohorts = new Map((await db.cohort.findMany({ where: { id: { in: cohortIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const writers = new Map(
    (await db.person.findMany({ where: { id: { in: [...new Set(rows.map((b) => b.createdById))] } }, select: { id: true, ...NAME_FIELDS } })).map((p) => [p.id, personName(p)]),
  );
  return rows.map((b, i) => {
    const audience = audiences[i]!;
    const locales = Object.keys(b.texts as object).filter(isLocale);
    return {
      id: b.id,
      audience,
      cohortName: audience.type === "cohort" ? (cohorts.get(audience.cohortId) ?? null) : null,
      locales: [...locales.filter((l) => l === b.originalLocale), ...locales.filter((l) => l !== b.originalLocale)],
      createdAt: b.confirmedAt ?? b.createdAt,
      createdBy: writers.get(b.createdById) ?? "—",
      recipients: b._count.recipients,
      status: b.status,
    };
  });
}

/** The latest broadcasts the viewer sees, newest first. */
export async function recentBroadcasts(db: Tx, scope: Scope, viewerId: string, take = 20): Promise<BroadcastRow[]> {
  const rows = await db.broadcast.findMany({ where: { AND: [broadcastsIn(scope, viewerId), { status: { not: "draft" } }] }, orderBy: { createdAt: "desc" }, take, include: { _count: { select: { recipients: true } } } });
  return rowsOf(db, rows);
}

/** One broadcast with where it stands (broadcast/report.ts, the figures of the chat's report), or null when the viewer does not see it. */
export async function loadBroadcast(db: Tx, scope: Scope, viewerId: string, id: string): Promise<BroadcastDetail | null> {
  const b = await db.broadcast.findFirst({ where: { AND: [{ id }, broadcastsIn(scope, viewerId)] }, include: { _count: { select: { recipients: true } } } });
  if (!b) return null;
  const [row] = await rowsOf(db, [b]);
  const report = await broadcastReport(db, id);
  const texts = b.texts as Record<string, string>;
  return { ...row!, original: texts[b.originalLocale] ?? "", report, finished: b.status === "done" || b.status === "cancelled" || report.pending === 0 };
}
