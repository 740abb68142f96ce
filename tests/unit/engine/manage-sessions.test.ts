import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { WorkloadNeeded } from "../../../src/engine/workload.ts";
import { realTexts } from "../../support/i18n.ts";

/**
 * "Add a session" from the chat: the new session goes in a cohort the coordinator coordinates (an admin:
 * any open cohort), never in the first open cohort of all; with several she is asked which, with none she
 * is told why.
 */
let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const NOW = new Date("2026-11-30T10:00:00Z");
const IDLE: Conversation = { flow: null, step: null, data: {} };
const amina: PersonView = { locale: "fr", localeConfirmed: true, role: "coordinator", stage: "newcomer", optedOut: false, firstName: "Amina", timezone: "Europe/Paris" };
const admin: PersonView = { ...amina, role: "admin", firstName: "Marc" };
const OTHERS = { id: "c0", name: "Coopérative Voisine" };
const MINE = { id: "c1", name: "Coopérative Belleville" };
const ALSO_MINE = { id: "c2", name: "Coopérative Pantin" };
const context = (ownCohorts: { id: string; name: string }[], cohorts = [OTHERS, ...ownCohorts]): EngineContext => ({
  hasConsent: true,
  application: null,
  workloadLoaded: true,
  openThreads: [],
  roadmapMembers: [],
  pendingApplications: [],
  cohorts,
  ownCohorts,
});

const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));
/** Plays the events in turn, carrying the conversation as the app does. */
function play(person: PersonView, ctx: EngineContext, events: Partial<MessageEvent>[]): EngineResult[] {
  let conversation = IDLE;
  return events.map((e) => {
    const r = step({ person, conversation, context: ctx, event: { type: "message", ...e }, now: NOW, defaultLocale: "fr" }, reader);
    conversation = r.conversation;
    return r;
  });
}
const ADD_REST: Partial<MessageEvent>[] = [{ text: "Vendre au marché" }, { text: "10/12/2026 14:00" }, { text: "Marché d'Aligre" }, { choiceId: "ss:addok" }];
const addedIn = (results: EngineResult[]) => {
  const effect = results.at(-1)!.effects.find((e) => e.type === "add_session");
  return effect?.type === "add_session" ? effect.cohortId : undefined;
};

describe("adding a session from the chat", () => {
  it("reads the coordinator's own cohorts, loaded on demand", () => {
    expect(() => play(amina, { hasConsent: true, application: null, workloadLoaded: false }, [{ choiceId: "ss:add" }])).toThrow(WorkloadNeeded);
  });

  it.each([
    ["her only cohort, though another starts earlier", amina, [MINE], [], "c1"],
    ["the one she picks among hers", amina, [MINE, ALSO_MINE], [{ choiceId: "ss:in:c2" }], "c2"],
    ["an admin's pick among every open cohort", admin, [OTHERS, MINE], [{ choiceId: "ss:in:c0" }], "c0"],
  ] as const)("goes in %s", (_name, person, own, pick, cohortId) => {
    const results = play(person, context([...own]), [{ choiceId: "ss:add" }, ...pick, ...ADD_REST]);
    expect(keys(results.at(-1)!)).toEqual(["manage.added"]);
    expect(addedIn(results)).toBe(cohortId);
  });

  it("asks which of her cohorts when she coordinates several, naming them, and then asks the title for that one", () => {
    const [asked, picked] = play(amina, context([MINE, ALSO_MINE]), [{ choiceId: "ss:add" }, { choiceId: "ss:in:c2" }]);
    expect(asked!.replies).toEqual([
      { type: "choices", say: { key: "manage.pick_cohort", params: undefined }, choices: [{ id: "ss:in:c1", label: MINE.name }, { id: "ss:in:c2", label: ALSO_MINE.name }], lines: undefined },
    ]);
    expect(asked!.effects).toEqual([]);
    expect(picked!.replies).toEqual([{ type: "text", say: { key: "manage.ask_title", params: { cohort: `(${ALSO_MINE.name})` } } }]);
    expect(picked!.conversation).toMatchObject({ flow: "manage_sessions", step: "add_title", data: { cohortId: "c2" } });
  });

  it.each([
    ["a coordinator of no open cohort is told she coordinates none", amina, [], "manage.no_own_cohort"],
    ["an admin with no open cohort is told to import a programme", admin, [], "review.no_cohort"],
  ] as const)("%s", (_name, person, own, key) => {
    const [r] = play(person, context([...own]), [{ choiceId: "ss:add" }]);
    expect(keys(r!)).toEqual([key]);
    expect(r!.conversation.flow).toBeNull();
    expect(r!.effects).toEqual([]);
  });

  it("refuses a cohort she does not coordinate, even when its choice is sent", () => {
    const [r] = play(amina, context([MINE]), [{ choiceId: "ss:in:c0" }]);
    expect(keys(r!)).toEqual(["review.gone"]);
    expect(r!.conversation.flow).toBeNull();
  });
});

describe("the coordinator's list of sessions", () => {
  it("names each session in a label that fits a WhatsApp list row, cut after a whole word", () => {
    const session = (id: string, title: string) => ({ id, title, startsAt: "2026-12-08T08:00:00Z", location: null, timezone: "Europe/Paris" });
    const ctx = { ...context([MINE]), nextSessions: [session("s1", "Hygiène et sécurité alimentaire"), session("s2", "Fixer ses prix")] };
    const [r] = play(amina, ctx, [{ choiceId: "menu:sessions" }]);
    const list = r!.replies.find((x) => x.type === "choices");
    const labels = list?.type === "choices" ? list.choices.map((c) => c.label) : [];
    expect(labels.slice(0, 2)).toEqual(["📅 Hygiène et sécurité…", "📅 Fixer ses prix"]);
    expect(labels.every((l) => l === undefined || l.length <= 24)).toBe(true);
    // The whole title is in the lines above the choices.
    expect(JSON.stringify(list)).toContain("Hygiène et sécurité alimentaire");
  });
});

describe("sessions whose labels would read the same", () => {
  it("end with their day instead, still within a list row", () => {
    const session = (id: string, title: string, startsAt: string) => ({ id, title, startsAt, location: null, timezone: "Europe/Paris" });
    const ctx = {
      ...context([MINE]),
      nextSessions: [session("s1", "Hygiène et sécurité : partie 1", "2026-12-08T08:00:00Z"), session("s2", "Hygiène et sécurité : partie 2", "2026-12-15T08:00:00Z"), session("s3", "Fixer ses prix", "2026-12-16T08:00:00Z")],
    };
    const [r] = play(amina, ctx, [{ choiceId: "menu:sessions" }]);
    const list = r!.replies.find((x) => x.type === "choices");
    const labels = list?.type === "choices" ? list.choices.slice(0, 3).map((c) => c.label) : [];
    expect(labels).toEqual(["📅 Hygiène et… 8/12", "📅 Hygiène et… 15/12", "📅 Fixer ses prix"]);
    expect(labels.every((l) => l !== undefined && l.length <= 24)).toBe(true);
  });
});
