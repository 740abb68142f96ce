import { beforeAll, describe, expect, it } from "vitest";
import type { Reader } from "../../../src/engine/reader.ts";
import { step } from "../../../src/engine/engine.ts";
import { didYouMean } from "../../../src/engine/flows/understood.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-11-30T10:00:00Z");
export const newcomer: PersonView = { locale: null, localeConfirmed: false, role: "participant", stage: "newcomer", optedOut: false, firstName: null, timezone: "Europe/Paris" };
export const known: PersonView = { ...newcomer, locale: "fr", localeConfirmed: true };
const member: PersonView = { ...known, stage: "member", firstName: "Awa" };
const coordinator: PersonView = { ...known, role: "coordinator", firstName: "Amina" };
export const idle: Conversation = { flow: null, step: null, data: {} };
export const noContext: EngineContext = { hasConsent: false, application: null };

export function run(person: PersonView, event: Partial<MessageEvent>, conversation = idle, context = noContext, now = NOW): EngineResult {
  return step({ person, conversation, context, event: { type: "message", ...event }, now, defaultLocale: "fr" }, reader);
}
export const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type === "document" ? `document:${x.what}` : x.type));
const choiceIds = (r: EngineResult) => r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.id) : []));

describe("commands and first contact", () => {
  it.each<[string, PersonView, Partial<MessageEvent>, string[], EngineResult["effects"]]>([
    ["a greeting says too little: ask the language", newcomer, { text: "bonjour" }, ["welcome.intro", "language.choose"], [{ type: "set_locale", locale: "fr", confirmed: false }]],
    ["Telegram's language_code is used, and confirmable", newcomer, { text: "/start", localeHint: "ar" }, ["welcome.intro", "language.confirm"], [{ type: "set_locale", locale: "ar", confirmed: false }]],
    ["a regional hint maps to the language", newcomer, { text: "hi", localeHint: "pt-BR" }, ["welcome.intro", "language.confirm"], [{ type: "set_locale", locale: "pt", confirmed: false }]],
    ["an unsupported hint falls back to the text", newcomer, { text: "hallo", localeHint: "de" }, ["welcome.intro", "language.choose"], [{ type: "set_locale", locale: "fr", confirmed: false }]],
    ["the first free text's language is detected", newcomer, { text: "Здравствуйте, я хочу записаться на обучение" }, ["welcome.intro", "language.confirm"], [{ type: "set_locale", locale: "ru", confirmed: false }]],
    ["Tigrinya by its script", newcomer, { text: "ሰላም፡ ክምዝገብ እደሊ" }, ["welcome.intro", "language.confirm"], [{ type: "set_locale", locale: "ti", confirmed: false }]],
    ["stop works even at first contact", newcomer, { text: "stop" }, ["optout.confirmed"], [{ type: "opt_out" }]],
    ["'langue' opens the language menu", known, { text: "Langue" }, ["language.choose"], []],
    ["a command in another language works", known, { text: "ЯЗЫК" }, ["language.choose"], []],
    ["'/help' shows the menu, after what Migracoop is for someone new", known, { text: "/help" }, ["welcome.programme", "menu.title"], []],
    ["'STOP!' opts out, confirmed", known, { text: "STOP!" }, ["optout.confirmed"], [{ type: "opt_out" }]],
    ["a coordinator's 'stop' says that applications and participants' messages stop too", coordinator, { text: "stop" }, ["optout.confirmed_team"], [{ type: "opt_out" }]],
    ["a voice note outside a question goes to the team", known, { media: { type: "voice", id: "v1" } }, ["relay.voice_forwarded"], [{ type: "relay", kind: "voice", text: null, mediaId: "v1", language: "Français" }]],
    ["a photo outside a question: polite answer and the menu", known, { media: { type: "image", id: "p1" } }, ["fallback.media", "menu.title"], []],
    ["an unsupported message is answered politely", known, { unsupported: true }, ["fallback.unsupported", "menu.title"], []],
    ["odd text (emoji, bidi controls) gets the menu", known, { text: "‏🙂‍↔️ \u202e???" }, ["fallback.not_understood", "menu.title"], []],
    ["an unknown payload gets the menu", known, { choiceId: "rsvp:v0:old" }, ["fallback.not_understood", "menu.title"], []],
    ["a 5,000-character message gets the menu", known, { text: "ا".repeat(5000) }, ["fallback.not_understood", "menu.title"], []],
    ["choosing a language sets it; a newcomer hears about the programme", known, { choiceId: "lang:uk" }, ["language.set", "welcome.programme", "menu.title"], [{ type: "set_locale", locale: "uk", confirmed: true }]],
    ["a member choosing a language gets the menu", member, { choiceId: "lang:bn" }, ["language.set", "menu.title"], [{ type: "set_locale", locale: "bn", confirmed: true }]],
    ["'my data' sends the record and offers erasure", known, { text: "mes données" }, ["document:my_data", "mydata.erase_offer"], []],
    ["'delete my data' asks to confirm", known, { text: "delete my data" }, ["erase.confirm"], []],
    ["'talk to a person' opens a thread with the coordinators", member, { choiceId: "menu:human" }, ["human.requested"], [{ type: "relay", kind: "request", text: null, language: "Français" }]],
    ["'talk to a person' typed with what it is about sends that too", member, { text: "je veux parler à quelqu'un, mon fils est malade et je sais pas quoi faire" }, ["human.requested"], [{ type: "relay", kind: "message", text: "je veux parler à quelqu'un, mon fils est malade et je sais pas quoi faire", language: "Français" }]],
    ["'talk to a person' alone asks for a person", member, { text: "je veux parler à quelqu'un" }, ["human.requested"], [{ type: "relay", kind: "request", text: null, language: "Français" }]],
  ])("%s", (_name, person, event, expectedKeys, effects) => {
    const result = run(person, event);
    expect(keys(result)).toEqual(expectedKeys);
    expect(result.effects).toEqual(effects);
  });

  it("does not answer an emoji reaction, and keeps the conversation where it was", () => {
    const inFlow: Conversation = { flow: "erase", step: "confirm", data: {} };
    const r = run(known, { unsupported: true, unsupportedType: "reaction" }, inFlow);
    expect(r.replies).toEqual([]);
    expect(r.conversation).toEqual(inFlow);
  });

  it("tells someone who opted out once a day how to start again, and sends nothing else until they do", () => {
    const out = { ...known, optedOut: true };
    const hello = run(out, { text: "bonjour" });
    expect(keys(hello)).toEqual(["optout.still_stopped"]);
    expect(choiceIds(hello)).toEqual(["optout:start"]);
    expect(hello.effects).toEqual([]);
    // The same day, silence; a day later, the reminder again.
    expect(run(out, { choiceId: "menu:sale" }, hello.conversation).replies).toEqual([]);
    expect(run(out, { text: "bonjour" }, hello.conversation, undefined, new Date(NOW.getTime() + 25 * 3600_000)).replies).toHaveLength(1);
    const back = run(out, { text: "start" });
    expect(keys(back)).toEqual(["optout.resumed", "menu.title"]);
    expect(back.effects).toEqual([{ type: "opt_in" }]);
  });

  it("offers each person the menu that fits them", () => {
    expect(choiceIds(run(known, { text: "menu" }))).toEqual(["menu:enrol", "menu:mydata", "menu:language", "menu:human"]);
    expect(choiceIds(run(known, { text: "menu" }, idle, { hasConsent: true, application: { id: "a", status: "submitted" } }))).toEqual(["menu:application", "menu:mydata", "menu:language", "menu:human"]);
    expect(choiceIds(run(member, { text: "menu" }))).toEqual(["menu:sessions", "menu:sale", "menu:totals", "menu:mydata", "menu:language", "menu:human"]);
    expect(choiceIds(run(coordinator, { text: "menu" })).slice(0, 6)).toEqual(["menu:broadcast", "menu:applications", "menu:sessions", "menu:roadmap", "menu:totals", "menu:export"]);
  });

  it("hands a person to the team after the menu did not help twice", () => {
    const first = run(known, { text: "xqzt bloup" });
    expect(keys(first)).toEqual(["fallback.not_understood", "menu.title"]);
    const second = run(known, { text: "blorp xqzt" }, first.conversation);
    expect(keys(second)).toEqual(["relay.handed_over"]);
    expect(second.effects).toEqual([{ type: "relay", kind: "message", text: "blorp xqzt", mediaId: undefined, language: "Français" }]);
  });

  it("reads 'yes, I'm coming' as an answer about a training day from a member only", () => {
    for (const words of ["oui je viens", "je ne pourrai pas venir demain"]) {
      expect(keys(run(known, { text: words })), words).not.toContain("sessions.none");
      expect(run(known, { text: words }).effects.filter((e) => e.type === "record_rsvp"), words).toEqual([]);
    }
    expect(keys(run(member, { text: "je ne pourrai pas venir demain" }))).toContain("sessions.none"); // a member without sessions is told so
  });

  it("forwards unplaced messages while a thread is open; a short thanks is answered, not passed on", () => {
    const r = run(known, { text: "merci, et pour demain ?" }, idle, { ...noContext, relayOpen: true });
    expect(r.effects[0]).toMatchObject({ type: "relay", kind: "message", text: "merci, et pour demain ?" });
    // "allo vous êtes là" is for the team, not "I'll be there": no attendance recorded.
    const there = run({ ...known, stage: "member" }, { text: "allo vous etes la" }, idle, { ...noContext, relayOpen: true, nextSessions: [{ id: "s1", title: "Hygiène", startsAt: "2026-12-08T08:00:00.000Z", location: null, timezone: "Europe/Paris" }] });
    expect(there.effects.map((e) => e.type)).toEqual(["relay"]);
    for (const words of ["merci beaucoup", "thanks", "gracias"]) {
      const thanks = run(known, { text: words }, idle, { ...noContext, relayOpen: true });
      expect(keys(thanks), words).toEqual(["understand.thanks"]);
      expect(thanks.effects, words).toEqual([]);
    }
  });

  it("lets a coordinator answer by replying to a forwarded message, or with 'reply CODE text'", () => {
    const viaReply = run(coordinator, { text: "Oui, venez à 10 h." }, idle, { ...noContext, replyTarget: { threadId: "t-1", name: "Awa" } });
    expect(viaReply.effects[0]).toEqual({ type: "relay_answer", threadId: "t-1", text: "Oui, venez à 10 h." });
    const threads = { ...noContext, openThreads: [{ id: "abc123-x", code: "ABC123", name: "Awa" }] };
    const viaCode = run(coordinator, { text: "répondre abc123 Oui, venez à 10 h." }, idle, threads);
    expect(viaCode.effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "Oui, venez à 10 h." });
    expect(keys(run(coordinator, { text: "reply FFFFFF hello" }, idle, threads))).toEqual(["relay.unknown_code"]);
    // Whatever the answer's words would mean to the bot ("thanks", "start again", "stop"), they are the person's.
    for (const words of ["test", "merci pour votre message", "c'est reparti, on recommence", "stop"]) {
      expect(run(coordinator, { text: `répondre ABC123 ${words}` }, idle, threads).effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: words });
      expect(keys(run(coordinator, { text: `répondre 0FF1CE ${words}` }, idle, threads))).toEqual(["relay.unknown_code"]);
    }
    // As people type it on a phone: "réponds", a colon after the code, the code in brackets, or the code alone first.
    for (const typed of ["reponds ABC123 oui tu peux", "répondre ABC123: oui tu peux", "repondre abc123 - oui tu peux", "[ABC123] oui tu peux", "ABC123 oui tu peux"]) {
      expect(run(coordinator, { text: typed }, idle, threads).effects[0], typed).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "oui tu peux" });
    }
    // A word of six such letters first is not a code unless a thread has it: "efface mes données" is not an answer.
    expect(run(coordinator, { text: "efface mes données" }, idle, threads).effects.some((e) => e.type === "relay_answer")).toBe(false);
    expect(keys(run(coordinator, { text: "FFFFFF hello" }, idle, threads))).not.toContain("relay.unknown_code");
    // A participant cannot answer threads.
    expect(run(known, { text: "reply ABC123 hello" }, idle, threads).effects.some((e) => e.type === "relay_answer")).toBe(false);
  });

  it("asks a coordinator whether words without a code are an answer, and to whom; nothing is sent unasked", () => {
    const one = { ...noContext, workloadLoaded: true, openThreads: [{ id: "abc123-x", code: "ABC123", name: "Awa" }] };
    const asked = run(coordinator, { text: "non pas pendant la coop, on en parle jeudi" }, idle, one);
    expect(keys(asked)).toEqual(["relay.answer_which"]);
    expect(choiceIds(asked)).toEqual(["relay:to:abc123-x", "relay:no"]);
    expect(asked.effects).toEqual([]);
    const waiting = asked.conversation;
    // Her tap, or a typed "oui" when one person was offered, sends the words she wrote first.
    for (const answer of [{ choiceId: "relay:to:abc123-x" }, { text: "oui" }]) {
      const sent = run(coordinator, answer, waiting, one);
      expect(sent.effects[0], JSON.stringify(answer)).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "non pas pendant la coop, on en parle jeudi" });
      expect(keys(sent)).toEqual(["relay.sent"]);
    }
    for (const answer of [{ choiceId: "relay:no" }, { text: "non" }]) {
      const kept = run(coordinator, answer, waiting, one);
      expect(kept.effects, JSON.stringify(answer)).toEqual([]);
      expect(keys(kept)[0]).toBe("relay.answer_not_sent");
    }
    // Several people waiting: the latest three are offered; a typed "oui" names nobody, so it sends nothing.
    const many = { ...one, openThreads: ["A", "B", "C", "D"].map((n) => ({ id: `${n}11111-x`, code: `${n}11111`, name: n })) };
    const which = run(coordinator, { text: "oui vous pouvez venir" }, idle, many);
    expect(choiceIds(which)).toEqual(["relay:to:A11111-x", "relay:to:B11111-x", "relay:to:C11111-x", "relay:no"]);
    expect(run(coordinator, { text: "oui" }, which.conversation, many).effects.some((e) => e.type === "relay_answer")).toBe(false);
    // The thread closed in between: said so, nothing sent.
    const closed = run(coordinator, { choiceId: "relay:to:abc123-x" }, waiting, { ...one, openThreads: [] });
    expect(keys(closed)[0]).toBe("relay.answer_thread_closed");
    expect(closed.effects).toEqual([]);
    // A command typed instead is done, and she is told her words were not sent; a single word, or nobody waiting, is not asked about.
    const instead = run(coordinator, { text: "candidatures" }, waiting, { ...one, pendingApplications: [], cohorts: [], roadmapMembers: [] });
    expect(keys(instead)[0]).toBe("relay.answer_not_sent");
    expect(keys(instead)).toContain("review.none");
    expect(instead.effects.some((e) => e.type === "relay_answer")).toBe(false);
    expect(keys(run(coordinator, { text: "blabla" }, idle, one))).not.toContain("relay.answer_which");
    expect(keys(run(coordinator, { text: "non pas pendant la coop" }, idle, { ...one, openThreads: [] }))).not.toContain("relay.answer_which");
    // A participant's words are never offered as an answer.
    expect(keys(run(member, { text: "non pas pendant la coop, on en parle jeudi" }, idle, one))).not.toContain("relay.answer_which");
  });

  it("asks first about the team's words that look like an answer without a code; a person named alone gets nothing unasked", () => {
    const one = { ...noContext, workloadLoaded: true, openThreads: [{ id: "abc123-x", code: "ABC123", name: "Awa" }], roadmapMembers: [{ id: "p1", name: "Awa" }, { id: "p2", name: "Binta" }], cohorts: [{ id: "c1", name: "Cuisine" }] };
    const ask = (text: string, context: EngineContext = one) => run(coordinator, { text }, idle, context);
    // Thanks to the model, or an announcement: asked, with "make it an announcement" for the latter; nothing sent.
    const thanks = ask("merci pour ton message, je t'appelle demain matin");
    expect(keys(thanks)).toEqual(["relay.answer_which"]);
    expect(thanks.effects).toEqual([]);
    // The answer marks without a code: "= …" as written, "répondre …" without its word.
    const asWritten = ask("= merci Awa je t'appelle demain");
    expect(run(coordinator, { choiceId: "relay:to:abc123-x" }, asWritten.conversation, one).effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "merci Awa je t'appelle demain", asWritten: true });
    // "répond à awa : …": to Awa, without "à awa :".
    const toAwaTyped = ask("répond à awa : oui tu dois la déclarer");
    expect(run(coordinator, { choiceId: "relay:to:abc123-x" }, toAwaTyped.conversation, one).effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "oui tu dois la déclarer" });
    // The same with nobody waiting: she is told so, nothing is sent, no menu alone.
    for (const words of ["= merci Awa je t'appelle demain", "répondre oui c'est bon pour jeudi"]) {
      const none = ask(words, { ...one, openThreads: [] });
      expect(keys(none), words).toEqual(["relay.nobody_waiting", "menu.title"]);
      expect(none.effects, words).toEqual([]);
    }
    const withWord = ask("repondre oui on regarde ca");
    expect(run(coordinator, { choiceId: "relay:to:abc123-x" }, withWord.conversation, one).effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "oui on regarde ca" });
    // "envoie à Awa : …": Awa's thread only, the words after the colon; never an announcement to her cohort.
    const toAwa = ask("envoie a Awa : n'oublie pas ton tablier demain");
    expect(choiceIds(toAwa)).toEqual(["relay:to:abc123-x", "relay:no"]);
    expect(run(coordinator, { text: "oui" }, toAwa.conversation, one).effects[0]).toEqual({ type: "relay_answer", threadId: "abc123-x", text: "n'oublie pas ton tablier demain" });
    // A member named without a thread: said so, nothing sent, no announcement started.
    const toBinta = ask("envoie a Binta : n'oublie pas ton tablier demain");
    expect(keys(toBinta)).toEqual(["relay.one_person_without_thread", "menu.title"]);
    expect(toBinta.effects).toEqual([]);
    // An announcement to all, and "make it an announcement" at the question, keep the text and ask the audience.
    expect(ask("envoie un message : pas de formation demain").conversation).toMatchObject({ flow: "broadcast", step: "audience" });
    expect(ask("envoie un message a tous : pas de formation demain").conversation).toMatchObject({ flow: "broadcast", step: "more", data: { draft: { audience: { type: "participants" } } } });
    const announced = run(coordinator, { choiceId: "relay:announce" }, { flow: "answer_guess", step: "which", data: { text: "pas de formation demain", threads: ["abc123-x"] } }, one);
    expect(announced.conversation).toMatchObject({ flow: "broadcast", step: "audience" });
    expect(keys(announced)).toEqual(["broadcast.ask_audience_kept"]);
  });

  it("confirms erasure only on 'yes'", () => {
    const confirming: Conversation = { flow: "erase", step: "confirm", data: {} };
    expect(run(known, { choiceId: "erase:yes" }, confirming).effects).toEqual([{ type: "erase_me" }]);
    expect(keys(run(known, { choiceId: "erase:no" }, confirming))).toEqual(["erase.kept", "menu.title"]);
    expect(run(known, { text: "ok" }, confirming).effects).toEqual([]);
  });
});

describe("sessions and answers to reminders", () => {
  const member: PersonView = { ...known, stage: "member", firstName: "Awa" };
  const withSessions: EngineContext = {
    ...noContext,
    nextSessions: [
      { id: "s1", title: "Fixer ses prix", startsAt: "2027-03-29T12:00:00.000Z", location: "Paris 11e", timezone: "Europe/Paris" },
      { id: "s2", title: "Hygiène", startsAt: "2027-04-02T08:00:00.000Z", location: null, timezone: "Europe/Paris" },
    ],
  };

  it.each<[string, Partial<MessageEvent>, string[], EngineResult["effects"]]>([
    ["a reminder's button records the answer for its session", { choiceId: "rsvp:no:s2" }, ["rsvp.recorded_no", "menu.title"], [{ type: "record_rsvp", sessionId: "s2", answer: "no", late: false }]],
    ["a template quick reply applies to the next session", { choiceId: "rsvp:yes" }, ["rsvp.recorded_yes", "menu.title"], [{ type: "record_rsvp", sessionId: "s1", answer: "yes", late: false }]],
    ["'prochaine formation' lists the next sessions", { text: "prochaine formation ?" }, ["sessions.next"], []],
  ])("%s", (_name, event, expectedKeys, effects) => {
    const r = run(member, event, idle, withSessions);
    expect(keys(r)).toEqual(expectedKeys);
    expect(r.effects).toEqual(effects);
  });

  it("shows when and where in the cohort's time zone", () => {
    const r = run(member, { choiceId: "menu:sessions" }, idle, withSessions);
    const reply = r.replies[0]!;
    expect(reply.type === "text" && reply.lines?.[0]).toEqual({ key: "sessions.line", params: { title: { text: "Fixer ses prix", texts: {} }, when: { datetime: "2027-03-29T12:00:00.000Z", zone: "Europe/Paris" }, place: "Paris 11e" } });
  });

  it("says so when nothing is planned", () => {
    expect(keys(run(member, { choiceId: "rsvp:maybe" }, idle, { ...noContext, nextSessions: [] }))).toEqual(["sessions.none", "menu.title"]);
  });

  it("reads 'late' and 'where is it?' without a day as about the session just answered", () => {
    const week: EngineContext = {
      ...noContext,
      nextSessions: [
        { id: "tue", title: "Hygiène", startsAt: "2026-12-01T08:00:00.000Z", location: "Paris 11e", timezone: "Europe/Paris" },
        { id: "thu", title: "Fixer ses prix", startsAt: "2026-12-03T13:00:00.000Z", location: "Paris 20e", timezone: "Europe/Paris" },
      ],
    };
    const coming = run(member, { text: "je viens jeudi" }, idle, week);
    expect(coming.effects).toEqual([{ type: "record_rsvp", sessionId: "thu", answer: "yes", late: false }]);
    const late = run(member, { text: "je vais arriver en retard" }, coming.conversation, week);
    expect(late.effects).toEqual([{ type: "record_rsvp", sessionId: "thu", answer: "yes", late: true }]);
    const where = run(member, { text: "c'est où ?" }, coming.conversation, week);
    expect(where.replies[0]).toMatchObject({ say: { key: "understand.answer_place", params: { place: "Paris 20e" } } });
    // Without one just answered: the next session.
    expect(run(member, { text: "je vais arriver en retard" }, idle, week).effects).toEqual([{ type: "record_rsvp", sessionId: "tue", answer: "yes", late: true }]);
  });

  it("answers for each day one message names: 'je viens jeudi mais pas mardi', 'mardi et jeudi', 'ni mardi ni jeudi'", () => {
    // Monday 30 November: Tuesday 1 and Thursday 3 December each have a session.
    const week: EngineContext = {
      ...noContext,
      nextSessions: [
        { id: "tue", title: "Hygiène", startsAt: "2026-12-01T08:00:00.000Z", location: null, timezone: "Europe/Paris" },
        { id: "thu", title: "Fixer ses prix", startsAt: "2026-12-03T13:00:00.000Z", location: null, timezone: "Europe/Paris" },
      ],
    };
    const recorded = (words: string) =>
      Object.fromEntries(run(member, { text: words }, idle, week).effects.flatMap((e) => (e.type === "record_rsvp" ? [[e.sessionId, e.late ? "late" : e.answer]] : [])));
    for (const words of ["je viens jeudi mais pas mardi", "je peux pas mardi mais jeudi oui", "I can't come on tuesday but I'll be there thursday", "no puedo el martes pero el jueves sí voy", "во вторник не смогу, но в четверг приду"]) {
      expect(recorded(words), words).toEqual({ tue: "no", thu: "yes" });
    }
    expect(recorded("je viens mardi et jeudi")).toEqual({ tue: "yes", thu: "yes" });
    expect(recorded("je ne viens ni mardi ni jeudi")).toEqual({ tue: "no", thu: "no" });
    expect(recorded("je serai en retard mardi mais jeudi je serai à l'heure")).toMatchObject({ tue: "late" });
    // "Late" after it is about the day they come to.
    const both = run(member, { text: "je viens jeudi mais pas mardi" }, idle, week);
    expect(run(member, { text: "je vais arriver en retard" }, both.conversation, week).effects).toEqual([{ type: "record_rsvp", sessionId: "thu", answer: "yes", late: true }]);
    // Each one said back; a day without a session is asked, what could be recorded is.
    const said = run(member, { text: "je viens jeudi mais pas mardi" }, idle, week);
    expect(keys(said)).toEqual(["rsvp.recorded_yes", "rsvp.recorded_no", "menu.title"]);
    const sunday = run(member, { text: "je viens jeudi et dimanche" }, idle, week);
    expect(keys(sunday)).toEqual(["rsvp.recorded_yes", "rsvp.no_session_that_day"]);
    expect(sunday.effects).toEqual([{ type: "record_rsvp", sessionId: "thu", answer: "yes", late: false }]);
  });

  it("never records 'coming' from words that say not coming, nor from a question for the team", () => {
    // The model read these as "I am coming": the words say the opposite.
    for (const words of ["je viens pas a la formation", "لن أحضر", "i can't come, sorry", "no puedo ir, lo siento", "নাও আসতে পারি, আসতে পারবো না"]) {
      const r = run(member, { text: words }, idle, withSessions);
      expect(r.effects.some((e) => e.type === "record_rsvp" && e.answer === "yes"), words).toBe(false);
    }
    expect(run(member, { text: "je viens pas a la formation" }, idle, withSessions).effects).toEqual([{ type: "record_rsvp", sessionId: "s1", answer: "no", late: false }]);
    // The session a word of its title names, not the next one.
    for (const words of ["je viens pas a la formation hygiene", "I can't come to the hygiene training"]) {
      expect(run(member, { text: words }, idle, withSessions).effects, words).toEqual([{ type: "record_rsvp", sessionId: "s2", answer: "no", late: false }]);
    }
    // "Not coming today" on a day without a session is asked about, never put on the next session ("ajd": today).
    const today = run(member, { text: "jsuis malade ajd je viens pas" }, idle, withSessions);
    expect(keys(today)).toEqual(["rsvp.no_session_that_day"]);
    expect(today.effects).toEqual([]);
    // "I don't know if I'm coming" is asked, never recorded as a yes.
    expect(run(member, { text: "je sais pas si je viens jeudi" }, idle, withSessions).effects.some((e) => e.type === "record_rsvp")).toBe(false);
    // "Won't miss it" stays a yes.
    expect(run(member, { text: "je vais pas rater ça, je serai là" }, idle, withSessions).effects.some((e) => e.type === "record_rsvp" && e.answer === "no")).toBe(false);
    // The model read these as "not coming": the negation says coming.
    for (const words of ["je vais pas rater la formation", "no voy a faltar a la formación", "I won't miss the training", "не пропущу занятие", "lo siento, no puedo ir, no voy a faltar a otra"]) {
      const yes = run(member, { text: words }, idle, withSessions).effects.some((e) => e.type === "record_rsvp" && e.answer === "yes");
      expect(yes, words).toBe(!words.startsWith("lo siento"));
    }
    // A question about the VAT, or being paid, goes to the team: no answer recorded, no training day's time given.
    for (const words of ["j'ai une question sur la TVA", "c quand qu on est payé", "I have a question about VAT", "comment ca marche la compta"]) {
      const r = run(member, { text: words }, idle, withSessions);
      expect(r.effects.map((e) => e.type), words).toEqual(["relay"]);
      expect(keys(r), words).toEqual(["understand.question_forwarded"]);
    }
  });
});

describe("alumni check-ins", () => {
  const alumna: PersonView = { ...known, stage: "alumni", firstName: "Awa" };
  const ctx: EngineContext = { ...noContext, checkIn: { id: "c1", months: 6, steps: [{ key: "siret", text: "Créer ma micro-entreprise" }, { key: "bank", text: "Ouvrir un compte pro" }] } };

  it("goes status → help → each next step → thanks, storing each answer", () => {
    const status = run(alumna, { choiceId: "ci:s:me:c1" }, idle, ctx);
    expect(keys(status)).toEqual(["checkin.status_ack.micro_enterprise", "checkin.ask_help"]);
    expect(status.effects).toEqual([{ type: "checkin_answer", checkInId: "c1", field: "activityStatus", value: "micro_enterprise" }]);
    const help = run(alumna, { choiceId: "ci:h:n:c1" }, idle, ctx);
    expect(keys(help)).toEqual(["checkin.ask_step"]);
    const step1 = run(alumna, { choiceId: "ci:n:0:d:c1" }, idle, ctx);
    expect(step1.effects).toEqual([{ type: "checkin_answer", checkInId: "c1", field: "step:siret", value: "done" }]);
    expect(keys(step1)).toEqual(["checkin.ask_step"]);
    expect(keys(run(alumna, { choiceId: "ci:n:1:h:c1" }, idle, ctx))).toEqual(["checkin.thanks"]);
  });

  it("alerts the coordinators when help is needed", () => {
    const r = run(alumna, { choiceId: "ci:h:y:c1" }, idle, ctx);
    expect(r.effects.map((e) => e.type)).toEqual(["checkin_answer", "relay"]);
  });

  it("starts from the template's quick reply, and accepts 'later'", () => {
    expect(keys(run(alumna, { choiceId: "checkin:start" }, idle, ctx))).toEqual(["checkin.ask_status"]);
    expect(keys(run(alumna, { choiceId: "checkin:later" }, idle, ctx))).toEqual(["checkin.later"]);
  });
});

describe("coordinators manage sessions from the chat", () => {
  const coordinator: PersonView = { ...known, role: "coordinator", firstName: "Amina" };
  const ctx: EngineContext = {
    ...noContext,
    cohorts: [{ id: "c0", name: "Coopérative Voisine" }, { id: "c1", name: "Coopérative Cuisine" }],
    ownCohorts: [{ id: "c1", name: "Coopérative Cuisine" }],
    nextSessions: [
      { id: "s0", title: "Hygiène", startsAt: "2026-11-30T08:00:00.000Z", location: "Paris 11e", timezone: "Europe/Paris" },
      { id: "s1", title: "Fixer ses prix", startsAt: "2026-12-03T13:00:00.000Z", location: "Paris 11e", timezone: "Europe/Paris" },
    ],
  };
  const now = new Date("2026-11-30T10:00:00Z");
  const play = (events: Partial<MessageEvent>[], person = coordinator) => {
    let c = idle;
    return events.map((e) => {
      const r = step({ person, conversation: c, context: ctx, event: { type: "message", ...e }, now, defaultLocale: "fr" }, reader);
      c = r.conversation;
      return r;
    });
  };

  it("moves a session to a date typed in the cohort's zone", () => {
    const [, , , asked, moved] = play([{ choiceId: "menu:sessions" }, { choiceId: "ss:s1" }, { choiceId: "ss:move:s1" }, { text: "4/12 9h30" }, { choiceId: "ss:moveok:s1" }]);
    // Asked first, with the new day and time: nothing moved, nobody told before the yes.
    expect(asked!.replies[0]).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-04T08:30:00.000Z" } } }, lines: [] });
    expect(asked!.effects).toEqual([]);
    expect(moved!.effects[0]).toEqual({ type: "move_session", sessionId: "s1", startsAt: "2026-12-04T08:30:00.000Z" });
    // The coordinator reads back the session and its new day and time.
    const said = moved!.replies[0]!;
    expect(said.type === "text" ? said.lines : []).toMatchObject([{ key: "manage.line", params: { title: { text: "Fixer ses prix" }, when: { datetime: "2026-12-04T08:30:00.000Z", zone: "Europe/Paris" } } }]);
  });

  it("reads a day in words with a time: 'demain 10h', 'mardi 15h', 'jeudi 3/12 à 15h', 'tuesday 3pm'", () => {
    // 30 November 2026 is a Monday; Paris is UTC+1.
    for (const [typed, startsAt] of [
      ["demain 10h", "2026-12-01T09:00:00.000Z"],
      ["mardi 15h", "2026-12-01T14:00:00.000Z"],
      ["jeudi 3/12 à 15h", "2026-12-03T14:00:00.000Z"],
      ["tuesday 3pm", "2026-12-01T14:00:00.000Z"],
      ["mercredi à 9h30", "2026-12-02T08:30:00.000Z"],
    ] as const) {
      const [, , moved] = play([{ choiceId: "ss:move:s1" }, { text: typed }, { choiceId: "ss:moveok:s1" }]);
      expect(moved!.effects[0], typed).toEqual({ type: "move_session", sessionId: "s1", startsAt });
    }
    // A day without a time keeps the session's time (Thursday 14:00), a time without a day its day: asked, as every move.
    for (const [typed, startsAt] of [
      ["mardi", "2026-12-01T13:00:00.000Z"],
      ["vendredi même heure", "2026-12-04T13:00:00.000Z"],
      ["15h", "2026-12-03T14:00:00.000Z"],
    ] as const) {
      expect(play([{ choiceId: "ss:move:s1" }, { text: typed }])[1]!.replies[0], typed).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: startsAt } } } });
    }
    // The same said with the move: "décale la formation de jeudi à vendredi".
    expect(play([{ text: "décale la formation de jeudi à vendredi" }])[0]!.replies[0]).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-04T13:00:00.000Z" } } } });
    // A weekday named on that day, at an hour already past (Monday 30 November, 11:00 in Paris), is next week's.
    for (const typed of ["lundi 10h", "lundi prochain 10h"]) {
      expect(play([{ choiceId: "ss:move:s1" }, { text: typed }])[1]!.replies[0], typed).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-07T09:00:00.000Z" } } } });
    }
    // "jeudi 29/11 à 10h" on 30 November is a slip, not next November; words without a day or time are asked again.
    for (const typed of ["jeudi 29/11 à 10h", "je sais pas encore"]) expect(keys(play([{ choiceId: "ss:move:s1" }, { text: typed }])[1]!), typed).toEqual(["manage.bad_when"]);
  });

  it("reads a date without a year as next year's only when that is near; a slip into the past is refused", () => {
    // 30 November 2026: "15/1" is next January; "29/11" is yesterday, not November 2027.
    const [, , , , january] = play([{ choiceId: "menu:sessions" }, { choiceId: "ss:s1" }, { choiceId: "ss:move:s1" }, { text: "15/1 10:00" }, { choiceId: "ss:moveok:s1" }]);
    expect(january!.effects[0]).toMatchObject({ startsAt: "2027-01-15T09:00:00.000Z" });
    const [, slip] = play([{ choiceId: "ss:move:s1" }, { text: "29/11 10:00" }]);
    expect(keys(slip!)).toEqual(["manage.bad_when"]);
    expect(slip!.effects).toEqual([]);
    const [, june] = play([{ choiceId: "ss:move:s1" }, { text: "1/6 10:00" }]);
    expect(keys(june!)).toEqual(["manage.bad_when"]); // June 2027 is more than six months ahead
  });

  it("gives an example a week ahead, never a day already past, and reads that example back", () => {
    const [, , asked] = play([{ choiceId: "menu:sessions" }, { choiceId: "ss:s1" }, { choiceId: "ss:move:s1" }]);
    expect(asked!.replies[0]).toMatchObject({ say: { key: "manage.ask_when", params: { example: { typed: "7/12 10:00" } } } });
    const [, , moved] = play([{ choiceId: "ss:move:s1" }, { text: "7/12 10:00" }, { choiceId: "ss:moveok:s1" }]);
    expect(moved!.effects[0]).toEqual({ type: "move_session", sessionId: "s1", startsAt: "2026-12-07T09:00:00.000Z" });
    const [, bad] = play([{ choiceId: "ss:move:s1" }, { text: "bientôt" }]);
    expect(bad!.replies[0]).toMatchObject({ say: { key: "manage.bad_when", params: { example: { typed: "7/12 10:00" } } } });
  });

  it("asks before moving, saying when the time is in the night or on another session; a typed yes, no or new time answers", () => {
    const withThird: EngineContext = { ...ctx, nextSessions: [...ctx.nextSessions!, { id: "s2", title: "Compta", startsAt: "2026-12-04T13:00:00.000Z", location: null, timezone: "Europe/Paris" }] };
    const go = (events: Partial<MessageEvent>[]) => {
      let c = idle;
      return events.map((e) => {
        const r = step({ person: coordinator, conversation: c, context: withThird, event: { type: "message", ...e }, now, defaultLocale: "fr" }, reader);
        c = r.conversation;
        return r;
      });
    };
    const [, night] = go([{ choiceId: "ss:move:s1" }, { text: "jeudi 4h" }]);
    expect(night!.replies[0]).toMatchObject({ say: { key: "manage.move_confirm" }, lines: [{ key: "manage.at_night" }] });
    const [, clash] = go([{ choiceId: "ss:move:s1" }, { text: "4/12 14h30" }]);
    expect(clash!.replies[0]).toMatchObject({ lines: [{ key: "manage.clash", params: { title: { text: "Compta" } } }] });
    // "non, 16h" is a new time, asked again; "oui" moves; "non" changes nothing.
    const [, , again, yes] = go([{ choiceId: "ss:move:s1" }, { text: "jeudi 4h" }, { text: "non jeudi 16h" }, { text: "oui" }]);
    expect(again!.replies[0]).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-03T15:00:00.000Z" } } }, lines: [] });
    expect(again!.effects).toEqual([]);
    expect(yes!.effects[0]).toEqual({ type: "move_session", sessionId: "s1", startsAt: "2026-12-03T15:00:00.000Z" });
    // A time alone keeps the day asked about: "non 15h", "15h", "oui mais 15h" after "jeudi 4h" is Thursday 15:00, asked again.
    for (const typed of ["non 15h", "15h", "oui mais 15h", "15:00"]) {
      const [, , fixed, moved] = go([{ choiceId: "ss:move:s1" }, { text: "jeudi 4h" }, { text: typed }, { text: "oui" }]);
      expect(fixed!.replies[0], typed).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-03T14:00:00.000Z" } } }, lines: [] });
      expect(fixed!.effects, typed).toEqual([]);
      expect(moved!.effects[0], typed).toEqual({ type: "move_session", sessionId: "s1", startsAt: "2026-12-03T14:00:00.000Z" });
    }
    const [, , no] = go([{ choiceId: "ss:move:s1" }, { text: "jeudi 4h" }, { text: "non" }]);
    expect(keys(no!)[0]).toBe("manage.stopped");
    expect(no!.effects).toEqual([]);
  });

  it("cancels on a typed yes, or on 'annuler', the question's own word", () => {
    for (const typed of ["oui", "oui annule", "annuler"]) {
      const [, done] = play([{ choiceId: "ss:cancel:s1" }, { text: typed }]);
      expect(done!.effects[0], typed).toEqual({ type: "cancel_session", sessionId: "s1" });
    }
    const [, kept] = play([{ choiceId: "ss:cancel:s1" }, { text: "non" }]);
    expect(kept!.effects).toEqual([]);
  });

  it("cancels after confirmation, and re-asks a date it cannot read", () => {
    const [, confirm, done] = play([{ choiceId: "ss:s1" }, { choiceId: "ss:cancel:s1" }, { choiceId: "ss:yes:s1" }]);
    expect(keys(confirm!)).toEqual(["manage.cancel_confirm"]);
    expect(done!.effects[0]).toEqual({ type: "cancel_session", sessionId: "s1" });
    const [, bad] = play([{ choiceId: "ss:move:s1" }, { text: "on verra plus tard" }]);
    expect(keys(bad!)).toEqual(["manage.bad_when"]);
    // A day the month does not have is a typo: asked again, never moved to the next month.
    const [, typo] = play([{ choiceId: "ss:move:s1" }, { text: "31/02 10h" }]);
    expect(keys(typo!)).toEqual(["manage.bad_when"]);
    expect(typo!.effects).toEqual([]);
  });

  it("adds a session, and records who came by number", () => {
    const [, , , asked, added] = play([{ choiceId: "ss:add" }, { text: "Vendre au marché" }, { text: "10/12/2026 14:00" }, { text: "Marché d'Aligre" }, { choiceId: "ss:addok" }]);
    // Asked first, with the day, time and place: nothing added, nobody told before the yes.
    expect(asked!.replies[0]).toMatchObject({ say: { key: "manage.add_confirm", params: { place: "Marché d'Aligre" } } });
    expect(asked!.effects).toEqual([]);
    expect(added!.effects[0]).toEqual({ type: "add_session", cohortId: "c1", title: "Vendre au marché", titles: null, startsAt: "2026-12-10T13:00:00.000Z", location: "Marché d'Aligre" });
    // A night hour and another session at that time are said; a typed "oui" adds, "non" keeps nothing.
    const [, , , night, fixed, addedFixed] = play([{ choiceId: "ss:add" }, { text: "Compta" }, { text: "3/12 3h" }, { text: "au local" }, { text: "non 18h" }, { text: "oui" }]);
    expect(night!.replies[0]).toMatchObject({ lines: [{ key: "manage.at_night" }] });
    // A time alone at "Add …?" keeps the day: asked again at 18:00, then added then.
    expect(fixed!.replies[0]).toMatchObject({ say: { key: "manage.add_confirm", params: { when: { datetime: "2026-12-03T17:00:00.000Z" } } }, lines: [] });
    expect(fixed!.effects).toEqual([]);
    expect(addedFixed!.effects[0]).toMatchObject({ type: "add_session", title: "Compta", startsAt: "2026-12-03T17:00:00.000Z", location: "au local" });
    const [, , , clash, yes] = play([{ choiceId: "ss:add" }, { text: "Compta" }, { text: "jeudi 14h" }, { text: "au local" }, { text: "oui" }]);
    expect(clash!.replies[0]).toMatchObject({ lines: [{ key: "manage.clash", params: { title: { text: "Fixer ses prix" } } }] });
    expect(yes!.effects[0]).toMatchObject({ type: "add_session", title: "Compta" });
    expect(play([{ choiceId: "ss:add" }, { text: "Compta" }, { text: "jeudi 14h" }, { text: "au local" }, { text: "non" }]).at(-1)!.effects).toEqual([]);
    // The day and time typed with the request are kept: only the title and the place are asked.
    const [, withWhen, , typedAdd] = play([{ text: "ajoute une formation le 10/12 à 14h" }, { text: "Compta" }, { text: "au local" }, { text: "oui" }]);
    expect(keys(withWhen!)).toEqual(["manage.ask_place"]);
    expect(typedAdd!.effects[0]).toMatchObject({ type: "add_session", title: "Compta", startsAt: "2026-12-10T13:00:00.000Z", location: "au local" });
    // A title in several languages, one line each: each member will read theirs.
    const multilingual = play([{ choiceId: "ss:add" }, { text: "Vendre au marché\nen: Selling at the market\nar: البيع في السوق" }, { text: "10/12/2026 14:00" }, { text: "Marché d'Aligre" }, { choiceId: "ss:addok" }]).at(-1)!;
    expect(multilingual.effects[0]).toMatchObject({ type: "add_session", title: "Vendre au marché", titles: { en: "Selling at the market", ar: "البيع في السوق" } });
    const attendance = play([{ choiceId: "ss:attendance:s0" }, { text: "1, 3 et ٤" }]).at(-1)!;
    expect(attendance.effects[0]).toEqual({ type: "record_attendance", sessionId: "s0", present: [1, 3, 4] });
    // "Everyone except …" is everyone but those numbers, never those alone; "except" with names is asked again.
    for (const typed of ["tout le monde sauf 1", "all except 1", "все кроме 1", "الكل ما عدا ١", "همه به جز ۱", "todos menos 1", "1 absent", "manque 1", "1 missing", "1 не было", "faltó 1"]) {
      expect(play([{ choiceId: "ss:attendance:s0" }, { text: typed }]).at(-1)!.effects[0], typed).toEqual({ type: "record_attendance", sessionId: "s0", present: { except: [1] } });
    }
    expect(play([{ choiceId: "ss:attendance:s0" }, { text: "personne" }]).at(-1)!.effects[0]).toEqual({ type: "record_attendance", sessionId: "s0", present: [] });
    // By names: "tout le monde sauf Awa", "awa et binta étaient là", "Awa absente"; the sheet finds them, and stays open to fix one.
    for (const [typed, present] of [
      ["tout le monde sauf Awa", { names: ["awa"], except: true }],
      ["awa et binta étaient là", { names: ["awa", "binta"], except: false }],
      ["Awa absente", { names: ["awa"], except: true }],
    ] as const) {
      const named = play([{ choiceId: "ss:attendance:s0" }, { text: typed }]).at(-1)!;
      expect(named.effects[0], typed).toEqual({ type: "record_attendance", sessionId: "s0", present });
      expect(named.conversation.step, typed).toBe("attendance");
    }
    // A question, or "except" with nobody after it, is asked again; "oups non" leaves the sheet.
    for (const typed of ["c'est qui binta ?", "tous sauf"]) expect(keys(play([{ choiceId: "ss:attendance:s0" }, { text: typed }]).at(-1)!), typed).toEqual(["manage.attendance_how"]);
    expect(keys(play([{ choiceId: "ss:attendance:s0" }, { text: "oups non" }]).at(-1)!)[0]).toBe("manage.stopped");
  });

  it("reads the team's words as the team's: 'annule la séance de demain' is about sessions, and no 'I'm coming' is offered", () => {
    const [cancel] = play([{ text: "annule la seance de demain" }]);
    expect(keys(cancel!)).toEqual(["manage.none_that_day", "manage.choose"]);
    expect(cancel!.effects).toEqual([]);
    const [who] = play([{ text: "qui etait present" }]);
    expect(choiceIds(who!).filter((id) => id.includes("rsvp"))).toEqual([]);
  });

  it("starts adding a session when asked in words ('ajoute une formation …'), and reads a date with its month's name", () => {
    const [asked, titled] = play([{ text: "ajoute une formation le 15/12 à 10h au local" }, { text: "Compta" }]);
    expect(keys(asked!)).toEqual(["manage.ask_title"]);
    // The day and time typed with the request are kept: the place is asked next.
    expect(keys(titled!)).toEqual(["manage.ask_place"]);
    expect(titled!.conversation.data).toMatchObject({ title: "Compta", startsAt: "2026-12-15T09:00:00.000Z" });
    // The title typed with it too ("formation compta", "sur la TVA", « … »); what is missing is asked.
    for (const [words, title, next] of [
      ["ajoute une formation compta le 15/12 à 10h au local", "Compta", "manage.ask_place"],
      ["rajoute une formation sur la TVA mardi 15 10h", "TVA", "manage.ask_place"],
      ["ajoute « Hygiène et sécurité » le 15/12 à 10h", "Hygiène et sécurité", "manage.ask_place"],
      ["add a workshop on marketing", "Marketing", "manage.ask_when"],
    ] as const) {
      const [first] = play([{ text: words }]);
      expect(keys(first!), words).toEqual([next]);
      expect(first!.conversation.data, words).toMatchObject({ title, ...(next === "manage.ask_place" ? { startsAt: "2026-12-15T09:00:00.000Z" } : {}) });
    }
    const [, , added] = play([{ text: "ajoute une formation compta le 15/12 à 10h" }, { text: "au local" }, { choiceId: "ss:addok" }]);
    expect(added!.effects[0]).toEqual({ type: "add_session", cohortId: "c1", title: "Compta", titles: null, startsAt: "2026-12-15T09:00:00.000Z", location: "au local" });
    // The same at the place: "non 11h" is a time, never the place.
    const [, placeFixed] = play([{ text: "ajoute une formation compta le 15/12 à 10h" }, { text: "non 11h" }]);
    expect(keys(placeFixed!)).toEqual(["manage.when_noted", "manage.ask_place"]);
    expect(placeFixed!.conversation.data).toMatchObject({ title: "Compta", startsAt: "2026-12-15T10:00:00.000Z" });
    // A time typed at the title ("non 11h") changes the time of that day; the title is asked again.
    const [, retimed, titledAfter] = play([{ text: "ajoute une formation le 15/12 à 10h" }, { text: "non 11h" }, { text: "Compta" }]);
    expect(keys(retimed!)).toEqual(["manage.when_noted", "manage.ask_title"]);
    expect(titledAfter!.conversation.data).toMatchObject({ title: "Compta", startsAt: "2026-12-15T10:00:00.000Z" });
    const [, , when] = play([{ text: "ajoute une formation" }, { text: "Compta" }, { text: "le 15 decembre a 10h" }]);
    expect(keys(when!)).toEqual(["manage.ask_place"]);
    expect(when!.conversation.data).toMatchObject({ title: "Compta", startsAt: "2026-12-15T09:00:00.000Z" });
    // A day of the month without its month is the next one: "mardi 15 à 10h", "le 15 à 10 heures".
    for (const words of ["mardi 15 à 10h", "le 15 à 10 heures", "10h le 15"]) {
      expect(play([{ choiceId: "ss:move:s1" }, { text: words }])[1]!.replies[0], words).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: "2026-12-15T09:00:00.000Z" } } } });
    }
    const [, , moved] = play([{ choiceId: "ss:move:s1" }, { text: "December 4th 3pm" }, { text: "oui" }]);
    expect(moved!.effects[0]).toEqual({ type: "move_session", sessionId: "s1", startsAt: "2026-12-04T14:00:00.000Z" });
  });

  it("answers 'qui vient jeudi ?' with that session's forecast, never with the applications", () => {
    for (const words of ["qui vient jeudi ?", "who is coming on thursday?", "кто придёт в четверг", "хто прийде в четвер"]) {
      expect(play([{ text: words }])[0]!.replies, words).toEqual([{ type: "forecast", sessionId: "s1" }]);
    }
    // Without a day, the next session to come; in an announcement being written, her words kept and asked about.
    expect(play([{ text: "qui vient ?" }])[0]!.replies).toEqual([{ type: "forecast", sessionId: "s1" }]);
    const [, , words] = play([{ choiceId: "menu:broadcast" }, { choiceId: "bc:aud:participants" }, { text: "qui vient jeudi apporte des gâteaux" }]);
    expect(words!.conversation).toMatchObject({ flow: "broadcast", step: "text_check", data: { draft: { texts: { fr: "qui vient jeudi apporte des gâteaux" } } } });
  });

  it("keeps the team's words that sound like 'a person' as an announcement's text", () => {
    const [, , written] = play([{ choiceId: "menu:broadcast" }, { choiceId: "bc:aud:participants" }, { text: "dis a Awa de m'appeler" }]);
    expect(written!.conversation).toMatchObject({ flow: "broadcast" });
    expect(keys(written!)).not.toContain("help.coordinator");
  });

  it("moves to the day the team says in words: 'jeudi prochain', 'au 17', 'd'une semaine', 'à jeudi 10' — never to the same time", () => {
    // Thursday 3 December 14:00 (13:00 UTC); today is Monday 30 November.
    for (const [words, at] of [
      ["déplace jeudi à jeudi prochain", "2026-12-10T13:00:00.000Z"],
      ["deplace jeudi a la semaine prochaine meme heure", "2026-12-10T13:00:00.000Z"],
      ["décale jeudi d'une semaine", "2026-12-10T13:00:00.000Z"],
      ["decale jeudi au 17", "2026-12-17T13:00:00.000Z"],
      ["deplace jeudi a jeudi 10", "2026-12-10T13:00:00.000Z"],
      ["décale jeudi à jeudi 16h", "2026-12-03T15:00:00.000Z"],
      ["move thursday's training to next week", "2026-12-10T13:00:00.000Z"],
    ] as const) {
      expect(play([{ text: words }])[0]!.replies[0], words).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: at } } } });
    }
    // Two days named, one session each: both in one question, both cancelled on yes.
    const sun = { id: "s2", title: "Service du midi", startsAt: "2026-12-06T09:00:00.000Z", location: "Paris 20e", timezone: "Europe/Paris" };
    const withSunday = { ...ctx, nextSessions: [...ctx.nextSessions!, sun] };
    const both = step({ person: coordinator, conversation: idle, context: withSunday, event: { type: "message", text: "annule jeudi et dimanche" }, now, defaultLocale: "fr" }, reader);
    expect(keys(both)).toEqual(["manage.cancel_confirm_many"]);
    expect(both.effects).toEqual([]);
    const done = step({ person: coordinator, conversation: both.conversation, context: withSunday, event: { type: "message", text: "oui" }, now, defaultLocale: "fr" }, reader);
    expect(done.effects.filter((e) => e.type === "cancel_session")).toEqual([{ type: "cancel_session", sessionId: "s1" }, { type: "cancel_session", sessionId: "s2" }]);
    // A day named without a session: said, before the list.
    expect(keys(play([{ text: "annule la formation de mercredi" }])[0]!)).toEqual(["manage.none_that_day", "manage.choose"]);
    // "Which day?" names the session being moved.
    expect(play([{ choiceId: "ss:move:s1" }])[0]!.replies[0]).toMatchObject({ say: { key: "manage.ask_when" }, lines: [{ key: "manage.line", params: { title: { text: "Fixer ses prix" } } }] });
    // Typed at "which day?": the same readings.
    for (const [words, at] of [["jeudi prochain", "2026-12-10T13:00:00.000Z"], ["la semaine prochaine à 10h", "2026-12-10T09:00:00.000Z"]] as const) {
      expect(play([{ choiceId: "ss:move:s1" }, { text: words }])[1]!.replies[0], words).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: at } } } });
    }
    // Its own day and time: said so, asked again; nothing to confirm, nobody told.
    const [, same] = play([{ choiceId: "ss:move:s1" }, { text: "3/12 14h" }]);
    expect(keys(same!)).toEqual(["manage.same_when"]);
    expect(same!.conversation).toMatchObject({ step: "move_when" });
  });

  it("never takes 'annule' or another request for a session's title, day or place", () => {
    // A few words that stop: nothing added, said so.
    for (const words of ["annule", "oups non", "laisse tomber"]) {
      const [, stopped] = play([{ text: "ajoute une formation" }, { text: words }]);
      expect(keys(stopped!)[0], words).toBe("manage.stopped");
      expect(stopped!.conversation.flow, words).toBeNull();
    }
    // An announcement typed instead: this addition is left, said so, and the announcement asked with its text.
    const [, , sent] = play([{ text: "add a training on friday 10am" }, { text: "Marketing" }, { text: "send everyone: no class tomorrow" }]);
    expect(keys(sent!)).toEqual(["manage.stopped", "broadcast.ask_more"]);
    expect(sent!.effects).toEqual([]);
    // "qui vient jeudi ?" at the place: the forecast, the addition left.
    const [, who] = play([{ text: "ajoute une formation compta le 15/12 à 10h" }, { text: "qui vient jeudi ?" }]);
    expect(keys(who!)).toEqual(["manage.stopped", "forecast"]);
    // A new addition asked while one waits for its yes: that one is left, the new one started.
    const [, , , , again] = play([{ text: "ajoute une formation" }, { text: "Compta" }, { text: "demain 15h" }, { text: "au local" }, { text: "ajoute une formation marketing" }]);
    expect(keys(again!)).toEqual(["manage.stopped", "manage.ask_when"]);
    expect(again!.conversation.data).toMatchObject({ title: "Marketing" });
    // The team's commands at "which day?" of a move: left, and done.
    const [, exported] = play([{ choiceId: "ss:move:s1" }, { text: "export ce mois" }]);
    expect(keys(exported!)).toEqual(["manage.stopped", "export_sales"]);
    // A title is still a title: "Hygiène", "Non-violence au travail", "Annulation et report" are not stops.
    for (const title of ["Hygiène", "Non-violence au travail", "Gérer une annulation de commande"]) {
      expect(keys(play([{ text: "ajoute une formation" }, { text: title }])[1]!), title).toEqual(["manage.ask_when"]);
    }
  });

  it("leaves a move waiting for its date when she asks for another change, or says 'annule'", () => {
    const [, other] = play([{ choiceId: "ss:move:s1" }, { text: "annule la formation de jeudi" }]);
    expect(keys(other!)).toEqual(["manage.stopped", "manage.cancel_confirm"]);
    expect(other!.effects).toEqual([]);
    const [, stopped] = play([{ choiceId: "ss:move:s1" }, { text: "oups annule, je me suis trompee" }]);
    expect(keys(stopped!)[0]).toBe("manage.stopped");
    expect(stopped!.effects).toEqual([]);
  });

  it("opens the attendance sheet from the team's words ('faire l'appel', 'présences de jeudi', 'who came today?')", () => {
    // Monday's session has started (10:00, it began at 9:00): its sheet; Thursday's has not: said so.
    for (const words of ["faire l'appel", "presences", "who came today?", "qui est venu ?", "combien de personnes sont venues aujourd'hui", "how many came today"]) {
      expect(play([{ text: words }])[0]!.replies, words).toEqual([{ type: "attendance_sheet", sessionId: "s0" }]);
    }
    expect(keys(play([{ text: "presences de jeudi" }])[0]!)).toEqual(["manage.not_started"]);
  });

  it("answers 'qui vient cette semaine ?' with each session of that week, and says when a week has none", () => {
    // Monday 30 November: "this week" holds Thursday's session (Monday's has started); next week has none.
    expect(play([{ text: "qui vient cette semaine ?" }])[0]!.replies).toEqual([{ type: "forecast", sessionId: "s1" }]);
    expect(play([{ text: "who is coming this week" }])[0]!.replies).toEqual([{ type: "forecast", sessionId: "s1" }]);
    const next = play([{ text: "qui vient la semaine prochaine ?" }])[0]!;
    expect(next.replies[0]).toEqual({ type: "text", say: { key: "forecast.none_in_week", params: { from: { date: "2026-12-07" }, to: { date: "2026-12-13" } } } });
    expect(keys(next)).toEqual(["forecast.none_in_week", "manage.choose"]);
  });

  it("goes straight to the one session of a day named ('annule la séance de jeudi'), and lists them otherwise", () => {
    const [thursday] = play([{ text: "mes formations de jeudi" }]);
    expect(keys(thursday!)).toEqual(["manage.what"]);
    expect(choiceIds(thursday!)).toEqual(["ss:move:s1", "ss:cancel:s1"]);
    expect(thursday!.effects).toEqual([]);
    // With what to do, by its day or its title: that question at once (a cancellation still asked).
    const [cancel] = play([{ text: "annule la séance de jeudi" }]);
    expect(keys(cancel!)).toEqual(["manage.cancel_confirm"]);
    expect(cancel!.effects).toEqual([]);
    // The new day and time said too: "Move … to …?" at once (nothing moved before the yes); without them, asked.
    for (const [words, at] of [["décale fixer ses prix au 15 décembre à 10h", "2026-12-15T09:00:00.000Z"], ["move the thursday training to friday 10am", "2026-12-04T09:00:00.000Z"], ["decale la formation de jeudi a vendredi 14h", "2026-12-04T13:00:00.000Z"]] as const) {
      const asked = play([{ text: words }])[0]!;
      expect(asked.replies[0], words).toMatchObject({ say: { key: "manage.move_confirm", params: { when: { datetime: at } } } });
      expect(asked.effects, words).toEqual([]);
    }
    expect(keys(play([{ text: "décale fixer ses prix" }])[0]!)).toEqual(["manage.ask_when"]);
    // "envoie à la coop : …" is an announcement, its text kept, not a session.
    const [sent] = play([{ text: "envoie a la coop : pas de formation demain" }]);
    expect(sent!.replies[0]).toMatchObject({ say: { key: "broadcast.ask_audience_kept", params: { text: "pas de formation demain" } } });
    // Today's has started: its attendance sheet. No session tomorrow: said, and the list.
    expect(play([{ text: "on note les présents de la séance d'aujourd'hui" }])[0]!.replies).toEqual([{ type: "attendance_sheet", sessionId: "s0" }]);
    expect(keys(play([{ text: "move tomorrow's session" }])[0]!)).toEqual(["manage.none_that_day", "manage.choose"]);
  });

  it("answers 'combien on a vendu ce mois' in the middle of an announcement, then shows its preview again, draft kept", () => {
    const steps = play([{ choiceId: "menu:broadcast" }, { choiceId: "bc:aud:participants" }, { text: "Pas de formation lundi" }, { choiceId: "bc:preview" }, { text: "combien on a vendu ce mois" }]);
    const meanwhile = steps.at(-1)!;
    expect(meanwhile.replies.map((r) => r.type)).toEqual(["totals", "broadcast_preview"]);
    expect(meanwhile.conversation).toMatchObject({ flow: "broadcast", step: "preview", data: { draft: { texts: { fr: "Pas de formation lundi" } } } });
    // The announcement's own words are never read as a request.
    const [, , words] = play([{ choiceId: "menu:broadcast" }, { choiceId: "bc:aud:participants" }, { text: "combien on a vendu ce mois" }]);
    expect(words!.conversation).toMatchObject({ flow: "broadcast", step: "more", data: { draft: { texts: { fr: "combien on a vendu ce mois" } } } });
  });

  it("keeps the announcement typed with the request ('message : …'): only its audience is asked", () => {
    const [asked, chosen] = play([{ text: "envoie un message : demain pas de formation, on se voit jeudi à 14:00" }, { choiceId: "bc:aud:participants" }]);
    expect(asked!.replies[0]).toMatchObject({ say: { key: "broadcast.ask_audience_kept", params: { text: "demain pas de formation, on se voit jeudi à 14:00" } } });
    expect(chosen!.conversation).toMatchObject({ flow: "broadcast", step: "more", data: { draft: { audience: { type: "participants" }, texts: { fr: "demain pas de formation, on se voit jeudi à 14:00" } } } });
    // A time's colon is not the start of a message; a tapped menu keeps nothing either.
    const [timed] = play([{ text: "envoie un message à tous demain 14:00 formation" }]);
    expect(keys(timed!)).toEqual(["broadcast.ask_audience"]);
    expect(play([{ choiceId: "menu:broadcast" }, { choiceId: "bc:aud:participants" }])[1]!.conversation.step).toBe("text");
  });

  it("offers a session's attendance once it has started, and moving or cancelling before", () => {
    expect(choiceIds(play([{ choiceId: "ss:s0" }])[0]!)).toEqual(["ss:attendance:s0"]);
    expect(choiceIds(play([{ choiceId: "ss:s1" }])[0]!)).toEqual(["ss:move:s1", "ss:cancel:s1"]);
    // Thursday's session has not happened: no attendance is recorded for it, and the coordinator is told when it can be.
    const early = play([{ choiceId: "ss:attendance:s1" }, { text: "1, 3" }]);
    expect(keys(early[0]!)).toEqual(["manage.not_started"]);
    expect(early.flatMap((r) => r.effects).filter((e) => e.type === "record_attendance")).toEqual([]);
  });

  it("'annuler' while a change is being written stops it, changing nothing; it does not look for a sale to undo", () => {
    const [, stopped] = play([{ choiceId: "ss:move:s1" }, { text: "annuler" }]);
    expect(keys(stopped!)[0]).toBe("manage.stopped");
    expect(stopped!.effects).toEqual([]);
    expect(stopped!.conversation.flow).toBeNull();
    const [, , dropped] = play([{ choiceId: "ss:add" }, { text: "Vendre au marché" }, { text: "annuler" }]);
    expect(keys(dropped!)[0]).toBe("manage.stopped");
    expect(dropped!.effects).toEqual([]);
    const [writing, cancelled] = play([{ choiceId: "menu:broadcast" }, { text: "annuler" }]);
    expect(writing!.conversation.flow).toBe("broadcast");
    expect(keys(cancelled!)[0]).toBe("broadcast.cancelled");
    expect(cancelled!.conversation.flow).toBeNull();
  });

  it("a coordinator asking for a person opens no thread with herself, and her 'annule' says where changes are taken back", () => {
    const [human] = play([{ text: "je veux parler à quelqu'un" }]);
    expect(keys(human!)[0]).toBe("help.coordinator");
    expect(human!.effects).toEqual([]);
    const [undo] = play([{ text: "annule" }]);
    expect(keys(undo!)[0]).toBe("undo.nothing_team");
  });

  it("a number typed alone that is none of the choices shown is said to be, the conversation kept", () => {
    const [stray] = play([{ text: "7", choicesOffered: 3 }]);
    expect(stray!.replies).toEqual([{ type: "text", say: { key: "choices.not_in_list", params: { numbers: { typed: "1, 2, 3" } } }, keepsChoices: true }]);
    expect(stray!.effects).toEqual([]);
  });

  it("'arrête' or 'stop' in the middle of a change stops that change, not the coordinator's messages", () => {
    for (const words of ["arrete", "stop", "arrête ça"]) {
      const [, stopped] = play([{ choiceId: "ss:add" }, { text: words }]);
      expect(keys(stopped!)[0], words).toBe("manage.stopped");
      expect(stopped!.effects, words).toEqual([]);
      const [, dropped] = play([{ choiceId: "menu:broadcast" }, { text: words }]);
      expect(keys(dropped!)[0], words).toBe("broadcast.cancelled");
    }
    // Outside a change, "stop" stops the messages, as for anyone.
    expect(play([{ text: "stop" }])[0]!.effects).toEqual([{ type: "opt_out" }]);
  });

  it("records no attendance answer from a coordinator's words", () => {
    for (const words of ["je ne pourrai pas venir demain", "je serai en retard jeudi"]) {
      const [r] = play([{ text: words }]);
      expect(r!.effects.filter((e) => e.type === "record_rsvp")).toEqual([]);
    }
  });

  it("refuses session management to participants", () => {
    const r = play([{ choiceId: "ss:cancel:s1" }], { ...known, stage: "member" })[0]!;
    expect(keys(r)).toEqual(["errors.not_allowed", "menu.title"]);
  });
});

describe("coordinators write roadmaps in the chat", () => {
  const coordinator: PersonView = { ...known, role: "coordinator", firstName: "Amina" };
  const ctx: EngineContext = { ...noContext, roadmapMembers: [{ id: "p1", name: "Awa" }] };
  it("chooses a person and a section, then saves the typed lines", () => {
    let c = idle;
    const turns = [{ text: "feuille de route" }, { choiceId: "rm:p:p1" }, { choiceId: "rm:s:strengths" }, { text: "Très bon goût\nClientèle fidèle" }, { choiceId: "rm:done" }].map((e) => {
      const r = run(coordinator, e, c, ctx);
      c = r.conversation;
      return r;
    });
    expect(turns.map(keys)).toEqual([["roadmap_write.who"], ["roadmap_write.section"], ["roadmap_write.lines"], ["roadmap_write.added", "roadmap_write.section"], ["roadmap_write.saved"]]);
    expect(turns[3]!.effects).toEqual([{ type: "roadmap_lines", personId: "p1", section: "strengths", lines: ["Très bon goût", "Clientèle fidèle"] }]);
  });
  it("is refused to participants", () => {
    expect(keys(run(known, { choiceId: "rm:p:p1" }, idle, ctx))).toEqual(["errors.not_allowed", "menu.title"]);
  });
  it("lets another request through at 'whose roadmap?' and 'which part?'", () => {
    const who = run(coordinator, { text: "feuille de route" }, idle, ctx);
    const other = run(coordinator, { text: "qui etait present la derniere fois" }, who.conversation, ctx);
    expect(keys(other)).not.toContain("roadmap_write.who");
    expect(other.conversation.flow).not.toBe("roadmap_write");
  });
});

describe("what people write in their own words", () => {
  const member: PersonView = { ...known, stage: "member", firstName: "Awa" };
  const soon: EngineContext = {
    ...noContext,
    nextSessions: [
      { id: "tue", title: "Fixer ses prix", startsAt: "2026-12-01T08:30:00.000Z", location: "Migracoop, Paris 11e", timezone: "Europe/Paris" },
      { id: "thu-am", title: "Hygiène", startsAt: "2026-12-03T08:30:00.000Z", location: "Migracoop, Paris 11e", timezone: "Europe/Paris" },
      { id: "thu-pm", title: "Compta", startsAt: "2026-12-03T13:30:00.000Z", location: "Migracoop, Paris 11e", timezone: "Europe/Paris" },
    ],
  };
  const rsvpOf = (r: EngineResult) => r.effects.find((e) => e.type === "record_rsvp");

  it.each<[string, PersonView["locale"], string, string, "yes" | "no", boolean]>([
    ["'tomorrow' names the next day's session", "en", "sorry I can't make it tomorrow", "tue", "no", false],
    ["'demain' in French", "fr", "désolée je pourrai pas venir demain", "tue", "no", false],
    ["'غدوة' in Darija", "ar", "ما نقدرش نجي غدوة", "tue", "no", false],
    ["'завтра' in Russian, coming", "ru", "завтра буду", "tue", "yes", false],
    ["late, without a day: the next session, marked late", "fr", "je vais être en retard de 20 minutes", "tue", "yes", true],
  ])("%s", (_name, locale, text, session, answer, late) => {
    const r = run({ ...member, locale }, { text }, idle, soon);
    expect(rsvpOf(r)).toEqual({ type: "record_rsvp", sessionId: session, answer, late });
    expect(keys(r)[0]).toBe(late ? "rsvp.recorded_late" : `rsvp.recorded_${answer}`);
  });

  it("a weekday with two sessions asks which, with buttons that record the answer", () => {
    const r = run(member, { text: "je ne peux pas venir jeudi" }, idle, soon);
    expect(keys(r)).toEqual(["rsvp.which"]);
    expect(choiceIds(r)).toEqual(["rsvp:no:thu-am", "rsvp:no:thu-pm"]);
    expect(rsvpOf(run(member, { choiceId: "rsvp:no:thu-pm" }, idle, soon))).toEqual({ type: "record_rsvp", sessionId: "thu-pm", answer: "no", late: false });
  });

  it("a day without a session says so and offers the next ones", () => {
    const r = run({ ...member, locale: "en" }, { text: "I can't come on Saturday" }, idle, soon);
    expect(keys(r)).toEqual(["rsvp.no_session_that_day"]);
    expect(r.effects).toEqual([]);
  });

  it("answers where and when from the next session; other questions go to a person at once", () => {
    expect(keys(run(member, { text: "c'est où la formation ?" }, idle, soon))).toEqual(["understand.answer_place", "menu.title"]);
    expect(keys(run({ ...member, locale: "en" }, { text: "what time does it start tomorrow?" }, idle, soon))).toEqual(["understand.answer_time", "menu.title"]);
    const other = run(member, { text: "est-ce que je peux venir avec mon enfant ?" }, idle, soon);
    expect(keys(other)).toEqual(["understand.question_forwarded"]);
    expect(other.effects[0]).toMatchObject({ type: "relay", kind: "message", text: "est-ce que je peux venir avec mon enfant ?" });
  });

  it("a question with an amount in it is not a sale", () => {
    const r = run(member, { text: "l'inscription c'est 20 euros ?" }, idle, soon);
    expect(keys(r)).not.toContain("sale.line_total_sale");
    expect(r.effects.some((e) => e.type === "record_transaction")).toBe(false);
  });

  it("greetings and thanks get an answer in kind, never 'I did not understand'", () => {
    expect(keys(run(member, { text: "salam 👋" }, idle, soon))).toEqual(["understand.greeting", "menu.title"]);
    expect(keys(run({ ...member, locale: "ar" }, { text: "شكرا بزاف" }, idle, soon))).toEqual(["understand.thanks"]);
    expect(keys(run(member, { text: "🙏" }, idle, soon))).toEqual(["understand.thanks"]);
  });

  it("naming a language switches to it", () => {
    expect(run(member, { text: "in English please" }).effects).toEqual([{ type: "set_locale", locale: "en", confirmed: true }]);
    expect(run(member, { text: "بالعربي" }).effects).toEqual([{ type: "set_locale", locale: "ar", confirmed: true }]);
  });

  it("'Did you mean …?' offers the guesses and 'Something else'; a guess is done with the words first written", () => {
    const turn = { person: member, conversation: idle, context: soon, event: { type: "message" as const, text: "je viens pas demain" }, now: NOW, defaultLocale: "fr" as const };
    const dym = didYouMean(turn, {
      intent: "rsvp_no", confidence: 0.45, slots: { day: "2026-12-01" }, locale: "fr", alternatives: [{ intent: "rsvp_yes", confidence: 0.3 }, { intent: "unknown", confidence: 0.2 }],
    });
    expect(choiceIds(dym)).toEqual(["dym:rsvp_no", "dym:rsvp_yes", "dym:other"]);
    const chosen = run(member, { choiceId: "dym:rsvp_no" }, dym.conversation, soon);
    expect(rsvpOf(chosen)).toEqual({ type: "record_rsvp", sessionId: "tue", answer: "no", late: false });
    const other = run(member, { choiceId: "dym:other" }, dym.conversation, soon);
    expect(keys(other)).toEqual(["understand.passed_on"]);
    expect(other.effects[0]).toMatchObject({ type: "relay", kind: "message", text: "je viens pas demain" });
  });

  it("after 'stop', words that mean 'start again' start again; the confirmation offers a button", () => {
    const stopped = run(member, { text: "arrêtez de m'envoyer des messages svp" });
    expect(stopped.effects).toEqual([{ type: "opt_out" }]);
    expect(choiceIds(stopped)).toEqual(["optout:start"]);
    const back = { ...member, optedOut: true };
    expect(run(back, { text: "je veux recevoir vos messages à nouveau" }).effects).toEqual([{ type: "opt_in" }]);
    expect(run(back, { text: "أريد أن أتلقى الرسائل من جديد" }).effects).toEqual([{ type: "opt_in" }]);
    expect(run(back, { choiceId: "optout:start" }).effects).toEqual([{ type: "opt_in" }]);
    // Bengali "স্টপ", as people write "stop" in their script.
    expect(run({ ...member, locale: "bn" }, { text: "স্টপ" }).effects).toEqual([{ type: "opt_out" }]);
    expect(keys(run(back, { text: "bonjour" }))).toEqual(["optout.still_stopped"]);
    // Saying "stop" again, in other words, never starts again.
    for (const words of ["وقف الرسائل", "ما بغيتش الرسائل عافاك", "não quero mais mensagens", "não quero receber mensagens", "je ne veux plus de messages", "I don't want messages anymore"]) {
      expect(run(back, { text: words }).effects, words).toEqual([]);
    }
  });

  it("after 'stop', 'my data' and 'delete my data' are still answered, the erasure with its confirmation", () => {
    const back = { ...member, optedOut: true };
    expect(run(back, { text: "mes données" }).replies[0]).toMatchObject({ type: "document", what: "my_data" });
    const asked = run(back, { text: "удалить мои данные" });
    expect(keys(asked)).toEqual(["erase.confirm"]);
    const erased = run(back, { choiceId: "erase:yes" }, asked.conversation);
    expect(erased.effects).toEqual([{ type: "erase_me" }]);
    // Anything else is not answered: only how to start again.
    expect(keys(run(back, { choiceId: "menu:sale" }, asked.conversation))).toEqual(["optout.still_stopped"]);
  });

  it("a greeting alone tells a Latin-script language: 'Hello' asks in English, English first; 'hola' in Spanish", () => {
    const hello = run(newcomer, { text: "Hello!" });
    expect(hello.effects).toEqual([{ type: "set_locale", locale: "en", confirmed: false }]);
    expect(choiceIds(hello)[0]).toBe("lang:en");
    const hola = run(newcomer, { text: "hola 👋" });
    expect(hola.effects).toEqual([{ type: "set_locale", locale: "es", confirmed: false }]);
    expect(choiceIds(hola).slice(0, 2)).toEqual(["lang:es", "lang:pt"]);
    expect(run(newcomer, { text: "Oi" }).effects).toEqual([{ type: "set_locale", locale: "pt", confirmed: false }]);
    // Cyrillic-script greetings typed in Latin letters ask in that language, its script's languages first.
    const privet = run(newcomer, { text: "privet" });
    expect(privet.effects).toEqual([{ type: "set_locale", locale: "ru", confirmed: false }]);
    expect(choiceIds(privet).slice(0, 2)).toEqual(["lang:ru", "lang:uk"]);
    expect(run(newcomer, { text: "Pryvit!" }).effects).toEqual([{ type: "set_locale", locale: "uk", confirmed: false }]);
    // "salut" stays French; a greeting in another language's words is not guessed from Latin letters.
    expect(run(newcomer, { text: "salam" }).effects).toEqual([{ type: "set_locale", locale: "fr", confirmed: false }]);
  });

  it("a short first greeting tells its script: the language question in its first language, its languages first", () => {
    const arabic = run(newcomer, { text: "سلام" });
    expect(arabic.effects).toEqual([{ type: "set_locale", locale: "ar", confirmed: false }]);
    expect(choiceIds(arabic).slice(0, 3)).toEqual(["lang:ar", "lang:fa", "lang:ps"]);
    const cyrillic = run(newcomer, { text: "Привет" });
    expect(cyrillic.effects).toEqual([{ type: "set_locale", locale: "ru", confirmed: false }]);
    expect(choiceIds(cyrillic).slice(0, 2)).toEqual(["lang:ru", "lang:uk"]);
    // Letters only one language of the script writes put it first.
    const ukrainian = run(newcomer, { text: "Привіт" });
    expect(ukrainian.effects).toEqual([{ type: "set_locale", locale: "uk", confirmed: false }]);
    expect(choiceIds(ukrainian).slice(0, 2)).toEqual(["lang:uk", "lang:ru"]);
    const dari = run(newcomer, { text: "سلام چطوری" });
    expect(dari.effects).toEqual([{ type: "set_locale", locale: "fa", confirmed: false }]);
    expect(choiceIds(dari).slice(0, 3)).toEqual(["lang:fa", "lang:ps", "lang:ar"]);
  });

  it("lists the languages later in the order the first contact showed them: the person's script first", () => {
    expect(choiceIds(run({ ...known, locale: "ar" }, { choiceId: "menu:language" })).slice(0, 3)).toEqual(["lang:ar", "lang:fa", "lang:ps"]);
    expect(choiceIds(run({ ...known, locale: "ps" }, { choiceId: "menu:language" })).slice(0, 3)).toEqual(["lang:ps", "lang:fa", "lang:ar"]);
    expect(choiceIds(run({ ...known, locale: "uk" }, { choiceId: "menu:language" })).slice(0, 2)).toEqual(["lang:uk", "lang:ru"]);
    expect(choiceIds(run(known, { choiceId: "menu:language" })).slice(0, 2)).toEqual(["lang:fr", "lang:en"]);
  });

  it("in enrolment, an answer in words that fits a choice is confirmed, not refused", () => {
    const atExperience: Conversation = { flow: "enrol", step: "experience", data: { answers: {}, history: [], tries: 0, editing: false } };
    const r = run({ ...known, locale: "ar" }, { text: "ثلاث سنوات في مطعم" }, atExperience, { ...noContext, hasConsent: true });
    expect(keys(r)).toEqual(["understand.close_choice"]);
    expect(choiceIds(r)).toEqual(["opt:lots", "close:no"]);
    expect(keys(run(known, { text: "un peu" }, atExperience, { ...noContext, hasConsent: true }))).toEqual(["understand.close_choice"]);
  });
});
