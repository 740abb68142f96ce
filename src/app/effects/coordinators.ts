import type { Reply } from "../../engine/types.ts";
import { notifyPeople } from "../../outbox/notify-people.ts";
import { allCoordinators, whoLabel } from "../../relay/threads.ts";
import type { EffectHandlers } from "./context.ts";

/** Coordinators told of something, and the audit log of what coordinators do. */
export const coordinatorEffects: EffectHandlers<"notify_coordinators" | "audit"> = {
  /** Sends a reply to every coordinator, each in their own language, with who is asking. */
  async notify_coordinators(ctx, effect) {
    const coordinators = await allCoordinators(ctx.tx);
    const who = await whoLabel(ctx.tx, ctx.person, ctx.address);
    const reply = effect.reply;
    const withWho: Reply = reply.type === "text" || reply.type === "choices" ? { ...reply, say: { ...reply.say, params: { ...reply.say.params, who } } } : reply;
    const n = ctx.n;
    ctx.after.send(
      await notifyPeople(ctx.deps, ctx.tx, coordinators, {
        reply: withWho,
        purpose: "coordinator_alert",
        key: (_, identity) => `notify:${ctx.inboundId}:${n}:${identity.id}`,
      }),
    );
  },
  async audit(ctx, effect) {
    await ctx.tx.auditLog.create({ data: { actorId: ctx.actor.id, action: effect.action, subject: effect.subject ?? ctx.lastSubject ?? null, at: ctx.now } });
  },
};
