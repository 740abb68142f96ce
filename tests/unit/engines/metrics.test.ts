import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libreTranslate } from "../../../src/engines/translate/libretranslate.ts";
import { createEngineMetrics } from "../../../src/engines/metrics.ts";
import { libreFailures, startFakeLibreTranslate, type FakeLibreTranslate } from "../../fakes/libretranslate-server.ts";

describe("engine metrics", () => {
  let lt: FakeLibreTranslate;
  beforeAll(async () => {
    lt = await startFakeLibreTranslate();
  });
  afterAll(() => lt.close());

  it("counts requests by outcome and the characters sent", async () => {
    const registry = new Registry();
    const { observe } = createEngineMetrics(registry);
    const client = libreTranslate({ url: lt.url, observe });
    await client.translate(["Bonjour", "Merci"], "fr", "uk");
    lt.failNext(libreFailures.slowDown(), 1, "/translate");
    await client.translate(["Salut"], "fr", "uk").catch(() => undefined);

    const text = await registry.metrics();
    expect(text).toContain('migracoop_engine_requests_total{engine="libretranslate",outcome="ok"} 1');
    expect(text).toContain('migracoop_engine_requests_total{engine="libretranslate",outcome="rate_limited"} 1');
    expect(text).toContain('migracoop_translate_characters_total{engine="libretranslate"} 12');
    expect(text).toContain('migracoop_engine_request_seconds_count{engine="libretranslate"} 2');
  });
});
