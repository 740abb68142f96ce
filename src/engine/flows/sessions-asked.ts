import { weekAhead } from "../../understanding/slots/periods.ts";
import { text } from "../replies.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { listSessionsToManage, onManage } from "./manage-sessions.ts";
import { dayOf } from "./session-dates.ts";

/* The team's questions about their sessions in their own words: who is coming, who came. */

/**
 * Who is coming: the forecast of the session on the day named, else of the next one; the list when
 * there is none that day.
 */
export function whoComes(turn: Turn): EngineResult {
  const day = turn.understood?.slots.day;
  const ahead = (turn.context.nextSessions ?? []).filter((s) => new Date(s.startsAt) > turn.now);
  // "qui vient la semaine prochaine ?": each session of that week, or the list when it has none.
  const week = turn.event.text ? weekAhead(turn.event.text, turn.now, turn.person.timezone) : undefined;
  if (week) {
    const inWeek = ahead.filter((s) => (dayOf(s) ?? "") >= week.from && (dayOf(s) ?? "") <= week.to);
    if (inWeek.length) return idle(inWeek.map((s) => ({ type: "forecast" as const, sessionId: s.id })));
    const list = listSessionsToManage({ ...turn, understood: undefined });
    return { ...list, replies: [text("forecast.none_in_week", { from: { date: week.from }, to: { date: week.to } }), ...list.replies] };
  }
  const session = day ? ahead.find((s) => dayOf(s) === day) : ahead[0];
  return session ? idle([{ type: "forecast", sessionId: session.id }]) : listSessionsToManage({ ...turn, understood: undefined });
}

/**
 * "faire l'appel", "présences de mardi": the attendance sheet of the session the day names, else of the
 * latest one that has started (the team sees a week back); the list when none has.
 */
export function attendanceAsked(turn: Turn): EngineResult {
  const day = turn.understood?.slots.day;
  const begun = (turn.context.nextSessions ?? []).filter((s) => new Date(s.startsAt) <= turn.now);
  const session = day ? (turn.context.nextSessions ?? []).find((s) => dayOf(s) === day) : begun.at(-1);
  return session ? onManage({ ...turn, choiceId: `ss:attendance:${session.id}` }) : listSessionsToManage({ ...turn, understood: undefined });
}

