import { LOCALE_NAMES } from "../../core/locales.ts";
import { normalise, wordCount } from "../../core/text.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { workload } from "../workload.ts";

/** Unplaced messages in a row before the bot hands the person to the team. */
export const NOT_UNDERSTOOD_BEFORE_RELAY = 2;

/** The short code coordinators type to answer a thread: the first six characters of its id. */
export function threadCode(threadId: string): string {
  return threadId.replace(/-/g, "").slice(0, 6).toUpperCase();
}

function languageOf(turn: Turn): string {
  return turn.person.locale ? LOCALE_NAMES[turn.person.locale] : "?";
}

/** "Talk to a person": opens a thread with the coordinators (or adds to the open one). */
export function requestHuman(turn: Turn): EngineResult {
  // The team are the people: a coordinator's "a person" opens no thread with herself; her commands are shown.
  if (turn.person.role !== "participant") return idle([text("help.coordinator"), mainMenu(turn.person, turn.context)]);
  return idle([text("human.requested")], [{ type: "relay", kind: "request", text: null, language: languageOf(turn) }]);
}

/** A message the bot cannot place, while a thread is open or after the menu did not help: forwarded. */
export function relayMessage(turn: Turn): EngineResult {
  const voice = turn.event.media && (turn.event.media.type === "voice" || turn.event.media.type === "audio");
  return idle([text(voice ? "relay.voice_forwarded" : "relay.forwarded")], [
    { type: "relay", kind: voice ? "voice" : "message", text: (voice ? turn.event.transcript : undefined) ?? turn.event.text ?? null, mediaId: turn.event.media?.id, language: languageOf(turn) },
  ]);
}

/**
 * A coordinator's answer: a reply to a forwarded message (Telegram), or "reply CODE text" on any platform.
 * Returns undefined when the message is neither.
 */
export function coordinatorAnswer(turn: Turn, replyWords: ReadonlySet<string>): EngineResult | undefined {
  if (turn.person.role === "participant") return undefined;
  const typed = turn.event.text?.trim();
  if (!typed) return undefined;
  if (turn.context.replyTarget) return answered(turn.context.replyTarget, typed);
  // "répondre 3FA2C1 texte", "répondre 3FA2C1 : texte", "[3FA2C1] texte", or the code alone first when it is an open thread's.
  const match = /^(?:(\S+)\s+)??[#[]?([0-9a-f]{6})\]?\s*[:,\-–]?\s+([\s\S]+)$/iu.exec(typed);
  if (!match) return undefined;
  const code = match[2]!.toUpperCase();
  const thread = workload(turn.context).openThreads.find((t) => t.code === code);
  const withWord = match[1] !== undefined && replyWords.has(normalise(match[1]).replace(/^\//, ""));
  if (!withWord && (match[1] !== undefined || !thread)) return undefined;
  if (!thread) return reply(turn.conversation, [text("relay.unknown_code", { code })]);
  return answered({ threadId: thread.id, name: thread.name, stopped: thread.stopped }, match[3]!.trim());
}

/** Starts an answer that goes untranslated, as the coordinator wrote it: `répondre CODE = texte`. */
export const AS_WRITTEN_MARK = "=";

/**
 * The answer's effects; an answer starting with `=` goes as written (no translation), the mark removed.
 * An answer that is only the mark is not sent.
 */
function answered(thread: { threadId: string; name: string; stopped?: boolean }, typed: string): EngineResult {
  const { threadId, name } = thread;
  const asWritten = typed.startsWith(AS_WRITTEN_MARK);
  const words = asWritten ? typed.slice(AS_WRITTEN_MARK.length).trim() : typed;
  if (!words) return idle([text("relay.empty_answer")]);
  // Someone who wrote "stop" gets nothing, a person's answer included: the coordinator is told, nothing is sent.
  if (thread.stopped) return idle([text("relay.person_stopped", { name })], [{ type: "audit", action: "relay.answer_not_sent", subject: threadId }]);
  return idle([text(asWritten ? "relay.sent_as_written" : "relay.sent", { name })], [
    { type: "relay_answer", threadId, text: words, ...(asWritten ? { asWritten: true } : {}) },
    { type: "audit", action: "relay.answer", subject: threadId },
  ]);
}

/** Where an unplaced message goes: the open thread, the team after repeated misunderstanding, or the menu. */
export function unplaced(turn: Turn): EngineResult {
  const menu = mainMenu(turn.person, turn.context);
  if (turn.event.unsupported) return idle([text("fallback.unsupported"), menu]);
  const voice = turn.event.media && (turn.event.media.type === "voice" || turn.event.media.type === "audio");
  if (turn.person.role === "participant" && (turn.context.relayOpen || voice)) return relayMessage(turn);
  if (turn.event.media) return idle([text("fallback.media"), menu]);
  return notUnderstood(turn);
}

/** The menu, and on the second miss in a row a person: never "I did not understand" alone. */
export function notUnderstood(turn: Turn): EngineResult {
  const asAnswer = offerAsAnswer(turn);
  if (asAnswer) return asAnswer;
  const misses = Number(turn.conversation.data["misses"] ?? 0) + 1;
  if (turn.person.role === "participant" && misses >= NOT_UNDERSTOOD_BEFORE_RELAY && turn.event.text) {
    const relayed = relayMessage(turn);
    return { ...relayed, replies: [text("relay.handed_over")] };
  }
  return reply({ flow: null, step: null, data: { misses } }, [text("fallback.not_understood"), mainMenu(turn.person, turn.context)]);
}

/** The flow that asks a coordinator whether words the bot cannot place are an answer to a person. */
export const ANSWER_GUESS = "answer_guess";
/** Open threads offered, the latest first. */
const THREADS_OFFERED = 3;
/** How much of the words the question repeats. */
const EXCERPT_CHARS = 300;

/**
 * A coordinator's words the bot cannot place, while people wait for an answer ("oui la TVA c'est 20%",
 * typed without the code): asked whether they are an answer, and to whom. Nothing is sent unasked.
 */
function offerAsAnswer(turn: Turn): EngineResult | undefined {
  const typed = turn.event.text?.trim();
  if (turn.person.role === "participant" || !typed || wordCount(typed) < 2) return undefined;
  const threads = workload(turn.context).openThreads.slice(0, THREADS_OFFERED);
  if (!threads.length) return undefined;
  const excerpt = typed.length > EXCERPT_CHARS ? `${typed.slice(0, EXCERPT_CHARS)}…` : typed;
  return reply({ flow: ANSWER_GUESS, step: "which", data: { text: typed, threads: threads.map((t) => t.id) } }, [
    choices("relay.answer_which", [...threads.map((t) => option(`relay:to:${t.id}`, "relay.answer_to", { name: t.name })), option("relay:no", "relay.answer_none")], { text: excerpt }),
  ]);
}

/** Her choice after "Is this an answer?": sent to that person, or nothing sent; other words are a new message. */
export function onAnswerGuess(turn: Turn, otherwise: (turn: Turn) => EngineResult): EngineResult {
  const words = String(turn.conversation.data["text"] ?? "");
  const offered = (turn.conversation.data["threads"] as string[] | undefined) ?? [];
  if (turn.choiceId === "relay:no") return idle([text("relay.answer_not_sent"), mainMenu(turn.person, turn.context)]);
  // A typed "oui" names the person only when one was offered.
  const threadId = turn.choiceId === "relay:yes" && offered.length === 1 ? offered[0] : turn.choiceId?.startsWith("relay:to:") ? turn.choiceId.slice("relay:to:".length) : undefined;
  if (!threadId) return otherwise({ ...turn, conversation: { flow: null, step: null, data: {} } });
  const thread = workload(turn.context).openThreads.find((t) => t.id === threadId);
  if (!thread) return idle([text("relay.answer_thread_closed"), mainMenu(turn.person, turn.context)]);
  return answered({ threadId: thread.id, name: thread.name, stopped: thread.stopped }, words);
}
