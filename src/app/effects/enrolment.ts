import type { Prisma } from "../../db/generated/client.ts";
import type { Reply } from "../../engine/types.ts";
import { syncPersonReminders } from "../../reminders/schedule.ts";
import { notifyPeople } from "../../outbox/notify-people.ts";
import type { EffectHandlers } from "./context.ts";

/** An application, answer by answer, then a coordinator's decision. */
export const enrolmentEffects: EffectHandlers<"save_answer" | "submit_application" | "decide_application"> = {
  async save_answer(ctx, effect) {
    const application = await draftApplication(ctx.tx, ctx.actor.id);
    await ctx.tx.enrolmentAnswer.upsert({
      where: { applicationId_questionKey: { applicationId: application.id, questionKey: effect.key } },
      create: { applicationId: application.id, questionKey: effect.key, value: effect.value, answeredAt: ctx.now },
      update: { value: effect.value, answeredAt: ctx.now },
    });
    if (effect.key === "first_name") ctx.person = await ctx.tx.person.update({ where: { id: ctx.actor.id }, data: { firstName: effect.value } });
  },
  async submit_application(ctx) {
    const application = await draftApplication(ctx.tx, ctx.actor.id);
    await ctx.tx.application.update({ where: { id: application.id }, data: { status: "submitted", submittedAt: ctx.now } });
    ctx.person = await ctx.tx.person.update({ where: { id: ctx.actor.id }, data: { stage: "applicant" } });
  },
  /** Records a coordinator's decision and tells the applicant, in the applicant's language. */
  async decide_application(ctx, effect) {
    const { tx, now } = ctx;
    const application = await tx.application.findUnique({ where: { id: effect.applicationId }, include: { person: { include: { identities: true } } } });
    if (!application || application.status !== "submitted") return;
    await tx.application.update({
      where: { id: application.id },
      data: { status: effect.decision, decidedAt: now, decidedById: ctx.actor.id, cohortId: effect.cohortId ?? null },
    });
    let cohortName = "";
    if (effect.decision === "accepted" && effect.cohortId) {
      const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: effect.cohortId } });
      cohortName = cohort.name;
      await tx.membership.upsert({
        where: { cohortId_personId: { cohortId: cohort.id, personId: application.personId } },
        create: { cohortId: cohort.id, personId: application.personId, role: "member" },
        update: { status: "active", leftAt: null },
      });
      await tx.person.update({ where: { id: application.personId }, data: { stage: "member" } });
      // A new member gets the reminders of the cohort's future sessions.
      ctx.after.arm(await syncPersonReminders(tx, application.personId, now));
    }
    const applicant = application.person;
    const reply: Reply =
      effect.decision === "accepted" ? { type: "text", say: { key: "application.accepted", params: { cohort: cohortName } } } : { type: "text", say: { key: "application.declined" } };
    if (applicant.optedOutAt || applicant.erasedAt) return;
    ctx.after.send(await notifyPeople(ctx.deps, tx, [applicant], { reply, purpose: "application_decision", key: (_, identity) => `decision:${application.id}:${identity.id}` }));
  },
};

async function draftApplication(tx: Prisma.TransactionClient, personId: string) {
  const existing = await tx.application.findFirst({ where: { personId, status: "draft" }, orderBy: { createdAt: "desc" } });
  return existing ?? tx.application.create({ data: { personId } });
}
