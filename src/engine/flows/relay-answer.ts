import { text } from "../replies.ts";
import { idle } from "../turn.ts";
import type { EngineResult } from "../types.ts";

/* A coordinator's answer to a person waiting in a thread: what is sent, what she is told. */

/** Starts an answer that goes untranslated, as the coordinator wrote it: `répondre CODE = texte`. */
export const AS_WRITTEN_MARK = "=";

/**
 * The answer's effects; an answer starting with `=` goes as written (no translation), the mark removed.
 * An answer that is only the mark is not sent.
 */
export function answered(thread: { threadId: string; name: string; stopped?: boolean }, typed: string): EngineResult {
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
