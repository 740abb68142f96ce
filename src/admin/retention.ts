import { applyRetention } from "../privacy/retention.ts";
import { silentLogger } from "../core/logger.ts";
import type { AdminContext } from "./context.ts";

/** `admin -- retention:run [--dry-run]`: erases now the people past the retention period (the service does it daily). */
export async function retentionCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const { prisma } = await ctx.db();
  const dryRun = args.includes("--dry-run");
  const ids = await applyRetention({ prisma, now: () => new Date(), log: silentLogger }, ctx.config.retentionMonths, { dryRun });
  ctx.out.write(`${ids.length} person(s) ${dryRun ? "would be" : "were"} erased (no contact for ${ctx.config.retentionMonths} months).\n`);
}
