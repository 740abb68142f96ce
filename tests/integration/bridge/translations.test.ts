import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbTranslationCache } from "../../../src/bridge/db-cache.ts";
import { TRANSLATION_MAX_AGE_MS } from "../../../src/privacy/retention-rules.ts";
import { storedTranslations, translateForBridge } from "../../../src/bridge/translate.ts";
import { recordBridgeAnswer } from "../../../src/privacy/bridge-consent.ts";
import { erasePerson } from "../../../src/privacy/erase.ts";
import { applyRetention } from "../../../src/privacy/retention.ts";
import { libreFailures, startFakeLibreTranslate, type FakeLibreTranslate } from "../../fakes/libretranslate-server.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";
import { sleep } from "../../support/eventually.ts";

/**
 * The bridge's translations in the database (real PostgreSQL, the fake LibreTranslate): kept by hash of the
 * redacted text, found again by any process, erased with their owner, dropped with age; a page never waits
 * for a provider (a slow or refusing one is counted in /metrics, and the translation shows once it exists);
 * a refusal sends nothing.
 */
let lt: FakeLibreTranslate;
let svc: TestService;
let olena: { id: string };
let nour: { id: string };
let amina: { id: string };

beforeAll(async () => {
  lt = await startFakeLibreTranslate();
  svc = await startTestService({ env: { TRANSLATE_PROVIDERS: "libretranslate", LIBRETRANSLATE_URL: lt.url, TRANSLATE_TIMEOUT_MS: "1500" } });
  const { prisma } = svc.service.deps;
  olena = await prisma.person.create({ data: { firstName: "Olena", locale: "uk", identities: { create: { channel: "whatsapp", externalId: "380501234567", displayName: "Olena Kovalenko" } } } });
  nour = await prisma.person.create({ data: { firstName: "Nour", locale: "ar", identities: { create: { channel: "telegram", externalId: "65000001" } } } });
  amina = await prisma.person.create({ data: { role: "coordinator", firstName: "Amina", locale: "fr", identities: { create: { channel: "telegram", externalId: "65000009" } } } });
});
afterAll(async () => {
  await svc?.stop();
  await lt?.close();
});

const metric = async (labels: string) => {
  const text = await (await fetch(`${svc.baseUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("migracoop_translated_messages_total{") && l.includes(labels));
  return line ? Number(line.split(" ").pop()) : 0;
};

describe("the database cache", () => {
  it("serves what one process stored to another, by text and languages, and keeps no source text", async () => {
    const { prisma } = svc.service.deps;
    const one = new DbTranslationCache(prisma);
    await one.store("uk", "fr", [{ text: "Дякую", translation: "Merci" }], olena.id);
    await one.store("uk", "fr", [{ text: "Дякую", translation: "Merci" }], nour.id);
    await one.store("fr", "uk", [{ text: "Bonjour", translation: "Привіт" }], null);
    const other = new DbTranslationCache(prisma);
    expect(await other.lookup("uk", "fr", ["Дякую", "Бувай", "Дякую"])).toEqual(["Merci", undefined, "Merci"]);
    expect(await other.lookup("uk", "en", ["Дякую"])).toEqual([undefined]);
    expect(JSON.stringify(await prisma.translation.findMany())).not.toContain("Дякую");
  });

  it("is erased with its owner (in the erasure's transaction), keeping others' copies and shared texts", async () => {
    const { prisma } = svc.service.deps;
    const before = await prisma.translation.count();
    await prisma.$transaction((tx) => erasePerson(tx, olena.id, new Date()));
    expect(await prisma.translation.count({ where: { ownerId: olena.id } })).toBe(0);
    expect(await prisma.translation.count()).toBe(before - 1);
    expect(await new DbTranslationCache(prisma).lookup("uk", "fr", ["Дякую"])).toEqual(["Merci"]);
  });

  it("does not serve old entries, and retention deletes them", async () => {
    const { prisma } = svc.service.deps;
    const old = new DbTranslationCache(prisma, () => new Date(Date.now() - TRANSLATION_MAX_AGE_MS - 86_400_000));
    await old.store("fr", "ar", [{ text: "Ancien", translation: "قديم" }], null);
    expect(await new DbTranslationCache(prisma).lookup("fr", "ar", ["Ancien"])).toEqual([undefined]);
    await applyRetention(svc.service.deps, 24);
    expect(await prisma.translation.count({ where: { translation: "قديم" } })).toBe(0);
    expect(await prisma.translation.count({ where: { translation: "Привіт" } })).toBe(1);
  });
});

describe("pages never wait for a provider", () => {
  const deps = () => svc.service.deps;
  const PROJECT = "أريد فتح مطعم صغير في باريس، اسمي Nour ورقمي 06 12 34 56 78";

  it("shows nothing at first, asks in the background, counts a timeout, and shows the translation once it exists", async () => {
    lt.delayMs = 3000;
    const timeouts = await metric('use="test_page",outcome="timeout"');
    const requests = lt.requestsTo("/translate").length;
    const started = Date.now();
    const first = await storedTranslations(deps(), [{ text: PROJECT, from: "ar", to: "fr", ownerId: nour.id, people: [amina.id] }], "test_page");
    // Well within the deadline (1.5 s) and the provider's delay (3 s): the page asked and went on.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(first).toEqual([undefined]);
    await eventually(async () => ((await metric('use="test_page",outcome="timeout"')) > timeouts ? true : undefined), 40_000);
    // The request given up on still reaches the slow provider, and ends when its own deadline (1.5 s)
    // drops the connection: only then is the next failure planned, for the next request.
    await eventually(() => (lt.requestsTo("/translate").length > requests ? true : undefined));
    await sleep(2000);
    lt.delayMs = 0;

    lt.failNext(libreFailures.slowDown(), 1, "/translate");
    const failed = await metric('use="test_page",outcome="failed"');
    expect(await storedTranslations(deps(), [{ text: PROJECT, from: "ar", to: "fr", ownerId: nour.id }], "test_page")).toEqual([undefined]);
    await eventually(async () => ((await metric('use="test_page",outcome="failed"')) > failed ? true : undefined), 40_000);

    await storedTranslations(deps(), [{ text: PROJECT, from: "ar", to: "fr", ownerId: nour.id }], "test_page");
    const shown = await eventually(async () => (await storedTranslations(deps(), [{ text: PROJECT, from: "ar", to: "fr", ownerId: nour.id }], "test_page"))[0], 40_000);
    // The name and the number came back; the provider had marks instead.
    expect(shown).toBe(`[ar→fr] ${PROJECT}`);
    const sent = JSON.stringify(lt.requestsTo("/translate").map((r) => r.json));
    expect(sent).toContain("اسمي [[1]] ورقمي [[2]]");
    expect(sent).not.toContain("Nour");
    expect(sent).not.toContain("56 78");
  }, 120_000);

  it("leaves alone the words of a person who refused, and sends nothing", async () => {
    const { prisma } = deps();
    await recordBridgeAnswer(prisma, nour.id, "refused", new Date());
    const requests = lt.requestsTo("/translate").length;
    expect(await translateForBridge(deps(), { text: "شكرا جزيلا على المساعدة", from: "ar", to: "fr", ownerId: nour.id, use: "test" })).toEqual({ outcome: "refused" });
    expect(await storedTranslations(deps(), [{ text: PROJECT, from: "ar", to: "fr", ownerId: nour.id }], "test_page")).toEqual([undefined]);
    expect(lt.requestsTo("/translate").length).toBe(requests);
  });
});
