import type { ChoicesIntent, TextIntent } from "../../core/intent.ts";
import type { NewOutbound } from "../../outbox/outbound.ts";

/** The longest text one message holds on every platform we send to (WhatsApp and Telegram: 4096). */
export const COALESCED_TEXT_MAX = 4096;
/** The longest text above choices that stays one message (WhatsApp's interactive body: 1024). */
export const COALESCED_BODY_MAX = 1024;
/** Between two replies put in one message: a blank line, as between paragraphs. */
const JOIN = "\n\n";

/** A row sent as it is written: no translation added when sent, no template's parameters. */
function asWritten(row: NewOutbound): boolean {
  return !row.translate && !row.template;
}

/** A row whose text may go on top of the next message: plain text, sent as written. */
function leads(row: NewOutbound): boolean {
  return row.intent.type === "text" && asWritten(row);
}

/** A row that may take the text before it: text or choices, sent as written. */
function takes(row: NewOutbound): boolean {
  return (row.intent.type === "text" || row.intent.type === "choices") && asWritten(row);
}

function joined(a: string, b: string): string {
  if (a.trim() === "") return b;
  if (b.trim() === "") return a;
  return a + JOIN + b;
}

/**
 * A turn's replies in as few messages as they fit in: a text followed by another text, or by choices,
 * goes on top of that next message, after a blank line. One answer, one message: one notification on
 * the person's phone, and no burst of messages to one number (WhatsApp refuses more than about one
 * message every 6 seconds to the same person, 131056).
 *
 * Kept apart: documents, templates, replies with someone's words to translate when sent (their
 * translation is added to that one message), replies for another purpose, and anything that would no
 * longer fit one message (a text over 4096 characters, a text over choices over 1024).
 * The merged message keeps the first reply's idempotency key: a replayed turn still queues nothing new.
 *
 * @example coalesceReplies([text "C'est noté.", choices "Que voulez-vous faire ?" [...]])
 *          // → [choices "C'est noté.\n\nQue voulez-vous faire ?" [...]]
 */
export function coalesceReplies(rows: readonly NewOutbound[]): NewOutbound[] {
  const out: NewOutbound[] = [];
  for (const row of rows) {
    const previous = out.at(-1);
    if (previous && leads(previous) && takes(row) && previous.purpose === row.purpose && previous.personId === row.personId) {
      const next = row.intent as TextIntent | ChoicesIntent;
      const text = joined((previous.intent as TextIntent).text, next.text);
      if (text.length <= (next.type === "choices" ? COALESCED_BODY_MAX : COALESCED_TEXT_MAX)) {
        out[out.length - 1] = { ...row, idempotencyKey: previous.idempotencyKey, intent: { ...next, text } };
        continue;
      }
    }
    out.push(row);
  }
  return out;
}
