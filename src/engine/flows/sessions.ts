import { mainMenu, text } from "../replies.ts";
import { recordRsvp } from "./understood.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineResult, Say } from "../types.ts";
import { titleParam } from "../../core/titles.ts";

const RSVP_CHOICE = /^rsvp:(yes|no|maybe|late)(?::(.+))?$/;

export function isRsvpChoice(choiceId: string | undefined): boolean {
  return !!choiceId && RSVP_CHOICE.test(choiceId);
}

/** "When is my next session?": the next sessions of the person's cohort, with date, time and place. */
export function nextSessions(turn: Turn): EngineResult {
  const sessions = turn.context.nextSessions ?? [];
  if (sessions.length === 0) return idle([text("sessions.none"), mainMenu(turn.person, turn.context)]);
  const lines: Say[] = sessions.map((s) => ({
    key: s.location ? "sessions.line" : "sessions.line_no_place",
    params: { title: titleParam(s), when: { datetime: s.startsAt, zone: s.timezone }, place: s.location ?? "" },
  }));
  return idle([{ type: "text", say: { key: "sessions.next" }, lines }]);
}

/**
 * An answer to a reminder: "I'm coming", "I can't come", "Not sure". A template quick reply carries no
 * session, so it applies to the next session. The answer is recorded and confirmed.
 */
export function answerRsvp(turn: Turn): EngineResult {
  const [, answer, sessionId] = RSVP_CHOICE.exec(turn.choiceId ?? "") ?? [];
  return recordRsvp(turn, answer as "yes" | "no" | "maybe" | "late", sessionId);
}
