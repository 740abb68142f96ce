import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, EngineInput, EngineResult, MessageEvent, PersonView, Reply } from "../../../src/engine/types.ts";
import { realTexts } from "../../support/i18n.ts";

/**
 * The language bridge in the engine: a coordinator's answer starting with "=" goes as written; a
 * participant who accepted the data notice is told once, after the answer to their next message outside
 * any flow, what goes to which service, with a button to refuse; the buttons work whenever tapped.
 */
let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const IDLE: Conversation = { flow: null, step: null, data: {} };
const participant: PersonView = { locale: "uk", localeConfirmed: true, role: "participant", stage: "member", optedOut: false, firstName: "Olena", timezone: "Europe/Paris" };
const coordinator: PersonView = { ...participant, locale: "fr", role: "coordinator", firstName: "Amina" };
const THREAD = { id: "5a1b2c3d-0000-4000-8000-000000000000", code: "5A1B2C", name: "Olena" };
const told: EngineContext = { hasConsent: true, application: null, relayOpen: false, bridge: { services: "LibreTranslate, DeepL", tell: true } };

function run(person: PersonView, event: Partial<MessageEvent>, context: EngineContext, conversation = IDLE): EngineResult {
  const input: EngineInput = { person, conversation, context, event: { type: "message", ...event }, now: new Date("2026-12-01T09:00:00Z"), defaultLocale: "fr" };
  return step(input, reader);
}
const keys = (r: EngineResult) => r.replies.map((x: Reply) => ("say" in x ? x.say.key : x.type));
const coordinatorContext: EngineContext = { hasConsent: false, application: null, openThreads: [THREAD], roadmapMembers: [], pendingApplications: [], cohorts: [], workloadLoaded: true };

describe("send as written", () => {
  it.each([
    ["répondre 5A1B2C Bonjour, à jeudi", { threadId: THREAD.id, text: "Bonjour, à jeudi" }, "relay.sent"],
    ["répondre 5A1B2C = Bonjour, à jeudi", { threadId: THREAD.id, text: "Bonjour, à jeudi", asWritten: true }, "relay.sent_as_written"],
    ["reply 5a1b2c =Merci", { threadId: THREAD.id, text: "Merci", asWritten: true }, "relay.sent_as_written"],
  ])("%s", (typed, answer, confirmation) => {
    const r = run(coordinator, { text: typed }, coordinatorContext);
    expect(r.effects).toEqual([{ type: "relay_answer", ...answer }, { type: "audit", action: "relay.answer", subject: THREAD.id }]);
    expect(keys(r)).toEqual([confirmation]);
  });

  it("sends nothing to someone who wrote 'stop', and tells the coordinator so", () => {
    const stopped = { ...coordinatorContext, openThreads: [{ ...THREAD, stopped: true }] };
    const r = run(coordinator, { text: "répondre 5A1B2C Bonjour, à jeudi" }, stopped);
    expect(keys(r)).toEqual(["relay.person_stopped"]);
    expect(r.effects).toEqual([{ type: "audit", action: "relay.answer_not_sent", subject: THREAD.id }]);
    const replying = run(coordinator, { text: "Bonjour" }, { ...coordinatorContext, replyTarget: { threadId: THREAD.id, name: "Olena", stopped: true } });
    expect(keys(replying)).toEqual(["relay.person_stopped"]);
  });

  it("works the same when replying to a forwarded message, and sends nothing for a lone '='", () => {
    const context = { ...coordinatorContext, replyTarget: { threadId: THREAD.id, name: "Olena" } };
    expect(run(coordinator, { text: "= Merci !" }, context).effects[0]).toEqual({ type: "relay_answer", threadId: THREAD.id, text: "Merci !", asWritten: true });
    const empty = run(coordinator, { text: "=" }, context);
    expect(empty.effects).toEqual([]);
    expect(keys(empty)).toEqual(["relay.empty_answer"]);
  });
});

describe("the bridge notice", () => {
  it("follows the answer to the next message outside a flow, once, naming the services, with keep and refuse buttons", () => {
    const r = run(participant, { choiceId: "menu:sessions" }, told);
    const notice = r.replies.at(-1)!;
    expect(notice).toMatchObject({ type: "choices", say: { key: "bridge.notice", params: { services: "LibreTranslate, DeepL" } } });
    expect(notice.type === "choices" && notice.choices.map((c) => c.id)).toEqual(["bridge:keep", "bridge:refuse"]);
    expect(r.effects).toContainEqual({ type: "bridge_answer", answer: "told" });
    const after = run(participant, { choiceId: "menu:sessions" }, { ...told, bridge: { services: "LibreTranslate, DeepL", tell: false } });
    expect(keys(after)).not.toContain("bridge.notice");
  });

  it("adds that voice notes are transcribed when transcription is on", () => {
    const r = run(participant, { choiceId: "menu:sessions" }, { ...told, bridge: { services: "LibreTranslate", tell: true, voice: true } });
    expect(r.replies.at(-1)).toMatchObject({ say: { key: "bridge.notice" }, lines: [{ key: "bridge.notice_voice" }] });
  });

  it("with only transcription configured, speaks of voice notes alone, and its refusal says so", () => {
    const voiceOnly: EngineContext = { ...told, bridge: { tell: true, voice: true } };
    const r = run(participant, { choiceId: "menu:sessions" }, voiceOnly);
    const notice = r.replies.at(-1)!;
    expect(notice).toMatchObject({ type: "choices", say: { key: "bridge.notice_voice_only" } });
    expect(notice.type === "choices" && notice.choices.map((c) => [c.id, c.say?.key])).toEqual([["bridge:keep", "bridge.keep"], ["bridge:refuse", "bridge.refuse_voice"]]);
    expect(JSON.stringify(notice)).not.toContain("bridge.notice_voice\"");
    expect(r.effects).toContainEqual({ type: "bridge_answer", answer: "told" });
    const refused = run(participant, { choiceId: "bridge:refuse" }, voiceOnly);
    expect(keys(refused)).toEqual(["bridge.refused_voice"]);
    expect(refused.effects).toEqual([{ type: "bridge_answer", answer: "refused" }]);
  });

  it.each([
    ["translation only", { services: "DeepL", tell: false }, ["privacy.bridge"]],
    ["translation and transcription", { services: "DeepL", tell: false, voice: true }, ["privacy.bridge", "bridge.notice_voice"]],
    ["transcription only", { tell: false, voice: true }, ["privacy.bridge_voice"]],
    ["neither", undefined, []],
  ])("the privacy details before consent say what is true with %s", (_name, bridge, lines) => {
    const newcomer = { ...participant, stage: "newcomer" as const };
    const context: EngineContext = { hasConsent: false, application: null, ...(bridge ? { bridge } : {}) };
    const r = run(newcomer, { choiceId: "consent:more" }, context, { flow: "enrol", step: "consent", data: {} });
    expect(keys(r)).toEqual(["privacy.details", ...lines, "enrol.consent.ask"]);
  });

  it("is not said inside a flow, on 'stop', to coordinators, or without any engine", () => {
    const enrolling = run({ ...participant, stage: "newcomer" }, { choiceId: "menu:enrol" }, told);
    expect(enrolling.conversation.flow).toBe("enrol");
    expect(keys(enrolling)).not.toContain("bridge.notice");
    expect(keys(run(participant, { text: "stop" }, told))).not.toContain("bridge.notice");
    expect(keys(run(coordinator, { choiceId: "menu:sessions" }, { ...coordinatorContext, bridge: told.bridge }))).not.toContain("bridge.notice");
    const { bridge: _off, ...withoutEngines } = told;
    expect(keys(run(participant, { choiceId: "menu:sessions" }, withoutEngines))).not.toContain("bridge.notice");
  });

  it.each([
    ["bridge:refuse", "refused", "bridge.refused"],
    ["bridge:keep", "accepted", "bridge.kept"],
  ])("records %s whenever it is tapped, and says it back", (choiceId, answer, key) => {
    for (const context of [told, { ...told, bridge: { services: "Google Translate", tell: false } }]) {
      const r = run(participant, { choiceId }, context);
      expect(r.effects).toEqual([{ type: "bridge_answer", answer }]);
      expect(keys(r)).toEqual([key]);
    }
  });
});
