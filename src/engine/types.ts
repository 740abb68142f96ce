import type { Period } from "../understanding/slots/periods.ts";
import type { MediaType } from "../core/inbound.ts";
import type { Locale } from "../core/locales.ts";
import type { Titles } from "../core/titles.ts";

/** Who a broadcast goes to. */
export type Audience =
  | { type: "cohort"; cohortId: string }
  | { type: "participants" }
  | { type: "alumni" }
  | { type: "applicants" }
  | { type: "locale"; locale: Locale };

/**
 * Who came to a session, by number on the attendance sheet (1-based): these, everyone, or everyone
 * except these ("tous sauf 2"); the others are absent.
 */
export type Present = number[] | "all" | { except: number[] } | { names: string[]; except: boolean };

export interface BroadcastDraft {
  audience?: Audience;
  originalLocale: Locale;
  /** Texts by language; the original is under originalLocale. */
  texts: Partial<Record<Locale, string>>;
  /** The language of the version being written, when adding one. */
  writing?: Locale;
}

/**
 * A parameter of a sentence: a value shown as is, `{ t: key, count? }` for a text translated in the reader's
 * language, `{ money, currency }` (integer cents) and `{ date }` (ISO date) formatted in it, `{ text, texts }`
 * a text a coordinator gave in several languages (a session title), shown in the reader's.
 */
export type SayParam = string | number | { t: string; count?: number } | { typed: string } | { money: number; currency: string } | { date: string; year?: boolean } | { datetime: string; zone: string } | { text: string; texts: Titles };

/** A sale or an expense recorded recently, as "undo" shows it. */
export interface RecentEntry extends Omit<RecordedTransaction, "text"> {
  id: string;
  recordedAt: string;
}

/** A sentence to show, as a translation key and its parameters; i18n renders it in the reader's language. */
export interface Say {
  key: string;
  params?: Record<string, SayParam>;
}

/** A choice offered to the person: translated (`say`) or shown as is (`label`, e.g. a language's own name). */
export interface ReplyChoice {
  id: string;
  say?: Say;
  label?: string;
}

/**
 * Someone's words inside a reply (an applicant's project shown to a reviewer), translated into the
 * reader's language at sending time when translation is on (outbox/translation.ts): `translated` is
 * sent instead, each of its sentences given the translation as `{{translation}}`.
 */
export interface ShownWords {
  text: string;
  /** The writer's language. */
  from: string;
  /** The writer: their refusal stops the translation, their erasure erases it. */
  ownerId: string | null;
  translated: Reply;
}

/** A message to send: one sentence, optionally followed by lines (a summary), optionally with choices. */
export type Reply =
  /** `keepsChoices`: a word about the choices shown before ("there are only 3"): a typed number still reads against them. */
  | { type: "text"; say: Say; lines?: Say[]; words?: ShownWords; keepsChoices?: true }
  | { type: "choices"; say: Say; lines?: Say[]; choices: ReplyChoice[]; words?: ShownWords }
  | { type: "document"; what: "my_data" }
  /** Sales totals, computed by the app: the person's own, or (coordinators) their cohorts'. */
  | { type: "totals"; scope: "me" | "cohorts"; period?: Period }
  /** Coordinators: the sales of their cohorts as a CSV document. */
  | { type: "export_sales"; period?: Period }
  /** The person's latest roadmap, as text and as a document (after they tap the template's button). */
  | { type: "roadmap" }
  /** Coordinators: a session's members, numbered, with their answers, to say who came. */
  | { type: "attendance_sheet"; sessionId: string }
  /** Attendance just recorded, read back by name: who was marked present, who absent, and numbers not on the sheet. */
  | { type: "attendance_saved"; sessionId: string; present: Present }
  /** Coordinators: a broadcast's recipients per language, then send / edit / cancel. */
  | { type: "broadcast_preview"; draft: BroadcastDraft; choices: ReplyChoice[] }
  /** Coordinators: who said they are coming to a session ("qui vient demain ?"), as the day-before forecast says it. */
  | { type: "forecast"; sessionId: string }
  /** Coordinators: a one-time sign-in link to the web console (made by the app, or "the console is off"). */
  | { type: "console_link" };

/** What the engine knows of the person: no I/O, just the facts the flows need. */
export interface PersonView {
  locale: Locale | null;
  localeConfirmed: boolean;
  role: "participant" | "coordinator" | "admin";
  stage: "newcomer" | "applicant" | "member" | "alumni" | "left";
  optedOut: boolean;
  firstName: string | null;
  /** IANA zone for "today" and times shown to the person. */
  timezone: string;
}

export interface ApplicationSummary {
  id: string;
  /** The applicant: owner of their words, when they are translated for the reviewer. */
  personId?: string;
  name: string;
  locale: string;
  submittedAt: string;
  answers: Record<string, string>;
}

/** Facts the app loads before a turn, so flows can decide without I/O. */
export interface EngineContext {
  hasConsent: boolean;
  /** The last application; a draft's answers so far, so enrolment left for the menu or a language resumes where it was. */
  application: { id: string; status: "draft" | "submitted" | "accepted" | "declined"; answers?: Record<string, string> } | null;
  /** The person's last sale or expense, for "undo" (within 24 hours). */
  lastTransaction?: RecentEntry | null;
  /** The entries "undo" can still remove, the latest first ("annule la vente de bissap" picks among them). */
  recentTransactions?: RecentEntry[];
  /** Members: the next sessions of their cohorts (start as ISO instant, the cohort's zone). */
  nextSessions?: { id: string; title: string; titles?: Titles; startsAt: string; location: string | null; timezone: string }[];
  /** Alumni: the check-in being answered, with the roadmap's next steps. */
  checkIn?: { id: string; months: number; steps: { key: string; text: string }[] } | null;
  /** Participants: a conversation with the team is open, so unplaced messages go to it. */
  relayOpen?: boolean;
  /** Coordinators: the thread a replied-to message belongs to (a reply to a forwarded message). */
  /** The thread a coordinator's reply answers; `stopped`: its person wrote "stop", so nothing is sent to them. */
  replyTarget?: { threadId: string; name: string; stopped?: boolean } | null;
  /** Coordinators: open threads, for "reply CODE text". */
  openThreads?: { id: string; code: string; name: string; stopped?: boolean }[];
  /** Coordinators: members of their cohorts, whose roadmaps they can write. */
  roadmapMembers?: { id: string; name: string }[];
  /** Coordinators only: applications waiting for a decision, oldest first. */
  pendingApplications?: ApplicationSummary[];
  /** Coordinators only: cohorts a person can be accepted into. */
  cohorts?: { id: string; name: string }[];
  /** Coordinators: the open cohorts where they add sessions, those they coordinate (an admin: every open cohort). */
  ownCohorts?: { id: string; name: string }[];
  /**
   * Coordinators: false when the app left the lists above unloaded; a flow that reads one asks for
   * them (workload.ts). Absent: they are as given.
   */
  workloadLoaded?: boolean;
  /**
   * The language bridge is on (translation, transcription or both): the translation services people's
   * words go to (named in the privacy notice; absent without a translation provider), whether voice notes
   * are transcribed (TRANSCRIBE_URL), and whether this person is still to be told of it once
   * (privacy/bridge-consent.ts, bridgeNoticeDue).
   */
  bridge?: { services?: string; tell: boolean; voice?: boolean };
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
  media?: { type: MediaType; id?: string };
  /**
   * A voice note's words, as the transcription server heard them (voice/): `text` stays unset, so a
   * transcript is never read as a command; flows that wait for free words (a project, a message to
   * the team) take it.
   */
  transcript?: string;
  unsupported?: boolean;
  /** The platform's type for an unsupported message ("location", "reaction"…). */
  unsupportedType?: string;
  /** The platform could not give us the message: the person is asked to send it again. */
  unreadable?: boolean;
  /** The person's WhatsApp number changed to this one (a `system` message). */
  changedNumberTo?: string;
  localeHint?: string;
  /** A number typed alone that is none of the choices last offered: how many there were. */
  choicesOffered?: number;
}

export type EngineEvent = MessageEvent;

/** Changes the app applies in the same transaction as the new state (or, for sends to others, right after). */
export type Effect =
  | { type: "set_locale"; locale: Locale; confirmed: boolean }
  | { type: "opt_out" }
  /** The person's address on this platform changed (WhatsApp number change): their next messages come from `to`. */
  | { type: "move_address"; to: string }
  | { type: "opt_in" }
  | { type: "give_consent"; version: string }
  | { type: "save_answer"; key: string; value: string }
  | { type: "submit_application" }
  | { type: "erase_me" }
  | { type: "notify_coordinators"; reply: Reply }
  | { type: "decide_application"; applicationId: string; decision: "accepted" | "declined"; cohortId?: string }
  | { type: "audit"; action: string; subject?: string }
  | { type: "record_transaction"; transaction: RecordedTransaction }
  | { type: "undo_transaction"; id: string }
  | { type: "relay"; kind: "request" | "message" | "voice"; text: string | null; mediaId?: string; language: string }
  /** `asWritten`: the coordinator chose to send her words untranslated ("send as written"). */
  | { type: "relay_answer"; threadId: string; text: string; asWritten?: boolean }
  /** `late`: coming, but late (said in words); shown in the coordinators' forecast. */
  | { type: "record_rsvp"; sessionId: string; answer: "yes" | "no" | "maybe"; late?: boolean }
  | { type: "checkin_answer"; checkInId: string; field: string; value: string }
  | { type: "roadmap_lines"; personId: string; section: "strengths" | "improvements" | "resources" | "partners" | "next_steps"; lines: string[] }
  | { type: "move_session"; sessionId: string; startsAt: string }
  | { type: "cancel_session"; sessionId: string }
  | { type: "add_session"; cohortId: string; title: string; titles?: Titles | null; startsAt: string; location: string }
  | { type: "record_attendance"; sessionId: string; present: Present }
  /** The person's answer about the language bridge (privacy/bridge-consent.ts): told once, kept, or refused. */
  | { type: "bridge_answer"; answer: "told" | "accepted" | "refused" }
  | { type: "create_broadcast"; draft: { audience: Audience; originalLocale: Locale; texts: Partial<Record<Locale, string>> } };

export interface RecordedTransaction {
  kind: "sale" | "expense";
  item: string | null;
  quantity: number | null;
  unitPriceCents: number | null;
  amountCents: number;
  currency: string;
  text: string | null;
  /** The local date of the sale in the person's zone (YYYY-MM-DD). */
  occurredOn: string;
}

export interface EngineInput {
  person: PersonView;
  conversation: Conversation;
  context: EngineContext;
  event: EngineEvent;
  now: Date;
  defaultLocale: Locale;
}

export interface EngineResult {
  conversation: Conversation;
  replies: Reply[];
  effects: Effect[];
}
