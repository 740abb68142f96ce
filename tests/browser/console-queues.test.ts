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
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BroadcastJob } from "../../src/queues/queues.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { CONSOLE_ENV, linkPath, personWithRole } from "../support/console.ts";
import { eventually, startTestService, type TestService } from "../support/service.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const NOW = new Date("2026-12-01T09:00:00Z");
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const DELAYED = ["delayed-1", "delayed-2", "delayed-3"];
const FAILED = "failing-1";

interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string[]; html: string; why: string }[];
}

let svc: TestService;
let browser: Browser;
let axeSource: string;
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
  await mkdir(ARTIFACTS, { recursive: true });
  axeSource = await readFile(AXE_SOURCE, "utf8");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await svc?.stop();
});

/** axe-core's violations in the page (added through DevTools: the page's CSP allows no inline script). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> } };
    return (await g.axe.run(g.document, { resultTypes: ["violations"] })).violations.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ ...n, why: (n as unknown as { failureSummary: string }).failureSummary })) }));
  });
  return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), why: n.why.slice(-200) })) }));
}
const serious = (vs: AxeViolation[]) => vs.filter((v) => v.impact === "serious" || v.impact === "critical");

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

/** A signed-in browser tab for this person, collecting the CSP violations the browser reports. */
async function signedIn(name: string, locale: string, colorScheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; page: Page; csp: string[] }> {
  const made = await createSignInLink(svc.service.deps.prisma, ids[name]!, "http://127.0.0.1", NOW);
  if (!("url" in made)) throw new Error("refused");
  // The browser's own language is another one: what the page speaks must come from the console's.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, colorScheme });
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

/**
 * At 390×844 and 1280×800, the page loaded afresh at that size (as a phone or a laptop opens it) and
 * drawn (`ready`): axe, and a screenshot; at 360 px, no sideways scroll.
 */
async function checkEverySize(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.reload();
    await ready();
    expect(serious(await axeViolations(page)), `${name} ${size.width}`).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}console-queues-${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await ready();
  expect(await sideways(page), `${name} at 360 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${ARTIFACTS}console-queues-${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

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
      expect(serious(await axeViolations(page)), "failed jobs").toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}console-queues-failed-dark-1280.png`, fullPage: true });
      await page.goto(`${svc.baseUrl}/console/queues`);
      await page.getByRole("button", { name: "More actions", exact: true }).nth(5).waitFor();
      expect(serious(await axeViolations(page)), "queue list").toEqual([]);
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      await page.getByRole("menuitem", { name: "Back to the console" }).click();
      await page.waitForURL(/\/console$/);
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
