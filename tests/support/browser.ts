import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium (`.ci/run` installs it), driven by playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots kept for a human look (not committed). */
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
/** The two screens every console page is checked on: a phone and a laptop. */
export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1280, height: 800 } as const;
/** The narrowest phone the console is made for: nothing may scroll sideways there. */
export const NARROW = { width: 360, height: 800 } as const;

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  /** Each failing element: its selector, the start of its HTML, and the end of axe's reason. */
  nodes: { target: string[]; html: string; why: string }[];
}

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;

export async function launchBrowser(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  axeSource ??= await readFile(AXE_SOURCE, "utf8");
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
}

/** axe-core's serious and critical violations in the page (its script added through DevTools: the console's CSP allows no inline script). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource ?? (await readFile(AXE_SOURCE, "utf8")));
  const violations = await page.evaluate(async () => {
    type Found = Omit<AxeViolation, "nodes"> & { nodes: { target: string[]; html: string; failureSummary?: string }[] };
    const g = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: Found[] }> } };
    return (await g.axe.run(g.document, { resultTypes: ["violations"] })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), why: (n.failureSummary ?? "").slice(-200) })) }));
}

/** How far the page scrolls sideways (0 when it fits the screen). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
}

export interface ScreenCheckOptions {
  /** Run after each resize before checking, e.g. to reload the page and wait until it is drawn. */
  ready?: () => Promise<void>;
  /** Also no sideways scroll at LAPTOP and PHONE, not only at NARROW. */
  fitsEverySize?: boolean;
}

/**
 * The page checked on both screens: no serious or critical axe violation at LAPTOP and PHONE, no
 * sideways scroll at NARROW, and a full-page screenshot at each size (`${ARTIFACTS}${name}-${width}.png`).
 * The page is left at LAPTOP.
 */
export async function checkOnBothScreens(page: Page, name: string, { ready, fitsEverySize = false }: ScreenCheckOptions = {}): Promise<void> {
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    await ready?.();
    expect(await seriousViolations(page), `${name} at ${size.width} px`).toEqual([]);
    if (fitsEverySize) expect(await sidewaysScroll(page), `${name} at ${size.width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTIFACTS}${name}-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(NARROW);
  await ready?.();
  expect(await sidewaysScroll(page), `${name} at ${NARROW.width} px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${ARTIFACTS}${name}-${NARROW.width}.png`, fullPage: true });
  await page.setViewportSize(LAPTOP);
}
