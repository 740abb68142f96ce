/**
 * The console's Impact, Audit log and Queues pages in a real browser (Debian's Chromium, driven by
 * playwright-core), against the real service, PostgreSQL and Redis: axe-core finds no serious or
 * critical violation on Impact, the report it opens, and the Audit log at 390×844 and 1280×800; nothing
 * scrolls sideways at 360 px; the report's inline styles apply under its hash-only policy (the browser
 * reports no CSP violation, and its cards are styled); bull-board loads for an admin, lists the
 * service's queues, pauses one from its own button (same-origin, audited) and leads back to the
 * console from its menu, with no CSP violation;
 * a coordinator gets the refusal page. Screenshots go to test-artifacts/console-{impact,audit,queues}-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignInLink } from "../../src/signin/links.ts";
import { ARTIFACTS, checkOnBothScreens, LAPTOP, launchBrowser } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath, personWithRole } from "../support/console.ts";
import { eventually, startTestService, type TestService } from "../support/service.ts";
import { MEDIUM, SMALL } from "../integration/reports/impact/fixtures.ts";
import { seedProgramme } from "../integration/reports/impact/support.ts";

const NOW = new Date("2026-12-01T09:00:00Z");

let svc: TestService;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // PUBLIC_URL on http: the browser talks to the test server over plain HTTP (no Secure cookie, no upgrade).
  svc = await startTestService({ env: { ...CONSOLE_ENV, PUBLIC_URL: "http://127.0.0.1" }, now: () => NOW });
  const { prisma } = svc.service.deps;
  await seedProgramme(prisma, [SMALL, MEDIUM]);
  ids["Amina"] = (await personWithRole(prisma, "890000001", "coordinator", "Amina")).id;
  ids["Marc"] = (await personWithRole(prisma, "890000002", "admin", "Marc")).id;
  const petite = await prisma.cohort.findUniqueOrThrow({ where: { key: "petite" } });
  await prisma.membership.create({ data: { cohortId: petite.id, personId: ids["Amina"]!, role: "coordinator" } });
  await prisma.auditLog.createMany({
    data: [
      { actorId: ids["Amina"], action: "application.accepted", subject: "1f0c2b7e-5d1a-4c39-9a57-2b8a4d3e6f10", at: new Date("2026-11-28T10:00:00Z") },
      { actorId: ids["Amina"], action: "relay.answer", subject: "7d2e9c41-0b3f-4a8e-8c65-91f4e2a7b3d5", at: new Date("2026-11-29T10:00:00Z"), details: { note: "<b>long</b> ".repeat(12) } },
      { actorId: null, action: "cohort.ended", subject: "petite", at: new Date("2026-11-30T12:00:00Z"), details: { via: "admin" } },
    ],
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** A signed-in browser tab for this person, collecting the CSP violations the browser reports. */
async function signedIn(name: string): Promise<{ context: BrowserContext; page: Page; csp: string[] }> {
  const made = await createSignInLink(svc.service.deps.prisma, ids[name]!, "http://127.0.0.1", NOW);
  if (!("url" in made)) throw new Error("refused");
  const context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const csp: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text());
  });
  await page.goto(`${svc.baseUrl}${linkPath(made.url)}`);
  expect(new URL(page.url()).pathname).toBe("/console");
  return { context, page, csp };
}

describe("Impact, Audit log and Queues in Chromium", () => {
  it("Impact: a coordinator opens her cohort's anonymous report from the page; both pass axe and fit a phone", async () => {
    const { context, page, csp } = await signedIn("Amina");
    try {
      await page.getByRole("link", { name: "Impact" }).click();
      await page.waitForURL(/\/console\/impact$/);
      expect(await page.locator("h1").textContent()).toBe("Rapport d’impact");
      expect(await page.getByLabel("Coopérative").locator("option").allTextContents()).toEqual(["Coopérative Petite"]);
      await checkOnBothScreens(page, "console-impact");
      await page.getByRole("link", { name: "Ouvrir le rapport" }).click();
      await page.waitForURL(/\/console\/impact\/report\?cohort=petite$/);
      expect(await page.locator("h1").textContent()).toBe("Rapport d’impact");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("< 5");
      expect(text).not.toContain("Amal");
      // Its inline stylesheet applies under the hash-only policy: a card has its white background.
      expect(await page.locator(".card").first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)).toBe("rgb(255, 255, 255)");
      await checkOnBothScreens(page, "console-impact-report");
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("Audit log: entries and filters pass axe and fit a phone; a filter narrows the list", async () => {
    const { context, page, csp } = await signedIn("Marc");
    try {
      await page.getByRole("link", { name: "Journal" }).click();
      await page.waitForURL(/\/console\/audit$/);
      expect(await page.locator("h1").textContent()).toBe("Journal des actions");
      await checkOnBothScreens(page, "console-audit");
      await page.getByLabel("Action").selectOption({ label: "Réponse dans une conversation" });
      await page.getByRole("button", { name: "Afficher" }).click();
      await page.waitForURL(/action=relay\.answer/);
      expect(await page.locator("ol.audit > li").count()).toBe(1);
      expect(await page.locator("ol.audit > li").textContent()).toContain("<b>long</b>");
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("Queues: bull-board loads for an admin with the service's queues and pauses one from its own button; a coordinator is refused", async () => {
    const { context, page, csp } = await signedIn("Marc");
    try {
      await page.getByRole("link", { name: "Files d’attente" }).click();
      await page.waitForURL(/\/console\/queues$/);
      for (const name of ["inbound", "fires", "broadcasts", "outbound-telegram"]) await page.getByText(name, { exact: true }).first().waitFor();
      await page.screenshot({ path: `${ARTIFACTS}console-queues-1280.png`, fullPage: true });
      // Its own button: the queue's menu, "Pause", confirmed; the request is same-origin, so it goes through, and is audited.
      await page.getByRole("navigation").getByRole("link", { name: "fires", exact: true }).click();
      await page.waitForURL(/\/console\/queues\/queue\/fires$/);
      await page.getByRole("main").getByRole("button").last().click();
      await page.getByRole("menuitem", { name: "Pause" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Confirmer" }).click();
      await eventually(async () => (await svc.service.queues.fires.isPaused()) || undefined);
      // Redis says paused as soon as the handler ran; the audit row is written before the answer leaves (onSend), a moment later.
      const audited = await eventually(() => svc.service.deps.prisma.auditLog.findFirst({ where: { action: "queues.changed", actorId: ids["Marc"] } }).then((a) => a ?? undefined));
      expect(audited.subject).toBe("fires");
      await page.screenshot({ path: `${ARTIFACTS}console-queues-fires-paused-1280.png`, fullPage: true });
      // The way back: the dashboard's menu holds a link to the console.
      await page.getByRole("banner").getByRole("button").last().click();
      await page.getByRole("menuitem", { name: "Retour à la console" }).click();
      await page.waitForURL(/\/console$/);
      await svc.service.queues.fires.resume();
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
    const coordinator = await signedIn("Amina");
    try {
      const res = await coordinator.page.goto(`${svc.baseUrl}/console/queues`);
      expect(res?.status()).toBe(403);
      expect(await coordinator.page.locator("main").textContent()).toContain("réservées à l’administration");
    } finally {
      await coordinator.context.close();
    }
  });
});
