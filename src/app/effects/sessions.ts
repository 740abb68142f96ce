import type { Effect } from "../../engine/types.ts";
import { syncSessionReminders } from "../../reminders/schedule.ts";
import { applySessionEffect } from "../../sessions/change.ts";
import { planForecasts } from "../../sessions/forecast.ts";
import type { EffectContext, EffectHandlers } from "./context.ts";

/** A coordinator's change to a session: members are told, reminders and the forecast follow. */
async function changeSession(ctx: EffectContext, effect: Extract<Effect, { type: "move_session" | "cancel_session" | "add_session" | "record_attendance" }>): Promise<void> {
  const { batches, changed } = await applySessionEffect(ctx.deps, ctx.tx, effect, ctx.actor.id);
  ctx.after.send(batches);
  if (changed.length) {
    const changes = await syncSessionReminders(ctx.tx, changed, ctx.now);
    changes.schedule.push(...(await planForecasts(ctx.tx, changed, ctx.now)));
    ctx.after.arm(changes);
  }
}

/** Answers to a session's reminder, and the coordinators' changes to sessions. */
export const sessionEffects: EffectHandlers<"record_rsvp" | "move_session" | "cancel_session" | "add_session" | "record_attendance"> = {
  async record_rsvp(ctx, effect) {
    const session = await ctx.tx.trainingSession.findUnique({ where: { id: effect.sessionId }, select: { id: true } });
    if (!session) return;
    await ctx.tx.rsvp.upsert({
      where: { sessionId_personId: { sessionId: session.id, personId: ctx.actor.id } },
      create: { sessionId: session.id, personId: ctx.actor.id, answer: effect.answer, late: effect.late ?? false, answeredAt: ctx.now },
      update: { answer: effect.answer, late: effect.late ?? false, answeredAt: ctx.now },
    });
  },
  move_session: changeSession,
  cancel_session: changeSession,
  add_session: changeSession,
  record_attendance: changeSession,
};
