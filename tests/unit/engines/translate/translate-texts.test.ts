import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MemoryTranslationCache } from "../../../../src/engines/translate/cache.ts";
import { TranslateError } from "../../../../src/engines/translate/errors.ts";
import { googleTranslate } from "../../../../src/engines/translate/google.ts";
import { libreTranslate } from "../../../../src/engines/translate/libretranslate.ts";
import { translateTexts } from "../../../../src/engines/translate/translate-texts.ts";
import { googleFailures, startFakeGoogleTranslate, type FakeGoogleTranslate } from "../../../fakes/google-translate-server.ts";
import { libreFailures, startFakeLibreTranslate, type FakeLibreTranslate } from "../../../fakes/libretranslate-server.ts";

describe("translateTexts", () => {
  let lt: FakeLibreTranslate;
  let gg: FakeGoogleTranslate;
  beforeAll(async () => {
    lt = await startFakeLibreTranslate();
    gg = await startFakeGoogleTranslate({ apiKey: "g" });
  });
  afterAll(async () => {
    await Promise.all([lt.close(), gg.close()]);
  });
  afterEach(() => {
    lt.requests.length = 0;
    gg.requests.length = 0;
  });

  const providers = () => [libreTranslate({ url: lt.url, timeoutMs: 1000 }), googleTranslate({ apiKey: "g", url: gg.url, timeoutMs: 1000 })];
  const translations = (fake: { requestsTo(p: string): Array<{ json?: unknown }> }, path: string) =>
    fake.requestsTo(path).map((r) => (r.json as { q: string[] }).q);

  it("translates the misses in one request and serves repeats from the cache", async () => {
    const deps = { providers: providers(), cache: new MemoryTranslationCache() };
    const first = await translateTexts(deps, { texts: ["Bonjour", "Atelier à 10h", "Bonjour"], from: "fr", to: "uk", ownerId: null });
    expect(first).toEqual([
      { text: "[fr→uk] Bonjour", outcome: "translated", from: "fr", provider: "libretranslate" },
      { text: "[fr→uk] Atelier à 10h", outcome: "translated", from: "fr", provider: "libretranslate" },
      { text: "[fr→uk] Bonjour", outcome: "translated", from: "fr", provider: "libretranslate" },
    ]);
    expect(translations(lt, "/translate")).toEqual([["Bonjour", "Atelier à 10h"]]);

    const again = await translateTexts(deps, { texts: ["Bonjour", "Merci"], from: "fr", to: "uk", ownerId: null });
    expect(again).toEqual([
      { text: "[fr→uk] Bonjour", outcome: "cached", from: "fr" },
      { text: "[fr→uk] Merci", outcome: "translated", from: "fr", provider: "libretranslate" },
    ]);
    expect(translations(lt, "/translate")).toEqual([["Bonjour", "Atelier à 10h"], ["Merci"]]);
  });

  it("a cache hit does not call the server at all", async () => {
    const cache = new MemoryTranslationCache();
    await cache.store("fr", "ar", [{ text: "Bonjour", translation: "مرحبا" }], null);
    const out = await translateTexts({ providers: providers(), cache }, { texts: ["Bonjour"], from: "fr", to: "ar", ownerId: null });
    expect(out).toEqual([{ text: "مرحبا", outcome: "cached", from: "fr" }]);
    expect(lt.requests).toHaveLength(0);
    expect(gg.requests).toHaveLength(0);
  });

  it("never sends a text already in the target language", async () => {
    const guessLanguage = (text: string) => (/[А-Яа-яІіЇїЄє]/u.test(text) ? "uk" : undefined);
    const out = await translateTexts(
      { providers: providers(), guessLanguage },
      { texts: ["Дякую, я прийду", "Merci", "  "], from: "fr", to: "uk", ownerId: "p1" },
    );
    expect(out.map((r) => r.outcome)).toEqual(["same_language", "translated", "blank"]);
    expect(out[0]!.text).toBe("Дякую, я прийду");
    expect(translations(lt, "/translate")).toEqual([["Merci"]]);

    await translateTexts({ providers: providers() }, { texts: ["Bonjour"], from: "fr", to: "fr", ownerId: null });
    expect(lt.requestsTo("/translate")).toHaveLength(1);
  });

  it("trusts a confident guess over the writer's locale", async () => {
    const guessLanguage = (text: string) => (text.startsWith("Hello") ? "en" : undefined);
    const out = await translateTexts(
      { providers: providers(), guessLanguage },
      { texts: ["Hello, I will come", "Salam"], from: "ar", to: "fr", ownerId: "p1" },
    );
    expect(out.map((r) => [r.text, r.from])).toEqual([
      ["[en→fr] Hello, I will come", "en"],
      ["[ar→fr] Salam", "ar"],
    ]);
  });

  it("sends a pair the first provider lacks to the next (Tigrinya to Google)", async () => {
    const out = await translateTexts({ providers: providers() }, { texts: ["Bonjour"], from: "fr", to: "ti", ownerId: null });
    expect(out).toEqual([{ text: "[fr→ti] Bonjour", outcome: "translated", from: "fr", provider: "google" }]);
    expect(lt.requestsTo("/translate")).toHaveLength(0);
  });

  it("falls back to the next provider when the first fails", async () => {
    lt.failNext(libreFailures.slowDown(), 1, "/translate");
    const out = await translateTexts({ providers: providers() }, { texts: ["Bonjour"], from: "fr", to: "ar", ownerId: null });
    expect(out).toEqual([{ text: "[fr→ar] Bonjour", outcome: "translated", from: "fr", provider: "google" }]);
  });

  it("throws the last provider's error when every one fails", async () => {
    lt.failNext(libreFailures.serverError(), 1, "/translate");
    gg.failNext(googleFailures.dailyLimit(), 1, "/language/translate/v2");
    const err = await translateTexts({ providers: providers() }, { texts: ["Bonjour"], from: "fr", to: "ar", ownerId: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TranslateError);
    expect((err as TranslateError).code).toBe("translate.quota");
  });

  it("leaves texts as they are when no provider has the pair", async () => {
    const out = await translateTexts(
      { providers: [libreTranslate({ url: lt.url })] },
      { texts: ["Bonjour"], from: "fr", to: "ps", ownerId: null },
    );
    expect(out).toEqual([{ text: "Bonjour", outcome: "unsupported", from: "fr" }]);
    expect(lt.requestsTo("/translate")).toHaveLength(0);
  });

  it("forgets a person's translations when their data is erased", async () => {
    const cache = new MemoryTranslationCache();
    const deps = { providers: providers(), cache };
    await translateTexts(deps, { texts: ["Je viens demain"], from: "fr", to: "fa", ownerId: "person-7" });
    expect(await cache.eraseOwner("person-7")).toBe(1);
    const out = await translateTexts(deps, { texts: ["Je viens demain"], from: "fr", to: "fa", ownerId: "person-7" });
    expect(out[0]!.outcome).toBe("translated");
    expect(lt.requestsTo("/translate")).toHaveLength(2);
  });
});
