import { normalise } from "../../core/text.ts";
import type { Turn } from "../turn.ts";
import type { Say } from "../types.ts";
import type { Draft } from "./sale-draft.ts";

/** An entry recorded this recently, the same in every way, is said: a message sent twice on a weak network. */
const TWICE_WITHIN_MS = 30 * 60_000;

export function recordedAlready(turn: Turn, draft: Draft, today: string): Say[] {
  const same = (turn.context.recentTransactions ?? []).find(
    (e) =>
      turn.now.getTime() - Date.parse(e.recordedAt) <= TWICE_WITHIN_MS &&
      e.kind === draft.kind && e.amountCents === draft.amountCents && e.quantity === draft.quantity && normalise(e.item ?? "") === normalise(draft.item ?? "") && e.occurredOn === (draft.occurredOn ?? today),
  );
  return same ? [{ key: "sale.already_recorded", params: { minutes: Math.max(1, Math.round((turn.now.getTime() - Date.parse(same.recordedAt)) / 60_000)) } }] : [];
}
