import type { ChoicesIntent, DocumentIntent, Intent, TemplateIntent } from "../../core/intent.ts";
import { encodeChoicePayload } from "../../core/intent.ts";
import { numberedText } from "../numbered-text.ts";
import { splitText, truncate } from "../../core/split-text.ts";

/**
 * WhatsApp's limits (Cloud API, interactive and text messages), as named constants so the
 * rules below read like the documentation. Lengths are UTF-16 units, as the client library counts.
 */
export const MAX_REPLY_BUTTONS = 3;
export const BUTTON_TITLE_MAX = 20;
export const BUTTON_ID_MAX = 256;
export const MAX_LIST_ROWS = 10;
export const LIST_ROW_TITLE_MAX = 24;
export const LIST_ROW_DESCRIPTION_MAX = 72;
export const LIST_ROW_ID_MAX = 200;
export const LIST_BUTTON_MAX = 20;
/** Body of an interactive (buttons or list) message. */
export const BODY_MAX = 1024;
/** A plain text message. */
export const TEXT_MAX = 4096;
/** Caption of a media message (document). */
export const CAPTION_MAX = 1024;

/**
 * One message as WhatsApp will receive it, before the recipient is known. An intent can become
 * several (a long text is split), sent in order. Field names follow the client library's helpers.
 */
export type WhatsAppMessage =
  | { type: "text"; text: string }
  | { type: "buttons"; bodyText: string; buttons: { id: string; title: string }[] }
  | { type: "list"; bodyText: string; buttonText: string; rows: { id: string; title: string; description?: string }[] }
  | { type: "template"; name: string; languageCode: string; components: TemplateComponent[] }
  | { type: "document"; filename: string; mimeType: string; contentBase64: string; caption?: string };

/** The parts of a template send we use: body text parameters and quick-reply payloads. */
export type TemplateComponent =
  | { type: "body"; parameters: { type: "text"; text: string }[] }
  | { type: "button"; sub_type: "quick_reply"; index: string; parameters: { type: "payload"; payload: string }[] };

/** Turns a neutral intent into the WhatsApp messages that show it best within the platform's limits. */
export function renderWhatsApp(intent: Intent): WhatsAppMessage[] {
  switch (intent.type) {
    case "text":
      return texts(intent.text);
    case "choices":
      return renderChoices(intent);
    case "template":
      return [renderTemplate(intent)];
    case "document":
      return renderDocument(intent);
  }
}

/** Plain text, split at 4096 units; nothing for an empty text (WhatsApp refuses empty messages). */
function texts(text: string): WhatsAppMessage[] {
  if (text.trim() === "") return [];
  return splitText(text, TEXT_MAX).map((t) => ({ type: "text", text: t }));
}

/**
 * Choices, in order of preference:
 * - up to 3 choices whose labels all fit a button (20) → reply buttons;
 * - up to 10 choices whose labels fit a list row (24), with a list button label → a list;
 * - otherwise numbered text, which the engine maps back from the number typed.
 * A body over 1024 units sends its beginning as text messages first.
 */
export function renderChoices(intent: ChoicesIntent): WhatsAppMessage[] {
  const { choices } = intent;
  if (choices.length === 0 || intent.text.trim() === "") return texts(choices.length ? numberedText(intent) : intent.text);
  const ids = choices.map((c) => encodeChoicePayload(c.id));
  const labels = choices.map((c) => c.label.trim());
  if (new Set(ids).size !== ids.length || labels.some((l) => l === "")) return texts(numberedText(intent));

  const fitsButtons =
    choices.length <= MAX_REPLY_BUTTONS &&
    labels.every((l) => l.length <= BUTTON_TITLE_MAX) &&
    ids.every((id) => id.length <= BUTTON_ID_MAX) &&
    new Set(labels).size === labels.length; // WhatsApp refuses two buttons with the same title
  const listButton = intent.listButton?.trim();
  const fitsList =
    choices.length <= MAX_LIST_ROWS &&
    !!listButton &&
    labels.every((l) => l.length <= LIST_ROW_TITLE_MAX) &&
    ids.every((id) => id.length <= LIST_ROW_ID_MAX);

  if (!fitsButtons && !fitsList) return texts(numberedText(intent));
  const { lead, body } = interactiveBody(intent.text);
  if (fitsButtons) {
    return [...lead, { type: "buttons", bodyText: body, buttons: choices.map((_, i) => ({ id: ids[i]!, title: labels[i]! })) }];
  }
  return [
    ...lead,
    {
      type: "list",
      bodyText: body,
      buttonText: truncate(listButton!, LIST_BUTTON_MAX),
      rows: choices.map((c, i) => ({
        id: ids[i]!,
        title: labels[i]!,
        ...(c.description?.trim() ? { description: truncate(c.description.trim(), LIST_ROW_DESCRIPTION_MAX) } : {}),
      })),
    },
  ];
}

/** An interactive body holds 1024 units: a longer text goes first as plain messages, its end in the body. */
function interactiveBody(text: string): { lead: WhatsAppMessage[]; body: string } {
  if (text.length <= BODY_MAX) return { lead: [], body: text };
  const parts = splitText(text, BODY_MAX);
  const body = parts.pop()!;
  return { lead: parts.map((t) => ({ type: "text", text: t })), body };
}

/**
 * A template send: body parameters in order, and each quick-reply button's payload (our prefixed
 * choice id, so the tap comes back as a choice). Meta refuses parameters with line breaks, tabs or
 * more than four spaces in a row, and empty ones: they are flattened here rather than rejected there.
 */
export function renderTemplate(intent: TemplateIntent): WhatsAppMessage {
  const components: TemplateComponent[] = [];
  if (intent.parameters.length > 0) {
    components.push({ type: "body", parameters: intent.parameters.map((p) => ({ type: "text", text: templateParameter(p) })) });
  }
  (intent.buttons ?? []).forEach((b, i) => {
    components.push({
      type: "button",
      sub_type: "quick_reply",
      index: String(i),
      parameters: [{ type: "payload", payload: encodeChoicePayload(b.id) }],
    });
  });
  return { type: "template", name: intent.name, languageCode: intent.language, components };
}

/** Makes a value acceptable as a template text parameter (no line breaks or tabs, no long space runs, not empty). */
export function templateParameter(value: string): string {
  const flat = value
    .replace(/\s*[\r\n\t]+\s*/gu, " ")
    .replace(/ {5,}/gu, "    ")
    .trim();
  return flat === "" ? "-" : flat;
}

/** A document, with its caption when it fits; a longer caption follows as text messages. */
function renderDocument(intent: DocumentIntent): WhatsAppMessage[] {
  const caption = intent.caption?.trim();
  const doc: WhatsAppMessage = {
    type: "document",
    filename: intent.filename,
    mimeType: intent.mimeType,
    contentBase64: intent.contentBase64,
    ...(caption && caption.length <= CAPTION_MAX ? { caption } : {}),
  };
  return caption && caption.length > CAPTION_MAX ? [doc, ...texts(caption)] : [doc];
}
