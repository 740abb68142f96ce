import type { Person } from "../../db/generated/client.ts";
import type { Effect } from "../../engine/types.ts";
import type { PostCommit } from "../../outbox/post-commit.ts";
import { alumniEffects } from "./alumni.ts";
import { bridgeEffects } from "./bridge.ts";
import { broadcastEffects } from "./broadcast.ts";
import type { EffectContext, EffectHandlers } from "./context.ts";
import { coordinatorEffects } from "./coordinators.ts";
import { enrolmentEffects } from "./enrolment.ts";
import { personEffects } from "./person.ts";
import { relayEffects } from "./relay.ts";
import { salesEffects } from "./sales.ts";
import { sessionEffects } from "./sessions.ts";

/** One handler per effect type: the compiler refuses a type without one. */
const HANDLERS: EffectHandlers<Effect["type"]> = {
  ...personEffects,
  ...enrolmentEffects,
  ...coordinatorEffects,
  ...salesEffects,
  ...sessionEffects,
  ...alumniEffects,
  ...relayEffects,
  ...broadcastEffects,
  ...bridgeEffects,
};

/** What the effects of a turn left: the person as they are now, and whether they were erased. */
export interface EffectsOutcome {
  person: Person;
  erased: boolean;
}

/**
 * Applies the engine's effects to the database, in order, inside the turn's transaction; what must
 * wait for the commit (messages to others, timers, broadcasts) goes to `after`.
 */
export async function applyEffects(
  base: Pick<EffectContext, "deps" | "tx" | "inboundId" | "address">,
  person: Person,
  effects: readonly Effect[],
  after: PostCommit,
): Promise<EffectsOutcome> {
  const ctx: EffectContext = { ...base, now: base.deps.now(), actor: person, person, erased: false, n: 0, after };
  for (const effect of effects) {
    ctx.n++;
    await (HANDLERS[effect.type] as (ctx: EffectContext, effect: Effect) => Promise<void>)(ctx, effect);
  }
  return { person: ctx.person, erased: ctx.erased };
}
