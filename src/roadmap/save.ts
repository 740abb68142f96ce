import type { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tx.ts";
import type { RoadmapContent } from "./schema.ts";

export type SaveOutcome = "created" | "updated" | "unchanged";

/** The words of a roadmap as one string, object keys sorted (PostgreSQL's jsonb keeps its own key order). */
const sections = (r: Record<keyof RoadmapContent, unknown>) =>
  JSON.stringify([r.strengths, r.improvements, r.resources, r.partners, r.nextSteps], (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * One member's roadmap for one cohort, written whole (a file's entry, the console's form): created,
 * or replaced when its words changed; the same words twice change nothing (not even its author).
 */
export async function saveRoadmap(tx: Tx, where: { personId: string; cohortId: string }, content: RoadmapContent, authorId: string | null): Promise<SaveOutcome> {
  const data = {
    strengths: content.strengths,
    improvements: content.improvements,
    resources: content.resources,
    partners: content.partners as Prisma.InputJsonValue,
    nextSteps: content.nextSteps as Prisma.InputJsonValue,
    writtenById: authorId,
  };
  const key = { personId_cohortId: where };
  const existing = await tx.roadmap.findUnique({ where: key });
  if (!existing) {
    await tx.roadmap.create({ data: { ...where, ...data } });
    return "created";
  }
  if (sections(existing) === sections(content)) return "unchanged";
  await tx.roadmap.update({ where: key, data });
  return "updated";
}
