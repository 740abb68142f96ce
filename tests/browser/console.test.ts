/**
 * The coordinators' web console in a real browser (Debian's Chromium, driven by playwright-core), against
 * the real service, PostgreSQL, Redis and a fake Telegram: a coordinator asks the bot for a link, signs in
 * with it, sees Today with her cohort's data, opens Applications from Today and accepts one (the applicant's
 * Telegram is told, in Arabic), opens the Inbox from Today, opens a thread and answers it (the person's
 * Telegram receives it), and signs out; the link then no longer works. axe-core finds
 * no serious or critical violation at 1280 and 420 px, and nothing scrolls sideways on a phone.
 * Screenshots go to test-artifacts/console-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { importProgramme } from "../../src/programme/import.ts";
import { salesCsv } from "../../src/sales/export.ts";
import { ARTIFACTS, LAPTOP, launchBrowser, seriousViolations, sidewaysScroll } from "../support/browser.ts";
import { CONSOLE_ENV } from "../support/console.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../support/platforms.ts";
import { eventually } from "../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const COORD = 64000009;
const AWA_WA = "33612340001";
const NADIA = 640000050;
const LINK = /http:\/\/127\.0\.0\.1\/console\/login\/[A-Za-z0-9_-]{43}/;

type Started = Awaited<ReturnType<typeof startWithPlatforms>>;
let s: Started;
let browser: Browser;
let linkPath = "";

const inDays = (n: number, hour = 9) => new Date(Date.UTC(2026, 11, 1 + n, hour)).toISOString();

beforeAll(async () => {
  // PUBLIC_URL on http: the browser talks to the test server over plain HTTP (no Secure cookie, no upgrade).
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, PUBLIC_URL: "http://127.0.0.1" }, now: () => NOW });
  const { prisma } = s.svc.service.deps;
  const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });
  await importProgramme(prisma, {
    cohorts: [{
      key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01",
      sessions: [
        { key: "s1", title: "Fixer ses prix", startsAt: inDays(2), endsAt: inDays(2, 12), location: "12 rue de la Fontaine au Roi, Paris 11e" },
        { key: "s2", title: "Hygiène et sécurité alimentaire", startsAt: inDays(6), endsAt: inDays(6, 12), location: "Maison des associations" },
      ],
      members: [{ channel: "whatsapp" as const, externalId: AWA_WA, name: "Awa", locale: "fr" }, m("640000002", "Binta"), m("640000003", "Chidi", "en"), m("640000004", "Dara", "fa")],
      coordinators: [m(String(COORD), "Amina")],
    }],
  });
  const byName = (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [awa, binta, chidi] = [await byName("Awa"), await byName("Binta"), await byName("Chidi")];
  const s1 = await prisma.trainingSession.findFirstOrThrow({ where: { key: "s1" } });
  await prisma.rsvp.createMany({ data: [{ sessionId: s1.id, personId: awa.id, answer: "yes" }, { sessionId: s1.id, personId: binta.id, answer: "no" }, { sessionId: s1.id, personId: chidi.id, answer: "maybe" }] });
  const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
  // Awa wrote on WhatsApp 45 minutes ago: her 24-hour window is open, so a free-form answer reaches her.
  await prisma.identity.updateMany({ where: { personId: awa.id }, data: { lastInboundAt: ago(45) } });
  await prisma.relayThread.create({ data: { personId: awa.id, openedAt: ago(45), messages: { create: [{ direction: "in", text: "Bonjour, je peux venir avec ma fille samedi ?", createdAt: ago(45) }] } } });
  const nadia = await prisma.person.create({ data: { firstName: "Nadia", locale: "ar", stage: "applicant", identities: { create: { channel: "telegram", externalId: String(NADIA) } } } });
  await prisma.application.create({ data: { personId: nadia.id, status: "submitted", submittedAt: ago(600), answers: { create: [
    { questionKey: "first_name", value: "Nadia", answeredAt: ago(610) },
    { questionKey: "languages", value: "arabe, un peu d'anglais", answeredAt: ago(609) },
    { questionKey: "french_level", value: "beginner", answeredAt: ago(608) },
    { questionKey: "project", value: "Un service traiteur de pâtisseries syriennes pour les fêtes et les entreprises du quartier.", answeredAt: ago(607) },
    { questionKey: "sector", value: "catering", answeredAt: ago(606) },
    { questionKey: "availability", value: "half_days", answeredAt: ago(605) },
  ] } } });
  await prisma.outboundMessage.create({ data: { idempotencyKey: "b-f1", personId: binta.id, channel: "telegram", externalId: "640000002", intent: {}, status: "failed", errorCode: "telegram.403", errorMessage: "Forbidden: bot was blocked by the user", failedAt: ago(30) } });
  const cohort = await prisma.cohort.findUniqueOrThrow({ where: { key: "bv" } });
  await prisma.checkIn.create({ data: { personId: chidi.id, cohortId: cohort.id, offset: "P3M", sentAt: ago(3000), answeredAt: ago(2000), needsHelp: true } });
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  await prisma.transaction.createMany({ data: [
    { personId: awa.id, cohortId: cohort.id, kind: "sale", item: "thiéboudienne", quantity: 3, unitPriceCents: 1200, amountCents: 3600, occurredOn: day("2026-11-20") },
    { personId: awa.id, cohortId: cohort.id, kind: "expense", item: "riz", amountCents: 850, occurredOn: day("2026-11-21") },
    { personId: binta.id, cohortId: cohort.id, kind: "sale", item: "bissap", amountCents: 123_450, occurredOn: day("2026-11-22") },
    { personId: binta.id, cohortId: cohort.id, kind: "sale", amountCents: 99_900, occurredOn: day("2026-11-22"), undoneAt: ago(60) },
  ] });

  // The coordinator asks the bot for a link, on Telegram.
  await postTelegram(s.svc.baseUrl, tgTextUpdate(COORD, "console", "fr"));
  const text = await eventually(() => s.tg.callsTo("sendMessage").map((c) => String(c.params["text"])).find((t) => LINK.test(t)));
  linkPath = new URL(LINK.exec(text)![0]).pathname;

  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

describe("the console in Chromium", () => {
  let context: Awaited<ReturnType<Browser["newContext"]>>;
  let page: Page;
  const cspErrors: string[] = [];

  it("signs in with the link from the bot and shows Today with the cohort's data", async () => {
    context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR" });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    const response = await page.goto(`${s.svc.baseUrl}${linkPath}`);
    expect(new URL(page.url()).pathname).toBe("/console");
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Aujourd'hui");
    const sessions = page.locator("#sessions").locator("..");
    await expect(sessions.textContent()).resolves.toContain("Fixer ses prix");
    expect(await page.locator("section[aria-labelledby=sessions] dd").allTextContents()).toEqual(["1", "1", "1", "1", "0", "0", "0", "4"]);
    expect(await page.locator("section[aria-labelledby=threads]").textContent()).toContain("je peux venir avec ma fille");
    expect(await page.locator("section[aria-labelledby=applications]").textContent()).toContain("Nadia");
    expect(await page.locator("section[aria-labelledby=failures]").textContent()).toContain("Bot bloqué ou numéro injoignable");
    expect(await page.locator("section[aria-labelledby=help]").textContent()).toContain("Chidi");
    // The stylesheet served by the service applies under the CSP, and the browser reports no CSP violation.
    expect(await page.locator("header.top").evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe("rgb(20, 83, 45)");
    expect(cspErrors).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-today-1280.png`, fullPage: true });
  });

  for (const width of [1280, 420, 360]) {
    it(`has no serious or critical axe violation and no sideways scroll (${width} px wide)`, async () => {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      await page.goto(`${s.svc.baseUrl}/console`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}console-today-${width}.png`, fullPage: true });
    });
  }

  it("opens Applications from Today's card, sees the answers and accepts one: the applicant's Telegram is told", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.svc.baseUrl}/console`);
    await page.locator("section[aria-labelledby=applications]").getByRole("link").click();
    await page.waitForURL(/\/console\/applications$/);
    expect(await page.locator("h1").textContent()).toBe("Candidatures");
    const card = page.locator("article.application", { hasText: "Nadia" });
    expect(await card.textContent()).toContain("pâtisseries syriennes");
    expect(await card.textContent()).toContain("Cuisine, traiteur");
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}console-applications-${width}.png`, fullPage: true });
    }
    // Declining tells the applicant at once: the button is behind a disclosure that says so.
    expect(await card.getByRole("button", { name: "Oui, refuser Nadia" }).isVisible()).toBe(false);
    await card.getByText("Refuser Nadia…").click();
    expect(await card.getByText("Nadia sera prévenu·e tout de suite").isVisible()).toBe(true);
    expect(await card.getByRole("button", { name: "Oui, refuser Nadia" }).isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-applications-decline-open-420.png`, fullPage: true });
    await card.getByText("Refuser Nadia…").click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await card.getByLabel("Coopérative").selectOption({ label: "Coopérative Belleville" });
    await card.getByRole("button", { name: "Accepter Nadia" }).click();
    await page.waitForURL(/\/console\/applications\?done=accepted$/);
    expect(await page.getByRole("status").textContent()).toContain("Candidature acceptée");
    expect(await page.locator("article.application", { hasText: "Nadia" }).count()).toBe(0);
    const told = await eventually(() => s.tg.callsTo("sendMessage").map((c) => c.params).find((p) => String(p["chat_id"]) === String(NADIA)));
    expect(String(told["text"])).toContain("Coopérative Belleville");
    expect(String(told["text"])).toBe(s.svc.service.deps.i18n.getFixedT("ar")("application.accepted", { cohort: "Coopérative Belleville" }));
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}console-applications-accepted-${width}.png`, fullPage: true });
    }
    await page.goto(`${s.svc.baseUrl}/console/applications?status=accepted`);
    expect(await page.locator("article.application", { hasText: "Nadia" }).textContent()).toContain("Coopérative Belleville");
    expect(cspErrors).toEqual([]);
  });

  it("opens the Inbox from Today's card, opens a thread and answers it: the person's WhatsApp receives the answer", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.svc.baseUrl}/console`);
    await page.locator("section[aria-labelledby=threads]").getByRole("link", { name: "Ouvrir les messages" }).click();
    await page.waitForURL(/\/console\/inbox$/);
    expect(await page.locator("h1").textContent()).toBe("Messages");
    const card = page.locator("article.thread", { hasText: "Awa" });
    expect(await card.textContent()).toContain("je peux venir avec ma fille");
    expect(await card.textContent()).toContain("Attend une réponse");
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}console-inbox-${width}.png`, fullPage: true });
    }
    await card.getByRole("link", { name: "Awa" }).click();
    await page.waitForURL(/\/console\/inbox\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Awa");
    expect(await page.locator(".conversation").textContent()).toContain("je peux venir avec ma fille");
    const answer = "Oui, bien sûr, elle est la bienvenue.";
    await page.getByLabel("Répondre à Awa").fill(answer);
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}console-thread-${width}.png`, fullPage: true });
    }
    await page.getByRole("button", { name: "Envoyer la réponse" }).click();
    await page.waitForURL(/\/console\/inbox\/[0-9a-f-]{36}\?done=sent$/);
    expect(await page.getByRole("status").textContent()).toContain("Réponse envoyée");
    expect(await page.locator(".msg-out").last().textContent()).toContain(answer);
    const told = await eventually(() => s.wa.sent().find((m) => m["to"] === AWA_WA));
    expect(told["type"]).toBe("text");
    expect((told["text"] as { body: string }).body).toBe(s.svc.service.deps.i18n.getFixedT("fr")("relay.from_team", { text: answer }));
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}console-thread-answered-${width}.png`, fullPage: true });
    }
    expect(cspErrors).toEqual([]);
  });

  it("opens Sales from the navigation: each member's figures and the cohort's totals, readable on a phone", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.svc.baseUrl}/console`);
    await page.getByRole("navigation").getByRole("link", { name: "Ventes" }).click();
    await page.waitForURL(/\/console\/sales$/);
    expect(await page.locator("h1").textContent()).toBe("Ventes");
    const region = page.getByRole("region", { name: "Ventes et dépenses par membre, Coopérative Belleville" });
    expect((await region.locator("tfoot").textContent())?.replace(/\s+/g, " ")).toContain("Total de la coopérative");
    // Awa and Binta's figures (Binta's undone sale left out); Chidi, Dara and Nadia (accepted above), nothing yet, with zeros.
    const cells = async (name: string) => (await region.locator("tbody tr", { hasText: name }).locator("th, td").allTextContents()).map((c) => c.replace(/\s+/g, " "));
    expect(await cells("Binta")).toEqual(["Binta", "1", "1 234,50 €", "0,00 €"]);
    expect(await cells("Awa")).toEqual(["Awa", "1", "36,00 €", "8,50 €"]);
    expect(await region.locator("tbody tr").count()).toBe(5);
    for (const width of [1280, 420]) {
      await page.setViewportSize({ width, height: width > 800 ? 800 : 844 });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${ARTIFACTS}console-sales-${width}.png`, fullPage: true });
    }
    // The date filter, a plain GET form; then a bad date, said plainly.
    await page.setViewportSize({ width: 420, height: 844 });
    await page.goto(`${s.svc.baseUrl}/console/sales?from=2026-11-22`);
    expect(await cells("Awa")).toEqual(["Awa", "0", "0,00 €", "0,00 €"]);
    expect(await cells("Binta")).toEqual(["Binta", "1", "1 234,50 €", "0,00 €"]);
    await page.goto(`${s.svc.baseUrl}/console/sales?from=2026-11-31`);
    expect(await page.getByRole("alert").textContent()).toContain("n’est pas une date");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-sales-bad-date-420.png`, fullPage: true });
  });

  it("downloads the CAE's sales CSV from the Sales page: the same file as `admin -- export sales`", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${s.svc.baseUrl}/console/sales`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('a[href^="/console/sales.csv"]').first().click()]);
    expect(download.suggestedFilename()).toBe("sales-bv.csv");
    const file = await readFile((await download.path())!, "utf8");
    const cohort = await s.svc.service.deps.prisma.cohort.findUniqueOrThrow({ where: { key: "bv" } });
    expect(file).toBe((await salesCsv(s.svc.service.deps.prisma, { cohortIds: [cohort.id] })).csv);
    expect(file).toContain("thiéboudienne");
    expect(file).not.toContain("99900");
  });

  it("signs out with the button (a form with its CSRF token); the console and the used link are then refused", async () => {
    await page.setViewportSize({ width: 420, height: 844 });
    await page.goto(`${s.svc.baseUrl}/console`);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/console\/signed-out\?lang=fr$/);
    expect(await page.locator("h1").textContent()).toBe("Vous êtes déconnecté·e");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-signed-out-420.png`, fullPage: true });
    const again = await page.goto(`${s.svc.baseUrl}/console`);
    expect(again?.status()).toBe(401);
    const used = await page.goto(`${s.svc.baseUrl}${linkPath}`);
    expect(used?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("Lien déjà utilisé");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-link-used-420.png`, fullPage: true });
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
