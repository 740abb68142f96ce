import { answerThread, relayToCoordinators } from "../../relay/threads.ts";
import type { EffectHandlers } from "./context.ts";

/** A participant's words handed to coordinators, and a coordinator's answer handed back. */
export const relayEffects: EffectHandlers<"relay" | "relay_answer"> = {
  async relay(ctx, effect) {
    ctx.after.send(await relayToCoordinators(ctx.deps, ctx.tx, ctx.person, ctx.address, effect, ctx.inboundId));
  },
  async relay_answer(ctx, effect) {
    ctx.after.send(await answerThread(ctx.deps, ctx.tx, ctx.actor, effect.threadId, effect.text, { asWritten: effect.asWritten === true }));
  },
};
