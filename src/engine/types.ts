import type { MediaType } from "../core/inbound.ts";
import type { Locale } from "../core/locales.ts";

/** A sentence to show, as a translation key and its parameters; i18n renders it in the person's language. */
export interface Say {
  key: string;
  params?: Record<string, string | number>;
}

/** A choice offered to the person: translated (`say`) or shown as is (`label`, e.g. a language's own name). */
export interface ReplyChoice {
  id: string;
  say?: Say;
  label?: string;
}

export type Reply = { type: "text"; say: Say } | { type: "choices"; say: Say; choices: ReplyChoice[] };

/** What the engine knows of the person: no I/O, just the facts the flows need. */
export interface PersonView {
  locale: Locale | null;
  localeConfirmed: boolean;
  role: "participant" | "coordinator" | "admin";
  stage: "newcomer" | "applicant" | "member" | "alumni" | "left";
  optedOut: boolean;
  firstName: string | null;
}

/** The stored state of one person's conversation. */
export interface Conversation {
  flow: string | null;
  step: string | null;
  data: Record<string, unknown>;
}

export interface MessageEvent {
  type: "message";
  text?: string;
  choiceId?: string;
  media?: { type: MediaType };
  unsupported?: boolean;
  localeHint?: string;
}

export type EngineEvent = MessageEvent;

/** Changes the app applies to the database in the same transaction as the new state. */
export type Effect =
  | { type: "set_locale"; locale: Locale; confirmed: boolean }
  | { type: "opt_out" }
  | { type: "opt_in" };

export interface EngineInput {
  person: PersonView;
  conversation: Conversation;
  event: EngineEvent;
  now: Date;
  defaultLocale: Locale;
}

export interface EngineResult {
  conversation: Conversation;
  replies: Reply[];
  effects: Effect[];
}
