import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, MessageEvent, PersonView } from "../../../src/engine/types.ts";
import { WorkloadNeeded } from "../../../src/engine/workload.ts";
import { realTexts } from "../../support/i18n.ts";

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-11-30T10:00:00Z");
const coordinator: PersonView = { locale: "fr", localeConfirmed: true, role: "coordinator", stage: "newcomer", optedOut: false, firstName: "Amina", timezone: "Europe/Paris" };
const idle: Conversation = { flow: null, step: null, data: {} };
/** What the app gives a coordinator's turn at first: the lists not loaded. */
const unloaded: EngineContext = { hasConsent: true, application: null, workloadLoaded: false };
const loaded: EngineContext = {
  hasConsent: true,
  application: null,
  workloadLoaded: true,
  pendingApplications: [{ id: "a1", name: "Olena", locale: "uk", submittedAt: "2026-11-29T09:00:00Z", answers: { project: "cuisine" } }],
  cohorts: [{ id: "c1", name: "Cuisine 2027" }],
  openThreads: [{ id: "t1", code: "A1B2C3", name: "Awa" }],
  roadmapMembers: [{ id: "p1", name: "Awa" }],
};

const run = (event: Partial<MessageEvent>, context: EngineContext, conversation = idle) =>
  step({ person: coordinator, conversation, context, event: { type: "message", ...event }, now: NOW, defaultLocale: "fr" }, reader);

describe("the coordinators' lists are read only by the flows that need them", () => {
  it.each([
    ["a greeting", { text: "bonjour" }],
    ["the menu", { text: "menu" }],
    ["the next sessions", { text: "prochaines séances" }],
    ["thanks", { text: "merci beaucoup" }],
  ])("%s needs none of them", (_name, event) => {
    expect(() => run(event, unloaded)).not.toThrow();
  });

  it.each([
    ["the applications", { text: "candidatures" }],
    ["viewing an application", { choiceId: "rv:a1" }],
    ["answering a thread by its code", { text: "répondre A1B2C3 on vous attend jeudi" }],
    ["words that may be an answer to someone waiting", { text: "on vous attend jeudi sans faute" }],
  ])("%s asks for them, and the same step with them gives the full answer", (_name, event) => {
    expect(() => run(event, unloaded)).toThrow(WorkloadNeeded);
    const result = run(event, loaded);
    expect(result.replies.length).toBeGreaterThan(0);
    expect(JSON.stringify(result.replies)).not.toContain("review.none");
  });
});
