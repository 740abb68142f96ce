/**
 * The Inbox's live updates in a real browser (Debian's Chromium, driven by playwright-core), against the
 * real service, PostgreSQL, Redis and the fake WhatsApp: a participant's message sent through the
 * WhatsApp webhook appears in the open list and in the open thread without a reload (the page's own
 * script, console/live.ts, refreshes the live regions), with the unread count and the navigation's badge;
 * without script, the refresh link shows it. axe-core finds no serious or critical violation at 390×844
 * and 1280×800, and nothing scrolls sideways. Screenshots go to test-artifacts/console-inbox-live-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { ARTIFACTS, LAPTOP, launchBrowser, PHONE, seriousViolations, sidewaysScroll } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath } from "../support/console.ts";
import { postWhatsApp, startWithPlatforms, waTextBody } from "../support/platforms.ts";
import { eventually } from "../support/service.ts";

const FATOU = "33612340001";
const PUBLIC_URL = "http://127.0.0.1";

let s: Awaited<ReturnType<typeof startWithPlatforms>>;
let browser: Browser;
let threadId = "";

beforeAll(async () => {
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, PUBLIC_URL } });
  const { prisma } = s.svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [{
      key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [],
      members: [{ channel: "whatsapp", externalId: FATOU, name: "Fatou", locale: "fr" }],
      coordinators: [{ channel: "telegram", externalId: "643000009", name: "Amina", locale: "fr" }],
    }],
  });
  const fatou = await prisma.person.findFirstOrThrow({ where: { firstName: "Fatou" } });
  const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
  const ago = (min: number) => new Date(Date.now() - min * 60_000);
  const thread = await prisma.relayThread.create({ data: { personId: fatou.id, openedAt: ago(30), messages: { create: [
    { direction: "in", authorId: fatou.id, text: "Bonjour, je voudrais parler à quelqu'un.", createdAt: ago(30) },
    { direction: "out", authorId: amina.id, text: "Bonjour Fatou, je vous écoute.", createdAt: ago(20) },
  ] } } });
  threadId = thread.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

async function signedIn(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const { prisma } = s.svc.service.deps;
  const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
  const made = await createSignInLink(prisma, amina.id, PUBLIC_URL, new Date());
  if (!("url" in made)) throw new Error("refused");
  const context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR", javaScriptEnabled });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${s.svc.baseUrl}${linkPath(made.url)}`);
  expect(new URL(page.url()).pathname).toBe("/console");
  return { context, page };
}

/** Fatou writes through the signed WhatsApp webhook; resolves when the message is in the thread. */
async function fatouWrites(text: string) {
  expect((await postWhatsApp(s.svc.baseUrl, waTextBody(FATOU, text, { name: "Fatou" }))).status).toBe(200);
  await eventually(() => s.svc.service.deps.prisma.relayMessage.findFirst({ where: { threadId, text } }));
}

/** Marks the page's window: the mark is still there when the page was not reloaded. */
const mark = (page: Page) => page.evaluate(() => ((globalThis as unknown as { liveMark: number }).liveMark = 42));
const stillMarked = (page: Page) => page.evaluate(() => (globalThis as unknown as { liveMark?: number }).liveMark === 42);

async function checkBothScreens(page: Page, name: string) {
  for (const size of [PHONE, LAPTOP]) {
    await page.setViewportSize(size);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTIFACTS}console-inbox-live-${name}-${size.width}.png`, fullPage: true });
  }
}

describe("the Inbox, live, in Chromium", () => {
  it("shows a new WhatsApp message in the open list without reloading, counted as unread, with the navigation's badge", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${s.svc.baseUrl}/console/inbox`);
    const card = page.locator("article.thread", { hasText: "Fatou" });
    expect(await card.locator(".unread").count()).toBe(0);
    await mark(page);
    await fatouWrites("Est-ce que je peux apporter mes échantillons de bissap samedi ?");
    await card.getByText("Est-ce que je peux apporter mes échantillons de bissap samedi ?").waitFor();
    expect(await card.locator(".unread").textContent()).toBe("1 non lu");
    expect(await stillMarked(page)).toBe(true);
    // The badge is drawn with the page: it shows after the next page load.
    await page.goto(`${s.svc.baseUrl}/console/inbox`);
    expect(await page.getByRole("navigation").getByRole("link", { name: "Messages (1 conversation non lue)" }).count()).toBe(1);
    await checkBothScreens(page, "list");
    await context.close();
  });

  it("shows a new WhatsApp message in the open thread without reloading, and the thread is then read", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${s.svc.baseUrl}/console/inbox/${threadId}`);
    expect(await page.locator("h1").textContent()).toBe("Fatou");
    await mark(page);
    const text = "Mon frère peut garder la boutique mardi ?";
    await fatouWrites(text);
    await page.locator(".conversation .msg-in", { hasText: text }).waitFor();
    expect(await page.locator(".conversation .msg-in").last().textContent()).toContain(text);
    expect(await stillMarked(page)).toBe(true);
    await checkBothScreens(page, "thread");
    // Seen in the open thread: read for the team, so nothing unread in the list.
    await page.goto(`${s.svc.baseUrl}/console/inbox`);
    expect(await page.locator("article.thread", { hasText: "Fatou" }).locator(".unread").count()).toBe(0);
    expect(await page.getByRole("navigation").getByRole("link", { name: "Messages", exact: true }).count()).toBe(1);
    await context.close();
  });

  it("works without script: the refresh link shows the new message", async () => {
    const { context, page } = await signedIn(false);
    await page.goto(`${s.svc.baseUrl}/console/inbox/${threadId}`);
    const text = "Ma voisine voudrait venir aussi, elle fait de la couture.";
    await fatouWrites(text);
    expect(await page.locator(".conversation").textContent()).not.toContain(text);
    await page.getByRole("link", { name: "Actualiser" }).click();
    await page.locator(".conversation .msg-in", { hasText: text }).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}console-inbox-live-no-script-1280.png`, fullPage: true });
    await context.close();
  });
});
