import { mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { describe, UNDO_WINDOW_HOURS } from "./sale.ts";

export const UNDO = "undo";
/** The same window, in milliseconds. */
export const UNDO_WINDOW_MS = UNDO_WINDOW_HOURS * 3600_000;

/** "Undo": shows the last entry of the last 24 hours and asks before removing it. */
export function askUndo(turn: Turn): EngineResult {
  const last = turn.context.lastTransaction;
  if (!last || turn.now.getTime() - new Date(last.recordedAt).getTime() > UNDO_WINDOW_MS) {
    // The team's "annule" is rarely about a sale of their own: say where each change is taken back.
    const nothing = turn.person.role === "participant" ? text("undo.nothing", { hours: UNDO_WINDOW_HOURS }) : text("undo.nothing_team");
    return idle([nothing, mainMenu(turn.person, turn.context)]);
  }
  return reply({ flow: UNDO, step: "confirm", data: { id: last.id } }, [
    {
      type: "choices",
      say: { key: "undo.confirm" },
      lines: [describe({ ...last, text: null }, last.occurredOn)],
      choices: [option("undo:yes", "undo.yes"), option("undo:no", "undo.no")],
    },
  ]);
}

export function onUndo(turn: Turn): EngineResult {
  const id = String(turn.conversation.data["id"] ?? "");
  if (turn.choiceId === "undo:yes" && id) return idle([text("undo.done"), mainMenu(turn.person, turn.context)], [{ type: "undo_transaction", id }]);
  if (turn.choiceId === "undo:no") return idle([text("undo.kept"), mainMenu(turn.person, turn.context)]);
  return askUndo(turn);
}
