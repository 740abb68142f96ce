import { randomUUID } from "node:crypto";
import { applyEffects } from "../../../app/effects/apply.ts";
import type { AppDeps } from "../../../deps.ts";
import type { Effect } from "../../../engine/types.ts";
import { PostCommit } from "../../../outbox/post-commit.ts";
import type { Scope } from "../../scope.ts";
import { audienceAllowed, lockDraft } from "./draft.ts";
import { previewDraft } from "./preview.ts";

export type SendOutcome = { sent: string } | { refused: "gone" | "changed" | "cannot_send" | "bad_audience" };

/**
 * Sends a draft through the chat's own code: the effects the engine emits when a coordinator confirms
 * an announcement (engine/flows/broadcast.ts: `create_broadcast`, then `audit` "broadcast.sent"),
 * applied by the same handlers in one transaction, and the broadcast handed to its queue after the
 * commit (the broadcast worker fans it out and reports). Only the versions are sent: automatic drafts
 * the coordinator has not accepted are not part of them, and those people get the chat's fallback.
 *
 * `seen` is the draft's version (updatedAt) the coordinator previewed: if it changed since (another tab,
 * another click), nothing is sent and she sees the new preview. The draft row is locked, so a double
 * click sends once.
 */
export async function sendDraft(deps: AppDeps, viewer: { id: string }, scope: Scope, id: string, seen: string): Promise<SendOutcome> {
  const after = new PostCommit();
  const outcome = await deps.prisma.$transaction(
    async (tx): Promise<SendOutcome> => {
      const draft = await lockDraft(tx, viewer.id, id, deps.defaultLocale);
      if (!draft || draft.broadcastId) return { refused: "gone" };
      if (draft.updatedAt.toISOString() !== seen) return { refused: "changed" };
      const preview = await previewDraft(tx, deps.i18n, draft, deps.defaultLocale);
      if (preview.problems.length || !draft.audience) return { refused: "cannot_send" };
      if (!(await audienceAllowed(tx, scope, deps.now(), draft.audience))) return { refused: "bad_audience" };
      const actor = await tx.person.findUniqueOrThrow({ where: { id: viewer.id }, include: { identities: true } });
      const effects: Effect[] = [
        { type: "create_broadcast", draft: { audience: draft.audience, originalLocale: draft.originalLocale, texts: draft.texts } },
        { type: "audit", action: "broadcast.sent" },
      ];
      // The effects' context names the turn's inbound message and address; from the console there is none:
      // a unique id (used in no key of these effects) and the coordinator's own address.
      const address = actor.identities[0] ? { channel: actor.identities[0].channel, externalId: actor.identities[0].externalId } : { channel: "telegram" as const, externalId: "" };
      await applyEffects({ deps, tx, inboundId: `console:${randomUUID()}`, address }, actor, effects, after);
      const broadcastId = after.broadcasts[0]!;
      await tx.announcementDraft.update({ where: { id }, data: { broadcastId } });
      return { sent: broadcastId };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if ("sent" in outcome) await after.run(deps);
  return outcome;
}
