import type { Prisma } from "../../db/generated/client.ts";
import { audienceWhere } from "../../broadcast/audience.ts";
import type { EffectHandlers } from "./context.ts";

/** A confirmed announcement: its row and one recipient row per person of the audience; it fans out after the commit. */
export const broadcastEffects: EffectHandlers<"create_broadcast"> = {
  async create_broadcast(ctx, effect) {
    const { audience, originalLocale, texts } = effect.draft;
    const broadcast = await ctx.tx.broadcast.create({
      data: { createdById: ctx.actor.id, audience: audience as Prisma.InputJsonValue, originalLocale, texts: texts as Prisma.InputJsonValue, status: "sending", confirmedAt: ctx.now },
    });
    const people = await ctx.tx.person.findMany({ where: audienceWhere(audience), select: { id: true, locale: true } });
    await ctx.tx.broadcastRecipient.createMany({
      data: people.map((p) => ({ broadcastId: broadcast.id, personId: p.id, locale: p.locale ?? ctx.deps.defaultLocale })),
    });
    ctx.after.startBroadcast(broadcast.id);
    ctx.lastSubject = broadcast.id;
  },
};
