import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deepL, deeplUrlForKey, DEEPL_FREE_URL, DEEPL_PRO_URL } from "../../../../src/engines/translate/deepl.ts";
import { TranslateError } from "../../../../src/engines/translate/errors.ts";
import { deeplFailures, DEEPL_FAKE_SOURCES, DEEPL_FAKE_TARGETS, startFakeDeepL, type FakeDeepL } from "../../../fakes/deepl-server.ts";

const KEY = "0c8f2e4a-1b2c-4d5e-8f90-123456789abc:fx";
// Generous enough for a loaded machine (2 cores, other test files starting services); the slow fakes wait 2 s.
const TIMEOUT_MS = 1000;

async function failure(promise: Promise<unknown>): Promise<TranslateError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranslateError);
  return err as TranslateError;
}

describe("DeepL client", () => {
  let fake: FakeDeepL;
  beforeAll(async () => {
    fake = await startFakeDeepL({ apiKey: KEY });
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    fake.delayMs = 0;
    fake.sourceLanguages = [...DEEPL_FAKE_SOURCES];
    fake.targetLanguages = [...DEEPL_FAKE_TARGETS];
  });

  const client = (apiKey = KEY) => deepL({ apiKey, url: fake.url, timeoutMs: TIMEOUT_MS });

  it("picks the Free endpoint for keys ending in :fx, else Pro", () => {
    expect(deeplUrlForKey(KEY)).toBe(DEEPL_FREE_URL);
    expect(DEEPL_FREE_URL).toBe("https://api-free.deepl.com");
    expect(deeplUrlForKey("0c8f2e4a-1b2c-4d5e-8f90-123456789abc")).toBe(DEEPL_PRO_URL);
    expect(DEEPL_PRO_URL).toBe("https://api.deepl.com");
  });

  it("sends a batch as JSON with the DeepL-Auth-Key header and upper-case codes", async () => {
    const out = await client().translate(["Bonjour", "Merci"], "fr", "uk");
    expect(out).toEqual(["[FR→UK] Bonjour", "[FR→UK] Merci"]);
    const [req] = fake.requestsTo("/v2/translate");
    expect(req!.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(req!.headers["content-type"]).toMatch(/^application\/json/);
    expect(req!.json).toEqual({ text: ["Bonjour", "Merci"], source_lang: "FR", target_lang: "UK" });
  });

  it("names the English and Portuguese target variants, and bare codes as sources", async () => {
    expect(await client().translate(["Bonjour"], "fr", "en")).toEqual(["[FR→EN-GB] Bonjour"]);
    expect(await client().translate(["Hello"], "en", "pt")).toEqual(["[EN→PT-PT] Hello"]);
    expect(await client().translate(["Olá"], "pt", "fa")).toEqual(["[PT→FA] Olá"]);
    expect(fake.requestsTo("/v2/translate").map((r) => r.json)).toEqual([
      { text: ["Bonjour"], source_lang: "FR", target_lang: "EN-GB" },
      { text: ["Hello"], source_lang: "EN", target_lang: "PT-PT" },
      { text: ["Olá"], source_lang: "PT", target_lang: "FA" },
    ]);
  });

  it("leaves source_lang out to let DeepL detect the language", async () => {
    fake.detectAs = () => "RU";
    expect(await client().translate(["Привет"], "auto", "fr")).toEqual(["[RU→FR] Привет"]);
    expect(fake.requestsTo("/v2/translate")[0]!.json).toEqual({ text: ["Привет"], target_lang: "FR" });
    fake.detectAs = () => "FR";
  });

  it("sends at most 50 texts per request", async () => {
    const texts = Array.from({ length: 120 }, (_, i) => `message ${i}`);
    const out = await client().translate(texts, "fr", "ar");
    expect(out).toEqual(texts.map((t) => `[FR→AR] ${t}`));
    expect(fake.requestsTo("/v2/translate").map((r) => (r.json as { text: string[] }).text.length)).toEqual([50, 50, 20]);
  });

  it("sends nothing from a language into itself", async () => {
    expect(await client().translate(["Bonjour"], "fr", "fr")).toEqual(["Bonjour"]);
    expect(fake.requests).toHaveLength(0);
  });

  it("has no Tigrinya: unsupported, and nothing sent", async () => {
    const d = client();
    expect(await d.supports("fr", "ti")).toBe(false);
    expect(await d.supports("ti", "fr")).toBe(false);
    expect((await failure(d.translate(["Bonjour"], "fr", "ti"))).code).toBe("translate.unsupported");
    expect(fake.requestsTo("/v2/translate")).toHaveLength(0);
  });

  it("follows the account's live lists, read once (source and target)", async () => {
    fake.sourceLanguages = ["EN", "FR", "AR", "ES", "PT", "RU", "UK"]; // an account from before the 2026 languages
    fake.targetLanguages = ["EN-GB", "EN-US", "FR", "AR", "ES", "PT-PT", "PT-BR", "RU", "UK"];
    const d = client();
    expect(await d.supports("fr", "en")).toBe(true);
    expect(await d.supports("fr", "ps")).toBe(false);
    expect(await d.supports("bn", "fr")).toBe(false);
    expect(await d.supports("auto", "uk")).toBe(true);
    const lists = fake.requestsTo("/v2/languages");
    expect(lists.map((r) => r.query.type).sort()).toEqual(["source", "target"]);
    expect(lists.every((r) => r.headers.authorization === `DeepL-Auth-Key ${KEY}`)).toBe(true);
  });

  it("has no detection: null, nothing sent", async () => {
    expect(await client().detect("Bonjour tout le monde")).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ["456 quota exceeded", deeplFailures.quotaExceeded(), "translate.quota"],
    ["429 too many requests", deeplFailures.tooManyRequests(), "translate.rate_limited"],
    ["529 overloaded", deeplFailures.overloaded(), "translate.rate_limited"],
    ["403 forbidden", deeplFailures.forbidden(), "translate.unauthorized"],
    ["500", deeplFailures.serverError(), "translate.failed"],
  ])("maps %s to %s", async (_label, answer, code) => {
    fake.failNext(answer, 1, "/v2/translate");
    const err = await failure(client().translate(["Bonjour"], "fr", "en"));
    expect(err.code).toBe(code);
    expect(err.details).toMatchObject({ provider: "deepl", status: answer.status });
  });

  it("keeps DeepL's Retry-After", async () => {
    fake.failNext(deeplFailures.tooManyRequests(3), 1, "/v2/translate");
    const err = await failure(client().translate(["Bonjour"], "fr", "en"));
    expect(err.details.retryAfterMs).toBe(3000);
  });

  it("maps a wrong key (DeepL answers 403) to translate.unauthorized", async () => {
    expect((await failure(client("wrong-key:fx").translate(["Bonjour"], "fr", "en"))).code).toBe("translate.unauthorized");
  });

  it("maps DeepL refusing a target code to translate.unsupported", async () => {
    fake.targetLanguages = fake.targetLanguages.filter((l) => l !== "BN");
    expect((await failure(client().translate(["Bonjour"], "fr", "bn"))).code).toBe("translate.unsupported");
  });

  it("gives up after the configured timeout", async () => {
    fake.delayMs = 2_000;
    const started = performance.now();
    expect((await failure(client().translate(["Bonjour"], "fr", "en"))).code).toBe("translate.timeout");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
