import { recordBridgeAnswer } from "../../privacy/bridge-consent.ts";
import type { EffectHandlers } from "./context.ts";

/** The person's answer about the language bridge: told of it, kept it, or refused translation. */
export const bridgeEffects: EffectHandlers<"bridge_answer"> = {
  async bridge_answer(ctx, effect) {
    await recordBridgeAnswer(ctx.tx, ctx.actor.id, effect.answer, ctx.now);
    if (effect.answer !== "told") await ctx.tx.auditLog.create({ data: { actorId: ctx.actor.id, action: `bridge.${effect.answer}`, subject: ctx.actor.id, at: ctx.now } });
  },
};
