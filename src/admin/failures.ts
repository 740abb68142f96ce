import { sinceOption, type AdminContext } from "./context.ts";

/** `admin -- failures [--since YYYY-MM-DD]`: messages that could not be delivered, with the reason. */
export async function failuresCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const since = sinceOption(args, new Date(Date.now() - 30 * 86_400_000));
  const rows = await (await ctx.db()).prisma.outboundMessage.findMany({
    where: { status: "failed", failedAt: { gte: since } },
    orderBy: { failedAt: "desc" },
    take: 1000,
    include: { person: { select: { firstName: true } } },
  });
  if (rows.length === 0) {
    ctx.out.write(`No failed messages since ${since.toISOString().slice(0, 10)}.\n`);
    return;
  }
  ctx.out.write("failed at\tchannel\tto\tname\tkind\tcode\treason\n");
  for (const r of rows) {
    const reason = (r.errorMessage ?? "").replace(/\s+/g, " ").slice(0, 200);
    ctx.out.write(`${r.failedAt?.toISOString()}\t${r.channel}\t${r.externalId}\t${r.person?.firstName ?? ""}\t${r.purpose}\t${r.errorCode ?? ""}\t${reason}\n`);
  }
  ctx.out.write(`${rows.length} failed message(s).\n`);
}
