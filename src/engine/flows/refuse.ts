import { mainMenu, text } from "../replies.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";

/** Coordinators only: anyone else is refused, shown the menu, and the attempt is audited (deny by default). */
export function refuse(turn: Turn, what: string): EngineResult {
  return idle([text("errors.not_allowed"), mainMenu(turn.person, turn.context)], [{ type: "audit", action: "denied", subject: what }]);
}
