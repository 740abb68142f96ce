import { beforeAll, describe, expect, it } from "vitest";
import { buildLexicon, COMMANDS } from "../../../src/engine/commands.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import { step } from "../../../src/engine/engine.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { LOCALES } from "../../../src/core/locales.ts";
import { normalise } from "../../../src/core/text.ts";
import { loadResources } from "../../../src/i18n/i18n.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-12-01T10:00:00Z");
const base: PersonView = { locale: "fr", localeConfirmed: true, role: "participant", stage: "member", optedOut: false, firstName: "Awa", timezone: "Europe/Paris" };
const coordinator: PersonView = { ...base, role: "coordinator", stage: "newcomer", firstName: "Amina" };
const admin: PersonView = { ...coordinator, role: "admin", locale: "en" };
const idle: Conversation = { flow: null, step: null, data: {} };
const context: EngineContext = { hasConsent: true, application: null };

const run = (person: PersonView, event: Partial<MessageEvent>, conversation = idle): EngineResult =>
  step({ person, conversation, context, event: { type: "message", ...event }, now: NOW, defaultLocale: "fr" }, reader);
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));

describe("the 'console' command", () => {
  it.each<[string, PersonView, Partial<MessageEvent>, string[], EngineResult["effects"]]>([
    ["a coordinator writing 'console' gets a sign-in link", coordinator, { text: "console" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["an admin too, with '/console'", admin, { text: "/Console" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["the coordinator menu's item", coordinator, { choiceId: "menu:console" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["in Russian", coordinator, { text: "консоль" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["in Bengali", coordinator, { text: "কনসোল" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["in Persian", coordinator, { text: "کنسول" }, ["console_link"], [{ type: "audit", action: "console.link" }]],
    ["a participant is refused and shown the menu, and the attempt audited", base, { text: "console" }, ["errors.not_allowed", "menu.title"], [{ type: "audit", action: "denied", subject: "console" }]],
    ["a participant tapping an old menu item too", base, { choiceId: "menu:console" }, ["errors.not_allowed", "menu.title"], [{ type: "audit", action: "denied", subject: "console" }]],
  ])("%s", (_name, person, event, expected, effects) => {
    const result = run(person, event);
    expect(keys(result)).toEqual(expected);
    expect(result.effects).toEqual(effects);
    expect(result.conversation).toEqual(idle);
  });

  it("works inside another flow, which it ends", () => {
    const result = run(coordinator, { text: "console" }, { flow: "broadcast", step: "audience", data: {} });
    expect(keys(result)).toEqual(["console_link"]);
    expect(result.conversation).toEqual(idle);
  });

  it("is an item of the coordinators' menu, not of the participants'", () => {
    const ids = (r: EngineResult) => r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.id) : []));
    expect(ids(run(coordinator, { text: "menu" }))).toContain("menu:console");
    expect(ids(run(coordinator, { text: "menu" })).length).toBeLessThanOrEqual(10); // a WhatsApp list holds 10 rows
    expect(ids(run(base, { text: "menu" }))).not.toContain("menu:console");
  });

  it("has a word in every language, and no language's word names another command", () => {
    const resources = loadResources();
    for (const locale of LOCALES) {
      const words = String((resources[locale]["keywords"] as Record<string, string>)["console"] ?? "").split("|").filter(Boolean);
      expect(words.length, locale).toBeGreaterThan(0);
    }
    const lexicon = buildLexicon(LOCALES.map((l) => resources[l]["keywords"] as Record<string, string>));
    for (const word of lexicon.console) {
      const others = COMMANDS.filter((c) => c !== "console" && lexicon[c].has(word));
      expect(others, normalise(word)).toEqual([]);
    }
  });
});
