import type { Prisma, PrismaClient } from "../db/generated/client.ts";
import { roadmapsSchema } from "./schema.ts";

export interface RoadmapImportSummary {
  created: number;
  updated: number;
  /** Entries whose cohort or person is unknown, with the reason. */
  skipped: { entry: number; reason: string }[];
}

/** Creates or updates roadmaps, one per (person, cohort); the same file twice changes nothing. */
export async function importRoadmaps(prisma: PrismaClient, input: unknown, authorId: string | null = null): Promise<RoadmapImportSummary> {
  const file = roadmapsSchema.parse(input);
  const summary: RoadmapImportSummary = { created: 0, updated: 0, skipped: [] };
  await prisma.$transaction(async (tx) => {
    for (const [i, r] of file.roadmaps.entries()) {
      const cohort = await tx.cohort.findUnique({ where: { key: r.cohort } });
      const identity = await tx.identity.findUnique({ where: { channel_externalId: { channel: r.person.channel, externalId: r.person.externalId } } });
      if (!cohort) summary.skipped.push({ entry: i + 1, reason: `no cohort "${r.cohort}"` });
      else if (!identity) summary.skipped.push({ entry: i + 1, reason: `no person ${r.person.channel} ${r.person.externalId}` });
      if (!cohort || !identity) continue;
      const data = {
        strengths: r.strengths,
        improvements: r.improvements,
        resources: r.resources,
        partners: r.partners as Prisma.InputJsonValue,
        nextSteps: r.nextSteps as Prisma.InputJsonValue,
        writtenById: authorId,
      };
      const key = { personId_cohortId: { personId: identity.personId, cohortId: cohort.id } };
      const existing = await tx.roadmap.findUnique({ where: key });
      if (!existing) {
        await tx.roadmap.create({ data: { personId: identity.personId, cohortId: cohort.id, ...data } });
        summary.created++;
      } else if (JSON.stringify([existing.strengths, existing.improvements, existing.resources, existing.partners, existing.nextSteps]) !== JSON.stringify([r.strengths, r.improvements, r.resources, r.partners, r.nextSteps])) {
        await tx.roadmap.update({ where: key, data });
        summary.updated++;
      }
    }
  });
  return summary;
}
