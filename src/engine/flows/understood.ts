import type { Guess, Intent, Understanding } from "../../understanding/index.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { Conversation, Effect, EngineContext, EngineResult, Reply, Say } from "../types.ts";
import { dayOf, whenOf as when } from "./session-dates.ts";
import { notUnderstood, relayMessage } from "./relay.ts";
import { titleIn, titleParam } from "../../core/titles.ts";
import { wordsIn } from "../../core/text.ts";

export const UNDERSTAND = "understand";

type Session = NonNullable<EngineContext["nextSessions"]>[number];

/** Intents the bot does at once even when it is not sure: a wrong guess costs nothing. */
export const HARMLESS: ReadonlySet<Intent> = new Set(["greeting", "thanks", "question", "sessions", "menu"]);

/** Intents "Did you mean …?" can offer as a button. */
const OFFERABLE: ReadonlySet<Intent> = new Set([
  "menu", "language", "stop", "start", "mydata", "erase", "human", "undo", "totals", "sessions", "rsvp_yes", "rsvp_no", "rsvp_late", "sale", "expense", "question", "applications", "export", "broadcast", "roadmap",
]);


/**
 * "Did you mean …?": the best one to three guesses as buttons, and "Something else", which goes to a
 * person. The text is kept, so the guess chosen is done with what it said (a day, an amount).
 */
export function didYouMean(turn: Turn, understood: Understanding): EngineResult {
  const guesses = [understood as Guess, ...understood.alternatives].filter((g) => OFFERABLE.has(g.intent) && g.confidence >= 0.1).slice(0, 3);
  if (!guesses.length) return notUnderstood(turn);
  const misses = Number(turn.conversation.data["misses"] ?? 0);
  return reply({ flow: UNDERSTAND, step: "confirm", data: { text: turn.event.text ?? "", misses } }, [
    choices("understand.did_you_mean", [...guesses.map((g) => option(`dym:${g.intent}`, `understand.intent.${g.intent}`)), option("dym:other", "understand.something_else")]),
  ]);
}

/** "Something else" after "Did you mean …?": the person's words go to the team as written. */
export function passOn(turn: Turn, words: string): EngineResult {
  if (turn.person.role !== "participant") return idle([mainMenu(turn.person, turn.context)]);
  const relayed = relayMessage({ ...turn, event: { ...turn.event, text: words, media: undefined } });
  return { ...relayed, replies: [text("understand.passed_on")] };
}

export function greet(turn: Turn): EngineResult {
  return idle([text("understand.greeting"), mainMenu(turn.person, turn.context)]);
}

export function thank(): EngineResult {
  return idle([text("understand.thanks")]);
}

/**
 * "I can't come tomorrow", "I'll be late": the session a day names, or the next one. Two sessions
 * that day: ask which. No session that day: say so and list the next ones.
 */
export function rsvpByText(turn: Turn, answer: "yes" | "no" | "late", day: string | undefined): EngineResult {
  const sessions = turn.context.nextSessions ?? [];
  if (!sessions.length) return idle([text("sessions.none"), mainMenu(turn.person, turn.context)]);
  const firstDay = dayOf(sessions[0]!);
  // "je viens pas à la formation sur les prix": the one session a word of its title names; else, without a
  // day, the one just answered about ("I'll be late" after "I'm coming on Thursday"), else the next one.
  const titled = day ? undefined : (sessionByTitleWord(sessions, turn.event.text ?? "", turn.person.locale) ?? justAnswered(turn));
  const candidates = titled ? [titled] : sessions.filter((s) => dayOf(s) === (day ?? firstDay));
  if (candidates.length !== 1) return idle([whichSession(candidates.length ? candidates : sessions, answer, candidates.length ? undefined : day!)]);
  return recordRsvp(turn, answer, candidates[0]!.id);
}

/** "Which one?" among a day's sessions, or, with `day`, "no session that day" and the next ones: each choice keeps the answer. */
export function whichSession(sessions: readonly Session[], answer: RsvpAnswer, day?: string): Reply {
  const offered = sessions.slice(0, 3).map((s) => option(`rsvp:${answer}:${s.id}`, "rsvp.option", { title: titleParam(s), when: when(s) }));
  return day ? choices("rsvp.no_session_that_day", offered, { day: { date: day } }) : choices("rsvp.which", offered);
}

type RsvpAnswer = "yes" | "no" | "maybe" | "late";

/** The answer recorded for a session ("late" is coming, late). */
export function rsvpEffect(sessionId: string, answer: RsvpAnswer): Effect {
  return { type: "record_rsvp", sessionId, ...(answer === "late" ? ({ answer: "yes", late: true } as const) : { answer, late: false }) };
}

/** "✅ I note you are coming to « … », Thursday …": the answer said back with the session's title and day. */
export const rsvpSaidBack = (session: Session, answer: RsvpAnswer): Say => ({ key: `rsvp.recorded_${answer}`, params: { title: titleParam(session), when: when(session) } });

/** Records an answer for a session and confirms it with the session's title and date. */
export function recordRsvp(turn: Turn, answer: RsvpAnswer, sessionId: string | undefined): EngineResult {
  const session = sessionId ? turn.context.nextSessions?.find((s) => s.id === sessionId) : turn.context.nextSessions?.[0];
  const id = sessionId ?? session?.id;
  if (!id) return idle([text("sessions.none"), mainMenu(turn.person, turn.context)]);
  const confirm: Say = session ? rsvpSaidBack(session, answer) : { key: `rsvp.recorded_${answer}_short` };
  // The session answered about is kept beside the idle conversation, for a "late" or "where is it?" that follows.
  return reply(answeredAbout(id), [{ type: "text", say: confirm }, mainMenu(turn.person, turn.context)], [rsvpEffect(id, answer)]);
}

/** The idle conversation, with the session last answered about beside it. */
export const answeredAbout = (sessionId: string): Conversation => ({ flow: null, step: null, data: { [ANSWERED]: sessionId } });

/** Where the idle conversation keeps the session last answered about. */
const ANSWERED = "answeredSession";

/** The session the person last answered about, while it is still to come. */
export function justAnswered(turn: Turn): Session | undefined {
  const id = turn.conversation.flow === null ? turn.conversation.data[ANSWERED] : undefined;
  return typeof id === "string" ? turn.context.nextSessions?.find((s) => s.id === id) : undefined;
}

/**
 * A question. Where and when are answered from the next session (or the one a day names); any other
 * question goes to a person at once, with a kind word.
 */
export function answerQuestion(turn: Turn, understood: Understanding): EngineResult {
  const sessions = turn.context.nextSessions ?? [];
  const session = understood.slots.day ? sessions.find((s) => dayOf(s) === understood.slots.day) : (justAnswered(turn) ?? sessions[0]);
  const topic = understood.slots.topic;
  if (session && topic === "place" && session.location) {
    return idle([text("understand.answer_place", { title: titleParam(session), place: session.location, when: when(session) }), mainMenu(turn.person, turn.context)]);
  }
  if (session && topic === "time") return idle([text("understand.answer_time", { title: titleParam(session), when: when(session) }), mainMenu(turn.person, turn.context)]);
  if (turn.person.role !== "participant") return notUnderstood(turn);
  const relayed = relayMessage(turn);
  return { ...relayed, replies: [text("understand.question_forwarded")] };
}

/** Words every title may hold ("formation", "training"): they name no session. */
const GENERIC = new Set(["formation", "formations", "training", "session", "atelier", "cours", "course", "clase", "curso", "sesion", "занятие", "занятия", "заняття", "тренинг", "тренінг", "تدريب", "ورشة", "کورس", "آموزش", "روزنه", "প্রশিক্ষণ", "ስልጠና", "avec", "pour", "with", "your", "votre", "vos", "para", "como"]);
const titleWords = (s: string) => wordsIn(s).filter((w) => [...w].length >= 4 && !GENERIC.has(w));

/** The one session whose title, in the person's language or the main one, shares a word with the text. */
function sessionByTitleWord(sessions: Session[], text: string, locale: string | null): Session | undefined {
  const said = new Set(titleWords(text));
  if (!said.size) return undefined;
  const named = sessions.filter((s) => [...titleWords(titleIn(s, locale)), ...titleWords(s.title)].some((w) => said.has(w)));
  return named.length === 1 ? named[0] : undefined;
}
