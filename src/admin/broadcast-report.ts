import { broadcastReport } from "../broadcast/report.ts";
import { UsageError, type AdminContext } from "./context.ts";

/** `admin -- broadcast:report ID`: where a broadcast stands (the same figures its coordinator gets). */
export async function broadcastReportCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const id = args[0];
  if (!id) throw new UsageError("usage: npm run admin -- broadcast:report BROADCAST_ID   (ids: npm run admin -- broadcasts)");
  const { prisma } = await ctx.db();
  const broadcast = await prisma.broadcast.findUnique({ where: { id } });
  if (!broadcast) throw new UsageError(`no broadcast with id ${id}`);
  const r = await broadcastReport(prisma, id);
  ctx.out.write(
    [
      `broadcast ${id} (${broadcast.status}), created ${broadcast.createdAt.toISOString()}, audience ${JSON.stringify(broadcast.audience)}`,
      `recipients: ${r.total}`,
      `pending: ${r.pending}`,
      `sent: ${r.sent}`,
      `delivered: ${r.delivered}`,
      `read: ${r.read}`,
      `failed: ${r.failed}`,
      `skipped (no reachable address): ${r.skipped}`,
      ...r.reasons.map((x) => `  ${x.code}: ${x.count}`),
    ].join("\n") + "\n",
  );
}

/** `admin -- broadcasts`: the latest broadcasts with their ids. */
export async function broadcastsCommand(ctx: AdminContext): Promise<void> {
  const { prisma } = await ctx.db();
  const rows = await prisma.broadcast.findMany({ orderBy: { createdAt: "desc" }, take: 50, include: { _count: { select: { recipients: true } } } });
  for (const b of rows) ctx.out.write(`${b.id}\t${b.createdAt.toISOString()}\t${b.status}\t${b._count.recipients} recipients\t${JSON.stringify(b.audience)}\n`);
  if (rows.length === 0) ctx.out.write("No broadcasts yet.\n");
}
