import { COHORT_END } from "../alumni/kinds.ts";
import { armFromAnotherProcess } from "../fires/remote-timer.ts";
import { UsageError, type AdminContext } from "./context.ts";

/**
 * `admin -- cohort:end KEY`: ends a cohort now rather than on its end date: its end fire is moved to
 * now and armed, so the service delivers the roadmaps and plans the check-ins at once.
 */
export async function cohortEndCommand(ctx: AdminContext, args: string[]): Promise<void> {
  const key = args[0];
  if (!key) throw new UsageError("usage: npm run admin -- cohort:end COHORT_KEY");
  const { prisma } = await ctx.db();
  const cohort = await prisma.cohort.findUnique({ where: { key } });
  if (!cohort) throw new UsageError(`no cohort with key "${key}"`);
  if (cohort.endedAt) {
    ctx.out.write(`${cohort.name} ended on ${cohort.endedAt.toISOString()}.\n`);
    return;
  }
  const now = new Date();
  const fire = await prisma.scheduledFire.upsert({
    where: { dedupeKey: `${COHORT_END}:${cohort.id}` },
    create: { kind: COHORT_END, dedupeKey: `${COHORT_END}:${cohort.id}`, cohortId: cohort.id, dueAt: now },
    update: { dueAt: now, status: "pending", version: { increment: 1 } },
  });
  await prisma.auditLog.create({ data: { action: "cohort.ended", subject: cohort.key, details: { via: "admin" } } });
  const armed = await armFromAnotherProcess(ctx.config.redis, { schedule: [{ id: fire.id, dueAt: now }], unschedule: [] });
  ctx.out.write(`${cohort.name}: ending now; roadmaps and check-ins follow${armed ? "" : " within 5 minutes (Redis did not answer)"}.\n`);
}
