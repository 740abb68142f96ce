import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX } from "../../src/core/intent.ts";
import { importProgramme } from "../../src/programme/import.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../fakes/libretranslate-server.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../support/console.ts";
import { postTelegram, postWhatsApp, startWithPlatforms, tgCallbackUpdate, tgTextUpdate, waTextBody } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

/**
 * The language bridge end to end through the webhooks, with the fake LibreTranslate speaking its real API:
 * a Ukrainian member on WhatsApp and an Arabic applicant on Telegram reach a French coordinator readable in
 * French, in the chat and in the console; her answers reach each person in their language, or as written
 * when she asks ("=" in the chat, a second button in the console); names and phone numbers never reach the
 * provider; the member is told once what goes where, refuses, and from then on nothing of hers is
 * translated; her erasure takes the stored translations with it.
 */

const COORD = 64000009;
const APPLICANT = 64000021;
const OLENA_WA = "380501234567";
const UKRAINIAN = "Підкажіть, будь ласка, де можна купити недорогий посуд для кухні";
const WITH_NUMBER = "Підкажіть, будь ласка, чи можна дати мій номер +33 6 12 34 56 78 моїй сусідці";
const ARABIC_PROJECT = "أريد فتح مطعم صغير للأكل السوداني في باريس مع أختي";

let lt: FakeLibreTranslate;
let tg: FakeTelegram;
let wa: FakeWhatsApp;
let svc: TestService;
let stop: () => Promise<void>;
let code: string;

const tgTexts = (chat: number) =>
  tg
    .callsTo("sendMessage")
    .filter((c) => String(c.params["chat_id"]) === String(chat))
    .map((c) => String(c.params["text"]));
const waTexts = (to: string) =>
  wa
    .sent()
    .filter((b) => b["to"] === to)
    .map((b) => {
      const text = (b["text"] as { body?: string } | undefined)?.body;
      const interactive = (b["interactive"] as { body?: { text?: string } } | undefined)?.body?.text;
      return String(text ?? interactive ?? "");
    });
const sentToProvider = () => JSON.stringify(lt.requestsTo("/translate").map((r) => r.json ?? null));

/** The bot's messages to a chat after `before`, once the first is there and the turn's others had time to follow. */
async function answerAfter(texts: () => string[], before: number): Promise<string> {
  await eventually(() => (texts().length > before ? true : undefined));
  await new Promise((r) => setTimeout(r, 600));
  return texts().slice(before).join("\n---\n");
}

/** Posts a Telegram text or button and returns the bot's answer to that chat. */
async function tgSays(chat: number, what: { text: string; lang?: string } | { choice: string }): Promise<string> {
  const before = tgTexts(chat).length;
  await postTelegram(svc.baseUrl, "choice" in what ? tgCallbackUpdate(chat, PAYLOAD_PREFIX + what.choice) : tgTextUpdate(chat, what.text, what.lang ?? "fr"));
  return answerAfter(() => tgTexts(chat), before);
}

/** Olena writes (or taps a button) on WhatsApp; returns the bot's answer. */
async function waSays(text: string, buttonId?: string): Promise<string> {
  const before = waTexts(OLENA_WA).length;
  await postWhatsApp(svc.baseUrl, waTextBody(OLENA_WA, text, { name: "Olena K.", ...(buttonId ? { buttonId: PAYLOAD_PREFIX + buttonId } : {}) }));
  return answerAfter(() => waTexts(OLENA_WA), before);
}

async function coordinatorSession(): Promise<string> {
  const { prisma } = svc.service.deps;
  const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
  const made = await createSignInLink(prisma, amina.id, CONSOLE_ENV.PUBLIC_URL, new Date());
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}

beforeAll(async () => {
  lt = await startFakeLibreTranslate({ apiKey: "lt-key" });
  ({ tg, wa, svc, stop } = await startWithPlatforms({
    env: { ...CONSOLE_ENV, TRANSLATE_PROVIDERS: "libretranslate", LIBRETRANSLATE_URL: lt.url, LIBRETRANSLATE_API_KEY: "lt-key", TRANSLATE_TIMEOUT_MS: "2000" },
  }));
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      {
        key: "bridge-e2e",
        name: "Coopérative Pont",
        startsOn: "2026-10-01",
        endsOn: "2027-03-01",
        sessions: [],
        members: [{ channel: "whatsapp", externalId: OLENA_WA, name: "Olena", locale: "uk" }],
        coordinators: [{ channel: "telegram", externalId: String(COORD), name: "Amina", locale: "fr" }],
      },
    ],
  });
  // Olena enrolled before translation was configured: she accepted the earlier notice.
  const olena = await prisma.person.findFirstOrThrow({ where: { firstName: "Olena" } });
  await prisma.consent.create({ data: { personId: olena.id, version: "2026-11" } });
}, 60_000);
afterAll(async () => {
  await stop?.();
  await lt?.close();
});

describe("a thread in Ukrainian", () => {
  it("tells Olena once what goes to which provider, and shows the coordinator her words in French with her number kept from the provider", async () => {
    await waSays("Поговорити з людиною");
    const notice = await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("LibreTranslate")));
    expect(notice).toContain("Ваше ім'я і ваш номер не передаються");
    const request = await eventually(() => tgTexts(COORD).find((t) => t.includes("🙋")));
    code = /\[([0-9A-F]{6})\]/.exec(request)![1]!;

    await waSays(UKRAINIAN);
    const forwarded = await eventually(() => tgTexts(COORD).find((t) => t.includes(UKRAINIAN)));
    expect(forwarded).toContain(`🌐 Traduction automatique :\n[uk→fr] ${UKRAINIAN}`);
    expect(forwarded).toContain("commencez-la par « = »");

    const said = await waSays(WITH_NUMBER);
    expect(said).toContain("✉️");
    const withNumber = await eventually(() => tgTexts(COORD).find((t) => t.includes("[uk→fr] Підкажіть, будь ласка, чи можна")));
    // The translation has the number back; the provider never saw it, nor her name or WhatsApp number.
    expect(withNumber).toContain(`[uk→fr] ${WITH_NUMBER}`);
    expect(sentToProvider()).toContain("дати мій номер [[1]] моїй");
    expect(sentToProvider()).not.toContain("12 34 56");
    expect(sentToProvider()).not.toContain(OLENA_WA);
    expect(sentToProvider()).not.toContain("Olena");
    expect(await svc.service.deps.prisma.consent.count({ where: { kind: "language_bridge", withdrawnAt: null } })).toBe(1);
    // Told once: not again at her later messages.
    expect(waTexts(OLENA_WA).filter((t) => t.includes("LibreTranslate"))).toHaveLength(1);
  });

  it("gives Olena the coordinator's answer in Ukrainian with the original below, and as written after '='", async () => {
    const confirmed = await tgSays(COORD, { text: `répondre ${code} Bonjour Olena, le magasin Tang Frères vend de la vaisselle pas chère.` });
    expect(confirmed).toContain("Réponse envoyée");
    const translated = await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("Tang Frères")));
    expect(translated).toContain("[fr→uk] Bonjour Olena, le magasin Tang Frères");
    expect(translated).toContain("🌐 Перекладено автоматично");
    expect(sentToProvider()).not.toContain("Olena");

    const requests = lt.requestsTo("/translate").length;
    const asWritten = await tgSays(COORD, { text: `répondre ${code} = Merci, à jeudi !` });
    expect(asWritten).toContain("telle quelle (sans traduction)");
    const received = await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("à jeudi")));
    expect(received).toBe("💬 Відповідь команди Migracoop:\n\nMerci, à jeudi !");
    expect(lt.requestsTo("/translate").length).toBe(requests);
  });

  it("shows the thread in the console with the translations under the originals, and answers translated or as written", async () => {
    const { prisma } = svc.service.deps;
    const thread = await prisma.relayThread.findFirstOrThrow({ where: { person: { firstName: "Olena" } } });
    const cookie = await coordinatorSession();
    const page = await (await get(svc.baseUrl, `/console/inbox/${thread.id}`, cookie)).text();
    const original = page.indexOf(UKRAINIAN);
    const translation = page.indexOf(`[uk→fr] ${UKRAINIAN}`);
    expect(original).toBeGreaterThan(0);
    expect(translation).toBeGreaterThan(original);
    expect(page.slice(original, translation)).toContain("Traduction automatique");
    expect(page).toContain(`[uk→fr] ${WITH_NUMBER}`);
    expect(page).toContain('name="as_written" value="1"');

    const requests = lt.requestsTo("/translate").length;
    let res = await postForm(svc.baseUrl, `/console/inbox/${thread.id}/answer`, cookie, { _csrf: csrfOf(page), text: "Le magasin ouvre à 10 h.", as_written: "1" });
    expect(res.status).toBe(303);
    expect(await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("Le magasin ouvre")))).toBe("💬 Відповідь команди Migracoop:\n\nLe magasin ouvre à 10 h.");
    expect(lt.requestsTo("/translate").length).toBe(requests);

    res = await postForm(svc.baseUrl, `/console/inbox/${thread.id}/answer`, cookie, { _csrf: csrfOf(page), text: "Prenez le métro 7." });
    expect(res.status).toBe(303);
    expect(await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("[fr→uk] Prenez le métro 7.")))).toContain("🌐 Перекладено автоматично");
  });
});

describe("an application in Arabic", () => {
  let applicationId: string;

  it("reaches the French coordinator in the chat's review with the project translated, marked automatic", async () => {
    await tgSays(APPLICANT, { text: "مرحبا", lang: "ar" });
    await tgSays(APPLICANT, { choice: "lang:ar" });
    await tgSays(APPLICANT, { choice: "menu:enrol" });
    await tgSays(APPLICANT, { choice: "consent:yes" });
    await tgSays(APPLICANT, { text: "نور", lang: "ar" });
    await tgSays(APPLICANT, { choice: "enrol:skip" });
    await tgSays(APPLICANT, { choice: "opt:beginner" });
    await tgSays(APPLICANT, { text: `${ARABIC_PROJECT}، اسمي نور`, lang: "ar" });
    await tgSays(APPLICANT, { choice: "opt:catering" });
    await tgSays(APPLICANT, { choice: "opt:some" });
    await tgSays(APPLICANT, { choice: "opt:half_days" });
    await tgSays(APPLICANT, { choice: "enrol:skip" });
    await tgSays(APPLICANT, { choice: "enrol:send" });
    const application = await eventually(() => svc.service.deps.prisma.application.findFirst({ where: { status: "submitted", person: { firstName: "نور" } } }));
    applicationId = application.id;

    const detail = await tgSays(COORD, { choice: `rv:${applicationId}` });
    expect(detail).toContain(ARABIC_PROJECT);
    expect(detail).toContain(`🌐 Traduction automatique du projet :\n[ar→fr] ${ARABIC_PROJECT}، اسمي نور`);
    // Her name in her own words went to the provider as a mark.
    expect(sentToProvider()).toContain(`${ARABIC_PROJECT}، اسمي [[1]]`);
    expect(sentToProvider()).not.toContain("نور\"");
  });

  it("shows the project's translation on the console's Applications page", async () => {
    const cookie = await coordinatorSession();
    const page = await (await get(svc.baseUrl, "/console/applications", cookie)).text();
    expect(page).toContain(`[ar→fr] ${ARABIC_PROJECT}، اسمي نور`);
    expect(page).toContain("🌐 Traduction automatique :");
  });
});

describe("refusal and erasure", () => {
  it("translates nothing of Olena's once she refused, either way, and says so", async () => {
    const answer = await waSays("🚫 Без перекладу", "bridge:refuse");
    expect(answer).toContain("більше не перекладатимуться");
    const requests = lt.requestsTo("/translate").length;
    const text = "Дякую, я знайшла посуд у тому магазині";
    await waSays(text);
    const forwarded = await eventually(() => tgTexts(COORD).find((t) => t.includes(text)));
    expect(forwarded).not.toContain("🌐");
    await tgSays(COORD, { text: `répondre ${code} Très bien, bonne journée.` });
    expect(await eventually(() => waTexts(OLENA_WA).find((t) => t.includes("bonne journée")))).toBe("💬 Відповідь команди Migracoop:\n\nTrès bien, bonne journée.");
    expect(lt.requestsTo("/translate").length).toBe(requests);
  });

  it("erases the stored translations of her words and of the answers to her with her data", async () => {
    const { prisma } = svc.service.deps;
    const olena = await prisma.person.findFirstOrThrow({ where: { firstName: "Olena" } });
    expect(await prisma.translation.count({ where: { ownerId: olena.id } })).toBeGreaterThanOrEqual(4);
    expect(await waSays("Видалити мої дані", "erase:ask")).toContain("?");
    await postWhatsApp(svc.baseUrl, waTextBody(OLENA_WA, "Так", { buttonId: PAYLOAD_PREFIX + "erase:yes" }));
    await eventually(async () => ((await prisma.person.findUniqueOrThrow({ where: { id: olena.id } })).erasedAt ? true : undefined));
    expect(await prisma.translation.count({ where: { ownerId: olena.id } })).toBe(0);
    // The applicant's stay.
    const nour = await prisma.person.findFirstOrThrow({ where: { firstName: "نور" } });
    expect(await prisma.translation.count({ where: { ownerId: nour.id } })).toBeGreaterThan(0);
  });
});
