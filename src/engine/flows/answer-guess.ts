import { normalise, wordCount, wordsIn } from "../../core/text.ts";
import type { Intent } from "../../understanding/index.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { workload } from "../workload.ts";
import { announcementIn, startBroadcastWith } from "./broadcast.ts";
import { AS_WRITTEN_MARK, answered } from "./relay-answer.ts";

/* A coordinator's words that may be an answer to someone waiting, typed without the thread's code. */

/** The flow that asks a coordinator whether her words are an answer to a person. */
export const ANSWER_GUESS = "answer_guess";
/** Open threads offered, the latest first. */
const THREADS_OFFERED = 3;
/** How much of the words the question repeats. */
const EXCERPT_CHARS = 300;

type Thread = { id: string; name: string; stopped?: boolean };

/**
 * Asks whether the words are an answer, and to whom ("✉️ Is this an answer to send? «…» Send to Awa / No").
 * Nothing is sent unasked. `announce` adds "Make it an announcement" (the model heard one); `to` offers
 * only those threads. Undefined when nobody is waiting.
 */
export function offerAsAnswer(turn: Turn, options: { words?: string; announce?: boolean; to?: Thread[] } = {}): EngineResult | undefined {
  const typed = (options.words ?? turn.event.text ?? "").trim();
  if (turn.person.role === "participant" || !typed || (!options.words && wordCount(typed) < 2)) return undefined;
  const threads = (options.to ?? workload(turn.context).openThreads).slice(0, THREADS_OFFERED);
  if (!threads.length) return undefined;
  const excerpt = typed.length > EXCERPT_CHARS ? `${typed.slice(0, EXCERPT_CHARS)}…` : typed;
  const items = [
    ...threads.map((t) => option(`relay:to:${t.id}`, "relay.answer_to", { name: t.name })),
    ...(options.announce ? [option("relay:announce", "relay.answer_announce")] : []),
    option("relay:no", "relay.answer_none"),
  ];
  return reply({ flow: ANSWER_GUESS, step: "which", data: { text: typed, threads: threads.map((t) => t.id) } }, [choices("relay.answer_which", items, { text: excerpt })]);
}

/** Her choice after "Is this an answer?": sent to that person, an announcement, or nothing; other words are a new message. */
export function onAnswerGuess(turn: Turn, otherwise: (turn: Turn) => EngineResult): EngineResult {
  const words = String(turn.conversation.data["text"] ?? "");
  const offered = (turn.conversation.data["threads"] as string[] | undefined) ?? [];
  if (turn.choiceId === "relay:no") return idle([text("relay.answer_not_sent"), mainMenu(turn.person, turn.context)]);
  if (turn.choiceId === "relay:announce") return startBroadcastWith(turn, words.startsWith(AS_WRITTEN_MARK) ? words.slice(1).trim() : words);
  // A typed "oui" names the person only when one was offered.
  const threadId = turn.choiceId === "relay:yes" && offered.length === 1 ? offered[0] : turn.choiceId?.startsWith("relay:to:") ? turn.choiceId.slice("relay:to:".length) : undefined;
  if (!threadId) return leftUnsent(turn, otherwise({ ...turn, conversation: { flow: null, step: null, data: {} } }));
  const thread = workload(turn.context).openThreads.find((t) => t.id === threadId);
  if (!thread) return idle([text("relay.answer_thread_closed"), mainMenu(turn.person, turn.context)]);
  return answered({ threadId: thread.id, name: thread.name, stopped: thread.stopped }, words);
}

/** What the team says to a person rather than to the bot: read by the model as thanks, a greeting, an announcement. */
const SAID_TO_A_PERSON: ReadonlySet<Intent> = new Set(["thanks", "greeting", "broadcast"]);

/**
 * The team's words that look like an answer to someone waiting, before the bot acts on them:
 * "= merci Awa, je t'appelle", "répondre oui on regarde" (the answer marks without a code),
 * "merci pour ton message, je t'appelle demain" (thanks, or an announcement to the model),
 * "envoie à Awa : n'oublie pas ton tablier" (one person named). Only outside a flow, and never a
 * command word typed as such.
 */
export function answerLike(turn: Turn, replyWords: ReadonlySet<string>, keyword: boolean): EngineResult | undefined {
  const typed = turn.event.text?.trim();
  if (turn.person.role === "participant" || turn.person.optedOut || turn.choiceId || keyword || !typed) return undefined;
  const first = typed.split(/\s+/u)[0]!;
  // "= …" and "répondre …" are answers in so many words: with nobody waiting, she is told so, not shown the menu.
  if (typed.startsWith(AS_WRITTEN_MARK)) return offerAsAnswer(turn, { words: typed }) ?? nobodyWaiting(turn);
  if (replyWords.has(normalise(first).replace(/^\//u, "")) && wordCount(typed) > 1) {
    const rest = typed.slice(first.length).replace(/^\s*[:,\-–]?\s*/u, "");
    // "répond à awa : oui …": to Awa's thread, without "à awa :".
    const to = /^(?:à|a|to|para|для|لـ|ل|به|ته)\s+([^:,\-–]{2,40}?)\s*[:,\-–]\s*([\s\S]+)$/u.exec(rest);
    const thread = to ? workload(turn.context).openThreads.find((t) => personNamed(turn, to[1]!) === t.name) : undefined;
    return (thread ? offerAsAnswer(turn, { words: to![2]!, to: [thread] }) : offerAsAnswer(turn, { words: rest })) ?? nobodyWaiting(turn);
  }
  const body = announcementIn(typed);
  const named = body ? personNamed(turn, typed.slice(0, typed.length - body.length)) : undefined;
  if (body && named) {
    const thread = workload(turn.context).openThreads.find((t) => t.name === named);
    if (thread) return offerAsAnswer(turn, { words: body, to: [thread] });
    return idle([text("relay.one_person_without_thread", { name: named }), mainMenu(turn.person, turn.context)]);
  }
  const intent = turn.understood?.intent;
  if (!body && intent && SAID_TO_A_PERSON.has(intent) && wordCount(typed) >= 3) return offerAsAnswer(turn, { announce: intent === "broadcast" });
  return undefined;
}

/** A member or a person waiting named in the words before an announcement's colon ("envoie à Awa :"). */
function personNamed(turn: Turn, before: string): string | undefined {
  const words = new Set(wordsIn(before));
  const { openThreads, roadmapMembers } = workload(turn.context);
  const names = [...openThreads.map((t) => t.name), ...roadmapMembers.map((m) => m.name)];
  return names.find((name) => {
    const first = wordsIn(name)[0];
    return first !== undefined && first.length >= 2 && words.has(first);
  });
}

/** Something else done while "Is this an answer?" waited: she is told her words were not sent (unless they are asked about again). */
export function leftUnsent(turn: Turn, next: EngineResult): EngineResult {
  if (turn.conversation.flow !== ANSWER_GUESS || next.conversation.flow === ANSWER_GUESS) return next;
  return { ...next, replies: [text("relay.answer_not_sent"), ...next.replies] };
}

function nobodyWaiting(turn: Turn): EngineResult {
  return idle([text("relay.nobody_waiting"), mainMenu(turn.person, turn.context)]);
}
