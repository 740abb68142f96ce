import { LOCALE_NAMES } from "../../core/locales.ts";
import { normalise, wordCount } from "../../core/text.ts";
import { offerAsAnswer } from "./answer-guess.ts";
import { answered } from "./relay-answer.ts";
import { mainMenu, text } from "../replies.ts";
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
  // "quiero hablar con alguien, no tengo dinero para el navigo": what they say beside the request reaches the team too.
  const said = turn.choiceId ? undefined : turn.event.text?.trim();
  if (said && wordCount(said) >= SAYS_MORE_WORDS) return idle([text("human.requested")], [{ type: "relay", kind: "message", text: said, language: languageOf(turn) }]);
  return idle([text("human.requested")], [{ type: "relay", kind: "request", text: null, language: languageOf(turn) }]);
}

/** From this many words, "talk to someone" says more than the request ("…, my son is sick"): the team reads it all. */
const SAYS_MORE_WORDS = 6;

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

