import { certainty } from "../../understanding/index.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";

/**
 * "Stop": confirmed, naming how to start again, with a button for it. The team is also told what stops
 * with it: new applications and participants' messages, which stay in the console.
 */
export function optOut(person: Turn["person"]): EngineResult {
  // Already stopped: said so, with the way back; nothing changes.
  if (person.optedOut) return idle([choices("optout.still_stopped", [option("optout:start", "optout.start_button")])]);
  const key = person.role === "participant" ? "optout.confirmed" : "optout.confirmed_team";
  return idle([choices(key, [option("optout:start", "optout.start_button")])], [{ type: "opt_out" }]);
}

/** How often someone who stopped the messages and writes anyway is reminded how to start again. */
const STOPPED_NOTICE_MS = 24 * 3600_000;

/**
 * Someone who wrote "stop" hears nothing more, until they ask to start again: the start word of any
 * language, the button of the "stop" confirmation, or words that mean it ("je veux recevoir les messages").
 * When they write anything else, they are told once a day how to start again, rather than met with
 * silence (a "hello" weeks later otherwise looks like a broken bot).
 */
export function whileStopped(turn: Turn): EngineResult {
  const wantsBack = turn.command === "start" || turn.choiceId === "optout:start" || (turn.understood?.intent === "start" && certainty(turn.understood.confidence, turn.understood.intent) !== "low");
  if (wantsBack) return idle([text("optout.resumed"), mainMenu(turn.person, turn.context)], [{ type: "opt_in" }]);
  const last = Date.parse(String(turn.conversation.data["stoppedNoticeAt"] ?? ""));
  if (turn.now.getTime() - last < STOPPED_NOTICE_MS) return reply(turn.conversation, []);
  const conversation = { ...turn.conversation, data: { ...turn.conversation.data, stoppedNoticeAt: turn.now.toISOString() } };
  return reply(conversation, [choices("optout.still_stopped", [option("optout:start", "optout.start_button")])]);
}
