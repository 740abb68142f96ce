import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import { QUESTIONS } from "../../../src/engine/flows/questions.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const person: PersonView = { locale: "fr", localeConfirmed: true, role: "participant", stage: "newcomer", optedOut: false, firstName: null, timezone: "Europe/Paris" };
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));

/** Plays a conversation: each event in turn, carrying the state and the consent like the app does. */
function play(events: Partial<MessageEvent>[], start: Conversation = { flow: null, step: null, data: {} }) {
  let conversation = start;
  let context: EngineContext = { hasConsent: false, application: null };
  const results: EngineResult[] = [];
  for (const e of events) {
    const r = step({ person, conversation, context, event: { type: "message", ...e }, now: new Date(), defaultLocale: "fr" }, reader);
    if (r.effects.some((x) => x.type === "give_consent")) context = { ...context, hasConsent: true };
    conversation = r.conversation;
    results.push(r);
  }
  return { results, last: results[results.length - 1]!, conversation };
}

const buttonsOnly: Partial<MessageEvent>[] = [
  { choiceId: "menu:enrol" },
  { choiceId: "consent:yes" },
  { text: "Awa" },
  { choiceId: "enrol:skip" },
  { choiceId: "opt:beginner" },
  { media: { type: "voice", id: "media-123" } },
  { choiceId: "opt:catering" },
  { choiceId: "opt:some" },
  { choiceId: "opt:half_days" },
  { choiceId: "enrol:skip" },
];

describe("enrolment", () => {
  it("a number typed for the spoken languages that no choice has ('2' when only '1. Skip' is offered) is asked again, never saved", () => {
    const start = [{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Awa" }];
    for (const typed of ["2", "٢", "۲"]) {
      const { last } = play([...start, { text: typed }]);
      expect(last.effects.filter((e) => e.type === "save_answer"), typed).toEqual([]);
      expect(keys(last).some((k) => k.startsWith("enrol.questions.languages.")), typed).toBe(true);
    }
    // "1" is the Skip choice: the app turns a typed number into the choice it names (app/choices.ts).
    const skipped = play([...start, { choiceId: "enrol:skip" }]).last;
    expect(keys(skipped)).toContain("enrol.questions.french_level.ask");
    const words = play([...start, { text: "arabe, français" }]).last;
    expect(words.effects).toContainEqual({ type: "save_answer", key: "languages", value: "arabe, français" });
  });

  it("asks for consent first, and nothing is saved before it", () => {
    const { results } = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:more" }, { choiceId: "consent:no" }]);
    expect(keys(results[0]!)).toEqual(["enrol.intro", "enrol.consent.ask"]);
    expect(keys(results[1]!)).toEqual(["privacy.details", "enrol.consent.ask"]);
    expect(keys(results[2]!)).toEqual(["enrol.consent.refused", "menu.title"]);
    expect(results.flatMap((r) => r.effects)).toEqual([]);
  });

  it("goes from consent to summary with buttons, one question at a time, saving each answer", () => {
    const { results, last } = play(buttonsOnly);
    expect(results[1]!.effects).toEqual([{ type: "give_consent", version: "2026-11" }]);
    expect(keys(results[1]!)).toEqual(["enrol.consent.thanks", "enrol.hint_back", "enrol.questions.first_name.ask"]);
    const asked = results.slice(1).map((r) => keys(r).find((k) => k.startsWith("enrol.questions.") || k === "enrol.summary"));
    expect(asked).toEqual([...QUESTIONS.map((q) => `enrol.questions.${q.key}.ask`), "enrol.summary"]);
    const saved = results.flatMap((r) => r.effects.filter((e) => e.type === "save_answer"));
    expect(saved).toEqual([
      { type: "save_answer", key: "first_name", value: "Awa" },
      { type: "save_answer", key: "french_level", value: "beginner" },
      { type: "save_answer", key: "project", value: "voice:media-123" },
      { type: "save_answer", key: "sector", value: "catering" },
      { type: "save_answer", key: "experience", value: "some" },
      { type: "save_answer", key: "availability", value: "half_days" },
    ]);
    const summary = last.replies[0]!;
    expect(summary.type === "choices" && summary.lines?.length).toBe(6);
  });

  it("sends the application and alerts the coordinators", () => {
    const { last } = play([...buttonsOnly, { choiceId: "enrol:send" }]);
    expect(keys(last)).toEqual(["enrol.sent", "menu.title"]);
    expect(last.effects.map((e) => e.type)).toEqual(["submit_application", "notify_coordinators"]);
    expect(last.conversation.flow).toBeNull();
  });

  it("lets the person change one answer from the summary, then returns to it", () => {
    const { results } = play([...buttonsOnly, { choiceId: "enrol:edit" }, { choiceId: "enrol:edit:sector" }, { choiceId: "opt:trade" }]);
    const [pick, ask, back] = results.slice(-3);
    expect(keys(pick!)).toEqual(["enrol.edit_which"]);
    expect(keys(ask!)).toEqual(["enrol.questions.sector.ask"]);
    expect(keys(back!)).toEqual(["enrol.summary"]);
    expect(back!.effects).toEqual([{ type: "save_answer", key: "sector", value: "trade" }]);
  });

  it("goes back to the previous question on 'retour'", () => {
    const { last } = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Awa" }, { text: "retour" }]);
    expect(keys(last)).toEqual(["enrol.questions.first_name.ask"]);
    expect(last.conversation.step).toBe("first_name");
  });

  it("re-asks a wrong answer helpfully, and offers a person after three tries", () => {
    const start = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Awa" }, { text: "arabe" }]).conversation;
    expect(start.step).toBe("french_level");
    const { results } = play([{ text: "??" }, { text: "🙂" }, { text: "hmm" }], start);
    expect(keys(results[0]!)).toEqual(["enrol.questions.french_level.invalid", "enrol.questions.french_level.ask"]);
    expect(keys(results[1]!)).toEqual(["enrol.questions.french_level.invalid", "enrol.questions.french_level.ask"]);
    expect(keys(results[2]!)).toEqual(["enrol.stuck"]);
    const offered = results[2]!.replies[0]!;
    expect(offered.type === "choices" && offered.choices.map((c) => c.id)).toEqual(["enrol:retry", "menu:human"]);
  });

  it("refuses to skip a required question, and a name without letters", () => {
    const atName = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }]).conversation;
    expect(keys(play([{ text: "passer" }], atName).last)).toEqual(["enrol.not_optional", "enrol.questions.first_name.ask"]);
    expect(keys(play([{ text: "12345" }], atName).last)).toEqual(["enrol.questions.first_name.invalid", "enrol.questions.first_name.ask"]);
    expect(play([{ text: "فاطمة" }], atName).last.effects).toEqual([{ type: "save_answer", key: "first_name", value: "فاطمة" }]);
  });

  it("keeps the name without 'my name is', and asks again for a sentence or a pasted page", () => {
    const atName = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }]).conversation;
    const saved = (text: string) => play([{ text }], atName).last.effects.find((e) => e.type === "save_answer");
    expect(saved("my name is John Okafor")).toEqual({ type: "save_answer", key: "first_name", value: "John Okafor" });
    expect(saved("Je m'appelle Awa.")).toEqual({ type: "save_answer", key: "first_name", value: "Awa" });
    expect(saved("اسمي فاطمة")).toEqual({ type: "save_answer", key: "first_name", value: "فاطمة" });
    expect(saved("Меня зовут Оксана")).toEqual({ type: "save_answer", key: "first_name", value: "Оксана" });
    expect(saved("Marie-Claire Nguyen")).toEqual({ type: "save_answer", key: "first_name", value: "Marie-Claire Nguyen" });
    expect(saved("bonjour je voudrais savoir comment on fait pour s'inscrire")).toBeUndefined();
    expect(saved("a".repeat(4000))).toBeUndefined();
    expect(keys(play([{ text: "b ".repeat(2000) }], atName).last)).toEqual(["enrol.questions.first_name.invalid", "enrol.questions.first_name.ask"]);
  });

  it("keeps commands working in the middle of enrolment, and resumes after a language change", () => {
    const atLevel = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Awa" }, { choiceId: "enrol:skip" }]).conversation;
    const changed = play([{ choiceId: "lang:ar" }], atLevel).last;
    expect(keys(changed)).toEqual(["language.set", "enrol.questions.french_level.ask"]);
    expect(changed.effects).toEqual([{ type: "set_locale", locale: "ar", confirmed: true }]);
    expect(changed.conversation.step).toBe("french_level");
  });

  it("takes a coordinator word typed as an answer for an answer, not a refused command", () => {
    const atLanguages = play([{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Awa" }]).conversation;
    const r = play([{ text: "annonce" }], atLanguages).last;
    expect(r.effects).toEqual([{ type: "save_answer", key: "languages", value: "annonce" }]);
  });

  it("does not re-enrol someone whose application is waiting", () => {
    const r = step(
      { person, conversation: { flow: null, step: null, data: {} }, context: { hasConsent: true, application: { id: "a1", status: "submitted" } }, event: { type: "message", choiceId: "menu:application" }, now: new Date(), defaultLocale: "fr" },
      reader,
    );
    expect(keys(r)).toEqual(["enrol.already_sent", "menu.title"]);
  });
});

describe("enrolment left and taken up again", () => {
  const draft = (answers: Record<string, string>): EngineContext => ({ hasConsent: true, application: { id: "a1", status: "draft", answers } });
  const resume = (context: EngineContext) => step({ person, conversation: { flow: null, step: null, data: {} }, context, event: { type: "message", choiceId: "menu:enrol" }, now: new Date(), defaultLocale: "fr" }, reader);

  it("resumes at the first question not answered, keeping the answers saved before the detour", () => {
    const r = resume(draft({ first_name: "Oksana", languages: "українська" }));
    expect(keys(r)).toContain("enrol.questions.french_level.ask");
    expect(r.conversation.data).toMatchObject({ answers: { first_name: "Oksana", languages: "українська" }, history: ["first_name", "languages"] });
    // "Back" from there goes to the question before, as if nothing had happened.
    const back = step({ person, conversation: r.conversation, context: draft({ first_name: "Oksana", languages: "українська" }), event: { type: "message", text: "retour" }, now: new Date(), defaultLocale: "fr" }, reader);
    expect(keys(back).some((k) => k.startsWith("enrol.questions.languages."))).toBe(true);
  });

  it("shows the summary when every question was answered, and starts afresh after a decision", () => {
    const all = Object.fromEntries(QUESTIONS.map((q) => [q.key, q.kind === "choice" ? "x" : "texte"]));
    expect(keys(resume(draft(all)))).toContain("enrol.summary");
    const declined: EngineContext = { hasConsent: true, application: { id: "a1", status: "declined", answers: { first_name: "Oksana" } } };
    expect(keys(resume(declined))).toContain("enrol.questions.first_name.ask");
  });
});

describe("asking to sign up in words", () => {
  it.each(["je veux m'inscrire", "التسجيل", "quero me inscrever", "quero fazer a inscrição", "ابغى اسجل", "ክምዝገብ እደሊ", "I want to register", "записаться", "ثبت نام میخواهم"])("%s starts the sign-up", (words) => {
    const r = step({ person: { ...person, locale: "fr" }, conversation: { flow: null, step: null, data: {} }, context: { hasConsent: false, application: null }, event: { type: "message", text: words }, now: new Date("2026-12-07T10:00:00Z"), defaultLocale: "fr" }, reader);
    expect(r.conversation.flow, words).toBe("enrol");
  });
});
