import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/core/errors.ts";
import { loadEngines, parseEngineConfig } from "../../../src/engines/config.ts";
import { TranslateError } from "../../../src/engines/translate/errors.ts";
import { startFakeDeepL, type FakeDeepL } from "../../fakes/deepl-server.ts";
import { startFakeGoogleTranslate, type FakeGoogleTranslate } from "../../fakes/google-translate-server.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../fakes/libretranslate-server.ts";
import { startFakeWhisper, type FakeWhisper } from "../../fakes/whisper-server.ts";

function configError(env: Record<string, string>): AppError {
  try {
    parseEngineConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("config.invalid");
    return err as AppError;
  }
  throw new Error("expected a configuration error");
}

describe("parseEngineConfig", () => {
  it("turns everything off for an empty environment", () => {
    expect(parseEngineConfig({})).toEqual({ providers: [], translateTimeoutMs: 5000, mediaMaxBytes: 16 * 1024 * 1024 });
    expect(loadEngines({})).toEqual({ translators: [] });
  });

  it("translates with nobody while TRANSLATE_PROVIDERS is unset, keys or not", () => {
    expect(parseEngineConfig({ GOOGLE_TRANSLATE_API_KEY: "AIza-g", DEEPL_API_KEY: "d:fx" }).providers).toEqual([]);
  });

  it("reads each named provider's settings", () => {
    const c = parseEngineConfig({
      TRANSLATE_PROVIDERS: "libretranslate,deepl,google",
      GOOGLE_TRANSLATE_API_KEY: "AIza-g",
      DEEPL_API_KEY: "d:fx",
      LIBRETRANSLATE_URL: "http://libretranslate:5000",
      LIBRETRANSLATE_API_KEY: "lt",
    });
    expect(c.providers).toEqual([
      { name: "libretranslate", url: "http://libretranslate:5000", apiKey: "lt" },
      { name: "deepl", apiKey: "d:fx" },
      { name: "google", apiKey: "AIza-g" },
    ]);
    expect(parseEngineConfig({ TRANSLATE_PROVIDERS: "google", GOOGLE_TRANSLATE_API_KEY: "g" }).providers.map((p) => p.name)).toEqual(["google"]);
  });

  it("follows TRANSLATE_PROVIDERS: its order, and only those named", () => {
    const c = parseEngineConfig({
      TRANSLATE_PROVIDERS: " Google , libretranslate",
      GOOGLE_TRANSLATE_API_KEY: "g",
      DEEPL_API_KEY: "d",
      LIBRETRANSLATE_URL: "https://lt.example.org",
    });
    expect(c.providers.map((p) => p.name)).toEqual(["google", "libretranslate"]);
    expect(parseEngineConfig({ TRANSLATE_PROVIDERS: "none", DEEPL_API_KEY: "d" }).providers).toEqual([]);
  });

  it("names the missing variable when TRANSLATE_PROVIDERS names an unconfigured provider", () => {
    expect(configError({ TRANSLATE_PROVIDERS: "deepl" }).message).toBe("DEEPL_API_KEY: is required because TRANSLATE_PROVIDERS names deepl");
    const err = configError({ TRANSLATE_PROVIDERS: "libretranslate,google", GOOGLE_TRANSLATE_API_KEY: "g" });
    expect(err.message).toBe("LIBRETRANSLATE_URL: is required because TRANSLATE_PROVIDERS names libretranslate");
    expect(err.context.variables).toEqual(["LIBRETRANSLATE_URL"]);
  });

  it("refuses unknown and repeated providers", () => {
    expect(configError({ TRANSLATE_PROVIDERS: "deepl,bing" }).message).toMatch(/^TRANSLATE_PROVIDERS: unknown provider "bing"/);
    expect(configError({ TRANSLATE_PROVIDERS: "google,google", GOOGLE_TRANSLATE_API_KEY: "g" }).message).toBe("TRANSLATE_PROVIDERS: names google twice");
  });

  it("checks URLs, timeouts and keys without their server", () => {
    expect(configError({ LIBRETRANSLATE_URL: "libretranslate:5000" }).message).toBe("LIBRETRANSLATE_URL: expected a URL starting with http:// or https://");
    expect(configError({ TRANSLATE_TIMEOUT_MS: "fast" }).message).toBe("TRANSLATE_TIMEOUT_MS: expected a number of milliseconds");
    expect(configError({ TRANSLATE_TIMEOUT_MS: "10" }).message).toBe("TRANSLATE_TIMEOUT_MS: expected at least 100");
    expect(configError({ LIBRETRANSLATE_API_KEY: "k" }).message).toBe("LIBRETRANSLATE_URL: is required when LIBRETRANSLATE_API_KEY is set");
    expect(configError({ TRANSCRIBE_API_KEY: "sk-1" }).message).toMatch(/^TRANSCRIBE_URL: is required when TRANSCRIBE_API_KEY is set/);
    expect(parseEngineConfig({ TRANSLATE_TIMEOUT_MS: "1500" }).translateTimeoutMs).toBe(1500);
  });

  it("reads transcription, with model whisper-1 by default", () => {
    expect(parseEngineConfig({ TRANSCRIBE_URL: "http://whisper:8080" }).transcribe).toEqual({ url: "http://whisper:8080", model: "whisper-1", timeoutMs: 60_000 });
    expect(parseEngineConfig({ TRANSCRIBE_URL: "https://api.openai.com", TRANSCRIBE_API_KEY: "sk-1", TRANSCRIBE_MODEL: "gpt-4o-mini-transcribe", TRANSCRIBE_TIMEOUT_MS: "30000" }).transcribe).toEqual({
      url: "https://api.openai.com",
      apiKey: "sk-1",
      model: "gpt-4o-mini-transcribe",
      timeoutMs: 30_000,
    });
  });
});

describe("loadEngines against fake servers", () => {
  let lt: FakeLibreTranslate;
  let dl: FakeDeepL;
  let gg: FakeGoogleTranslate;
  let wh: FakeWhisper;
  beforeAll(async () => {
    [lt, dl, gg, wh] = await Promise.all([startFakeLibreTranslate(), startFakeDeepL({ apiKey: "d:fx" }), startFakeGoogleTranslate({ apiKey: "g" }), startFakeWhisper({ apiKey: "sk-w" })]);
  });
  afterAll(async () => {
    await Promise.all([lt.close(), dl.close(), gg.close(), wh.close()]);
  });

  const env = () => ({
    LIBRETRANSLATE_URL: lt.url,
    DEEPL_API_KEY: "d:fx",
    GOOGLE_TRANSLATE_API_KEY: "g",
    TRANSLATE_PROVIDERS: "deepl,libretranslate,google",
    TRANSLATE_TIMEOUT_MS: "1000",
    TRANSCRIBE_URL: wh.url,
    TRANSCRIBE_API_KEY: "sk-w",
  });

  it("builds working clients in the configured order", async () => {
    const engines = loadEngines(env(), { urls: { deepl: dl.url, google: gg.url } });
    expect(engines.translators.map((t) => t.name)).toEqual(["deepl", "libretranslate", "google"]);
    const [deepl, libre, google] = engines.translators;
    expect(await deepl!.translate(["Bonjour"], "fr", "en")).toEqual(["[FR→EN-GB] Bonjour"]);
    expect(await libre!.translate(["Bonjour"], "fr", "en")).toEqual(["[fr→en] Bonjour"]);
    expect(await google!.translate(["Bonjour"], "fr", "en")).toEqual(["[fr→en] Bonjour"]);
    const heard = await engines.transcriber!.transcribe(new Uint8Array([1, 2, 3]), { mime: "audio/ogg", filename: "voice.ogg", language: "fr" });
    expect(heard).toEqual({ text: "heard voice.ogg (3 bytes) in fr", language: "fr" });
  });

  it("applies TRANSLATE_TIMEOUT_MS to every request", async () => {
    lt.delayMs = 2_000;
    try {
      const [, libre] = loadEngines(env(), { urls: { deepl: dl.url, google: gg.url } }).translators;
      const started = performance.now();
      const err = await libre!.translate(["Bonjour"], "fr", "en").catch((e: unknown) => e);
      expect((err as TranslateError).code).toBe("translate.timeout");
      expect(performance.now() - started).toBeLessThan(1400);
    } finally {
      lt.delayMs = 0;
    }
  });
});
