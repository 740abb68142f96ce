/**
 * The enrolment questions, in order. Texts live in locales under `enrol.questions.<key>`:
 * `ask`, `label` (for the summary), `invalid` (the helpful re-ask), and `options.<value>` for choices.
 * To add or change a question, edit this list and the texts of every language (see README).
 */
export interface Question {
  key: string;
  /** text: typed answer; choice: one of `options`; text_or_voice: typed answer or a voice note. */
  kind: "text" | "choice" | "text_or_voice";
  options?: readonly string[];
  optional?: boolean;
  /** Longest typed answer kept (characters). */
  maxLength?: number;
  /** The applicant's own words, shown to reviewers with a translation into their language (the language bridge). */
  translated?: boolean;
}

export const QUESTIONS: readonly Question[] = [
  { key: "first_name", kind: "text", maxLength: 60 },
  { key: "languages", kind: "text", optional: true, maxLength: 200 },
  { key: "french_level", kind: "choice", options: ["none", "beginner", "intermediate", "fluent"] },
  { key: "project", kind: "text_or_voice", maxLength: 1500, translated: true },
  { key: "sector", kind: "choice", options: ["catering", "crafts_textiles", "services", "trade", "other"] },
  { key: "experience", kind: "choice", options: ["none", "some", "lots"], optional: true },
  { key: "availability", kind: "choice", options: ["full_days", "half_days", "not_sure"] },
  { key: "heard_from", kind: "choice", options: ["friend", "association", "social_media", "public_service", "other"], optional: true },
];

/** The version of the privacy notice shown with the consent question; stored with each consent. */
export const PRIVACY_NOTICE_VERSION = "2026-11";

/** Wrong answers to one question before the bot offers a person's help. */
export const MAX_TRIES = 3;

export function questionByKey(key: string | null | undefined): Question | undefined {
  return QUESTIONS.find((q) => q.key === key);
}
