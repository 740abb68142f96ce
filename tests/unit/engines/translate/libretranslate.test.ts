import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TranslateError } from "../../../../src/engines/translate/errors.ts";
import { libreTranslate } from "../../../../src/engines/translate/libretranslate.ts";
import { freePort } from "../../../support/ports.ts";
import { libreFailures, LIBRETRANSLATE_FAKE_LANGUAGES, startFakeLibreTranslate, type FakeLibreTranslate } from "../../../fakes/libretranslate-server.ts";

// Generous enough for a loaded machine (2 cores, other test files starting services); the slow fakes wait 2 s.
const TIMEOUT_MS = 1000;
/** The other tests' deadline: long enough that a loaded machine never cuts a request short (the timeout test has its own). */
const LOADED_MACHINE_MS = 10_000;

async function failure(promise: Promise<unknown>): Promise<TranslateError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TranslateError);
  return err as TranslateError;
}

describe("LibreTranslate client", () => {
  let fake: FakeLibreTranslate;
  beforeAll(async () => {
    fake = await startFakeLibreTranslate();
  });
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    fake.delayMs = 0;
    fake.languages = [...LIBRETRANSLATE_FAKE_LANGUAGES];
  });

  const client = (extra: Partial<Parameters<typeof libreTranslate>[0]> = {}) => libreTranslate({ url: `${fake.url}/`, timeoutMs: LOADED_MACHINE_MS, ...extra });

  it("sends many texts in one request, as LibreTranslate's array q", async () => {
    const out = await client().translate(["Bonjour", "Atelier demain à 10h", "Merci"], "fr", "uk");
    expect(out).toEqual(["[fr→uk] Bonjour", "[fr→uk] Atelier demain à 10h", "[fr→uk] Merci"]);
    const sent = fake.requestsTo("/translate");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers["content-type"]).toMatch(/^application\/json/);
    expect(sent[0]!.json).toEqual({ q: ["Bonjour", "Atelier demain à 10h", "Merci"], source: "fr", target: "uk", format: "text" });
  });

  it("splits a long list into batches of maxBatch, keeping the order", async () => {
    const texts = ["un", "deux", "trois", "quatre", "cinq"];
    const out = await client({ maxBatch: 2 }).translate(texts, "fr", "en");
    expect(out).toEqual(texts.map((t) => `[fr→en] ${t}`));
    expect(fake.requestsTo("/translate").map((r) => (r.json as { q: string[] }).q)).toEqual([["un", "deux"], ["trois", "quatre"], ["cinq"]]);
  });

  it("sends nothing for texts already in the target language, nor for blank texts", async () => {
    expect(await client().translate(["Bonjour"], "fr", "fr")).toEqual(["Bonjour"]);
    expect(await client().translate(["  ", "Salut", ""], "fr", "ar")).toEqual(["  ", "[fr→ar] Salut", ""]);
    expect(fake.requestsTo("/translate").map((r) => (r.json as { q: string[] }).q)).toEqual([["Salut"]]);
  });

  it("lets the server detect the source with source auto", async () => {
    fake.detectAs = () => "ar";
    const out = await client().translate(["مرحبا"], "auto", "fr");
    expect(out).toEqual(["[ar→fr] مرحبا"]);
    expect((fake.requestsTo("/translate")[0]!.json as { source: string }).source).toBe("auto");
    fake.detectAs = () => "fr";
  });

  it("sends api_key in the body to a server that requires keys", async () => {
    const keyed = await startFakeLibreTranslate({ apiKey: "lt-key" });
    try {
      const out = await libreTranslate({ url: keyed.url, apiKey: "lt-key" }).translate(["Bonjour"], "fr", "ru");
      expect(out).toEqual(["[fr→ru] Bonjour"]);
      expect(keyed.requestsTo("/translate")[0]!.json).toMatchObject({ api_key: "lt-key" });

      expect((await failure(libreTranslate({ url: keyed.url }).translate(["x"], "fr", "ru"))).code).toBe("translate.unauthorized");
      expect((await failure(libreTranslate({ url: keyed.url, apiKey: "wrong" }).translate(["x"], "fr", "ru"))).code).toBe("translate.unauthorized");
    } finally {
      await keyed.close();
    }
  });

  it("knows it has no Pashto or Tigrinya, without asking", async () => {
    const lt = client();
    expect(await lt.supports("fr", "ps")).toBe(false);
    expect(await lt.supports("ti", "fr")).toBe(false);
    expect((await failure(lt.translate(["Bonjour"], "fr", "ti"))).code).toBe("translate.unsupported");
    expect(fake.requestsTo("/translate")).toHaveLength(0);
  });

  it("reads the server's language list once and follows it", async () => {
    fake.languages = ["en", "fr", "ar"]; // started with --load-only en,fr,ar
    const lt = client();
    expect(await lt.supports("fr", "ar")).toBe(true);
    expect(await lt.supports("fr", "uk")).toBe(false);
    expect(await lt.supports("auto", "ar")).toBe(true);
    expect(await lt.supports("auto", "bn")).toBe(false);
    expect(fake.requestsTo("/languages")).toHaveLength(1);
  });

  it("falls back to the written list when /languages fails, and reads it again only later", async () => {
    fake.failNext(libreFailures.serverError(), 1, "/languages");
    const lt = libreTranslate({ url: fake.url, timeoutMs: LOADED_MACHINE_MS, languageListRetryMs: 60_000 });
    expect(await lt.supports("fr", "uk")).toBe(true);
    expect(await lt.supports("fr", "bn")).toBe(true);
    expect(fake.requestsTo("/languages")).toHaveLength(1);
  });

  it("detects a language, confidence scaled to 0–1", async () => {
    fake.detectAs = () => "fa";
    expect(await client().detect("سلام، فردا می‌آیم")).toEqual({ language: "fa", confidence: 0.9 });
    expect(fake.requestsTo("/detect")[0]!.json).toEqual({ q: "سلام، فردا می‌آیم" });
    fake.detectAs = () => "fr";
  });

  it.each([
    ["429 Slowdown", libreFailures.slowDown(), "translate.rate_limited"],
    ["403 banned for too many limit violations", libreFailures.banned(), "translate.rate_limited"],
    ["403 invalid API key", libreFailures.invalidKey(), "translate.unauthorized"],
    ["500", libreFailures.serverError(), "translate.failed"],
  ])("maps %s to %s", async (_label, answer, code) => {
    fake.failNext(answer, 1, "/translate");
    const err = await failure(client().translate(["Bonjour"], "fr", "en"));
    expect(err.code).toBe(code);
    expect(err.details).toMatchObject({ provider: "libretranslate", status: answer.status });
  });

  it("maps a language the server lacks to translate.unsupported", async () => {
    fake.languages = ["en", "fr"];
    expect((await failure(client().translate(["Bonjour"], "fr", "uk"))).code).toBe("translate.unsupported");
  });

  it("gives up after the configured timeout with translate.timeout", async () => {
    fake.delayMs = 2_000;
    const started = performance.now();
    const err = await failure(client({ timeoutMs: TIMEOUT_MS }).translate(["Bonjour"], "fr", "en"));
    const elapsed = performance.now() - started;
    expect(err.code).toBe("translate.timeout");
    expect(err.retryable).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(elapsed).toBeLessThan(2_000);
  });

  it("maps a refused connection to translate.failed", async () => {
    const port = await freePort();
    const err = await failure(libreTranslate({ url: `http://127.0.0.1:${port}`, timeoutMs: TIMEOUT_MS }).translate(["x"], "fr", "en"));
    expect(err.code).toBe("translate.failed");
  });
});
