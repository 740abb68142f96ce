import type { TFunction } from "i18next";
import type { ChoicesIntent } from "../core/intent.ts";
import { choiceNumbers, formatDateTime, languageOf } from "../i18n/format.ts";

/** The answers a reminder offers; the ids come back as the person's choice (`rsvp:yes:<sessionId>`). */
export const RSVP_ANSWERS = ["yes", "no", "maybe"] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

export function rsvpChoiceId(answer: RsvpAnswer, sessionId: string): string {
  return `rsvp:${answer}:${sessionId}`;
}

/** Reads a choice id made by `rsvpChoiceId`; undefined for anything else. */
export function parseRsvpChoice(id: string): { answer: RsvpAnswer; sessionId: string } | undefined {
  const m = /^rsvp:(yes|no|maybe):(.+)$/.exec(id);
  return m ? { answer: m[1] as RsvpAnswer, sessionId: m[2]! } : undefined;
}

export interface ReminderSession {
  id: string;
  title: string;
  startsAt: Date;
  location: string | null;
}

/**
 * A reminder in the person's language: what, when, where, and three answers. A normal ChoicesIntent,
 * so every channel shows it its own way (three WhatsApp buttons, a Telegram keyboard, numbered text);
 * the outbound row's purpose "reminder" lets the WhatsApp sender switch to a template outside the
 * 24-hour window.
 */
export function reminderIntent(t: TFunction, session: ReminderSession, timezone: string): ChoicesIntent {
  const params = { title: session.title, when: formatDateTime(t, session.startsAt, timezone), place: session.location ?? "" };
  return {
    type: "choices",
    text: t(session.location ? "reminder.body" : "reminder.body_no_place", params) as string,
    choices: RSVP_ANSWERS.map((answer) => ({ id: rsvpChoiceId(answer, session.id), label: t(`reminder.choices.${answer}`) as string })),
    listButton: t("menu.button") as string,
    numberHint: t("choices.reply_with_number") as string,
    numbers: choiceNumbers(RSVP_ANSWERS.length, languageOf(t)),
  };
}

/**
 * The three parameters of the WhatsApp reminder template (title, when, where), stored beside the intent
 * as app/outbound.ts does (`intent.template.params`): outside the 24-hour window the sender sends the
 * approved template with them instead of the buttons.
 */
export function reminderTemplateParams(t: TFunction, session: ReminderSession, timezone: string): string[] {
  return [session.title, formatDateTime(t, session.startsAt, timezone), session.location ?? ""];
}
