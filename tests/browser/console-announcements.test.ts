/**
 * The Announcements page in a real browser (Debian's Chromium, driven by playwright-core), against the
 * real service, PostgreSQL, Redis, fake WhatsApp and Telegram servers and a fake LibreTranslate: a
 * coordinator composes an announcement to her cohort, previews it per language, asks for automatic
 * drafts, corrects and accepts one, sends, and watches the progress update itself to the end (the
 * live region's script, no reload). axe-core finds no serious or critical violation at 1280×800 and
 * 390×844; nothing scrolls sideways at 360 px. Screenshots go to test-artifacts/console-announcements-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../fakes/libretranslate-server.ts";
import { checkOnBothScreens, LAPTOP, launchBrowser } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath } from "../support/console.ts";
import { startWithPlatforms } from "../support/platforms.ts";
import { eventually } from "../support/service.ts";

const ORIGINAL = "La formation de jeudi commence à 10 h au lieu de 9 h 30. Apportez vos cahiers.";
const ARABIC = "يبدأ تدريب يوم الخميس الساعة 10 بدلاً من 9:30. أحضروا دفاتركم.";

type Started = Awaited<ReturnType<typeof startWithPlatforms>>;
let s: Started;
let lt: FakeLibreTranslate;
let browser: Browser;
let signInPath = "";

beforeAll(async () => {
  lt = await startFakeLibreTranslate();
  // PUBLIC_URL on http: the browser talks to the test server over plain HTTP (no Secure cookie, no upgrade).
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, PUBLIC_URL: "http://127.0.0.1", TRANSLATE_PROVIDERS: "libretranslate", LIBRETRANSLATE_URL: lt.url } });
  const { prisma } = s.svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [{
      key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2030-03-01", sessions: [],
      members: [
        { channel: "whatsapp", externalId: "33670000001", name: "Fatima", locale: "ar" },
        { channel: "whatsapp", externalId: "33670000002", name: "Awa", locale: "fr" },
        { channel: "telegram", externalId: "67000003", name: "Olena", locale: "uk" },
        { channel: "telegram", externalId: "67000004", name: "Rahim", locale: "fa" },
      ],
      coordinators: [{ channel: "telegram", externalId: "67000009", name: "Amina", locale: "fr" }],
    }],
  });
  const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
  const made = await createSignInLink(prisma, amina.id, "http://127.0.0.1", new Date());
  if (!("url" in made)) throw new Error("no link");
  signInPath = linkPath(made.url);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await lt?.close();
});

describe("Announcements in Chromium", () => {
  let page: Page;
  const cspErrors: string[] = [];

  it("composes an announcement to her cohort and previews who gets which version", async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR" });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    await page.goto(`${s.svc.baseUrl}${signInPath}`);
    await page.getByRole("navigation").getByRole("link", { name: "Annonces" }).click();
    await page.waitForURL(/\/console\/announcements$/);
    expect(await page.locator("h1").textContent()).toBe("Annonces");
    await checkOnBothScreens(page, "console-announcements-index");

    await page.getByLabel("À qui ?").selectOption({ label: "Coopérative Belleville" });
    await page.getByRole("textbox", { name: "Votre texte" }).fill(ORIGINAL);
    await page.getByRole("button", { name: "Continuer" }).click();
    await page.waitForURL(/\/console\/announcements\/drafts\/[0-9a-f-]{36}\?done=saved$/);
    expect(await page.locator("h1").textContent()).toBe("Préparer l'annonce");
    const preview = page.getByRole("table", { name: "Aperçu" });
    expect(await preview.locator("tbody tr").count()).toBe(4);
    expect(await preview.locator("tbody tr", { hasText: "العربية" }).textContent()).toContain("Votre texte original, avec une phrase dans leur langue");
    expect(await page.getByRole("button", { name: "Envoyer à 4 personnes" }).isVisible()).toBe(true);
    await checkOnBothScreens(page, "console-announcements-draft");
  });

  it("asks for automatic drafts, shows them as such, and accepts the Arabic one once corrected", async () => {
    await page.getByRole("button", { name: "Proposer des brouillons dans chaque langue du public" }).click();
    await page.waitForURL(/done=drafts_ready/);
    expect(await page.getByRole("status").textContent()).toContain("Brouillons automatiques prêts");
    const arabic = page.getByRole("textbox", { name: "Brouillon automatique : العربية" });
    expect(await arabic.inputValue()).toBe(`[fr→ar] ${ORIGINAL}`);
    expect(await page.getByRole("group", { name: "Brouillon automatique : Українська" }).locator(".badge").textContent()).toBe("Brouillon automatique");
    await checkOnBothScreens(page, "console-announcements-auto-drafts");

    await arabic.fill(ARABIC);
    await page.getByRole("button", { name: "Accepter la version العربية" }).click();
    await page.waitForURL(/done=accepted/);
    expect(await page.getByRole("textbox", { name: "Version : العربية" }).inputValue()).toBe(ARABIC);
    const preview = page.getByRole("table", { name: "Aperçu" });
    expect(await preview.locator("tbody tr", { hasText: "العربية" }).textContent()).toContain("La version dans leur langue");
    expect(await preview.locator("tbody tr", { hasText: "Українська" }).textContent()).toContain("attend votre accord");
  });

  it("sends, then shows the progress updating itself to the end, with the report", async () => {
    s.wa.latencyMs = 2500; // slow enough to see the sending under way
    await page.getByRole("button", { name: "Envoyer à 4 personnes" }).click();
    await page.waitForURL(/\/console\/announcements\/[0-9a-f-]{36}\?done=sent$/);
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    const live = page.locator("[data-live]");
    expect(await live.getAttribute("aria-live")).toBe("polite");
    expect(await live.textContent()).toContain("Envoi en cours");
    await checkOnBothScreens(page, "console-announcements-sending");
    await live.locator("[data-live-done]").waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const figures = await live.locator("dl div").allTextContents();
    expect(figures).toContain("Envoyés4");
    expect(figures).toContain("Échecs0");
    expect(figures).toContain("En attente0");
    expect(await live.textContent()).toContain("Aucun échec.");
    await checkOnBothScreens(page, "console-announcements-done");
    // Each person, on their platform, in the version they should get; the Ukrainian draft never accepted was not sent.
    await eventually(() => s.wa.sent().length === 2 && s.tg.callsTo("sendMessage").some((c) => String(c.params["chat_id"]) === "67000004"));
    expect(JSON.stringify(s.wa.sent().find((m) => m["to"] === "33670000001"))).toContain(ARABIC);
    const olena = s.tg.callsTo("sendMessage").find((c) => String(c.params["chat_id"]) === "67000003");
    expect(String(olena?.params["text"])).toContain(ORIGINAL);
    expect(String(olena?.params["text"])).not.toContain("[fr→uk]");
    expect(cspErrors).toEqual([]);
  });
});
