import { beforeAll, describe, expect, it } from "vitest";
import type { Lexicon } from "../../src/engine/commands.ts";
import { step } from "../../src/engine/engine.ts";
import type { Conversation, EngineResult, MessageEvent, PersonView } from "../../src/engine/types.ts";
import { realTexts } from "../support/i18n.ts";

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = (await realTexts()).lexicon;
});

const NOW = new Date("2026-11-30T10:00:00Z");
const newcomer: PersonView = { locale: null, localeConfirmed: false, role: "participant", stage: "newcomer", optedOut: false, firstName: null };
const known: PersonView = { ...newcomer, locale: "fr", localeConfirmed: true };
const idle: Conversation = { flow: null, step: null, data: {} };
const menuOffered: Conversation = { flow: null, step: null, data: { choices: ["menu:enrol", "menu:sessions", "menu:sale", "menu:mydata", "menu:human"] } };
const langOffered: Conversation = { flow: null, step: null, data: { choices: ["lang:fr", "lang:en", "lang:ar", "lang:fa", "lang:ps", "lang:ti", "lang:es", "lang:pt", "lang:ru", "lang:uk", "lang:bn"] } };

function run(person: PersonView, event: Partial<MessageEvent>, conversation = idle): EngineResult {
  return step({ person, conversation, event: { type: "message", ...event }, now: NOW, defaultLocale: "fr" }, lexicon);
}
const keys = (r: EngineResult) => r.replies.map((x) => x.say.key);

describe("engine", () => {
  it.each<[string, PersonView, Partial<MessageEvent>, Conversation, string[], EngineResult["effects"]]>([
    ["first contact without a hint asks for the language", newcomer, { text: "bonjour" }, idle, ["welcome.intro", "language.choose"], [{ type: "set_locale", locale: "fr", confirmed: false }]],
    ["first contact with Telegram's language_code uses it", newcomer, { text: "/start", localeHint: "ar" }, idle, ["welcome.intro", "menu.title"], [{ type: "set_locale", locale: "ar", confirmed: false }]],
    ["a regional hint maps to the language", newcomer, { text: "hi", localeHint: "pt-BR" }, idle, ["welcome.intro", "menu.title"], [{ type: "set_locale", locale: "pt", confirmed: false }]],
    ["an unsupported hint falls back to asking", newcomer, { text: "hallo", localeHint: "de" }, idle, ["welcome.intro", "language.choose"], [{ type: "set_locale", locale: "fr", confirmed: false }]],
    ["choosing a language by button sets it", known, { choiceId: "lang:uk" }, langOffered, ["language.set", "menu.title"], [{ type: "set_locale", locale: "uk", confirmed: true }]],
    ["typing the number of a language picks it", known, { text: "3" }, langOffered, ["language.set", "menu.title"], [{ type: "set_locale", locale: "ar", confirmed: true }]],
    ["typing it in Arabic-Indic digits too", known, { text: "٣" }, langOffered, ["language.set", "menu.title"], [{ type: "set_locale", locale: "ar", confirmed: true }]],
    ["in Bengali digits too", known, { text: "১১" }, langOffered, ["language.set", "menu.title"], [{ type: "set_locale", locale: "bn", confirmed: true }]],
    ["a number beyond the choices is not understood", known, { text: "12" }, langOffered, ["fallback.not_understood", "menu.title"], []],
    ["'langue' opens the language menu", known, { text: "Langue" }, idle, ["language.choose"], []],
    ["a command in another language works", known, { text: "ЯЗЫК" }, idle, ["language.choose"], []],
    ["'/help' shows the menu", known, { text: "/help" }, idle, ["menu.title"], []],
    ["'stop' opts out, confirmed", known, { text: "STOP" }, idle, ["optout.confirmed"], [{ type: "opt_out" }]],
    ["a menu item not built yet says so", known, { choiceId: "menu:sale" }, menuOffered, ["menu.not_ready", "menu.title"], []],
    ["a voice note gets a polite answer and the menu", known, { media: { type: "voice" } }, idle, ["fallback.media", "menu.title"], []],
    ["an unsupported message is answered politely", known, { unsupported: true }, idle, ["fallback.unsupported", "menu.title"], []],
    ["odd text gets the menu", known, { text: "‏🙂‍↔️ \u202e???" }, idle, ["fallback.not_understood", "menu.title"], []],
    ["an unknown choice id gets the menu", known, { choiceId: "rsvp:v0:old" }, idle, ["fallback.not_understood", "menu.title"], []],
  ])("%s", (_name, person, event, conversation, expectedKeys, effects) => {
    const result = run(person, event, conversation);
    expect(keys(result)).toEqual(expectedKeys);
    expect(result.effects).toEqual(effects);
  });

  it("says nothing to someone who opted out, until they write start", () => {
    const out = { ...known, optedOut: true };
    expect(run(out, { text: "bonjour" }).replies).toEqual([]);
    expect(run(out, { choiceId: "menu:sale" }).replies).toEqual([]);
    const back = run(out, { text: "start" });
    expect(keys(back)).toEqual(["optout.resumed", "menu.title"]);
    expect(back.effects).toEqual([{ type: "opt_in" }]);
  });

  it("remembers the choices it offered so a number can answer them", () => {
    const result = run(known, { text: "menu" });
    expect(result.conversation.data["choices"]).toEqual(["menu:enrol", "menu:sessions", "menu:sale", "menu:mydata", "menu:human"]);
    expect(run(known, { text: "hello there" }, idle).conversation.data["choices"]).toHaveLength(5);
  });

  it("never throws on a 5,000-character message", () => {
    expect(keys(run(known, { text: "ا".repeat(5000) }))).toEqual(["fallback.not_understood", "menu.title"]);
  });
});
