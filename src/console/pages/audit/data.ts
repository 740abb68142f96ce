import { DateTime } from "luxon";
import type { Prisma } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Viewer } from "../../scope.ts";
import { UUID } from "../../kit.ts";
import { isoDate } from "../sales/data.ts";

/** Entries per page. */
export const AUDIT_PAGE = 50;
/** The actor filter's value for entries no person made (admin commands, retention, refused sign-ins). */
export const SYSTEM_ACTOR = "system";

export interface AuditQuery {
  action?: string;
  actor?: string;
  subject?: string;
  from?: string;
  to?: string;
  /** The keyset cursor: entries older than this one (`<ISO time>~<id>`). */
  before?: string;
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  subject?: string;
  /** The first moment of the `from` day and the first moment after the `to` day, in the viewer's zone. */
  from?: Date;
  until?: Date;
  before?: { at: Date; id: string };
  /** The raw values, to show them back in the form and to carry them to the next page. */
  raw: { action: string; actor: string; subject: string; from: string; to: string };
  /** Text keys of the problems. */
  errors: string[];
}

const str = (v: unknown, max = 200) => (typeof v === "string" ? v.trim().slice(0, max) : "");

/** The cursor of an entry: entries strictly older than it come next (newest first, ties broken by id). */
export const cursorOf = (e: { at: Date; id: string }) => `${e.at.toISOString()}~${e.id}`;

function readCursor(value: string): { at: Date; id: string } | undefined {
  const [at, id] = value.split("~");
  const date = new Date(at ?? "");
  return id && UUID.test(id) && !Number.isNaN(date.getTime()) ? { at: date, id } : undefined;
}

/** Days as the Sales page reads them (2026-11-30), taken in the viewer's zone: `to` includes its whole day. */
export function readAuditFilters(q: AuditQuery | undefined, zone: string): AuditFilters {
  const raw = { action: str(q?.action), actor: str(q?.actor), subject: str(q?.subject), from: str(q?.from), to: str(q?.to) };
  const errors: string[] = [];
  const day = (value: string) => (isoDate(value) ? DateTime.fromISO(value, { zone }) : undefined);
  const from = raw.from ? day(raw.from) : undefined;
  const to = raw.to ? day(raw.to) : undefined;
  if (raw.from && !from) errors.push("audit.bad_from");
  if (raw.to && !to) errors.push("audit.bad_to");
  if (from && to && from > to) errors.push("audit.from_after_to");
  if (raw.actor && raw.actor !== SYSTEM_ACTOR && !UUID.test(raw.actor)) errors.push("audit.bad_actor");
  const before = q?.before ? readCursor(str(q.before)) : undefined;
  return {
    raw,
    errors,
    ...(raw.action ? { action: raw.action } : {}),
    ...(raw.actor ? { actor: raw.actor } : {}),
    ...(raw.subject ? { subject: raw.subject } : {}),
    ...(from ? { from: from.toJSDate() } : {}),
    ...(to ? { until: to.plus({ days: 1 }).toJSDate() } : {}),
    ...(before ? { before } : {}),
  };
}

export interface AuditEntry {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  /** The actor's first name; null for no person, or a person without a name (erased). */
  actorName: string | null;
  subject: string | null;
  details: Prisma.JsonValue;
}

export interface AuditData {
  entries: AuditEntry[];
  /** The cursor of the next (older) page, when there is one. */
  next?: string;
  /** The actions found in the viewer's part of the log, for the action filter. */
  actions: string[];
  /** The people found as actors (admins only: a coordinator sees her own entries), for the actor filter. */
  actors: { id: string; name: string | null }[];
}

/**
 * Who sees which entries: an admin the whole log; a coordinator the entries she made herself (in the
 * chat and in the console). Other people's entries may name people and cohorts outside her scope.
 */
export function auditIn(viewer: Viewer): Prisma.AuditLogWhereInput {
  return viewer.role === "admin" ? {} : { actorId: viewer.id };
}

function filtersWhere(f: AuditFilters): Prisma.AuditLogWhereInput[] {
  const where: Prisma.AuditLogWhereInput[] = [];
  if (f.action) where.push({ action: f.action });
  if (f.actor) where.push({ actorId: f.actor === SYSTEM_ACTOR ? null : f.actor });
  if (f.subject) where.push({ subject: { contains: f.subject, mode: "insensitive" } });
  if (f.from) where.push({ at: { gte: f.from } });
  if (f.until) where.push({ at: { lt: f.until } });
  if (f.before) where.push({ OR: [{ at: { lt: f.before.at } }, { at: f.before.at, id: { lt: f.before.id } }] });
  return where;
}

/** One page of the log, newest first (keyset pagination on time then id), with the filters' choices. */
export async function loadAudit(db: Tx, viewer: Viewer, f: AuditFilters): Promise<AuditData> {
  const mine = auditIn(viewer);
  const [rows, actions, actorIds] = await Promise.all([
    f.errors.length ? [] : db.auditLog.findMany({ where: { AND: [mine, ...filtersWhere(f)] }, orderBy: [{ at: "desc" }, { id: "desc" }], take: AUDIT_PAGE + 1 }),
    db.auditLog.groupBy({ by: ["action"], where: mine, orderBy: { action: "asc" } }),
    viewer.role === "admin" ? db.auditLog.groupBy({ by: ["actorId"], where: { actorId: { not: null } } }) : [],
  ]);
  const page = rows.slice(0, AUDIT_PAGE);
  const ids = [...new Set([...page.map((r) => r.actorId), ...actorIds.map((a) => a.actorId)].filter((id): id is string => id !== null))];
  const people = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, firstName: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.firstName]));
  return {
    entries: page.map((r) => ({ id: r.id, at: r.at, action: r.action, actorId: r.actorId, actorName: r.actorId ? (nameOf.get(r.actorId) ?? null) : null, subject: r.subject, details: r.details })),
    ...(rows.length > AUDIT_PAGE ? { next: cursorOf(page.at(-1)!) } : {}),
    actions: actions.map((a) => a.action),
    actors: actorIds
      .map((a) => ({ id: a.actorId!, name: nameOf.get(a.actorId!) ?? null }))
      .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id)),
  };
}
