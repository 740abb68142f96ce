import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

/** The announcement's steps as the coordinator types: a few words that stop are asked about, her other requests leave it. */
let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-12-07T10:00:00Z"); // a Monday
const amina: PersonView = { locale: "fr", localeConfirmed: true, role: "coordinator", stage: "newcomer", optedOut: false, firstName: "Amina", timezone: "Europe/Paris" };
const context: EngineContext = {
  hasConsent: true,
  application: null,
  cohorts: [{ id: "c1", name: "Coopérative Cuisine" }],
  ownCohorts: [{ id: "c1", name: "Coopérative Cuisine" }],
  nextSessions: [{ id: "thu", title: "Fixer ses prix", startsAt: "2026-12-10T13:00:00.000Z", location: null, timezone: "Europe/Paris" }],
};
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));

function play(events: Partial<MessageEvent>[]): EngineResult[] {
  let conversation: Conversation = { flow: null, step: null, data: {} };
  return events.map((e) => {
    const r = step({ person: amina, conversation, context, event: { type: "message", ...e }, now: NOW, defaultLocale: "fr" }, reader);
    conversation = r.conversation;
    return r;
  });
}

describe("an announcement asked in words", () => {
  it("takes the audience named with the text: 'annonce aux candidats : …', 'dis à tout le monde que …', 'message pour la coop cuisine : …'", () => {
    for (const [words, audience, body] of [
      ["annonce aux candidats: reunion d info vendredi 10h", { type: "applicants" }, "reunion d info vendredi 10h"],
      ["dis à tout le monde que demain c'est annulé", { type: "participants" }, "demain c'est annulé"],
      ["message pour la coop cuisine : la salle change", { type: "cohort", cohortId: "c1" }, "la salle change"],
      ["tell everyone that the room changed", { type: "participants" }, "the room changed"],
    ] as const) {
      const [r] = play([{ text: words }]);
      expect(r!.conversation, words).toMatchObject({ flow: "broadcast", step: "more", data: { draft: { audience, texts: { fr: body } } } });
      expect(r!.effects, words).toEqual([]);
    }
    // No audience named: asked, the text kept.
    const [asked] = play([{ text: "envoie un message : demain rdv 9h" }]);
    expect(keys(asked!)).toEqual(["broadcast.ask_audience_kept"]);
  });
});

describe("writing an announcement", () => {
  it("asks whether a few words that stop ('oups annule') are the message, and never sends them unasked", () => {
    for (const words of ["oups annule", "non laisse tomber", "annule"]) {
      const [, , asked, cancelled] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: words }, { text: "non" }]);
      expect(keys(asked!), words).toEqual(["broadcast.is_text"]);
      expect(keys(cancelled!), words).toEqual(["broadcast.cancelled"]);
      expect(cancelled!.effects, words).toEqual([]);
    }
    // "Yes, that's the message": kept; other words typed instead are the message.
    const [, , , kept] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "annulé" }, { choiceId: "bc:textok" }]);
    expect(kept!.conversation).toMatchObject({ step: "more", data: { draft: { texts: { fr: "annulé" } } } });
    const [, , , rewritten] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "oups annule" }, { text: "Pas de formation jeudi, elle est reportée" }]);
    expect(rewritten!.conversation).toMatchObject({ step: "more", data: { draft: { texts: { fr: "Pas de formation jeudi, elle est reportée" } } } });
    // One of her requests typed as the message ("décale jeudi à vendredi") is asked about too; "oups annule" at "to whom?" stops.
    const [, , command] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "décale jeudi à vendredi" }]);
    expect(keys(command!)).toEqual(["broadcast.is_text"]);
    expect(keys(play([{ text: "annonce" }, { text: "oups annule" }])[1]!)).toEqual(["broadcast.cancelled"]);
    // A message that says a session is cancelled is a message.
    const [, , plain] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "La formation de jeudi est annulée" }]);
    expect(keys(plain!)).toEqual(["broadcast.ask_more"]);
  });

  it("leaves the announcement for her other request once its text is written ('qui vient jeudi ?'), saying so", () => {
    const [, , , who] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "Demain rdv 9h" }, { text: "qui vient jeudi ?" }]);
    expect(keys(who!)).toEqual(["broadcast.cancelled", "forecast"]);
    expect(who!.effects).toEqual([]);
    // At the text step, the same words are asked about: the message, or her question?
    const [, , text, kept] = play([{ text: "annonce" }, { choiceId: "bc:aud:cohort:c1" }, { text: "qui vient jeudi ?" }, { choiceId: "bc:textok" }]);
    expect(keys(text!)).toEqual(["broadcast.is_text"]);
    expect(kept!.conversation).toMatchObject({ step: "more", data: { draft: { texts: { fr: "qui vient jeudi ?" } } } });
  });
});
