import { readFile } from "node:fs/promises";
import { ZodError } from "zod";
import { importRoadmaps } from "../roadmap/import.ts";
import { UsageError, type AdminContext } from "./context.ts";

/** `admin -- roadmap:import FILE.json`: the coordinators' roadmaps, one per entrepreneur (README: "Roadmaps"). */
export async function roadmapImportCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const file = args[0];
  if (!file) throw new UsageError("usage: npm run admin -- roadmap:import FILE.json");
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const { prisma } = await ctx.db();
    const s = await importRoadmaps(prisma, json);
    ctx.out.write(`roadmaps: ${s.created} created, ${s.updated} updated\n`);
    for (const skip of s.skipped) ctx.err.write(`entry ${skip.entry} skipped: ${skip.reason}\n`);
    await prisma.auditLog.create({ data: { action: "roadmap.imported", subject: file, details: { created: s.created, updated: s.updated, skipped: s.skipped.length } } });
  } catch (err) {
    if (err instanceof ZodError) throw new UsageError(`${file} is not a valid roadmaps file: ${err.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    throw err;
  }
}
