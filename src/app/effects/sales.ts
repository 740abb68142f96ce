import type { EffectHandlers } from "./context.ts";

/** A sale or an expense logged, or taken back. */
export const salesEffects: EffectHandlers<"record_transaction" | "undo_transaction"> = {
  async record_transaction(ctx, effect) {
    const membership = await ctx.tx.membership.findFirst({ where: { personId: ctx.actor.id, role: "member" }, orderBy: { joinedAt: "desc" } });
    const t = effect.transaction;
    await ctx.tx.transaction.create({
      data: {
        personId: ctx.actor.id,
        cohortId: membership?.cohortId ?? null,
        kind: t.kind,
        item: t.item,
        quantity: t.quantity,
        unitPriceCents: t.unitPriceCents,
        amountCents: t.amountCents,
        currency: t.currency,
        originalText: t.text,
        occurredOn: new Date(`${t.occurredOn}T00:00:00Z`),
        recordedAt: ctx.now,
      },
    });
  },
  async undo_transaction(ctx, effect) {
    await ctx.tx.transaction.updateMany({ where: { id: effect.id, personId: ctx.actor.id, undoneAt: null }, data: { undoneAt: ctx.now } });
  },
};
