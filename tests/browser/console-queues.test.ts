/**
 * The Queues page (bull-board, admins only) in a real browser (Debian's Chromium, driven by
 * playwright-core), against the real service, PostgreSQL and Redis: the queue list and one queue's job
 * lists (delayed jobs with their action buttons, a failed job with its error) pass axe-core with no
 * serious or critical violation at 390×844 and 1280×800, in the light theme and (one size) the dark
 * one, and do not scroll sideways at 360 px; the page speaks the admin's console language (`lang`,
 * bull-board's own texts, the names our script gives its icon buttons); our stylesheet applies and the
 * browser reports no CSP violation.
 * Screenshots go to test-artifacts/console-queues-{list,jobs,failed}-*.png and console-queues-failed-dark-1280.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BroadcastJob } from "../../src/queues/queues.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { ARTIFACTS, checkOnBothScreens, LAPTOP, launchBrowser, seriousViolations } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath, personWithRole } from "../support/console.ts";
import { eventually, startTestService, type TestService } from "../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const DELAYED = ["delayed-1", "delayed-2", "delayed-3"];
const FAILED = "failing-1";

let svc: TestService;
let browser: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // PUBLIC_URL on http: the browser talks to the test server over plain HTTP (no Secure cookie, no upgrade).
  svc = await startTestService({ env: { ...CONSOLE_ENV, PUBLIC_URL: "http://127.0.0.1" }, now: () => NOW });
  const { prisma } = svc.service.deps;
  ids["Marc"] = (await personWithRole(prisma, "892000001", "admin", "Marc", "fr")).id;
  ids["Grace"] = (await personWithRole(prisma, "892000002", "admin", "Grace", "en")).id;
  // A few jobs that stay in the list: progress checks of broadcasts, due in a day.
  for (const jobId of DELAYED) await svc.service.queues.broadcasts.add("progress", { broadcastId: randomUUID(), step: "progress" }, { jobId, delay: 86_400_000 });
  // And one that fails at once (it names no broadcast), kept in the failed list with its error.
  await svc.service.queues.broadcasts.add("fan-out", { step: "fan-out" } as unknown as BroadcastJob, { jobId: FAILED, attempts: 1 });
  await eventually(async () => ((await svc.service.queues.broadcasts.getFailedCount()) > 0 ? true : undefined));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** A signed-in browser tab for this person, collecting the CSP violations the browser reports. */
async function signedIn(name: string, locale: string, colorScheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; page: Page; csp: string[] }> {
  const made = await createSignInLink(svc.service.deps.prisma, ids[name]!, "http://127.0.0.1", NOW);
  if (!("url" in made)) throw new Error("refused");
  // The browser's own language is another one: what the page speaks must come from the console's.
  const context = await browser.newContext({ viewport: LAPTOP, locale, colorScheme });
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

/** At each size, the page loaded afresh (as a phone or a laptop opens it) and drawn (`ready`), then checked on both screens. */
const checkEverySize = (page: Page, name: string, ready: () => Promise<void>) =>
  checkOnBothScreens(page, `console-queues-${name}`, { ready: async () => { await page.reload(); await ready(); } });

describe("Queues (bull-board) in Chromium: accessible", () => {
  it("the queue list and a queue's jobs pass axe at 390×844 and 1280×800 and fit 360 px, in the admin's French", async () => {
    const { context, page, csp } = await signedIn("Marc", "en-US");
    try {
      // Drawn: the queues' cards, each with its menu button.
      const listReady = () => page.getByRole("button", { name: "Plus d’actions", exact: true }).nth(5).waitFor();
      await page.goto(`${svc.baseUrl}/console/queues`);
      await page.getByRole("navigation").getByRole("link", { name: "broadcasts", exact: true }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      // bull-board's own texts in French, though the browser asks for English.
      await page.getByPlaceholder("Filtrer les files").waitFor();
      // Our stylesheet's darker tokens apply.
      expect(await page.evaluate(() => (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(n: string): string }; document: { documentElement: unknown } }).getComputedStyle((globalThis as unknown as { document: { documentElement: unknown } }).document.documentElement).getPropertyValue("--primary").trim())).toBe("#0b5d54");
      // Icon buttons carry names: the settings, the queues' menus, a badge's visible text inside its name.
      await page.getByRole("button", { name: "Paramètres", exact: true }).waitFor();
      await listReady();
      expect(await page.getByRole("button", { name: "Aucun worker (Rien ne consomme cette file)", exact: true }).count()).toBeGreaterThan(0);
      // Keyboard: the element Tab reaches shows the console's focus ring, not bull-board's faint one.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => {
        const g = globalThis as unknown as { document: { activeElement: unknown }; getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string; outlineColor: string } };
        const style = g.getComputedStyle(g.document.activeElement);
        return [style.outlineStyle, style.outlineWidth, style.outlineColor];
      })).toEqual(["solid", "3px", "rgb(179, 92, 0)"]);
      await checkEverySize(page, "list", listReady);

      const jobsReady = async () => {
        for (const id of DELAYED) await page.getByText(id, { exact: true }).first().waitFor();
      };
      await page.goto(`${svc.baseUrl}/console/queues/queue/broadcasts?status=delayed`);
      await jobsReady();
      // Each delayed job's own buttons: run now, change the date, duplicate, edit, delete.
      for (const name of ["Lancer maintenant", "Changer la date", "Dupliquer", "Modifier les données", "Supprimer"]) {
        expect(await page.getByRole("button", { name, exact: true }).count(), name).toBe(DELAYED.length);
      }
      await checkEverySize(page, "jobs", jobsReady);

      // The failed list: the job's error, its retry button.
      const failedReady = () => page.getByText(FAILED, { exact: true }).first().waitFor();
      await page.goto(`${svc.baseUrl}/console/queues/queue/broadcasts?status=failed`);
      await failedReady();
      expect(await page.getByRole("button", { name: "Réessayer", exact: true }).count()).toBe(1);
      await checkEverySize(page, "failed", failedReady);
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an English-speaking admin whose phone is in dark mode gets it in English, dark, and accessible: failed jobs, the queue list, the way back", async () => {
    const { context, page, csp } = await signedIn("Grace", "fr-FR", "dark");
    try {
      await page.goto(`${svc.baseUrl}/console/queues/queue/broadcasts?status=failed`);
      await page.getByText(FAILED, { exact: true }).first().waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.locator("body").getAttribute("class")).toContain("dark-mode");
      for (const name of ["Retry", "Duplicate", "Edit the data", "Delete"]) expect(await page.getByRole("button", { name, exact: true }).count(), name).toBe(1);
      expect(await seriousViolations(page), "failed jobs").toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}console-queues-failed-dark-1280.png`, fullPage: true });
      await page.goto(`${svc.baseUrl}/console/queues`);
      await page.getByRole("button", { name: "More actions", exact: true }).nth(5).waitFor();
      expect(await seriousViolations(page), "queue list").toEqual([]);
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      await page.getByRole("menuitem", { name: "Back to the console" }).click();
      await page.waitForURL(/\/console$/);
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
