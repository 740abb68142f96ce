import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { SendError } from "../../core/errors.ts";
import { encodeChoicePayload, type Choice, type ChoicesIntent, type DocumentIntent, type Intent } from "../../core/intent.ts";
import { numberedText } from "../numbered-text.ts";
import { splitText } from "../../core/split-text.ts";

/** sendMessage's text limit (UTF-16 code units, after entity parsing; we send plain text). */
export const TEXT_MAX_CHARS = 4096;
/** sendDocument's caption limit; a longer caption follows the document as text. */
export const CAPTION_MAX_CHARS = 1024;
/** An inline button's callback_data: 1-64 **bytes** in UTF-8, prefix included. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Telegram's cap on the buttons of one inline keyboard; beyond it, numbered text. */
export const INLINE_KEYBOARD_MAX_BUTTONS = 100;
/** Labels this short (in code points) sit two to a row ("✅ Oui" | "❌ Non"); longer ones get a row each. */
export const SHORT_LABEL_MAX_CHARS = 16;
/** Bot API upload limit for sendDocument. */
export const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * One Bot API call to make, without the chat id: the adapter adds it and runs the calls in order.
 * Kept as data so rendering is a pure function, tested as a table.
 */
export type TelegramSend =
  | { method: "sendMessage"; text: string; replyMarkup?: InlineKeyboardMarkup }
  | { method: "sendDocument"; filename: string; content: Buffer; caption?: string };

/**
 * Renders a neutral intent as Telegram messages. Plain text only (no parse_mode), so user-provided
 * names and amounts can never break Markdown/HTML parsing.
 *
 * - text: split over 4,096 characters at line or word boundaries;
 * - choices: an inline keyboard whose buttons carry `encodeChoicePayload(id)`; if any payload would
 *   exceed 64 bytes (or there are too many buttons), the whole message falls back to numbered text,
 *   which the engine understands too: a keyboard with one choice missing would be worse;
 * - template: Telegram has no templates and no 24-hour window: its text, with its buttons as a keyboard;
 * - document: sendDocument with the decoded bytes.
 */
export function renderTelegram(intent: Intent): TelegramSend[] {
  switch (intent.type) {
    case "text":
      return textMessages(intent.text);
    case "choices":
      return renderChoices(intent);
    case "template":
      return intent.buttons?.length
        ? renderChoices({ type: "choices", text: intent.text, choices: intent.buttons })
        : textMessages(intent.text);
    case "document":
      return renderDocument(intent);
  }
}

function textMessages(text: string, replyMarkup?: InlineKeyboardMarkup): TelegramSend[] {
  const pieces = splitText(text, TEXT_MAX_CHARS);
  return pieces.map((piece, i) =>
    // The keyboard goes on the last piece, right above where the person will tap.
    i === pieces.length - 1 && replyMarkup ? { method: "sendMessage", text: piece, replyMarkup } : { method: "sendMessage", text: piece },
  );
}

function renderChoices(intent: ChoicesIntent): TelegramSend[] {
  const keyboard = inlineKeyboard(intent.choices);
  if (!keyboard) return textMessages(numberedText(intent));
  return textMessages(withDescriptions(intent.text, intent.choices), keyboard);
}

/** True when a choice id fits in callback_data once prefixed. */
export function fitsCallbackData(id: string): boolean {
  return Buffer.byteLength(encodeChoicePayload(id), "utf8") <= CALLBACK_DATA_MAX_BYTES;
}

/** The inline keyboard for these choices, or undefined when they cannot all be buttons. */
export function inlineKeyboard(choices: Choice[]): InlineKeyboardMarkup | undefined {
  if (choices.length === 0 || choices.length > INLINE_KEYBOARD_MAX_BUTTONS) return undefined;
  if (!choices.every((c) => fitsCallbackData(c.id) && c.label.trim() !== "")) return undefined;
  const buttons: InlineKeyboardButton[] = choices.map((c) => ({ text: c.label, callback_data: encodeChoicePayload(c.id) }));
  const perRow = choices.every((c) => [...c.label].length <= SHORT_LABEL_MAX_CHARS) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}

/** Buttons show labels only; a description (a WhatsApp list row's second line) goes in the text. */
function withDescriptions(text: string, choices: Choice[]): string {
  const described = choices.filter((c) => c.description);
  if (described.length === 0) return text;
  return [text, "", ...described.map((c) => `• ${c.label}: ${c.description}`)].join("\n");
}

function renderDocument(intent: DocumentIntent): TelegramSend[] {
  const content = Buffer.from(intent.contentBase64, "base64");
  if (content.length > DOCUMENT_MAX_BYTES) {
    throw new SendError("permanent", "telegram.document_too_large", `${intent.filename} is ${content.length} bytes (limit ${DOCUMENT_MAX_BYTES})`);
  }
  // grammY writes the filename unquoted in the multipart header and refuses line breaks in it.
  const filename = intent.filename.replace(/[\r\n";\\]/g, "_") || "document";
  const caption = intent.caption;
  if (!caption) return [{ method: "sendDocument", filename, content }];
  if (caption.length <= CAPTION_MAX_CHARS) return [{ method: "sendDocument", filename, content, caption }];
  return [{ method: "sendDocument", filename, content }, ...textMessages(caption)];
}
