import { erasePerson } from "../../privacy/erase.ts";
import { syncPersonReminders } from "../../reminders/schedule.ts";
import type { EffectHandlers } from "./context.ts";

/** The person's own settings: language, opting out and in, consent, a new number, erasure. */
export const personEffects: EffectHandlers<"set_locale" | "opt_out" | "opt_in" | "move_address" | "give_consent" | "erase_me"> = {
  async set_locale(ctx, effect) {
    // Written at the turn's end, with the batch (most first messages choose a language): one statement for all.
    ctx.locale = { locale: effect.locale, localeConfirmed: effect.confirmed, written: false };
    ctx.person = { ...ctx.person, locale: effect.locale, localeConfirmed: effect.confirmed };
  },
  async opt_out(ctx) {
    ctx.person = await ctx.tx.person.update({ where: { id: ctx.actor.id }, data: { optedOutAt: ctx.now } });
    ctx.after.arm(await syncPersonReminders(ctx.tx, ctx.actor.id, ctx.now));
  },
  async opt_in(ctx) {
    ctx.person = await ctx.tx.person.update({ where: { id: ctx.actor.id }, data: { optedOutAt: null } });
    ctx.after.arm(await syncPersonReminders(ctx.tx, ctx.actor.id, ctx.now));
  },
  async move_address(ctx, effect) {
    // Only when the new number is nobody's yet: otherwise two people would share one address.
    const taken = await ctx.tx.identity.findUnique({ where: { channel_externalId: { channel: ctx.address.channel, externalId: effect.to } } });
    if (taken) ctx.deps.log.warn({ channel: ctx.address.channel }, "number change not applied: the new number already belongs to someone");
    else await ctx.tx.identity.update({ where: { channel_externalId: ctx.address }, data: { externalId: effect.to } });
  },
  async give_consent(ctx, effect) {
    await ctx.tx.consent.create({ data: { personId: ctx.actor.id, version: effect.version, givenAt: ctx.now } });
  },
  async erase_me(ctx) {
    // The translations of their words (the Translation table) go in the same transaction.
    await erasePerson(ctx.tx, ctx.actor.id, ctx.now);
    await ctx.tx.auditLog.create({ data: { actorId: null, action: "person.erased", subject: ctx.actor.id, at: ctx.now } });
    ctx.erased = true;
  },
};
