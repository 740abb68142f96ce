import { NAME_FIELDS, personName } from "../../../core/person-name.ts";
import type { Roadmap } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import { ROADMAP_SECTIONS, type RoadmapSection } from "../../../engine/flows/roadmap-write.ts";
import type { AppDeps } from "../../../deps.ts";
import { PostCommit } from "../../../outbox/post-commit.ts";
import { deliverRoadmap, REACHABLE_IDENTITIES } from "../../../roadmap/deliver.ts";
import { partnerFromLine, partnerLine, withStepKeys, type NextStep, type Partner } from "../../../roadmap/lines.ts";
import { saveRoadmap } from "../../../roadmap/save.ts";
import { roadmapContentSchema, type RoadmapContent } from "../../../roadmap/schema.ts";
import { cohortsIn, type Scope } from "../../scope.ts";

/** The form's fields: the sections of the chat's roadmap writing, in its order, one idea per line. */
export const ROADMAP_FIELDS = ROADMAP_SECTIONS;
export type RoadmapField = RoadmapSection;
type ContentKey = keyof RoadmapContent;
const CONTENT_KEY: Record<RoadmapField, ContentKey> = { strengths: "strengths", improvements: "improvements", resources: "resources", partners: "partners", next_steps: "nextSteps" };
const FIELD_OF = Object.fromEntries(Object.entries(CONTENT_KEY).map(([f, k]) => [k, f])) as Record<ContentKey, RoadmapField>;

/** Members listed: those still in the cohort and its alumni (not those who left). */
const LISTED = { role: "member" as const, status: { in: ["active" as const, "alumni" as const] } };

export interface RoadmapMember {
  personId: string;
  name: string;
  locale: string | null;
  /** Lines written, all sections together; null when nothing is written yet. */
  lines: number | null;
  updatedAt: Date | null;
  deliveredAt: Date | null;
}

export interface RoadmapCohort {
  id: string;
  key: string;
  name: string;
  endsOn: Date;
  endedAt: Date | null;
  members: RoadmapMember[];
}

export interface RoadmapsData {
  /** Every cohort in scope, for the filter. */
  cohorts: { key: string; name: string }[];
  shown: RoadmapCohort[];
}

const lineCount = (r: Roadmap) => r.strengths.length + r.improvements.length + r.resources.length + (r.partners as unknown[]).length + (r.nextSteps as unknown[]).length;

/** Each cohort in scope (or the one chosen by its key) with its members and where their roadmap stands. */
export async function loadRoadmaps(db: Tx, scope: Scope, filter: { cohort?: string }): Promise<RoadmapsData> {
  const cohorts = await db.cohort.findMany({ where: cohortsIn(scope), orderBy: [{ startsOn: "desc" }, { name: "asc" }], select: { id: true, key: true, name: true, endsOn: true, endedAt: true } });
  const chosen = filter.cohort ? cohorts.filter((c) => c.key === filter.cohort) : cohorts;
  const shown: RoadmapCohort[] = [];
  for (const c of chosen) {
    const members = await db.membership.findMany({
      where: { cohortId: c.id, ...LISTED, person: { erasedAt: null } },
      include: { person: { select: { ...NAME_FIELDS, locale: true, id: true } } },
    });
    const roadmaps = await db.roadmap.findMany({ where: { cohortId: c.id, personId: { in: members.map((m) => m.personId) } } });
    const byPerson = new Map(roadmaps.map((r) => [r.personId, r]));
    shown.push({
      ...c,
      members: members
        .map((m) => {
          const r = byPerson.get(m.personId);
          return { personId: m.personId, name: personName(m.person), locale: m.person.locale, lines: r ? lineCount(r) : null, updatedAt: r?.updatedAt ?? null, deliveredAt: r?.deliveredAt ?? null };
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return { cohorts: cohorts.map((c) => ({ key: c.key, name: c.name })), shown };
}

export interface RoadmapEdit {
  cohort: { id: string; key: string; name: string; endsOn: Date; endedAt: Date | null };
  person: { id: string; name: string; firstName: string | null; locale: string | null; reachable: boolean };
  roadmap: Roadmap | null;
  /** Who wrote it last, as coordinators see a person. */
  writtenBy: string | null;
}

/** One member's roadmap for one cohort, when both are within the viewer's scope; null otherwise (the same answer for "not hers" and "unknown"). */
export async function loadRoadmap(db: Tx, scope: Scope, cohortId: string, personId: string): Promise<RoadmapEdit | null> {
  const cohort = await db.cohort.findFirst({ where: { AND: [{ id: cohortId }, cohortsIn(scope)] }, select: { id: true, key: true, name: true, endsOn: true, endedAt: true } });
  if (!cohort) return null;
  const membership = await db.membership.findFirst({
    where: { cohortId, personId, ...LISTED, person: { erasedAt: null } },
    include: { person: { select: { ...NAME_FIELDS, id: true, locale: true, optedOutAt: true, identities: { where: { unreachableAt: null }, select: { displayName: true, channel: true, externalId: true }, orderBy: { createdAt: "asc" } } } } },
  });
  if (!membership) return null;
  const p = membership.person;
  const roadmap = await db.roadmap.findUnique({ where: { personId_cohortId: { personId, cohortId } } });
  const author = roadmap?.writtenById ? await db.person.findUnique({ where: { id: roadmap.writtenById }, select: NAME_FIELDS }) : null;
  return {
    cohort,
    person: { id: p.id, name: personName(p), firstName: p.firstName, locale: p.locale, reachable: !p.optedOutAt && p.identities.length > 0 },
    roadmap,
    writtenBy: author ? personName(author) : null,
  };
}

/** The form's text for each section: one idea per line, partners as `name — contact — why` (as in the chat). */
export function roadmapLines(roadmap: Roadmap | null): Record<RoadmapField, string> {
  return {
    strengths: (roadmap?.strengths ?? []).join("\n"),
    improvements: (roadmap?.improvements ?? []).join("\n"),
    resources: (roadmap?.resources ?? []).join("\n"),
    partners: ((roadmap?.partners ?? []) as unknown as Partner[]).map(partnerLine).join("\n"),
    next_steps: ((roadmap?.nextSteps ?? []) as unknown as NextStep[]).map((s) => s.text).join("\n"),
  };
}

export interface FormProblem {
  field: RoadmapField;
  /** A text key: `roadmaps.too_many` or `roadmaps.too_long`, with `max`. */
  key: string;
  max: number;
}

export type ReadForm = { content: RoadmapContent; raw: Record<RoadmapField, string> } | { problems: FormProblem[]; raw: Record<RoadmapField, string> };

/**
 * The form's sections read as the chat reads typed lines (one idea per line, partners split on dashes),
 * next steps keeping their keys (check-in answers are stored by key), and checked with the roadmaps
 * file's own limits (roadmap/schema.ts).
 */
export function readRoadmapForm(body: Record<string, unknown> | undefined, existingSteps: readonly NextStep[]): ReadForm {
  const raw = Object.fromEntries(ROADMAP_FIELDS.map((f) => [f, typeof body?.[f] === "string" ? (body[f] as string).replace(/\r\n?/g, "\n") : ""])) as Record<RoadmapField, string>;
  const lines = (f: RoadmapField) => raw[f].split("\n").map((l) => l.trim()).filter(Boolean);
  const parsed = roadmapContentSchema.safeParse({
    strengths: lines("strengths"),
    improvements: lines("improvements"),
    resources: lines("resources"),
    partners: lines("partners").map(partnerFromLine),
    nextSteps: withStepKeys(lines("next_steps"), existingSteps),
  });
  if (parsed.success) return { content: parsed.data, raw };
  const problems = new Map<string, FormProblem>();
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF[issue.path[0] as ContentKey];
    const max = "maximum" in issue ? Number(issue.maximum) : 0;
    const key = issue.path.length === 1 ? "roadmaps.too_many" : "roadmaps.too_long";
    if (field) problems.set(`${field}:${key}`, { field, key, max });
  }
  return { problems: [...problems.values()], raw };
}

export type SaveResult = "saved" | "unchanged" | "gone";

/**
 * A coordinator's roadmap from the console, written whole through the same function as the roadmaps
 * file (roadmap/save.ts), audited as the chat audits its roadmap writing (`roadmap.written`, the person).
 */
export async function saveFromConsole(deps: AppDeps, viewer: { id: string }, scope: Scope, cohortId: string, personId: string, content: RoadmapContent): Promise<SaveResult> {
  return deps.prisma.$transaction(async (tx): Promise<SaveResult> => {
    if (!(await loadRoadmap(tx, scope, cohortId, personId))) return "gone";
    const outcome = await saveRoadmap(tx, { personId, cohortId }, content, viewer.id);
    if (outcome === "unchanged") return "unchanged";
    await tx.auditLog.create({ data: { actorId: viewer.id, action: "roadmap.written", subject: personId, at: deps.now(), details: { cohortId, via: "console", outcome } } });
    return "saved";
  });
}

export type DeliverResult = "sent" | "not_ended" | "none" | "unreachable" | "gone";

/**
 * Sends a member their roadmap now, as the end of the cohort does (roadmap/deliver.ts): only once the
 * cohort has ended (before, its end sends every roadmap). A first sending uses the end's own message
 * keys; a sending again is one per version of the roadmap, so a double click sends it once.
 */
export async function deliverFromConsole(deps: AppDeps, viewer: { id: string }, scope: Scope, cohortId: string, personId: string): Promise<DeliverResult> {
  const after = new PostCommit();
  const result = await deps.prisma.$transaction(async (tx): Promise<DeliverResult> => {
    const edit = await loadRoadmap(tx, scope, cohortId, personId);
    if (!edit) return "gone";
    if (!edit.cohort.endedAt) return "not_ended";
    if (!edit.roadmap) return "none";
    const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, include: REACHABLE_IDENTITIES });
    const again = edit.roadmap.deliveredAt !== null;
    const sending = again ? `again:${edit.roadmap.updatedAt.getTime()}` : "";
    if (!(await deliverRoadmap(deps, tx, edit.roadmap, person, after, sending))) return "unreachable";
    await tx.auditLog.create({ data: { actorId: viewer.id, action: "roadmap.delivered", subject: personId, at: deps.now(), details: { cohortId, via: "console", again } } });
    return "sent";
  });
  if (result === "sent") await after.run(deps);
  return result;
}
