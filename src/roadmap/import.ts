import type { PrismaClient } from "../db/generated/client.ts";
import { saveRoadmap } from "./save.ts";
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
      const outcome = await saveRoadmap(tx, { personId: identity.personId, cohortId: cohort.id }, r, authorId);
      if (outcome === "created") summary.created++;
      else if (outcome === "updated") summary.updated++;
    }
  });
  return summary;
}
