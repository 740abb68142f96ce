import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { deeplFailures, startFakeDeepL, type FakeDeepL } from "../fakes/deepl-server.ts";
import { libreFailures, startFakeLibreTranslate, type FakeLibreTranslate } from "../fakes/libretranslate-server.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

/**
 * The language bridge of a relay thread, end to end through the Telegram webhook: a Ukrainian member
 * writes to her French coordinator, who answers in French; the translation providers are the fake
 * LibreTranslate and DeepL servers speaking their real APIs.
 */

// Words the bot does not take as an answer of its own (not "I can't come", which is an RSVP): they go to the thread.
const UKRAINIAN = "Підкажіть, будь ласка, де можна купити недорогий посуд для кухні";
const FRENCH_ANSWER = "Bonjour Olena, pas de souci, on décale votre rendez-vous à vendredi matin.";

interface Setup {
  tg: FakeTelegram;
  svc: TestService;
  stop(): Promise<void>;
}

/** A service with a cohort: one Ukrainian member and one French coordinator, both on Telegram. */
async function setUp(person: number, coordinator: number, env: Record<string, string>, engines?: { urls?: { deepl?: string } }): Promise<Setup> {
  const { tg, svc, stop } = await startWithPlatforms({ env, engines });
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: `bridge-${person}`,
        name: "Coopérative Pont",
        startsOn: "2026-10-01",
        endsOn: "2027-03-01",
        sessions: [],
        members: [{ channel: "telegram", externalId: String(person), name: "Olena", locale: "uk" }],
        coordinators: [{ channel: "telegram", externalId: String(coordinator), name: "Amina", locale: "fr" }],
      },
    ],
  });
  return { tg, svc, stop };
}

const textsTo = (tg: FakeTelegram, chat: number) =>
  tg
    .callsTo("sendMessage")
    .filter((c) => String(c.params["chat_id"]) === String(chat))
    .map((c) => String(c.params["text"]));

/** Opens a thread ("talk to a person") and returns its code, as the coordinator sees it. */
async function openThread(s: Setup, person: number, coordinator: number): Promise<string> {
  await postTelegram(s.svc.baseUrl, tgTextUpdate(person, "Поговорити з людиною", "uk"));
  const request = await eventually(() => textsTo(s.tg, coordinator).find((t) => t.includes("Olena")));
  return /\[([0-9A-F]{6})\]/.exec(request)![1]!;
}

/** The participant writes `text` in the open thread; returns what the coordinator received. */
async function participantWrites(s: Setup, person: number, coordinator: number, text: string): Promise<string> {
  await postTelegram(s.svc.baseUrl, tgTextUpdate(person, text, "uk"));
  return eventually(() => textsTo(s.tg, coordinator).find((t) => t.includes(text)));
}

async function metricsText(s: Setup): Promise<string> {
  return (await fetch(`${s.svc.baseUrl}/metrics`)).text();
}

/** The value of one series in Prometheus' text format (0 when absent). */
function series(metrics: string, name: string, labels: string): number {
  const line = metrics.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.split(" ").pop()) : 0;
}

describe("relay translation through LibreTranslate", () => {
  const PERSON = 63000001;
  const COORD = 63000009;
  let lt: FakeLibreTranslate;
  let s: Setup;
  let code: string;

  beforeAll(async () => {
    lt = await startFakeLibreTranslate({ apiKey: "lt-key" });
    s = await setUp(PERSON, COORD, {
      TRANSLATE_PROVIDERS: "libretranslate",
      LIBRETRANSLATE_URL: lt.url,
      LIBRETRANSLATE_API_KEY: "lt-key",
      TRANSLATE_TIMEOUT_MS: "800",
    });
    code = await openThread(s, PERSON, COORD);
  });
  afterAll(async () => {
    await s?.stop();
    await lt?.close();
  });

  it("shows the French coordinator the Ukrainian message with its French translation under it, marked automatic; only the words reach the provider", async () => {
    const forwarded = await participantWrites(s, PERSON, COORD, UKRAINIAN);
    const [before, after] = forwarded.split("🌐 Traduction automatique :");
    expect(before).toContain(`« ${UKRAINIAN} »`);
    expect(before).toContain("Olena");
    expect(after).toContain(`[uk→fr] ${UKRAINIAN}`);
    expect(after).toContain(`répondre ${code}`);

    const sent = lt.requestsTo("/translate").map((r) => r.json as { q: unknown; source: string; target: string });
    expect(sent).toEqual([expect.objectContaining({ q: [UKRAINIAN], source: "uk", target: "fr" })]);
    const everything = JSON.stringify(lt.requests.map((r) => r.json ?? null));
    expect(everything).not.toContain("Olena");
    expect(everything).not.toContain(String(PERSON));
    // The "talk to a person" request has no words: nothing was translated for it.
    expect(textsTo(s.tg, COORD).find((t) => t.includes("🙋"))).not.toContain("🌐");
  });

  it("gives the participant the coordinator's French answer in Ukrainian, the original below, marked translated automatically", async () => {
    await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, `répondre ${code} ${FRENCH_ANSWER}`, "fr"));
    const received = await eventually(() => textsTo(s.tg, PERSON).find((t) => t.includes(FRENCH_ANSWER)));
    const [translated, original] = received.split("🌐 Перекладено автоматично.");
    expect(translated).toContain("Відповідь команди Migracoop");
    expect(translated).toContain(`[fr→uk] ${FRENCH_ANSWER}`);
    expect(original).toContain(FRENCH_ANSWER);
    expect(original).not.toContain("[fr→uk]");
    // The participant's name in the answer stays here: the provider gets a mark, the person gets her name back.
    expect(lt.requestsTo("/translate").at(-1)?.json).toEqual(expect.objectContaining({ q: [FRENCH_ANSWER.replace("Olena", "[[1]]")], source: "fr", target: "uk" }));
    expect(JSON.stringify(lt.requests.map((r) => r.json ?? null))).not.toContain("Amina");
    expect(JSON.stringify(lt.requests.map((r) => r.json ?? null))).not.toContain("Olena");
  });

  it.each([
    ["a server error (500)", "failed", () => lt.failNext(libreFailures.serverError(), 1, "/translate"), "Моя сусідка теж хоче записатися до кооперативу"],
    ["a rate limit (429)", "rate_limited", () => lt.failNext(libreFailures.slowDown(), 1, "/translate"), "Я знайшла приміщення для кухні біля метро Бельвіль"],
    ["no answer within TRANSLATE_TIMEOUT_MS", "timeout", () => (lt.delayMs = 3000), "Мені потрібна допомога з документами для реєстрації"],
  ])("sends the original alone on %s, counts it in /metrics, and loses nothing", async (_what, outcome, provoke, text) => {
    const before = await metricsText(s);
    provoke();
    try {
      const started = Date.now();
      const forwarded = await participantWrites(s, PERSON, COORD, text);
      expect(forwarded).not.toContain("🌐");
      expect(forwarded).not.toContain("[uk→fr]");
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      lt.delayMs = 0;
    }
    const after = await eventually(async () => {
      const m = await metricsText(s);
      return series(m, "migracoop_engine_requests_total", `outcome="${outcome}"`) > series(before, "migracoop_engine_requests_total", `outcome="${outcome}"`) ? m : undefined;
    });
    expect(series(after, "migracoop_engine_requests_total", `engine="libretranslate",outcome="${outcome}"`)).toBeGreaterThan(0);
    const fallback = outcome === "timeout" ? "timeout" : "failed";
    expect(series(after, "migracoop_translated_messages_total", `outcome="${fallback}"`)).toBeGreaterThan(series(before, "migracoop_translated_messages_total", `outcome="${fallback}"`));
    // The message is in the thread and its copy was sent, as written.
    const prisma = s.svc.service.deps.prisma;
    expect(await prisma.relayMessage.count({ where: { text } })).toBe(1);
    const rows = await prisma.outboundMessage.findMany({ where: { purpose: "relay", status: "sent" } });
    const row = rows.find((r) => JSON.stringify(r.intent).includes(text));
    expect(row?.intent).not.toHaveProperty("translate");
  });

  it("translates again once the provider is back", async () => {
    const text = "Дякую, тепер усе зрозуміло, до зустрічі у п'ятницю";
    const forwarded = await participantWrites(s, PERSON, COORD, text);
    expect(forwarded).toContain(`🌐 Traduction automatique :\n[uk→fr] ${text}`);
  });
});

describe("relay translation through DeepL", () => {
  const PERSON = 63000101;
  const COORD = 63000109;
  const KEY = "deepl-test-key:fx";
  let deepl: FakeDeepL;
  let s: Setup;
  let code: string;

  beforeAll(async () => {
    deepl = await startFakeDeepL({ apiKey: KEY });
    s = await setUp(PERSON, COORD, { TRANSLATE_PROVIDERS: "deepl", DEEPL_API_KEY: KEY }, { urls: { deepl: deepl.url } });
    code = await openThread(s, PERSON, COORD);
  });
  afterAll(async () => {
    await s?.stop();
    await deepl?.close();
  });

  it("translates both ways, and sends the original alone when DeepL's quota is used up", async () => {
    const forwarded = await participantWrites(s, PERSON, COORD, UKRAINIAN);
    expect(forwarded).toContain(`🌐 Traduction automatique :\n[UK→FR] ${UKRAINIAN}`);
    expect(deepl.requestsTo("/v2/translate").map((r) => r.json)).toEqual([expect.objectContaining({ text: [UKRAINIAN], source_lang: "UK", target_lang: "FR" })]);

    await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, `répondre ${code} ${FRENCH_ANSWER}`, "fr"));
    const received = await eventually(() => textsTo(s.tg, PERSON).find((t) => t.includes(FRENCH_ANSWER)));
    expect(received).toContain(`[FR→UK] ${FRENCH_ANSWER}`);
    expect(received).toContain(`🌐 Перекладено автоматично. Оригінальне повідомлення:\n${FRENCH_ANSWER}`);

    deepl.failNext(deeplFailures.quotaExceeded(), 1, "/v2/translate");
    const text = "Моя сусідка теж хоче записатися до кооперативу";
    const alone = await participantWrites(s, PERSON, COORD, text);
    expect(alone).not.toContain("🌐");
    const metrics = await metricsText(s);
    expect(series(metrics, "migracoop_engine_requests_total", `engine="deepl",outcome="quota"`)).toBe(1);
  });
});

describe("relay without a translation provider", () => {
  const PERSON = 63000201;
  const COORD = 63000209;
  let lt: FakeLibreTranslate;
  let s: Setup;
  let code: string;

  beforeAll(async () => {
    lt = await startFakeLibreTranslate();
    // A server's address alone does not turn translation on: TRANSLATE_PROVIDERS is unset.
    s = await setUp(PERSON, COORD, { LIBRETRANSLATE_URL: lt.url });
    code = await openThread(s, PERSON, COORD);
  });
  afterAll(async () => {
    await s?.stop();
    await lt?.close();
  });

  it("relays both ways as written, contacts no provider, and adds no metric", async () => {
    const forwarded = await participantWrites(s, PERSON, COORD, UKRAINIAN);
    expect(forwarded).not.toContain("🌐");
    await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, `répondre ${code} ${FRENCH_ANSWER}`, "fr"));
    const received = await eventually(() => textsTo(s.tg, PERSON).find((t) => t.includes(FRENCH_ANSWER)));
    expect(received).toBe(`💬 Відповідь команди Migracoop:\n\n${FRENCH_ANSWER}`);
    expect(lt.requests).toEqual([]);
    const metrics = await metricsText(s);
    expect(metrics).not.toContain("migracoop_translated_messages_total");
    expect(metrics).not.toContain("migracoop_engine_requests_total");
  });
});
