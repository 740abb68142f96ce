/**
 * What we want a person to see, rendered in their language but not yet for a platform.
 * Channel adapters turn an intent into the platform's own message (buttons, lists, numbered text…).
 */
export interface Choice {
  /** Stable id sent back when the person picks it, e.g. "lang:fr" or "rsvp:yes". */
  id: string;
  label: string;
  description?: string;
}

export interface TextIntent {
  type: "text";
  text: string;
}

export interface ChoicesIntent {
  type: "choices";
  text: string;
  choices: Choice[];
  /** Label of the WhatsApp list button when the choices become a list. */
  listButton?: string;
  /** "Reply with the number of your choice", for platforms that show the choices as numbered text. */
  numberHint?: string;
  /** The choices' numbers in the reader's digits ("١", "২"), when they are shown as numbered text. */
  numbers?: string[];
}

/** An approved WhatsApp template, for sends outside the 24-hour window. */
export interface TemplateIntent {
  type: "template";
  name: string;
  language: string;
  parameters: string[];
  /** Quick-reply buttons of the template, in order; their ids come back as choices. */
  buttons?: Choice[];
  /** The same message as plain text, for channels without templates. */
  text: string;
}

export interface DocumentIntent {
  type: "document";
  filename: string;
  mimeType: string;
  /** File content, base64-encoded, so the intent stays JSON. */
  contentBase64: string;
  caption?: string;
}

export type Intent = TextIntent | ChoicesIntent | TemplateIntent | DocumentIntent;

/** Prefix and version of every button payload we emit; payloads without it are treated as typed text. */
export const PAYLOAD_PREFIX = "m1:";

export function encodeChoicePayload(id: string): string {
  return PAYLOAD_PREFIX + id;
}

/** Returns the choice id, or undefined for a payload we did not make (old version, foreign button). */
export function decodeChoicePayload(payload: string): string | undefined {
  return payload.startsWith(PAYLOAD_PREFIX) ? payload.slice(PAYLOAD_PREFIX.length) : undefined;
}
