import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TranscribeError } from "../../../../src/engines/transcribe/errors.ts";
import { openAiTranscriber, transcriptionEndpoint } from "../../../../src/engines/transcribe/openai.ts";
import { DEFAULT_MAX_AUDIO_BYTES, uploadFilename } from "../../../../src/engines/transcribe/transcriber.ts";
import { startFakeWhisper, whisperFailures, type FakeWhisper } from "../../../fakes/whisper-server.ts";

const PATH = "/v1/audio/transcriptions";
const TIMEOUT_MS = 1000;
const OGG = new Uint8Array(Buffer.from("OggS\u0000\u0002 fake opus voice note"));

async function failure(promise: Promise<unknown>): Promise<TranscribeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranscribeError);
  return err as TranscribeError;
}

describe("OpenAI-protocol transcriber", () => {
  let fake: FakeWhisper;
  let keyed: FakeWhisper;
  beforeAll(async () => {
    [fake, keyed] = await Promise.all([startFakeWhisper(), startFakeWhisper({ apiKey: "sk-test" })]);
  });
  afterAll(async () => {
    await Promise.all([fake.close(), keyed.close()]);
  });
  afterEach(() => {
    fake.requests.length = 0;
    keyed.requests.length = 0;
    fake.delayMs = 0;
    fake.answerLanguage = undefined;
  });

  const client = (extra: Partial<Parameters<typeof openAiTranscriber>[0]> = {}) => openAiTranscriber({ url: fake.url, timeoutMs: TIMEOUT_MS, ...extra });

  it("posts multipart file, model, language and response_format=json", async () => {
    const out = await client().transcribe(OGG, { mime: "audio/ogg; codecs=opus", filename: "voice.ogg", language: "ar" });
    expect(out).toEqual({ text: `heard voice.ogg (${OGG.byteLength} bytes) in ar`, language: "ar" });
    const [req] = fake.requestsTo(PATH);
    expect(req!.method).toBe("POST");
    expect(req!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(req!.headers.authorization).toBeUndefined();
    expect(req!.form).toEqual({ model: "whisper-1", language: "ar", response_format: "json" });
    expect(req!.files!.file).toMatchObject({ filename: "voice.ogg", type: "audio/ogg", size: OGG.byteLength });
    expect(Buffer.from(req!.files!.file!.bytes).equals(Buffer.from(OGG))).toBe(true);
  });

  it("sends the bearer key and the configured model", async () => {
    const t = openAiTranscriber({ url: `${keyed.url}/v1/`, apiKey: "sk-test", model: "gpt-4o-mini-transcribe", timeoutMs: TIMEOUT_MS });
    await t.transcribe(OGG, { mime: "audio/ogg", filename: "voice.ogg" });
    const [req] = keyed.requestsTo(PATH);
    expect(req!.headers.authorization).toBe("Bearer sk-test");
    expect(req!.form).toEqual({ model: "gpt-4o-mini-transcribe", response_format: "json" });
  });

  it("gives the upload the extension of its type", async () => {
    await client().transcribe(OGG, { mime: "audio/ogg", filename: "file_42" });
    await client().transcribe(OGG, { mime: "audio/mpeg", filename: "../../etc/message.bin" });
    await client().transcribe(OGG, { mime: "audio/mp4", filename: "note vocale.m4a" });
    expect(fake.requestsTo(PATH).map((r) => r.files!.file!.filename)).toEqual(["file_42.ogg", "message.mp3", "note_vocale.m4a"]);
    expect(uploadFilename("", "wav")).toBe("audio.wav");
  });

  it("sends no language Whisper does not know (Tigrinya), and trims the text", async () => {
    const out = await client().transcribe(OGG, { mime: "audio/ogg", filename: "voice.ogg", language: "ti" });
    expect(fake.requestsTo(PATH)[0]!.form).toEqual({ model: "whisper-1", response_format: "json" });
    expect(out).toEqual({ text: `heard voice.ogg (${OGG.byteLength} bytes)` });
  });

  it("reads the language a server names, in full or as a code", async () => {
    fake.answerLanguage = "ukrainian";
    expect((await client().transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" })).language).toBe("uk");
    fake.answerLanguage = "bn";
    expect((await client().transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg", language: "fr" })).language).toBe("bn");
  });

  it("refuses audio over the size limit (25 MB by default) without sending it", async () => {
    expect(DEFAULT_MAX_AUDIO_BYTES).toBe(25 * 1024 * 1024);
    const big = new Uint8Array(DEFAULT_MAX_AUDIO_BYTES + 1);
    const err = await failure(client().transcribe(big, { mime: "audio/ogg", filename: "long.ogg" }));
    expect(err.code).toBe("transcribe.too_large");
    expect((await failure(client({ maxBytes: 10 }).transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" }))).code).toBe("transcribe.too_large");
    expect(fake.requests).toHaveLength(0);
  });

  it("sends only allowed audio types", async () => {
    for (const mime of ["audio/ogg", "audio/opus", "audio/mpeg", "audio/mp4", "audio/x-m4a", "audio/wav", "audio/webm", "video/mp4"]) {
      await client().transcribe(OGG, { mime, filename: "a" });
    }
    expect(fake.requestsTo(PATH)).toHaveLength(8);
    for (const mime of ["image/jpeg", "application/pdf", "text/plain", ""]) {
      expect((await failure(client().transcribe(OGG, { mime, filename: "a" }))).code).toBe("transcribe.unsupported");
    }
    expect((await failure(client().transcribe(new Uint8Array(0), { mime: "audio/ogg", filename: "a" }))).code).toBe("transcribe.unsupported");
    expect(fake.requestsTo(PATH)).toHaveLength(8);
  });

  it("maps a format the server cannot read (AMR without --convert) to transcribe.unsupported", async () => {
    const err = await failure(client().transcribe(OGG, { mime: "audio/amr", filename: "whatsapp-voice" }));
    expect(err.code).toBe("transcribe.unsupported");
    expect(fake.requestsTo(PATH)[0]!.files!.file!.filename).toBe("whatsapp-voice.amr");
    fake.readable.push("amr");
    expect((await client().transcribe(OGG, { mime: "audio/amr", filename: "whatsapp-voice" })).text).toMatch(/^heard whatsapp-voice\.amr/);
    fake.readable.pop();
  });

  it("maps a wrong key to transcribe.unauthorized", async () => {
    const err = await failure(openAiTranscriber({ url: keyed.url, apiKey: "sk-wrong" }).transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" }));
    expect(err.code).toBe("transcribe.unauthorized");
    expect(err.details).toMatchObject({ provider: "whisper", status: 401 });
  });

  it.each([
    ["429 rate limit", whisperFailures.rateLimited(), "transcribe.rate_limited"],
    ["429 insufficient_quota", whisperFailures.insufficientQuota(), "transcribe.quota"],
    ["413 too large", whisperFailures.tooLarge(), "transcribe.too_large"],
    ["500", whisperFailures.serverError(), "transcribe.failed"],
  ])("maps %s to %s", async (_label, answer, code) => {
    fake.failNext(answer, 1, PATH);
    const err = await failure(client().transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" }));
    expect(err.code).toBe(code);
  });

  it("keeps the server's Retry-After", async () => {
    fake.failNext(whisperFailures.rateLimited(), 1, PATH);
    const err = await failure(client().transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" }));
    expect(err.details.retryAfterMs).toBe(2000);
    expect(err.retryable).toBe(true);
  });

  it("gives up after the configured timeout with transcribe.timeout", async () => {
    fake.delayMs = 2_000;
    const started = performance.now();
    const err = await failure(client().transcribe(OGG, { mime: "audio/ogg", filename: "v.ogg" }));
    const elapsed = performance.now() - started;
    expect(err.code).toBe("transcribe.timeout");
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(elapsed).toBeLessThan(2_000); // it gave up before the server answered
  });

  it("finds the endpoint under a base URL, with or without /v1", () => {
    expect(transcriptionEndpoint("http://whisper:8080")).toBe("http://whisper:8080/v1/audio/transcriptions");
    expect(transcriptionEndpoint("https://api.openai.com/v1/")).toBe("https://api.openai.com/v1/audio/transcriptions");
    expect(transcriptionEndpoint("http://w:8080/v1/audio/transcriptions")).toBe("http://w:8080/v1/audio/transcriptions");
  });
});
