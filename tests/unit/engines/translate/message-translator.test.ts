import { Registry } from "prom-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../../../src/core/logger.ts";
import { libreTranslate } from "../../../../src/engines/translate/libretranslate.ts";
import { messageTranslator, type MessageTranslator } from "../../../../src/engines/translate/message-translator.ts";
import { libreFailures, startFakeLibreTranslate, type FakeLibreTranslate } from "../../../fakes/libretranslate-server.ts";

const TEXT = "Підкажіть, будь ласка, де можна купити посуд";

describe("messageTranslator (the app's translation capability)", () => {
  let lt: FakeLibreTranslate;
  let registry: Registry;
  let warnings: unknown[][];
  let translate: MessageTranslator;

  beforeAll(async () => {
    lt = await startFakeLibreTranslate();
  });
  afterAll(async () => {
    await lt?.close();
  });
  beforeEach(() => {
    lt.delayMs = 0;
    registry = new Registry();
    warnings = [];
    const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    translate = messageTranslator({
      // A deadline with room for a busy machine: a request cut short would reach the fake later and
      // take the failure planned for the next test.
      providers: [libreTranslate({ url: lt.url, timeoutMs: 3000 })],
      timeoutMs: 1000,
      guessLanguage: (text) => (/[іїєґ]/u.test(text) ? "uk" : undefined),
      log,
      registry,
    })!;
  });

  const count = async (outcome: string) => (await registry.getSingleMetric("migracoop_translated_messages_total")!.get()).values.find((v) => v.labels["outcome"] === outcome)?.value ?? 0;

  it("is absent without a provider", () => {
    expect(messageTranslator({ providers: [], timeoutMs: 300, guessLanguage: () => undefined, log: {} as Logger })).toBeUndefined();
  });

  it("translates, then serves the same words from its cache, and forgets them with their owner", async () => {
    expect(await translate.message({ text: TEXT, from: "uk", to: "fr", ownerId: "p1", use: "relay" })).toEqual({ outcome: "translated", text: `[uk→fr] ${TEXT}` });
    expect(await translate.message({ text: TEXT, from: "uk", to: "fr", ownerId: "p1", use: "relay" })).toEqual({ outcome: "cached", text: `[uk→fr] ${TEXT}` });
    expect(lt.requestsTo("/translate")).toHaveLength(1);
    await translate.forget("p1");
    await translate.message({ text: TEXT, from: "uk", to: "fr", ownerId: "p1", use: "relay" });
    expect(lt.requestsTo("/translate")).toHaveLength(2);
    expect(await count("translated")).toBe(2);
  });

  it("sends nothing for words already in the reader's language, whatever the writer's locale", async () => {
    const before = lt.requestsTo("/translate").length;
    expect(await translate.message({ text: TEXT, from: "fr", to: "uk", ownerId: null, use: "relay_answer" })).toEqual({ outcome: "same_language" });
    expect(lt.requestsTo("/translate")).toHaveLength(before);
  });

  it("never throws: a provider's error or a 429 is an outcome, counted and logged without the text", async () => {
    lt.failNext(libreFailures.serverError(), 1, "/translate");
    expect(await translate.message({ text: `${TEXT} 1`, from: "uk", to: "fr", ownerId: null, use: "relay" })).toEqual({ outcome: "failed" });
    lt.failNext(libreFailures.slowDown(), 1, "/translate");
    expect(await translate.message({ text: `${TEXT} 2`, from: "uk", to: "fr", ownerId: null, use: "relay" })).toEqual({ outcome: "failed" });
    expect(await count("failed")).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(JSON.stringify(warnings)).not.toContain(TEXT);
    expect(JSON.stringify(warnings)).toContain("translate.rate_limited");
  });

  it("gives up at its deadline, even when the provider's own is later", async () => {
    lt.delayMs = 4_000;
    const started = performance.now();
    expect(await translate.message({ text: `${TEXT} 3`, from: "uk", to: "fr", ownerId: null, use: "relay" })).toEqual({ outcome: "timeout" });
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(await count("timeout")).toBe(1);
    expect(JSON.stringify(warnings)).not.toContain(TEXT);
  });
});
