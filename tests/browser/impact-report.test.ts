/**
 * The impact report's page in a real browser (Debian's Chromium, driven by playwright-core): axe-core
 * finds no serious or critical accessibility violation, on a wide and on a narrow screen, with and
 * without names; the cohort table, which scrolls sideways on a narrow screen, can be reached with Tab
 * and scrolled with the arrow keys. Screenshots go to test-artifacts/ (not committed) for a human look.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium: `apt-get install chromium`).
 */
import { mkdir } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { LARGE, MEDIUM, SMALL } from "../integration/reports/impact/fixtures.ts";
import { runImpactReport, seedProgramme } from "../integration/reports/impact/support.ts";
import { ARTIFACTS, launchBrowser, seriousViolations } from "../support/browser.ts";
import { migratedDatabase } from "../support/postgres.ts";

describe("the impact report page in Chromium", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let browser: Browser;
  const pages: Record<"anonymous" | "names", string> = { anonymous: "", names: "" };

  beforeAll(async () => {
    const fresh = await migratedDatabase("impbrowser");
    drop = fresh.drop;
    db = await openDatabase({ kind: "postgres", url: fresh.url });
    await seedProgramme(db.prisma, [LARGE, SMALL, MEDIUM]);
    const dir = `${ARTIFACTS}impact-report`;
    await mkdir(dir, { recursive: true });
    pages.anonymous = (await runImpactReport(db, [], dir)).files[1]!;
    pages.names = (await runImpactReport(db, ["--names"], dir)).files[1]!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
    await drop?.();
  });

  async function open(which: keyof typeof pages, width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(10_000);
    await page.goto(pathToFileURL(pages[which]).href);
    return page;
  }

  for (const which of ["anonymous", "names"] as const) {
    for (const width of [1280, 420]) {
      it(`has no serious or critical axe violation (${which}, ${width} px wide)`, async () => {
        const page = await open(which, width);
        try {
          expect(await seriousViolations(page)).toEqual([]);
          await page.screenshot({ path: `${ARTIFACTS}impact-report-${which}-${width}.png`, fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }

  it("lets a keyboard user reach the cohort table with Tab and scroll it with the arrow keys", async () => {
    const page = await open("anonymous", 420);
    try {
      const region = page.locator('.table-wrap[role="region"][aria-label="Détail par cohorte"]');
      // On a narrow screen the table is wider than its box: it really scrolls.
      expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth + 50)).toBe(true);
      expect(await region.evaluate((el) => el.scrollLeft)).toBe(0);
      // The page has no link or button before it: the first Tab lands on the table.
      await page.keyboard.press("Tab");
      expect(await region.evaluate((el) => el.matches(":focus"))).toBe(true);
      expect(await page.locator(":focus").getAttribute("aria-label")).toBe("Détail par cohorte");
      for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
      await expect.poll(() => region.evaluate((el) => el.scrollLeft), { timeout: 5_000 }).toBeGreaterThan(0);
      await page.screenshot({ path: `${ARTIFACTS}impact-report-keyboard.png` });
    } finally {
      await page.close();
    }
  });
});
