import { titleParam } from "../../core/titles.ts";
import { choices, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult, Say } from "../types.ts";
import { MANAGE } from "./manage-flow.ts";
import { dayOf, daysNamed, whenOf } from "./session-dates.ts";

/* "annule jeudi et dimanche": several sessions cancelled in one question. */

type Session = NonNullable<Turn["context"]["nextSessions"]>[number];

/** The sessions still to come the words name by their days, one each, when they name two or more; else undefined. */
export function sessionsNamedByDays(turn: Turn): Session[] | undefined {
  const sessions = (turn.context.nextSessions ?? []).filter((s) => new Date(s.startsAt) > turn.now);
  const days = daysNamed(turn.event.text ?? "", turn.now, turn.person.timezone);
  if (days.length < 2) return undefined;
  const named = days.map((d) => sessions.filter((s) => dayOf(s) === d));
  return named.every((n) => n.length === 1) ? named.map((n) => n[0]!) : undefined;
}

/** "Cancel these sessions? Members will be told", each listed: nothing is cancelled before the yes. */
export function confirmCancelSeveral(sessions: Session[]): EngineResult {
  const lines: Say[] = sessions.map((s) => ({ key: "manage.line", params: { title: titleParam(s), when: whenOf(s) } }));
  const ids = sessions.map((s) => s.id);
  return reply({ flow: MANAGE, step: "cancel_confirm", data: { sessionIds: ids } }, [
    choices("manage.cancel_confirm_many", [option("ss:yesall", "manage.cancel_yes"), option("menu:sessions", "manage.keep")], { count: ids.length }, lines),
  ]);
}

/** Each one cancelled, audited, and its members told (the effect does). */
export function cancelSeveral(ids: string[]): EngineResult {
  return idle(
    [text("manage.cancelled_many", { count: ids.length })],
    ids.flatMap((id) => [{ type: "cancel_session" as const, sessionId: id }, { type: "audit" as const, action: "session.cancelled", subject: id }]),
  );
}
