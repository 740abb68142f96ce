import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deepL } from "../../../../src/engines/translate/deepl.ts";
import { googleTranslate } from "../../../../src/engines/translate/google.ts";
import { LiveList } from "../../../../src/engines/translate/languages.ts";
import { libreTranslate } from "../../../../src/engines/translate/libretranslate.ts";
import { chooseTranslator, translatorsFor } from "../../../../src/engines/translate/translator.ts";
import { startFakeDeepL, type FakeDeepL } from "../../../fakes/deepl-server.ts";
import { startFakeGoogleTranslate, type FakeGoogleTranslate } from "../../../fakes/google-translate-server.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../../fakes/libretranslate-server.ts";

describe("chooseTranslator", () => {
  let lt: FakeLibreTranslate;
  let dl: FakeDeepL;
  let gg: FakeGoogleTranslate;
  beforeAll(async () => {
    lt = await startFakeLibreTranslate({ languages: ["en", "fr", "ar", "fa", "es", "pt", "ru", "uk"] }); // no bn model loaded
    dl = await startFakeDeepL({ apiKey: "k:fx" });
    gg = await startFakeGoogleTranslate({ apiKey: "g" });
  });
  afterAll(async () => {
    await Promise.all([lt.close(), dl.close(), gg.close()]);
  });

  const libre = () => libreTranslate({ url: lt.url, timeoutMs: 1000 });
  const deepl = () => deepL({ apiKey: "k:fx", url: dl.url, timeoutMs: 1000 });
  const google = () => googleTranslate({ apiKey: "g", url: gg.url, timeoutMs: 1000 });

  it("picks, per pair, the first provider that supports it (TRANSLATE_PROVIDERS=libretranslate,google)", async () => {
    const providers = [libre(), google()];
    expect((await chooseTranslator(providers, "fr", "uk"))?.name).toBe("libretranslate");
    expect((await chooseTranslator(providers, "fr", "ti"))?.name).toBe("google");
    expect((await chooseTranslator(providers, "ps", "fr"))?.name).toBe("google");
    expect((await chooseTranslator(providers, "fr", "bn"))?.name).toBe("google"); // this server has no bn model
    expect((await chooseTranslator(providers, "auto", "ar"))?.name).toBe("libretranslate");
  });

  it("respects the configured order", async () => {
    expect((await chooseTranslator([google(), libre()], "fr", "uk"))?.name).toBe("google");
    expect((await chooseTranslator([deepl(), google()], "fr", "ps"))?.name).toBe("deepl");
    expect((await chooseTranslator([deepl(), google()], "fr", "ti"))?.name).toBe("google");
  });

  it("finds none when no configured provider has the pair", async () => {
    expect(await chooseTranslator([libre(), deepl()], "fr", "ti")).toBeUndefined();
    expect(await chooseTranslator([], "fr", "en")).toBeUndefined();
  });

  it("lists every provider supporting a pair, for fallback", async () => {
    expect((await translatorsFor([libre(), deepl(), google()], "fr", "ps")).map((t) => t.name)).toEqual(["deepl", "google"]);
    expect((await translatorsFor([libre(), deepl(), google()], "fr", "ar")).map((t) => t.name)).toEqual(["libretranslate", "deepl", "google"]);
  });
});

describe("LiveList", () => {
  it("reads once, and after a failure waits retryMs before reading again", async () => {
    let now = 0;
    let calls = 0;
    let fail = true;
    const list = new LiveList(
      async () => {
        calls++;
        if (fail) throw new Error("down");
        return ["fr"];
      },
      1_000,
      () => now,
    );
    expect(await list.get()).toBeUndefined();
    expect(await list.get()).toBeUndefined();
    expect(calls).toBe(1);
    fail = false;
    now = 999;
    expect(await list.get()).toBeUndefined();
    now = 1_001;
    expect(await list.get()).toEqual(["fr"]);
    expect(await list.get()).toEqual(["fr"]);
    expect(calls).toBe(2);
  });

  it("shares one read between concurrent callers", async () => {
    let calls = 0;
    const list = new LiveList(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return 1;
    });
    expect(await Promise.all([list.get(), list.get(), list.get()])).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
  });
});
