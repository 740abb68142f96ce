import type { Prisma } from "../../db/generated/client.ts";
import { partnerFromLine, withStepKeys, type NextStep } from "../../roadmap/lines.ts";
import type { EffectHandlers } from "./context.ts";

/** What alumni answer to a check-in, and the roadmap coordinators write for each member. */
export const alumniEffects: EffectHandlers<"checkin_answer" | "roadmap_lines"> = {
  async checkin_answer(ctx, effect) {
    const checkIn = await ctx.tx.checkIn.findFirst({ where: { id: effect.checkInId, personId: ctx.actor.id } });
    if (!checkIn) return;
    const data: Prisma.CheckInUpdateInput = { answeredAt: checkIn.answeredAt ?? ctx.now };
    if (effect.field === "activityStatus") data.activityStatus = effect.value;
    else if (effect.field === "needsHelp") data.needsHelp = effect.value === "yes";
    else if (effect.field.startsWith("step:")) {
      data.stepAnswers = { ...(checkIn.stepAnswers as Record<string, string>), [effect.field.slice(5)]: effect.value };
    }
    await ctx.tx.checkIn.update({ where: { id: checkIn.id }, data });
  },
  async roadmap_lines(ctx, effect) {
    const { tx } = ctx;
    const membership = await tx.membership.findFirst({ where: { personId: effect.personId, role: "member" }, orderBy: { joinedAt: "desc" } });
    if (!membership) return;
    const key = { personId_cohortId: { personId: effect.personId, cohortId: membership.cohortId } };
    const existing = await tx.roadmap.findUnique({ where: key });
    const data: Prisma.RoadmapUpdateInput = { writtenById: ctx.actor.id };
    if (effect.section === "partners") {
      data.partners = [...((existing?.partners ?? []) as object[]), ...effect.lines.map(partnerFromLine)] as Prisma.InputJsonValue;
    } else if (effect.section === "next_steps") {
      const steps = (existing?.nextSteps ?? []) as unknown as NextStep[];
      data.nextSteps = withStepKeys([...steps.map((s) => s.text), ...effect.lines], steps) as Prisma.InputJsonValue;
    } else {
      data[effect.section] = [...(existing?.[effect.section] ?? []), ...effect.lines];
    }
    await tx.roadmap.upsert({ where: key, create: { personId: effect.personId, cohortId: membership.cohortId, ...(data as object) } as Prisma.RoadmapUncheckedCreateInput, update: data });
    await tx.auditLog.create({ data: { actorId: ctx.actor.id, action: "roadmap.written", subject: effect.personId, at: ctx.now } });
  },
};
