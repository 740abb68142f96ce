import { idle, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { refuse } from "./refuse.ts";

/**
 * "console": a coordinator or an admin gets a one-time sign-in link to the web console. The engine
 * only names the reply; the app makes the link (src/console/links.ts) when it renders it, or says the
 * console is off. Anyone else is refused like every coordinator command, and the attempt audited.
 */
export function consoleLink(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "console");
  return idle([{ type: "console_link" }], [{ type: "audit", action: "console.link" }]);
}
