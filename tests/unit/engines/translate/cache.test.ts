import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryTranslationCache, translationCacheKey } from "../../../../src/engines/translate/cache.ts";

describe("translation cache", () => {
  it("keys entries by sha256 of from, to and text", () => {
    const expected = createHash("sha256").update("fr\u0000uk\u0000Bonjour").digest("hex");
    expect(translationCacheKey("fr", "uk", "Bonjour")).toBe(expected);
    expect(translationCacheKey("fr", "ar", "Bonjour")).not.toBe(expected);
  });

  it("returns what was stored, in order, undefined for misses", async () => {
    const cache = new MemoryTranslationCache();
    await cache.store("fr", "uk", [{ text: "Bonjour", translation: "Добрий день" }], "person-1");
    expect(await cache.lookup("fr", "uk", ["Merci", "Bonjour"])).toEqual([undefined, "Добрий день"]);
    expect(await cache.lookup("fr", "ar", ["Bonjour"])).toEqual([undefined]);
  });

  it("erases a person's translations with their data, not other people's", async () => {
    const cache = new MemoryTranslationCache();
    await cache.store("ar", "fr", [{ text: "أنا قادم", translation: "J'arrive" }, { text: "شكرا", translation: "Merci" }], "amina");
    await cache.store("ar", "fr", [{ text: "شكرا", translation: "Merci" }], "karim");
    await cache.store("fr", "ar", [{ text: "Atelier demain", translation: "ورشة غدا" }], null);

    expect(await cache.eraseOwner("amina")).toBe(2);
    expect(await cache.lookup("ar", "fr", ["أنا قادم"])).toEqual([undefined]);
    // Karim sent the same words: the entry is his data too and stays.
    expect(await cache.lookup("ar", "fr", ["شكرا"])).toEqual(["Merci"]);
    expect(await cache.eraseOwner("karim")).toBe(1);
    expect(await cache.lookup("ar", "fr", ["شكرا"])).toEqual([undefined]);
    // A shared text belongs to nobody and stays.
    expect(await cache.lookup("fr", "ar", ["Atelier demain"])).toEqual(["ورشة غدا"]);
    expect(await cache.eraseOwner("nobody")).toBe(0);
    expect(cache.size).toBe(1);
  });

  it("keeps at most maxEntries, dropping the least recently used", async () => {
    const cache = new MemoryTranslationCache({ maxEntries: 2 });
    await cache.store("fr", "en", [{ text: "a", translation: "A" }], "p1");
    await cache.store("fr", "en", [{ text: "b", translation: "B" }], "p1");
    await cache.lookup("fr", "en", ["a"]); // a is now the most recent
    await cache.store("fr", "en", [{ text: "c", translation: "C" }], "p2");
    expect(await cache.lookup("fr", "en", ["a", "b", "c"])).toEqual(["A", undefined, "C"]);
    expect(await cache.eraseOwner("p1")).toBe(1);
  });

  it("does not serve entries older than maxAgeMs", async () => {
    let now = 0;
    const cache = new MemoryTranslationCache({ maxAgeMs: 1_000, now: () => now });
    await cache.store("fr", "en", [{ text: "a", translation: "A" }], "p1");
    now = 1_000;
    expect(await cache.lookup("fr", "en", ["a"])).toEqual(["A"]);
    now = 1_001;
    expect(await cache.lookup("fr", "en", ["a"])).toEqual([undefined]);
    expect(cache.size).toBe(0);
    expect(await cache.eraseOwner("p1")).toBe(0);
  });
});
