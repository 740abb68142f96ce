import { beforeAll, describe, expect, it } from "vitest";
import { step } from "../../../src/engine/engine.ts";
import type { Reader } from "../../../src/engine/reader.ts";
import type { Conversation, EngineContext, EngineResult, MessageEvent, PersonView } from "../../../src/engine/types.ts";
import { parseEngineConfig } from "../../../src/engines/config.ts";
import { holdMsFor, isVoiceNote, mediaLimits } from "../../../src/voice/voice-notes.ts";
import { realTexts } from "../../support/i18n.ts";

/**
 * What the pure engine does with a voice note's transcript (event.transcript): the words answer a
 * question that takes a voice note and reach the team, but are never read as a command; without a
 * transcript everything is as before. And the limits and variables of media downloads.
 */

let reader: Reader;
beforeAll(async () => {
  reader = (await realTexts()).reader;
});

const person: PersonView = { locale: "fa", localeConfirmed: true, role: "participant", stage: "newcomer", optedOut: false, firstName: null, timezone: "Europe/Paris" };
const idle: Conversation = { flow: null, step: null, data: {} };
const context: EngineContext = { hasConsent: true, application: null };
const run = (event: Partial<MessageEvent>, conversation = idle): EngineResult =>
  step({ person, conversation, context, event: { type: "message", ...event }, now: new Date("2026-12-01T10:00:00Z"), defaultLocale: "fr" }, reader);
const keys = (r: EngineResult) => r.replies.map((x) => ("say" in x ? x.say.key : x.type));

/** Enrolment, up to the project question (as the enrolment flow leaves it after the French level). */
function atProject(): Conversation {
  let conversation = idle;
  for (const e of [{ choiceId: "menu:enrol" }, { choiceId: "consent:yes" }, { text: "Fereshta" }, { choiceId: "enrol:skip" }, { choiceId: "opt:beginner" }]) {
    conversation = run(e, conversation).conversation;
  }
  expect(conversation.step).toBe("project");
  return conversation;
}

describe("a voice note's transcript in the engine", () => {
  const DARI = "می‌خواهم یک آشپزخانه کوچک باز کنم";

  it("answers the project question with the words heard, marked with 🎤, and goes on to the next question", () => {
    const r = run({ media: { type: "voice", id: "m-1" }, transcript: `  ${DARI}\n` }, atProject());
    expect(r.effects).toContainEqual({ type: "save_answer", key: "project", value: `🎤 ${DARI}` });
    expect(keys(r)).toContain("enrol.questions.sector.ask");
  });

  it("keeps the voice note itself as the answer when it has no transcript, or only noise", () => {
    for (const transcript of [undefined, " … ", ""]) {
      const r = run({ media: { type: "voice", id: "m-2" }, ...(transcript !== undefined ? { transcript } : {}) }, atProject());
      expect(r.effects, String(transcript)).toContainEqual({ type: "save_answer", key: "project", value: "voice:m-2" });
    }
  });

  it("cuts a long transcript to the question's length", () => {
    const r = run({ media: { type: "audio", id: "m-3" }, transcript: "کلمه ".repeat(600) }, atProject());
    const saved = r.effects.find((e) => e.type === "save_answer");
    expect(saved && "value" in saved ? [...saved.value].length : 0).toBe(1500 + 2);
  });

  it("forwards a transcribed voice note to the team with its words", () => {
    const r = run({ media: { type: "voice", id: "v1" }, transcript: DARI });
    expect(keys(r)).toEqual(["relay.voice_forwarded"]);
    expect(r.effects).toEqual([{ type: "relay", kind: "voice", text: DARI, mediaId: "v1", language: "دری" }]);
  });

  it("never reads a transcript as a command: 'stop' heard in a voice note goes to the team, nobody is opted out", () => {
    const r = run({ media: { type: "voice", id: "v2" }, transcript: "stop" });
    expect(r.effects.map((e) => e.type)).toEqual(["relay"]);
  });
});

describe("media limits and MEDIA_MAX_BYTES", () => {
  it("takes the audio types transcription servers read, and no video, image or unknown type", () => {
    const limits = mediaLimits(1000);
    for (const ok of ["audio/ogg; codecs=opus", "audio/ogg", "audio/mpeg", "audio/mp4", "audio/amr", "audio/aac", "audio/x-m4a", "AUDIO/OGG"]) expect(limits.accepts(ok), ok).toBe(true);
    for (const no of ["video/mp4", "image/jpeg", "audio/x-ms-wma", "", "application/octet-stream"]) expect(limits.accepts(no), no).toBe(false);
    expect(limits.maxBytes).toBe(1000);
  });

  it("is 16 MB by default, and names the variable when it is not a size it can use", () => {
    expect(parseEngineConfig({}).mediaMaxBytes).toBe(16 * 1024 * 1024);
    expect(parseEngineConfig({ MEDIA_MAX_BYTES: "20971520" }).mediaMaxBytes).toBe(20 * 1024 * 1024);
    for (const bad of ["12", "30000000", "lots"]) expect(() => parseEngineConfig({ MEDIA_MAX_BYTES: bad }), bad).toThrow(/MEDIA_MAX_BYTES/);
  });

  it("holds a person's messages no longer than the download, the transcription and a margin", () => {
    expect(holdMsFor(30_000, 60_000)).toBe(105_000);
    expect(isVoiceNote({ type: "voice" }) && isVoiceNote({ type: "audio" })).toBe(true);
    expect(isVoiceNote({ type: "video" }) || isVoiceNote(undefined)).toBe(false);
  });
});
