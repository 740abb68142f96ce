/**
 * The console's Roadmaps and Alumni pages in a real browser (Debian's Chromium, driven by playwright-core),
 * against the real service, PostgreSQL, Redis and a fake Telegram: a coordinator opens Roadmaps from the
 * navigation, writes a member's roadmap in the form and sees the message as the member will receive it;
 * sends an alumna's changed roadmap again (her Telegram receives it); opens Alumni, reads the check-in
 * answers and marks a help request handled. axe-core finds no serious or critical violation at 390×844
 * and 1280×800, and nothing scrolls sideways at 360 px. Screenshots go to test-artifacts/console-*.png.
 *
 * Run apart from `npm test`: `npm run test:browser` (needs /usr/bin/chromium).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { importRoadmaps } from "../../src/roadmap/import.ts";
import { roadmapText } from "../../src/roadmap/render.ts";
import { createSignInLink } from "../../src/signin/links.ts";
import { checkOnBothScreens, LAPTOP, launchBrowser } from "../support/browser.ts";
import { CONSOLE_ENV, linkPath } from "../support/console.ts";
import { startWithPlatforms } from "../support/platforms.ts";
import { eventually } from "../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const CHIDI = 652000001;
const PUBLIC_URL = "http://127.0.0.1";

let s: Awaited<ReturnType<typeof startWithPlatforms>>;
let browser: Browser;
let signInPath = "";
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, PUBLIC_URL }, now: () => NOW });
  const { prisma } = s.svc.service.deps;
  const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });
  await importProgramme(prisma, {
    cohorts: [
      { key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("650000001", "Awa"), m("650000002", "Binta", "ar")], coordinators: [m("650000009", "Amina")] },
      { key: "old", name: "Coopérative Finie", startsOn: "2026-02-01", endsOn: "2026-07-01", sessions: [], members: [m(String(CHIDI), "Chidi", "en"), m("652000002", "Dara", "fa")], coordinators: [m("650000009", "Amina")] },
    ],
  });
  const old = await prisma.cohort.findUniqueOrThrow({ where: { key: "old" } });
  await prisma.cohort.update({ where: { id: old.id }, data: { endedAt: at("2026-07-01T09:00:00Z") } });
  await prisma.membership.updateMany({ where: { cohortId: old.id, role: "member" }, data: { status: "alumni" } });
  await importRoadmaps(prisma, {
    roadmaps: [{
      cohort: "old", person: { channel: "telegram", externalId: String(CHIDI) },
      strengths: ["Great taste, loyal customers"], improvements: ["Setting prices"], partners: [{ name: "ADIE", contact: "0 969 328 110", why: "micro-loans" }],
      nextSteps: [{ key: "siret", text: "Register my micro-enterprise" }, { key: "s2", text: "Find a kitchen" }],
    }],
  });
  const byName = (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [chidi, dara, amina] = [await byName("Chidi"), await byName("Dara"), await byName("Amina")];
  await prisma.roadmap.updateMany({ where: { personId: chidi.id }, data: { deliveredAt: at("2026-07-01T09:00:00Z"), updatedAt: at("2026-07-01T09:00:00Z") } });
  await prisma.checkIn.create({ data: { personId: chidi.id, cohortId: old.id, offset: "P1M", sentAt: at("2026-08-01T09:00:00Z"), answeredAt: at("2026-08-02T09:00:00Z"), activityStatus: "micro_enterprise", needsHelp: false, stepAnswers: { siret: "done", s2: "not_yet" } } });
  await prisma.checkIn.create({ data: { personId: chidi.id, cohortId: old.id, offset: "P3M", sentAt: at("2026-10-01T09:00:00Z"), answeredAt: at("2026-10-02T09:00:00Z"), activityStatus: "preparing", needsHelp: true } });
  await prisma.checkIn.create({ data: { personId: dara.id, cohortId: old.id, offset: "P1M", sentAt: at("2026-08-01T09:00:00Z"), nudgedAt: at("2026-08-08T09:00:00Z") } });
  await prisma.relayThread.create({ data: { personId: chidi.id, openedAt: at("2026-10-02T09:00:00Z"), messages: { create: [
    { direction: "in", authorId: chidi.id, text: "", createdAt: at("2026-10-02T09:00:00Z") },
    { direction: "in", authorId: chidi.id, text: "The bank refuses to open a business account for me. Can someone come with me?", createdAt: at("2026-10-02T09:05:00Z") },
  ] } } });
  const made = await createSignInLink(prisma, amina.id, PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("no link");
  signInPath = linkPath(made.url);

  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

/** The page as it stands: axe at a laptop's and a phone's size, no sideways scroll at any size down to 360 px, screenshots kept. */
const checkEverySize = (page: Page, name: string) => checkOnBothScreens(page, `console-${name}`, { fitsEverySize: true });

describe("Roadmaps and Alumni in Chromium", () => {
  let context: BrowserContext;
  let page: Page;
  const cspErrors: string[] = [];

  it("opens Roadmaps from the navigation: each cohort's members and where their roadmap stands", async () => {
    context = await browser.newContext({ viewport: LAPTOP, locale: "fr-FR" });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
    });
    await page.goto(`${s.svc.baseUrl}${signInPath}`);
    expect(new URL(page.url()).pathname).toBe("/console");
    await page.getByRole("navigation").getByRole("link", { name: "Feuilles de route" }).click();
    await page.waitForURL(/\/console\/roadmaps$/);
    expect(await page.locator("h1").textContent()).toBe("Feuilles de route");
    const belleville = page.getByRole("region", { name: "Coopérative Belleville" });
    expect(await belleville.locator("li", { hasText: "Awa" }).textContent()).toContain("Pas encore écrite");
    expect(await page.getByRole("region", { name: "Coopérative Finie" }).locator("li", { hasText: "Chidi" }).textContent()).toContain("5 lignes · envoyée le");
    await checkEverySize(page, "roadmaps");
    expect(cspErrors).toEqual([]);
  });

  it("writes Awa's roadmap in the form and shows the message as Awa will receive it", async () => {
    await page.getByRole("link", { name: "Awa" }).click();
    await page.waitForURL(/\/console\/roadmaps\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe("Feuille de route de Awa");
    await page.getByLabel("💪 Vos points forts").fill("Très bon goût\nClientèle fidèle au marché de Belleville");
    await page.getByLabel("🌱 À travailler").fill("Fixer ses prix");
    await page.getByLabel("📚 Ressources").fill("Guide de la micro-entreprise (URSSAF)");
    await page.getByLabel("🤝 Partenaires à contacter").fill("ADIE — 0 969 328 110 — micro-crédit");
    await page.getByLabel("👣 Prochaines étapes").fill("Créer ma micro-entreprise\nTrouver une cuisine partagée");
    await checkEverySize(page, "roadmap-edit");
    await page.getByRole("button", { name: "Enregistrer la feuille de route" }).click();
    await page.waitForURL(/\?done=saved$/);
    expect(await page.getByRole("status").textContent()).toContain("Feuille de route enregistrée");
    const { prisma, i18n } = s.svc.service.deps;
    const awa = await prisma.person.findFirstOrThrow({ where: { firstName: "Awa" }, include: { roadmaps: true } });
    expect(awa.roadmaps[0]!.nextSteps).toEqual([{ key: "s1", text: "Créer ma micro-entreprise" }, { key: "s2", text: "Trouver une cuisine partagée" }]);
    expect(await page.locator(".sent-text").innerText()).toBe(roadmapText(i18n.getFixedT("fr"), awa.roadmaps[0]!, "Awa"));
    expect(await page.getByRole("region", { name: "Envoi" }).textContent()).toContain("Elle partira toute seule à la fin de la coopérative, le 1 mars 2027.");
    await checkEverySize(page, "roadmap-saved");
    expect(cspErrors).toEqual([]);
  });

  it("changes Chidi's roadmap after it went out and sends it again: Chidi's Telegram receives it", async () => {
    await page.goto(`${s.svc.baseUrl}/console/roadmaps`);
    await page.getByRole("link", { name: "Chidi" }).click();
    await page.waitForURL(/\/console\/roadmaps\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    const steps = page.getByLabel("👣 Prochaines étapes");
    expect(await steps.inputValue()).toBe("Register my micro-enterprise\nFind a kitchen");
    await page.getByLabel("💪 Vos points forts").fill("Great taste, loyal customers\nReliable with catering orders");
    await page.getByRole("button", { name: "Enregistrer la feuille de route" }).click();
    await page.waitForURL(/\?done=saved$/);
    await page.getByRole("button", { name: "Envoyer à nouveau à Chidi" }).click();
    await page.waitForURL(/\?done=sent$/);
    expect(await page.getByRole("status").textContent()).toContain("Feuille de route envoyée");
    const { prisma, i18n } = s.svc.service.deps;
    const roadmap = await prisma.roadmap.findFirstOrThrow({ where: { person: { firstName: "Chidi" } } });
    const body = roadmapText(i18n.getFixedT("en"), roadmap, "Chidi");
    const told = await eventually(() => s.tg.callsTo("sendMessage").find((c) => String(c.params["chat_id"]) === String(CHIDI) && c.params["text"] === body));
    expect(String(told.params["text"])).toContain("Reliable with catering orders");
    await checkEverySize(page, "roadmap-sent");
    expect(cspErrors).toEqual([]);
  });

  it("opens Alumni: the check-in answers per offset, and marks Chidi's help request handled", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Anciens" }).click();
    await page.waitForURL(/\/console\/alumni$/);
    expect(await page.locator("h1").textContent()).toBe("Anciens");
    const help = page.getByRole("region", { name: /Demandes d’aide/ });
    expect(await help.textContent()).toContain("The bank refuses to open a business account");
    const chidi = page.getByRole("article", { name: /Chidi/ });
    expect(await chidi.textContent()).toContain("🏢 Micro-entreprise");
    expect(await chidi.textContent()).toContain("Register my micro-enterprise — ✅ C'est fait");
    expect(await page.getByRole("article", { name: /Dara/ }).textContent()).toContain("pas de réponse");
    await checkEverySize(page, "alumni");
    await help.getByRole("button", { name: "Marquer la demande de Chidi comme traitée" }).click();
    await page.waitForURL(/\/console\/alumni\?done=handled$/);
    expect(await page.getByRole("status").textContent()).toContain("Demande marquée comme traitée");
    expect(await page.getByRole("region", { name: /Demandes d’aide/ }).textContent()).toContain("Aucune demande d’aide en attente.");
    await checkEverySize(page, "alumni-handled");
    expect(cspErrors).toEqual([]);
    await context.close();
  });
});
