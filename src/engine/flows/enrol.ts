import { normalise, typedNumber } from "../../core/text.ts";
import { mainMenu, option, text, choices } from "../replies.ts";
import { IDLE, idle, reply, type Turn } from "../turn.ts";
import type { Conversation, EngineResult, Reply, Say } from "../types.ts";
import { bridgePrivacyLines } from "./bridge.ts";
import { MAX_TRIES, PRIVACY_NOTICE_VERSION, QUESTIONS, questionByKey, type Question } from "./questions.ts";

export const ENROL = "enrol";

interface EnrolData {
  answers: Record<string, string>;
  history: string[];
  tries: number;
  editing: boolean;
}

function dataOf(c: Conversation): EnrolData {
  const d = c.data as Partial<EnrolData>;
  return { answers: d.answers ?? {}, history: d.history ?? [], tries: d.tries ?? 0, editing: d.editing ?? false };
}

const at = (step: string, data: EnrolData): Conversation => ({ flow: ENROL, step, data: { ...data } });

/** Starts (or resumes) enrolment: consent first, then the questions one at a time. */
/** Asking to sign up, in every supported language ("je veux m'inscrire", "sign me up", "التسجيل", "ثبت نام", "ভর্তি হতে চাই"). */
const ENROL_WORDS = /(?:^|[\s'’])(?:inscri\S*|m'inscrire|register|registration|sign ?up|sign me up|enrol\S*|join|apply|inscrib\S*|inscripcion|inscricao|inscrever\S*|cadastr\S*|записат\S*|запиши\S*|регистрац\S*|зареєстр\S*|запишіть\S*|записатися|تسجيل|التسجيل|سجل|سجلني|اسجل|نسجل|نتسجل|ثبت ?نام|ثبتنام|نام ?نویسی|نوم ?لیکنه|نوم ?ثبت|ምዝገባ|ክምዝገብ\S*|ተመዝገብ\S*|নিবন্ধন|ভর্তি|রেজিস্ট্রেশন|রেজিস্টার)(?=$|[\s,.!?؟])/u;

export function asksToEnrol(typed: string | undefined): boolean {
  return typed !== undefined && ENROL_WORDS.test(normalise(typed).replace(/\u200c/gu, ""));
}

export function startEnrolment(turn: Turn): EngineResult {
  if (turn.context.application?.status === "submitted") return idle([text("enrol.already_sent"), mainMenu(turn.person, turn.context)]);
  if (turn.person.stage === "member" || turn.person.stage === "alumni") return idle([text("enrol.already_member"), mainMenu(turn.person, turn.context)]);
  const data = turn.conversation.flow === ENROL ? dataOf(turn.conversation) : savedDraft(turn);
  if (!turn.context.hasConsent) return reply(at("consent", data), [text("enrol.intro"), consentQuestion()]);
  const next = QUESTIONS.find((q) => !(q.key in data.answers));
  // Every question answered before leaving: the summary, to check and send.
  if (!next && data.history.length === QUESTIONS.length) return summary(data, []);
  return ask(next ?? QUESTIONS[0]!, data, [text("enrol.hint_back")]);
}

/** A draft's answers given before the person left enrolment (the menu, help, a new language): it resumes at the first unanswered question. */
function savedDraft(turn: Turn): EnrolData {
  const app = turn.context.application;
  const saved = app?.status === "draft" ? (app.answers ?? {}) : {};
  const keys = QUESTIONS.map((q) => q.key).filter((k) => typeof saved[k] === "string");
  return { answers: Object.fromEntries(keys.map((k) => [k, saved[k]!])), history: keys, tries: 0, editing: false };
}

function consentQuestion(): Reply {
  return choices("enrol.consent.ask", [option("consent:yes", "enrol.consent.yes"), option("consent:no", "enrol.consent.no"), option("consent:more", "enrol.consent.more")]);
}

/** Handles a turn inside the enrolment flow. */
export function continueEnrolment(turn: Turn): EngineResult {
  const data = dataOf(turn.conversation);
  const step = turn.conversation.step;
  if (step === "consent") return onConsent(turn, data);
  if (step === "summary") return onSummary(turn, data);
  if (step === "edit") return onEditPick(turn, data);
  const question = questionByKey(step);
  if (!question) return startEnrolment({ ...turn, conversation: IDLE });
  return onAnswer(turn, question, data);
}

function onConsent(turn: Turn, data: EnrolData): EngineResult {
  switch (turn.choiceId) {
    case "consent:yes":
      return ask(QUESTIONS[0]!, { ...data, tries: 0 }, [text("enrol.consent.thanks"), text("enrol.hint_back")], [{ type: "give_consent", version: PRIVACY_NOTICE_VERSION }]);
    case "consent:no":
      return idle([text("enrol.consent.refused"), mainMenu(turn.person, turn.context)]);
    case "enrol:retry":
      return reply(at("consent", data), [consentQuestion()]);
    case "consent:more":
      return reply(at("consent", data), [text("privacy.details"), ...bridgePrivacyLines(turn.context.bridge), consentQuestion()]);
    default:
      return reply(at("consent", data), [text("enrol.use_buttons"), consentQuestion()]);
  }
}

function onAnswer(turn: Turn, q: Question, data: EnrolData): EngineResult {
  if (turn.command === "back") {
    const previous = questionByKey(data.history[data.history.length - 1]);
    if (!previous) return ask(q, data);
    return ask(previous, { ...data, history: data.history.slice(0, -1), tries: 0 });
  }
  if (turn.command === "skip" || turn.choiceId === "enrol:skip") {
    if (q.optional) return advance(q, { ...data, history: [...data.history, q.key] }, []);
    return ask(q, data, [text("enrol.not_optional")]);
  }
  if (turn.choiceId === "enrol:retry") return ask(q, { ...data, tries: 0 });
  const close = closeAnswer(q, turn);
  if (close) {
    const label = `enrol.questions.${q.key}.options.${close}`;
    return reply(at(q.key, data), [choices("understand.close_choice", [option(`opt:${close}`, label), option("close:no", "understand.close_no")], { answer: { t: label } })]);
  }
  const value = readAnswer(q, turn);
  if (value === undefined) {
    const tries = data.tries + 1;
    if (tries >= MAX_TRIES) {
      return reply(at(q.key, { ...data, tries: 0 }), [choices("enrol.stuck", [option("enrol:retry", "enrol.retry"), option("menu:human", "menu.items.human")])]);
    }
    return ask(q, { ...data, tries }, [text(`enrol.questions.${q.key}.invalid`)]);
  }
  const next = { ...data, answers: { ...data.answers, [q.key]: value }, history: [...data.history, q.key], tries: 0 };
  return advance(q, next, [{ type: "save_answer", key: q.key, value }]);
}

function advance(q: Question, data: EnrolData, effects: EngineResult["effects"]): EngineResult {
  const index = QUESTIONS.findIndex((x) => x.key === q.key);
  const following = QUESTIONS[index + 1];
  if (data.editing || !following) return summary({ ...data, editing: false }, effects);
  return ask(following, data, [], effects);
}

/**
 * A typed answer to a choice question that fits one of its choices in words ("3 ans dans un
 * restaurant" → "2 years or more", "un peu" → "a little", "non" → "never"): to confirm, not to take as is.
 */
function closeAnswer(q: Question, turn: Turn): string | undefined {
  const slots = turn.understood?.slots;
  if (q.kind !== "choice" || turn.choiceId || !slots) return undefined;
  if (q.key === "experience") {
    if (slots.years !== undefined) return slots.years === 0 ? "none" : slots.years < 2 ? "some" : "lots";
    if (slots.degree) return slots.degree === "little" ? "some" : "lots";
    if (slots.answer === "no") return "none";
    if (slots.answer === "yes") return "some";
  }
  if (q.key === "french_level") {
    if (slots.degree) return slots.degree === "little" ? "beginner" : "fluent";
    if (slots.answer === "no") return "none";
  }
  return undefined;
}

/** Starts an answer heard in a voice note (its transcript), so whoever reads it knows it was spoken. */
export const VOICE_MARK = "🎤 ";

/** Line breaks, tabs and other controls: an answer is kept on one line. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/**
 * Characters that show nothing and only hide or reorder what is shown: zero-width space, direction
 * marks (LRM, RLM, the Arabic letter mark), embeddings and overrides, isolates, word joiner, BOM.
 * A stored answer shown to a coordinator, or in a CSV, reads as the person saw it.
 */
const INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;
/** Zero-width non-joiner and joiner: part of Persian and Bengali spelling ("می‌خواهم", "র‍্যাব") and of emoji ("👩‍🍳"). */
const JOINER_RUN = /([\u200c\u200d])[\u200c\u200d]+/g;
/** A joiner with nothing visible on one side (the start or end, a space): it joins nothing. */
const STRAY_JOINER = /(?<!\S)[\u200c\u200d]|[\u200c\u200d](?!\S)/g;

/**
 * Words on one line, without control or direction characters; the joiners inside words stay.
 * @example cleanWords("\u202bمی\u200cخواهم\nآشپزی\u200c ") === "می\u200cخواهم آشپزی"
 */
export function cleanWords(words: string): string {
  return words.replace(INVISIBLE, "").replace(CONTROLS, " ").replace(JOINER_RUN, "$1").replace(STRAY_JOINER, "").replace(/\s+/g, " ").trim();
}

/** The typed or chosen answer, or undefined when it does not fit the question. */
function readAnswer(q: Question, turn: Turn): string | undefined {
  if (q.kind === "choice") {
    const value = turn.choiceId?.startsWith("opt:") ? turn.choiceId.slice(4) : undefined;
    return value && q.options?.includes(value) ? value : undefined;
  }
  if (q.kind === "text_or_voice" && turn.event.media && (turn.event.media.type === "voice" || turn.event.media.type === "audio")) {
    // Transcribed, its words are the answer (marked as heard); else the voice note itself, for the team to listen to.
    const heard = cleanWords(turn.event.transcript ?? "");
    return /[\p{L}\p{N}]/u.test(heard) ? `${VOICE_MARK}${[...heard].slice(0, q.maxLength ?? 500).join("")}` : `voice:${turn.event.media.id ?? "unknown"}`;
  }
  const typed = cleanWords(turn.event.text ?? "");
  // A number alone where words are asked is a choice that does not exist ("2" when only "1. Skip" is offered).
  if (!typed || turn.choiceId || typedNumber(typed) !== undefined) return undefined;
  if (q.key === "first_name") return nameFrom(typed, q.maxLength ?? 60);
  if (!/[\p{L}\p{N}]/u.test(typed)) return undefined;
  return [...typed].slice(0, q.maxLength ?? 500).join("");
}

/** "My name is …" as people write it before their name, in our languages. */
const NAME_IS = /^(?:my name is|my name's|i am|i'm|je m'?appelle|je suis|moi c'?est|mon nom est|me llamo|mi nombre es|soy|meu nome é|meu nome e|chamo-me|eu sou|меня зовут|моё имя|мое имя|мене звати|моє ім'?я|اسمي|انا اسمي|أنا|انا|اسم من|نام من|من|زما نوم|زه|ስመይ|ኣነ|আমার নাম|আমি)\s*[:,-]?\s+/iu;

/** At most this many words: a first name (and perhaps a family name), not a sentence or a pasted page. */
const NAME_MAX_WORDS = 4;

/** The first name typed, without "my name is"; undefined for a sentence, a page, or no letters (asked again). */
function nameFrom(typed: string, maxLength: number): string | undefined {
  const name = typed.replace(NAME_IS, "").replace(/[.!،。]+$/u, "").trim();
  if (!/\p{L}/u.test(name) || [...name].length > maxLength || name.split(/\s+/).length > NAME_MAX_WORDS) return undefined;
  return name;
}

function ask(q: Question, data: EnrolData, before: Reply[] = [], effects: EngineResult["effects"] = []): EngineResult {
  const position = { n: QUESTIONS.indexOf(q) + 1, total: QUESTIONS.length };
  const key = `enrol.questions.${q.key}.ask`;
  const skip = q.optional ? [option("enrol:skip", "enrol.skip")] : [];
  const question: Reply =
    q.kind === "choice"
      ? choices(key, [...(q.options ?? []).map((o) => option(`opt:${o}`, `enrol.questions.${q.key}.options.${o}`)), ...skip], position)
      : skip.length
        ? choices(key, skip, position)
        : text(key, position);
  return reply(at(q.key, data), [...before, question], effects);
}

function summaryLines(answers: Record<string, string>): Say[] {
  return QUESTIONS.filter((q) => q.key in answers).map((q) => {
    const value = answers[q.key]!;
    const answer = q.kind === "choice" ? { t: `enrol.questions.${q.key}.options.${value}` } : value.startsWith("voice:") ? { t: "enrol.voice_note" } : value;
    return { key: "enrol.summary_line", params: { label: { t: `enrol.questions.${q.key}.label` }, answer } };
  });
}

function summary(data: EnrolData, effects: EngineResult["effects"] = []): EngineResult {
  return reply(
    at("summary", data),
    [choices("enrol.summary", [option("enrol:send", "enrol.send"), option("enrol:edit", "enrol.edit"), option("enrol:cancel", "enrol.cancel")], {}, summaryLines(data.answers))],
    effects,
  );
}

function onSummary(turn: Turn, data: EnrolData): EngineResult {
  if (turn.choiceId === "enrol:send") {
    const name = data.answers["first_name"] ?? "";
    return idle(
      [text("enrol.sent"), mainMenu({ ...turn.person, stage: "applicant" }, { ...turn.context, application: { id: "", status: "submitted" } })],
      [{ type: "submit_application" }, { type: "notify_coordinators", reply: choices("review.new_application", [option("menu:applications", "review.see")], { name }) }],
    );
  }
  if (turn.choiceId === "enrol:edit") {
    const answered = QUESTIONS.filter((q) => q.key in data.answers || q.optional);
    return reply(at("edit", data), [choices("enrol.edit_which", answered.map((q) => option(`enrol:edit:${q.key}`, `enrol.questions.${q.key}.label`)))]);
  }
  if (turn.choiceId === "enrol:cancel") return idle([text("enrol.cancelled"), mainMenu(turn.person, turn.context)]);
  if (turn.command === "back") return ask(QUESTIONS[QUESTIONS.length - 1]!, data);
  return summary(data);
}

function onEditPick(turn: Turn, data: EnrolData): EngineResult {
  const q = turn.choiceId?.startsWith("enrol:edit:") ? questionByKey(turn.choiceId.slice("enrol:edit:".length)) : undefined;
  if (!q) return summary(data);
  return ask(q, { ...data, editing: true, tries: 0 });
}
