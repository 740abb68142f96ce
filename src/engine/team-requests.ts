import { announcementIn, BROADCAST, startBroadcast } from "./flows/broadcast.ts";
import { toldTo } from "./flows/broadcast-words.ts";
import { reviewAsked } from "./flows/review-words.ts";
import { changeNamed, listSessionsToManage, MANAGE } from "./flows/manage-sessions.ts";
import { attendanceAsked, whoComes } from "./flows/sessions-asked.ts";
import { asksAttendance, asksToAddSession, asksWhoComes, SEND_WORDS, says } from "./flows/team-words.ts";
import { text } from "./replies.ts";
import { IDLE, type Turn } from "./turn.ts";
import type { EngineResult } from "./types.ts";
import type { Intent } from "../understanding/index.ts";
import { wordCount } from "../core/text.ts";

/* The team's requests in their own words, and leaving a flow for one. */

/**
 * The team's requests in words: "qui vient demain ?" (that session's forecast), "faire l'appel" (its
 * attendance sheet), "annule jeudi", "décale fixer ses prix au 15 décembre" (that change, asked),
 * "envoie à la coop : pas de formation demain" (an announcement, its text kept).
 */
export function teamRequest(turn: Turn, options: { inFlow?: boolean } = {}): EngineResult | undefined {
  const typed = turn.event.text;
  if (turn.person.role === "participant" || turn.choiceId || !typed) return undefined;
  if (asksWhoComes(typed)) return whoComes(turn);
  if (asksAttendance(typed)) return attendanceAsked(turn);
  // "accepte awa", "refuse le 2", "ok pour awa": that application, as its buttons do.
  // In a flow ("Refuser les mauvais payeurs" as a title), only when an application is named.
  const reviewed = reviewAsked(turn, { listWhenNone: !options.inFlow });
  if (reviewed) return reviewed;
  // "dis à tout le monde que demain c'est annulé": an announcement, not the cancellation it speaks of.
  if (says(SEND_WORDS, typed) && toldTo(typed)) return startBroadcast(turn);
  const change = changeNamed(turn);
  if (change) return change;
  if (announcementIn(typed) && says(SEND_WORDS, typed.split(/[:：]/u)[0])) return startBroadcast(turn);
  return undefined;
}

/** The team's commands that leave a flow waiting for a choice or a date. */
const TEAM_COMMANDS: ReadonlySet<Intent> = new Set(["totals", "export", "applications"]);
/** The steps of a session's change that wait for a day and time or a yes, where no command is ever the answer. */
const ASKS_A_DAY_OR_YES: ReadonlySet<string> = new Set(["move_when", "move_confirm", "add_when", "add_confirm", "cancel_confirm"]);
/** How sure of a command the model must be there (it reads "bientôt" as the totals at 0.8). */
const VERY_SURE = 0.95;

/**
 * The team's request typed while a change of sessions waits for its next answer, or an announcement for
 * a choice (its text step aside, where any words are the text): that flow is left, said so, and the request done.
 * "ajoute une formation …" at a session being added starts that one instead.
 */
export function leftForRequest(turn: Turn, asIdle: () => EngineResult): EngineResult | undefined {
  const { flow, step } = turn.conversation;
  const waiting = flow === MANAGE || (flow === BROADCAST && step !== "text");
  if (!waiting || turn.choiceId) return undefined;
  const fresh: Turn = { ...turn, conversation: IDLE };
  // "export ce mois", "combien ce mois ?" typed where a day or a yes is asked (never a title or a place): the team's commands, when the bot is very sure.
  const u = turn.understood;
  const sure = flow === MANAGE && ASKS_A_DAY_OR_YES.has(step ?? "") && u !== undefined && u.confidence >= VERY_SURE && TEAM_COMMANDS.has(u.intent) && wordCount(turn.event.text ?? "") >= 2;
  const other = teamRequest(fresh, { inFlow: true }) ?? (flow === MANAGE && asksToAddSession(turn.event.text) ? listSessionsToManage(fresh) : sure ? asIdle() : undefined);
  if (!other) return undefined;
  return { ...other, replies: [text(flow === MANAGE ? "manage.stopped" : "broadcast.cancelled"), ...other.replies] };
}
