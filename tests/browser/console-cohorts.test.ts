/**
 * The console's Cohorts page in a real browser (Debian's Chromium, driven by playwright-core), against the
 * real service, PostgreSQL, Redis and a fake Telegram: a coordinator opens Cohorts from the navigation,
 * her cohort (members and sessions), a session's attendance sheet, ticks who came and saves it (the
 * attendance rows recorded as the chat records them); imports a programme by choosing a file (the file
 * field the console's script shows) and sees a bad file's problems in French. Every page: axe-core with
 * no serious or critical violation at 390×844 and 1280×800, no sideways scroll at 360 px, screenshots
 * in test-artifacts/console-cohorts-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import { writeFile } from "node:fs/promises";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { ARTIFACTS, checkOnBothScreens, LAPTOP, launchBrowser } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath } from "../support/console.ts";
import { startWithPlatforms } from "../support/platforms.ts";

const ZONE = "Europe/Paris";

type Started = Awaited<ReturnType<typeof startWithPlatforms>>;
let s: Started;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspErrors: string[] = [];
const local = (days: number, hour: number) => DateTime.now().setZone(ZONE).startOf("day").plus({ days }).set({ hour }).toFormat("yyyy-MM-dd'T'HH:mm");
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });

beforeAll(async () => {
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, PUBLIC_URL: "http://127.0.0.1" } });
  const { prisma } = s.svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [{
      key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-06-01",
      sessions: [
        { key: "accueil", title: "Accueil et présentations", startsAt: local(-2, 9), endsAt: local(-2, 12), location: "12 rue de la Fontaine au Roi, Paris 11e" },
        { key: "prix", title: { fr: "Fixer ses prix", en: "Setting your prices", ar: "تحديد الأسعار" }, startsAt: local(5, 9), endsAt: local(5, 12), location: "Maison des associations" },
      ],
      members: [m("660000001", "Awa"), m("660000002", "Binta", "en"), m("660000003", "Chidi", "ar"), m("660000004", "Dara", "fa")],
      coordinators: [m("66000009", "Amina")],
    }],
  });
  const accueil = await prisma.trainingSession.findFirstOrThrow({ where: { key: "accueil" } });
  const byName = (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [awa, binta] = [await byName("Awa"), await byName("Binta")];
  await prisma.rsvp.createMany({ data: [{ sessionId: accueil.id, personId: awa.id, answer: "yes" }, { sessionId: accueil.id, personId: binta.id, answer: "no" }] });
  await prisma.person.update({ where: { id: awa.id }, data: { lastSeenAt: new Date(Date.now() - 3_600_000) } });
  const cohort = await prisma.cohort.findUniqueOrThrow({ where: { key: "bv" } });
  await prisma.transaction.create({ data: { personId: awa.id, cohortId: cohort.id, kind: "sale", item: "thiéboudienne", quantity: 3, unitPriceCents: 1200, amountCents: 3600, occurredOn: new Date("2026-11-20T00:00:00Z") } });

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR" });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
  });
  const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
  const made = await createSignInLink(prisma, amina.id, "http://127.0.0.1", new Date());
  if (!("url" in made)) throw new Error("refused");
  await page.goto(`${s.svc.baseUrl}${linkPath(made.url)}`);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.stop();
});

/** The page as it is: axe at a laptop's and a phone's size, nothing scrolls sideways at any size down to 360 px, screenshots kept. */
const checkPage = (name: string) => checkOnBothScreens(page, `console-cohorts-${name}`, { fitsEverySize: true });

describe("the Cohorts page in Chromium", () => {
  it("opens Cohorts from the navigation: the cohort, its members and next session", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Coopératives" }).click();
    await page.waitForURL(/\/console\/cohorts$/);
    expect(await page.locator("h1").textContent()).toBe("Coopératives");
    expect(await page.locator("main").textContent()).toContain("4 membres");
    expect(await page.locator("main").textContent()).toContain("Prochaine séance : Fixer ses prix");
    // The file field is the script's: shown once it ran.
    expect(await page.getByLabel("Choisir un fichier").isVisible()).toBe(true);
    await checkPage("list");
    await page.getByRole("link", { name: "Coopérative Belleville" }).click();
    await page.waitForURL(/\/console\/cohorts\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Coopérative Belleville");
    const awa = (await page.locator("tbody tr", { hasText: "Awa" }).locator("th, td").allTextContents()).map((c) => c.replace(/\s+/g, " ").trim());
    expect(awa[0]).toBe("Awa");
    expect(awa[1]).toBe("Français");
    expect(awa[2]).toBe("Telegram");
    expect(awa[4]).toBe("rien de relevé");
    expect(awa[5]).toBe("36,00 €");
    expect(awa[6]).toBe("non");
    await checkPage("cohort");
  });

  it("records attendance on the sheet: ticks who came, saves, and the rows are recorded", async () => {
    await page.getByRole("link", { name: /Feuille de présence de « Accueil et présentations »/ }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Accueil et présentations");
    // Awa said she was coming: ticked already; Binta said no.
    expect(await page.getByRole("checkbox", { name: /Awa/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /Binta/ }).isChecked()).toBe(false);
    await page.getByRole("checkbox", { name: /Chidi/ }).check();
    await page.getByRole("checkbox", { name: /Dara/ }).focus();
    await page.keyboard.press("Space");
    await checkPage("sheet");
    await page.getByRole("button", { name: "Enregistrer les présences" }).click();
    await page.waitForURL(/\?done=attendance_saved$/);
    expect(await page.getByRole("status").textContent()).toContain("Présences enregistrées");
    const { prisma } = s.svc.service.deps;
    const rows = await prisma.attendance.findMany({ where: { session: { key: "accueil" } }, include: { person: { select: { firstName: true } } } });
    expect(Object.fromEntries(rows.map((r) => [r.person.firstName, r.present]))).toEqual({ Awa: true, Binta: false, Chidi: true, Dara: true });
    expect(await page.getByRole("checkbox", { name: /Binta/ }).isChecked()).toBe(false);
    expect(await page.locator("main").textContent()).toContain("relevé : absent·e");
    await checkPage("sheet-saved");
    await page.getByRole("link", { name: "Retour à Coopérative Belleville" }).click();
    expect((await page.locator("tbody tr", { hasText: "Binta" }).textContent())?.replace(/\s+/g, " ")).toContain("0 % (0 sur 1)");
  });

  it("shows the forms to move or cancel a session still ahead", async () => {
    await page.getByRole("link", { name: /Feuille de présence, déplacer ou annuler « Fixer ses prix »/ }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    expect(await page.getByLabel(/Nouvelle date et heure/).inputValue()).toBe(local(5, 9));
    expect(await page.getByRole("button", { name: "Annuler « Fixer ses prix »" }).isVisible()).toBe(true);
    await checkPage("session");
  });

  it("imports a programme chosen as a file; a bad file's problems are shown in French and nothing is written", async () => {
    await page.goto(`${s.svc.baseUrl}/console/cohorts`);
    const file = `${ARTIFACTS}console-cohorts-programme.json`;
    await writeFile(file, JSON.stringify({ cohorts: [{ key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-06-01", sessions: [{ key: "compta", title: "Tenir ses comptes", startsAt: local(9, 14), endsAt: local(9, 17) }], members: [m("660000005", "Eve", "es")], coordinators: [] }] }, null, 2));
    await page.getByLabel("Choisir un fichier").setInputFiles(file);
    await expect.poll(() => page.getByLabel("Ou collez le programme (JSON)").inputValue()).toContain("Tenir ses comptes");
    await page.getByRole("button", { name: "Importer" }).click();
    await page.waitForURL(/done=imported/);
    expect(await page.getByRole("status").textContent()).toContain("Programme importé");
    const { prisma } = s.svc.service.deps;
    expect(await prisma.trainingSession.count({ where: { key: "compta" } })).toBe(1);
    await checkPage("imported");
    const sessions = await prisma.trainingSession.count();
    await page.getByLabel("Ou collez le programme (JSON)").fill(JSON.stringify({ cohorts: [{ key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-06-01", timezone: "Paris", sessions: [{ key: "x", title: "Nouvelle", startsAt: "lundi", endsAt: local(9, 17) }] }] }));
    await page.getByRole("button", { name: "Importer" }).click();
    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toContain("Rien n'a été importé");
    expect(await alert.textContent()).toContain("un fuseau horaire comme Europe/Paris");
    expect(await alert.textContent()).toContain("une date et une heure comme 2026-12-01T09:30");
    expect(await prisma.trainingSession.count()).toBe(sessions);
    await checkPage("import-problems");
    expect(cspErrors).toEqual([]);
  });
});
