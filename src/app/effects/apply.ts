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

/** What the effects of a turn left: the person as they are now, whether they were erased, a new language to write. */
export interface EffectsOutcome {
  person: Person;
  erased: boolean;
  locale?: { locale: string | null; localeConfirmed: boolean };
}

/**
 * Applies the engine's effects to the database, in order, inside the turn's transaction; what must
 * wait for the commit (messages to others, timers, broadcasts) goes to `after`.
 */
export async function applyEffects(
  base: Pick<EffectContext, "deps" | "tx" | "inboundId" | "address"> & {
    /** The caller writes a new language itself (the inbound batch, with its other writes); otherwise it is written here. */
    deferLocale?: boolean;
  },
  person: Person,
  effects: readonly Effect[],
  after: PostCommit,
): Promise<EffectsOutcome> {
  const { deferLocale, ...rest } = base;
  const ctx: EffectContext = { ...rest, now: base.deps.now(), actor: person, person, erased: false, n: 0, after };
  for (const effect of effects) {
    ctx.n++;
    // Any other effect may read the person's row: a language chosen earlier in the turn is written first.
    if (effect.type !== "set_locale") await writeLocale(ctx);
    await (HANDLERS[effect.type] as (ctx: EffectContext, effect: Effect) => Promise<void>)(ctx, effect);
    if (ctx.locale) ctx.person = { ...ctx.person, locale: ctx.locale.locale, localeConfirmed: ctx.locale.localeConfirmed };
  }
  if (!ctx.erased && !deferLocale) await writeLocale(ctx);
  const locale = ctx.locale && !ctx.locale.written && !ctx.erased ? { locale: ctx.locale.locale, localeConfirmed: ctx.locale.localeConfirmed } : undefined;
  return { person: ctx.person, erased: ctx.erased, ...(locale ? { locale } : {}) };
}

/** Writes a language chosen during the turn and not written yet. */
async function writeLocale(ctx: EffectContext): Promise<void> {
  if (!ctx.locale || ctx.locale.written) return;
  await ctx.tx.person.update({ where: { id: ctx.actor.id }, data: { locale: ctx.locale.locale, localeConfirmed: ctx.locale.localeConfirmed } });
  ctx.locale.written = true;
}
