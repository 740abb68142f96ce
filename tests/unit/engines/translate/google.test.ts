import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TranslateError } from "../../../../src/engines/translate/errors.ts";
import { googleTranslate } from "../../../../src/engines/translate/google.ts";
import { GOOGLE_FAKE_LANGUAGES, googleFailures, startFakeGoogleTranslate, type FakeGoogleTranslate } from "../../../fakes/google-translate-server.ts";

const KEY = "AIzaSyTest-key_0123456789";
// Generous enough for a loaded machine (2 cores, other test files starting services); the slow fakes wait 2 s.
const TIMEOUT_MS = 1000;
/** The other tests' deadline: long enough that a loaded machine never cuts a request short (the timeout test has its own). */
const LOADED_MACHINE_MS = 10_000;
const PATH = "/language/translate/v2";

async function failure(promise: Promise<unknown>): Promise<TranslateError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranslateError);
  return err as TranslateError;
}

describe("Google Cloud Translation (v2) client", () => {
  let fake: FakeGoogleTranslate;
  beforeAll(async () => {
    fake = await startFakeGoogleTranslate({ apiKey: KEY });
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    fake.delayMs = 0;
    fake.languages = [...GOOGLE_FAKE_LANGUAGES];
  });

  const client = (apiKey = KEY, timeoutMs = LOADED_MACHINE_MS) => googleTranslate({ apiKey, url: fake.url, timeoutMs });

  it("sends the key in the query and the texts as q, with format text", async () => {
    const out = await client().translate(["Bonjour", "À demain"], "fr", "ti");
    expect(out).toEqual(["[fr→ti] Bonjour", "[fr→ti] À demain"]);
    const [req] = fake.requestsTo(PATH);
    expect(req!.method).toBe("POST");
    expect(req!.query).toEqual({ key: KEY });
    expect(req!.json).toEqual({ q: ["Bonjour", "À demain"], source: "fr", target: "ti", format: "text" });
  });

  it("leaves source out for detection", async () => {
    fake.detectAs = () => "bn";
    expect(await client().translate(["আমি আসব"], "auto", "fr")).toEqual(["[bn→fr] আমি আসব"]);
    expect(fake.requestsTo(PATH)[0]!.json).toEqual({ q: ["আমি আসব"], target: "fr", format: "text" });
    fake.detectAs = () => "fr";
  });

  it("writes European Portuguese and Dari when the live list has them, the plain codes otherwise", async () => {
    expect(await client().translate(["Bonjour"], "fr", "pt")).toEqual(["[fr→pt-PT] Bonjour"]);
    expect(await client().translate(["Bonjour"], "fr", "fa")).toEqual(["[fr→fa] Bonjour"]);
    fake.languages = [...GOOGLE_FAKE_LANGUAGES.filter((l) => l !== "pt-PT"), "fa-AF"];
    expect(await client().translate(["Bonjour"], "fr", "pt")).toEqual(["[fr→pt] Bonjour"]);
    expect(await client().translate(["Bonjour"], "fr", "fa")).toEqual(["[fr→fa-AF] Bonjour"]);
    expect(fake.requestsTo(`${PATH}/languages`).every((r) => r.query.target === "en" && r.query.key === KEY)).toBe(true);
  });

  it("covers all eleven languages, Tigrinya included", async () => {
    const g = client();
    for (const to of ["fr", "en", "ar", "fa", "ps", "ti", "es", "pt", "ru", "uk", "bn"]) {
      expect(await g.supports("fr", to)).toBe(true);
    }
    expect(await g.supports("fr", "xx")).toBe(false);
    expect(fake.requestsTo(`${PATH}/languages`)).toHaveLength(1);
  });

  it("sends at most 128 texts per request", async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `texte ${i}`);
    const out = await client().translate(texts, "fr", "ar");
    expect(out).toEqual(texts.map((t) => `[fr→ar] ${t}`));
    expect(fake.requestsTo(PATH).map((r) => (r.json as { q: string[] }).q.length)).toEqual([128, 72]);
  });

  it("detects a language through /detect", async () => {
    fake.detectAs = () => "ps";
    expect(await client().detect("زه به سبا راشم")).toEqual({ language: "ps", confidence: 0.98 });
    expect(fake.requestsTo(`${PATH}/detect`)[0]!.json).toEqual({ q: "زه به سبا راشم" });
    fake.detectAs = () => "fr";
  });

  it.each([
    ["403 userRateLimitExceeded", googleFailures.userRateLimit(), "translate.rate_limited"],
    ["429 per-minute quota", googleFailures.perMinute(), "translate.rate_limited"],
    ["403 dailyLimitExceeded", googleFailures.dailyLimit(), "translate.quota"],
    ["403 API not enabled", googleFailures.apiDisabled(), "translate.unauthorized"],
    ["500 backendError", googleFailures.backendError(), "translate.failed"],
  ])("maps %s to %s", async (_label, answer, code) => {
    fake.failNext(answer, 1, PATH);
    const err = await failure(client().translate(["Bonjour"], "fr", "en"));
    expect(err.code).toBe(code);
    expect(err.details).toMatchObject({ provider: "google", status: answer.status });
  });

  it("maps an invalid key (400 API_KEY_INVALID) to translate.unauthorized", async () => {
    expect((await failure(client("AIza-wrong").translate(["Bonjour"], "fr", "en"))).code).toBe("translate.unauthorized");
  });

  it("maps a code Google refuses to translate.unsupported", async () => {
    fake.languages = GOOGLE_FAKE_LANGUAGES.filter((l) => l !== "uk"); // translate() trusts the written table
    expect((await failure(client().translate(["Bonjour"], "fr", "uk"))).code).toBe("translate.unsupported");
  });

  it("gives up after the configured timeout", async () => {
    fake.delayMs = 2_000;
    const started = performance.now();
    expect((await failure(client(KEY, TIMEOUT_MS).translate(["Bonjour"], "fr", "en"))).code).toBe("translate.timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
