import type { Prisma } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import { isLocale, LOCALES, type Locale } from "../../../core/locales.ts";
import type { Audience } from "../../../engine/types.ts";
import type { Scope } from "../../scope.ts";
import { openCohortsWhere } from "../applications/data.ts";

/**
 * An automatic draft of one version, from a translation provider: shown to the coordinator, never
 * sent. `source` is the original it was made from (the original may change afterwards); `edited`
 * says the coordinator changed its words (asking for drafts again then keeps them).
 */
export interface Suggestion {
  text: string;
  source: string;
  provider?: string;
  edited?: boolean;
}

/** An announcement being written (an AnnouncementDraft row, read). */
export interface Draft {
  id: string;
  createdById: string;
  audience: Audience | null;
  originalLocale: Locale;
  /** The versions that will be sent: the coordinator's own words, or automatic drafts she accepted. */
  texts: Partial<Record<Locale, string>>;
  suggestions: Partial<Record<Locale, Suggestion>>;
  broadcastId: string | null;
  updatedAt: Date;
}

type Row = { id: string; createdById: string; audience: Prisma.JsonValue; originalLocale: string; texts: Prisma.JsonValue; suggestions: Prisma.JsonValue; broadcastId: string | null; updatedAt: Date };

const onlyLocales = <T>(value: Prisma.JsonValue, keep: (v: unknown) => v is T): Partial<Record<Locale, T>> =>
  Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).filter(([l, v]) => isLocale(l) && keep(v))) as Partial<Record<Locale, T>>;

export function draftOf(row: Row, defaultLocale: Locale): Draft {
  return {
    id: row.id,
    createdById: row.createdById,
    audience: audienceFrom(audienceValue(row.audience as Audience | null)),
    originalLocale: isLocale(row.originalLocale) ? row.originalLocale : defaultLocale,
    texts: onlyLocales(row.texts, (v): v is string => typeof v === "string"),
    suggestions: onlyLocales(row.suggestions, (v): v is Suggestion => typeof (v as Suggestion | null)?.text === "string"),
    broadcastId: row.broadcastId,
    updatedAt: row.updatedAt,
  };
}

/**
 * An audience as a form's value: `cohort:<id>`, `participants`, `alumni`, `applicants`, `locale:<l>`
 * (the chat's audiences, engine/flows/broadcast.ts).
 */
export function audienceValue(a: Audience | null | undefined): string {
  if (!a) return "";
  if (a.type === "cohort") return `cohort:${a.cohortId}`;
  if (a.type === "locale") return `locale:${a.locale}`;
  return a.type;
}

export function audienceFrom(value: unknown): Audience | null {
  if (typeof value !== "string") return null;
  if (value === "participants" || value === "alumni" || value === "applicants") return { type: value };
  if (value.startsWith("cohort:") && /^[0-9a-f-]{36}$/i.test(value.slice(7))) return { type: "cohort", cohortId: value.slice(7) };
  const locale = value.startsWith("locale:") ? value.slice(7) : "";
  return isLocale(locale) ? { type: "locale", locale } : null;
}

/**
 * The audiences a viewer may choose: the chat's (its cohorts are the open ones, cut here to the
 * viewer's scope), then everyone in one stage, or everyone speaking one language.
 */
export async function audienceChoices(db: Tx, scope: Scope, now: Date): Promise<{ cohorts: { id: string; name: string }[]; locales: readonly Locale[] }> {
  const cohorts = await db.cohort.findMany({ where: openCohortsWhere(scope, now), orderBy: { startsOn: "asc" }, select: { id: true, name: true } });
  return { cohorts, locales: LOCALES };
}

/** Whether a viewer may send to an audience: a cohort must be open and hers (an admin: any open one). */
export async function audienceAllowed(db: Tx, scope: Scope, now: Date, audience: Audience): Promise<boolean> {
  if (audience.type !== "cohort") return true;
  return (await db.cohort.count({ where: { AND: [{ id: audience.cohortId }, openCohortsWhere(scope, now)] } })) > 0;
}

/** A draft of this viewer's (drafts are their writer's own), not sent yet; null otherwise. */
export async function loadDraft(db: Tx, viewerId: string, id: string, defaultLocale: Locale): Promise<Draft | null> {
  const row = await db.announcementDraft.findFirst({ where: { id, createdById: viewerId } });
  return row ? draftOf(row, defaultLocale) : null;
}

/** The same, locked until the transaction ends: two forms sent at once apply one after the other. */
export async function lockDraft(tx: Tx, viewerId: string, id: string, defaultLocale: Locale): Promise<Draft | null> {
  await tx.$queryRaw`SELECT id FROM "AnnouncementDraft" WHERE id = ${id} FOR UPDATE`;
  return loadDraft(tx, viewerId, id, defaultLocale);
}

/** The viewer's drafts not sent yet, newest first. */
export async function openDrafts(db: Tx, viewerId: string, defaultLocale: Locale): Promise<Draft[]> {
  const rows = await db.announcementDraft.findMany({ where: { createdById: viewerId, broadcastId: null }, orderBy: { updatedAt: "desc" }, take: 20 });
  return rows.map((r) => draftOf(r, defaultLocale));
}

export const json = (v: unknown) => v as Prisma.InputJsonValue;
