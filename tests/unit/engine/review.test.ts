import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-11-30T10:00:00Z");
const coordinator: PersonView = { locale: "fr", localeConfirmed: true, role: "coordinator", stage: "newcomer", optedOut: false, firstName: "Amina", timezone: "Europe/Paris" };
const idle: Conversation = { flow: null, step: null, data: {} };
const context: EngineContext = {
  hasConsent: true,
  application: null,
  workloadLoaded: true,
  pendingApplications: [{ id: "a1", name: "Olena", locale: "uk", submittedAt: "2026-11-29T09:00:00Z", answers: { first_name: "Olena" } }],
  cohorts: [{ id: "c1", name: "Cuisine 2027" }],
};

const run = (event: Partial<MessageEvent>) => step({ person: coordinator, conversation: idle, context, event: { type: "message", ...event }, now: NOW, defaultLocale: "fr" }, reader);
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));
const choiceIds = (r: EngineResult) => r.replies.flatMap((x) => (x.type === "choices" ? x.choices.map((c) => c.id) : []));

describe("a coordinator reviews an application in the chat", () => {
  it("asks once more before declining, since the applicant is told at once; 'back' shows the application again", () => {
    const detail = run({ choiceId: "rv:a1" });
    expect(choiceIds(detail)).toEqual(["ra:a1", "rd:a1"]);
    const asked = run({ choiceId: "rd:a1" });
    expect(keys(asked)).toEqual(["review.decline_confirm"]);
    expect(asked.replies[0]).toMatchObject({ say: { params: { name: "Olena" } } });
    expect(choiceIds(asked)).toEqual(["ry:a1", "rv:a1"]);
    expect(asked.effects).toEqual([]);
    expect(keys(run({ choiceId: "rv:a1" }))).toEqual(["review.detail"]);
    const declined = run({ choiceId: "ry:a1" });
    expect(keys(declined)).toEqual(["review.declined"]);
    expect(declined.effects).toEqual([
      { type: "decide_application", applicationId: "a1", decision: "declined" },
      { type: "audit", action: "application.declined", subject: "a1" },
    ]);
  });

  it("accepts or declines in words, as the buttons do: 'accepte olena', 'refuse le 1', 'ok pour olena'", () => {
    for (const words of ["accepte olena", "accept Olena", "valide le 1"]) {
      const r = run({ text: words });
      expect(keys(r), words).toEqual(["review.accepted"]);
      expect(r.effects[0], words).toEqual({ type: "decide_application", applicationId: "a1", decision: "accepted", cohortId: "c1" });
    }
    // Declining is asked once more; "ok pour …" shows the application with its buttons.
    for (const words of ["refuse le 1", "refuse olena"]) expect(keys(run({ text: words })), words).toEqual(["review.decline_confirm"]);
    expect(run({ text: "refuse le 1" }).effects).toEqual([]);
    expect(keys(run({ text: "ok pour olena" }))).toEqual(["review.detail"]);
    // In a session being added, a title with "refuser" stays a title.
    const own = { ...context, ownCohorts: [{ id: "c1", name: "Cuisine 2027" }] };
    const asked = step({ person: coordinator, conversation: idle, context: own, event: { type: "message", choiceId: "ss:add" }, now: NOW, defaultLocale: "fr" }, reader);
    const titled = step({ person: coordinator, conversation: asked.conversation, context: own, event: { type: "message", text: "Refuser les mauvais payeurs" }, now: NOW, defaultLocale: "fr" }, reader);
    expect(titled.conversation).toMatchObject({ step: "add_when", data: { title: "Refuser les mauvais payeurs" } });
    // Nobody named, or someone who has not applied: the list, nothing decided.
    for (const words of ["accepte tout le monde", "accepte binta"]) {
      const r = run({ text: words });
      expect(keys(r), words).toEqual(["review.list"]);
      expect(r.effects, words).toEqual([]);
    }
  });

  it("accepts into the only open cohort in one tap, and says an application already decided is gone", () => {
    const accepted = run({ choiceId: "ra:a1" });
    expect(keys(accepted)).toEqual(["review.accepted"]);
    expect(accepted.effects[0]).toEqual({ type: "decide_application", applicationId: "a1", decision: "accepted", cohortId: "c1" });
    expect(keys(run({ choiceId: "ry:a9" }))).toEqual(["review.gone", "menu.title"]);
  });

  it("refuses the review choices to a participant", () => {
    const r = step({ person: { ...coordinator, role: "participant" }, conversation: idle, context, event: { type: "message", choiceId: "ry:a1" }, now: NOW, defaultLocale: "fr" }, reader);
    expect(r.effects.some((e) => e.type === "decide_application")).toBe(false);
  });
});
