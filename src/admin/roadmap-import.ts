import { ZodError } from "zod";
import { importRoadmaps } from "../roadmap/import.ts";
import { invalidFile, readJsonFile, type AdminContext } from "./context.ts";

/** `admin -- roadmap:import FILE.json`: the coordinators' roadmaps, one per entrepreneur (README: "Roadmaps"). */
export async function roadmapImportCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { file, json } = await readJsonFile(ctx, args[0], "usage: npm run admin -- roadmap:import FILE.json");
  try {
    const { prisma } = await ctx.db();
    const s = await importRoadmaps(prisma, json);
    ctx.out.write(`roadmaps: ${s.created} created, ${s.updated} updated\n`);
    for (const skip of s.skipped) ctx.err.write(`entry ${skip.entry} skipped: ${skip.reason}\n`);
    await prisma.auditLog.create({ data: { action: "roadmap.imported", subject: file, details: { created: s.created, updated: s.updated, skipped: s.skipped.length } } });
  } catch (err) {
    if (err instanceof ZodError) throw invalidFile(file, "roadmaps file", err);
    throw err;
  }
}
