import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";

export const ERASE = "erase";

/** "Delete my data" always asks once more: erasure cannot be undone. */
export function askErase(): EngineResult {
  return reply({ flow: ERASE, step: "confirm", data: {} }, [
    choices("erase.confirm", [option("erase:yes", "erase.yes"), option("erase:no", "erase.no")]),
  ]);
}

export function onErase(turn: Turn): EngineResult {
  if (turn.choiceId === "erase:yes") return idle([text("erase.done")], [{ type: "erase_me" }]);
  if (turn.choiceId === "erase:no") return idle([text("erase.kept"), mainMenu(turn.person, turn.context)]);
  return askErase();
}
