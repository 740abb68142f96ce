/**
 * The console's Announcements through the real service (PostgreSQL, Redis, the broadcast worker) with
 * fake WhatsApp, Telegram and LibreTranslate servers: compose, preview per language, automatic drafts
 * (asked, shown as such, edited, accepted or not), send through the chat's own effect, each person's
 * message on their platform in the version they should get, live progress and the final report with
 * failure reasons; scope, CSRF, a provider failing or too slow, and no provider at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { startFakeLibreTranslate, libreFailures, type FakeLibreTranslate } from "../../fakes/libretranslate-server.ts";
import { failures } from "../../fakes/telegram-server.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../../support/console.ts";
import { startWithPlatforms } from "../../support/platforms.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

const ORIGINAL = "La formation de jeudi commence à 10 h au lieu de 9 h 30.";
const ARABIC = "يبدأ تدريب يوم الخميس الساعة 10 بدلاً من 9:30.";
const HEADER_FR_TO = /\n\nLa formation de jeudi/;

type Started = Awaited<ReturnType<typeof startWithPlatforms>>;
let s: Started;
let lt: FakeLibreTranslate;
const ids: Record<string, string> = {};
const tg = (id: string, name: string, locale: string) => ({ channel: "telegram" as const, externalId: id, name, locale });
const wa = (id: string, name: string, locale: string) => ({ channel: "whatsapp" as const, externalId: id, name, locale });

beforeAll(async () => {
  lt = await startFakeLibreTranslate();
  s = await startWithPlatforms({ env: { ...CONSOLE_ENV, TRANSLATE_PROVIDERS: "libretranslate", LIBRETRANSLATE_URL: lt.url, TRANSLATE_TIMEOUT_MS: "1500" } });
  const { prisma } = s.svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      {
        key: "bv", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2030-03-01", sessions: [],
        members: [wa("33650000001", "Fatima", "ar"), wa("33650000002", "Awa", "fr"), tg("65000003", "Olena", "uk"), tg("65000004", "Rahim", "fa"), tg("65000005", "Tsegay", "ti")],
        coordinators: [tg("65000009", "Amina", "fr")],
      },
      { key: "mt", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2030-03-01", sessions: [], members: [tg("65100001", "Youssef", "ar")], coordinators: [tg("65100009", "Bilal", "fr")] },
    ],
  });
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "65900001" } } } });
  for (const key of ["bv", "mt"]) ids[key] = (await prisma.cohort.findUniqueOrThrow({ where: { key } })).id;
});
afterAll(async () => {
  await s?.stop();
  await lt?.close();
});

async function sessionOf(svc: TestService, firstName: string): Promise<string> {
  const { prisma } = svc.service.deps;
  const person = await prisma.person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, new Date());
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}
async function pageOf(svc: TestService, cookie: string, path: string): Promise<string> {
  const res = await get(svc.baseUrl, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}
/** Creates a draft from the compose form; returns its path. */
async function compose(svc: TestService, cookie: string, fields: Record<string, string>): Promise<string> {
  const csrf = csrfOf(await pageOf(svc, cookie, "/console/announcements"));
  const res = await postForm(svc.baseUrl, "/console/announcements/new", cookie, { _csrf: csrf, original_locale: "fr", ...fields });
  expect(res.status).toBe(303);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/console\/announcements\/drafts\/[0-9a-f-]{36}\?done=/);
  return location.split("?")[0]!;
}
/** Sends the draft form with every field as the page shows it, plus `extra` (the button's action, edits). */
async function submitDraft(svc: TestService, cookie: string, path: string, extra: Record<string, string>): Promise<string> {
  const page = await pageOf(svc, cookie, path);
  const fields: Record<string, string> = { _csrf: csrfOf(page) };
  for (const m of page.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]!] = decode(m[2]!);
  const res = await postForm(svc.baseUrl, path, cookie, { ...fields, ...extra });
  expect(res.status).toBe(303);
  return res.headers.get("location")!;
}
const decode = (h: string) => h.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const draftIdOf = (path: string) => path.split("/").at(-1)!;
const tgTexts = () => s.tg.callsTo("sendMessage").map((c) => ({ to: String(c.params["chat_id"]), text: String(c.params["text"]) }));

describe("Announcements: compose and preview", () => {
  it("offers the chat's audiences, her open cohorts only, and previews recipients per language with the version each gets", async () => {
    const amina = await sessionOf(s.svc, "Amina");
    const index = await pageOf(s.svc, amina, "/console/announcements");
    expect(index).toContain("<h1>Annonces</h1>");
    expect(index).toContain('aria-current="page">Annonces');
    expect(index).toContain(`value="cohort:${ids["bv"]}"`);
    expect(index).not.toContain(`value="cohort:${ids["mt"]}"`);
    for (const a of ["participants", "alumni", "applicants", "locale:ti"]) expect(index).toContain(`value="${a}"`);

    const path = await compose(s.svc, amina, { audience: `cohort:${ids["bv"]}`, text: ORIGINAL });
    const page = await pageOf(s.svc, amina, `${path}?done=saved`);
    expect(page).toContain("Brouillon enregistré");
    expect(page).toContain("5 personnes recevront l'annonce.");
    const row = (lang: string) => page.slice(page.indexOf(`<th scope="row"><span lang="${lang}">`), page.indexOf("</tr>", page.indexOf(`<th scope="row"><span lang="${lang}">`)));
    expect(row("fr")).toContain("Votre texte original");
    expect(row("ar")).toContain("Votre texte original, avec une phrase dans leur langue");
    // What each will read, as the chat's fan-out renders it: the header in their language above the original.
    expect(row("ar")).toMatch(/lang="ar" dir="auto">[^<]+\n\nLa formation de jeudi/);
    // A provider is configured: the drafts button is there.
    expect(page).toContain('value="suggest"');
    expect(page).toContain("Envoyer à 5 personnes");
  });

  it("refuses forms without the session's CSRF token (403, audited), and creates or sends nothing", async () => {
    const { prisma } = s.svc.service.deps;
    const amina = await sessionOf(s.svc, "Amina");
    const path = await compose(s.svc, amina, { audience: `cohort:${ids["bv"]}`, text: "Réunion demain" });
    const drafts = await prisma.announcementDraft.count();
    expect((await postForm(s.svc.baseUrl, "/console/announcements/new", amina, { audience: "alumni", text: "x" })).status).toBe(403);
    expect((await postForm(s.svc.baseUrl, path, amina, { _csrf: "nope", action: "suggest", text: "y" })).status).toBe(403);
    expect((await postForm(s.svc.baseUrl, `${path}/send`, amina, { seen: "x" })).status).toBe(403);
    expect(await prisma.announcementDraft.count()).toBe(drafts);
    expect((await prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } })).texts).toEqual({ fr: "Réunion demain" });
    expect(await prisma.broadcast.count()).toBe(0);
    expect(lt.requestsTo("/translate")).toHaveLength(0);
    expect(await prisma.auditLog.count({ where: { action: "denied", subject: { in: ["console.announcements.new", "console.announcements.edit", "console.announcements.send"] } } })).toBe(3);
    expect((await get(s.svc.baseUrl, "/console/announcements")).status).toBe(401);
  });

  it("keeps each coordinator to her own cohorts and drafts; an admin sees every cohort", async () => {
    const amina = await sessionOf(s.svc, "Amina");
    const bilal = await sessionOf(s.svc, "Bilal");
    // Another team's cohort is refused as an audience; the text is kept.
    const path = await compose(s.svc, amina, { audience: `cohort:${ids["mt"]}`, text: "Pas pour Montreuil" });
    const row = await s.svc.service.deps.prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } });
    expect(row.audience).toBeNull();
    expect(row.texts).toEqual({ fr: "Pas pour Montreuil" });
    expect(await pageOf(s.svc, amina, `${path}?done=bad_audience`)).toContain("Choisissez à qui envoyer");
    // Her draft is hers: 404 to read, "gone" to change or send for another coordinator.
    expect((await get(s.svc.baseUrl, path, bilal)).status).toBe(404);
    const csrf = csrfOf(await pageOf(s.svc, bilal, "/console/announcements"));
    const changed = await postForm(s.svc.baseUrl, path, bilal, { _csrf: csrf, action: "save", audience: "alumni", text: "piraté" });
    expect(changed.headers.get("location")).toBe("/console/announcements?done=gone");
    const sent = await postForm(s.svc.baseUrl, `${path}/send`, bilal, { _csrf: csrf, seen: row.updatedAt.toISOString() });
    expect(sent.headers.get("location")).toBe("/console/announcements?done=gone");
    expect((await s.svc.service.deps.prisma.announcementDraft.findUniqueOrThrow({ where: { id: row.id } })).texts).toEqual({ fr: "Pas pour Montreuil" });
    expect(await pageOf(s.svc, bilal, "/console/announcements")).not.toContain(`value="cohort:${ids["bv"]}"`);
    const admin = await pageOf(s.svc, await sessionOf(s.svc, "Marc"), "/console/announcements");
    expect(admin).toContain(`value="cohort:${ids["bv"]}"`);
    expect(admin).toContain(`value="cohort:${ids["mt"]}"`);
  });
});

describe("Announcements: automatic drafts and sending", () => {
  let amina: string;
  let path: string;
  let broadcastPath: string;

  beforeAll(async () => {
    amina = await sessionOf(s.svc, "Amina");
    path = await compose(s.svc, amina, { audience: `cohort:${ids["bv"]}`, text: ORIGINAL });
  });

  it("asks the provider for a draft in each audience language without a version, shows them marked automatic, and sends only the words", async () => {
    const before = lt.requestsTo("/translate").length;
    const location = await submitDraft(s.svc, amina, path, { action: "suggest" });
    // LibreTranslate has no Tigrinya: that language is named as without a draft.
    expect(location).toBe(`${path}?done=drafts_partial&missing=ti`);
    const asked = lt.requestsTo("/translate").slice(before).map((r) => r.json as { q: unknown; source: string; target: string });
    expect(asked.map((r) => r.target).sort()).toEqual(["ar", "fa", "uk"]);
    expect(asked.every((r) => r.source === "fr" && JSON.stringify(r.q) === JSON.stringify([ORIGINAL]))).toBe(true);
    expect(JSON.stringify(lt.requests.map((r) => r.json ?? null))).not.toMatch(/Fatima|Olena|Amina|33650000001/);

    const page = await pageOf(s.svc, amina, location);
    expect(page).toContain("Pas de brouillon pour : ትግርኛ");
    for (const l of ["ar", "fa", "uk"]) {
      expect(page).toContain(`name="draft_${l}"`);
      expect(page).toContain(`[fr→${l}] ${ORIGINAL}`);
      expect(page).toContain(`value="accept:${l}"`);
    }
    expect(page.match(/<span class="badge">Brouillon automatique<\/span>/g)!.length).toBeGreaterThanOrEqual(6); // three drafts, three preview rows
    // Not accepted yet: the preview still gives these people the original with the chat's header.
    const ukRow = page.slice(page.indexOf('<th scope="row"><span lang="uk">'));
    expect(ukRow.slice(0, ukRow.indexOf("</tr>"))).toContain("Un brouillon automatique attend votre accord");
    expect(ukRow.slice(0, ukRow.indexOf("</tr>"))).not.toContain("[fr→uk]");
    const row = await s.svc.service.deps.prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } });
    expect(row.texts).toEqual({ fr: ORIGINAL });
  });

  it("accepts a draft as corrected, another as it is, discards one; accepting is audited", async () => {
    expect(await submitDraft(s.svc, amina, path, { action: "accept:ar", draft_ar: ARABIC })).toBe(`${path}?done=accepted`);
    expect(await submitDraft(s.svc, amina, path, { action: "accept:fa" })).toBe(`${path}?done=accepted`);
    const { prisma } = s.svc.service.deps;
    const row = await prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } });
    expect(row.texts).toEqual({ fr: ORIGINAL, ar: ARABIC, fa: `[fr→fa] ${ORIGINAL}` });
    expect(Object.keys(row.suggestions as object)).toEqual(["uk"]);
    const audits = await prisma.auditLog.findMany({ where: { action: "announcement.draft_accepted", subject: row.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([{ locale: "ar", edited: true }, { locale: "fa", edited: false }]);
    const page = await pageOf(s.svc, amina, path);
    expect(page).toContain('name="text_ar"');
    expect(page).toContain("La version dans leur langue");
    // Discarded, the Ukrainian draft is gone; asked again, it comes back (from the cache: no new request), still a draft.
    expect(await submitDraft(s.svc, amina, path, { action: "discard:uk" })).toBe(`${path}?done=discarded`);
    expect((await prisma.announcementDraft.findUniqueOrThrow({ where: { id: row.id } })).suggestions).toEqual({});
    const requests = lt.requestsTo("/translate").length;
    expect(await submitDraft(s.svc, amina, path, { action: "suggest" })).toBe(`${path}?done=drafts_partial&missing=ti`);
    expect(lt.requestsTo("/translate")).toHaveLength(requests);
    const again = await prisma.announcementDraft.findUniqueOrThrow({ where: { id: row.id } });
    expect(Object.keys(again.suggestions as object)).toEqual(["uk"]);
    expect(again.texts).toEqual(row.texts);
  });

  it("refuses a send whose preview is out of date, and sends nothing", async () => {
    const page = await pageOf(s.svc, amina, path);
    const res = await postForm(s.svc.baseUrl, `${path}/send`, amina, { _csrf: csrfOf(page), seen: "2026-01-01T00:00:00.000Z" });
    expect(res.headers.get("location")).toBe(`${path}?done=changed`);
    expect(await s.svc.service.deps.prisma.broadcast.count()).toBe(0);
  });

  it("sends through the chat's effect: each person gets their version on WhatsApp or Telegram; the unaccepted draft is never sent", async () => {
    s.tg.failNext("sendMessage", failures.blocked(), 1, 2); // the third Telegram send fails: the report names why
    const page = await pageOf(s.svc, amina, path);
    const seen = /name="seen" value="([^"]+)"/.exec(page)![1]!;
    const res = await postForm(s.svc.baseUrl, `${path}/send`, amina, { _csrf: csrfOf(page), seen });
    expect(res.status).toBe(303);
    broadcastPath = res.headers.get("location")!.split("?")[0]!;
    expect(res.headers.get("location")).toMatch(/^\/console\/announcements\/[0-9a-f-]{36}\?done=sent$/);

    const { prisma } = s.svc.service.deps;
    const broadcast = await prisma.broadcast.findFirstOrThrow();
    expect(broadcast.texts).toEqual({ fr: ORIGINAL, ar: ARABIC, fa: `[fr→fa] ${ORIGINAL}` });
    expect(await prisma.auditLog.count({ where: { action: "broadcast.sent", subject: broadcast.id } })).toBe(1);
    await eventually(async () => (await prisma.broadcastRecipient.count({ where: { broadcastId: broadcast.id, status: "pending" } })) === 0 && tgTexts().filter((m) => ["65000003", "65000004", "65000005"].includes(m.to)).length === 3, 30_000, 200);
    await eventually(() => s.wa.sent().length === 2, 30_000, 200);

    const waTo = (to: string) => JSON.stringify(s.wa.sent().find((m) => m["to"] === to));
    expect(waTo("33650000001")).toContain(ARABIC);
    expect(waTo("33650000002")).toContain(ORIGINAL);
    const tgTo = (to: string) => tgTexts().find((m) => m.to === to)!.text;
    expect(tgTo("65000004")).toBe(`[fr→fa] ${ORIGINAL}`);
    // Olena's draft was never accepted: she gets the chat's fallback, the original under a header in Ukrainian.
    expect(tgTo("65000003")).toMatch(HEADER_FR_TO);
    expect(tgTo("65000003")).not.toContain("[fr→uk]");
    expect(tgTo("65000005")).toMatch(HEADER_FR_TO);
    expect(JSON.stringify([...tgTexts(), ...s.wa.sent()])).not.toContain("[fr→uk]");
    expect(tgTexts().some((m) => m.to === "65100001")).toBe(false); // another cohort
  });

  it("shows live progress and, once every recipient has a final status, the report with the failure reasons", async () => {
    const page = await pageOf(s.svc, amina, `${broadcastPath}?done=sent`);
    expect(page).toContain("Annonce envoyée");
    expect(page).toContain(`data-live="${broadcastPath}/progress"`);
    expect(page).toContain("Coopérative Belleville");
    const fragment = await eventually(async () => {
      const res = await get(s.svc.baseUrl, `${broadcastPath}/progress`, amina, { "x-console-live": "1" });
      const text = await res.text();
      return text.includes("data-live-done") ? text : undefined;
    }, 30_000, 200);
    expect(fragment).not.toContain("<html");
    const figures = Object.fromEntries([...fragment.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/g)].map((m) => [m[1], m[2]]));
    expect(figures).toMatchObject({ Envoyés: "4", Échecs: "1", "En attente": "0", Destinataires: "5" });
    expect(fragment).toContain("Raisons des échecs");
    // The blocked bot, in the coordinator's words, with Telegram's code beside it.
    expect(fragment).toContain("<li>Bot bloqué ou numéro injoignable <code>telegram.403</code> : 1</li>");
    // The page renders its first content with the same function.
    const again = await pageOf(s.svc, amina, broadcastPath);
    expect(again).toContain(fragment);
    expect(again).not.toContain("Actualiser");
    // Listed on the index; the draft now opens the broadcast.
    expect(await pageOf(s.svc, amina, "/console/announcements")).toContain(`href="${broadcastPath}"`);
    expect((await get(s.svc.baseUrl, path, amina)).headers.get("location")).toBe(broadcastPath);
    // Another cohort's coordinator does not see it; an admin does.
    expect((await get(s.svc.baseUrl, broadcastPath, await sessionOf(s.svc, "Bilal"))).status).toBe(404);
    expect((await get(s.svc.baseUrl, `${broadcastPath}/progress`, await sessionOf(s.svc, "Bilal"))).status).toBe(404);
    expect(await pageOf(s.svc, await sessionOf(s.svc, "Marc"), broadcastPath)).toContain("Sending finished.");
  });
});

describe("Announcements: a provider failing or too slow", () => {
  it("says so clearly and loses nothing: the text stays, no draft is made, no version is added", async () => {
    const amina = await sessionOf(s.svc, "Amina");
    const path = await compose(s.svc, amina, { audience: `cohort:${ids["bv"]}`, text: "Atelier couture samedi." });
    lt.failNext(libreFailures.serverError(), 3, "/translate");
    const failed = await submitDraft(s.svc, amina, path, { action: "suggest", text: "Atelier couture samedi, 14 h." });
    expect(failed).toMatch(new RegExp(`^${path}\\?done=drafts_failed&missing=`));
    const page = await pageOf(s.svc, amina, failed);
    expect(page).toContain("Le service de traduction n'a pas répondu");
    expect(page).toContain("Atelier couture samedi, 14 h.");

    lt.delayMs = 4000;
    const started = Date.now();
    const slow = await submitDraft(s.svc, amina, path, { action: "suggest" });
    lt.delayMs = 0;
    expect(Date.now() - started).toBeLessThan(3500);
    expect(slow).toMatch(/done=drafts_failed/);
    const row = await s.svc.service.deps.prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } });
    expect(row.texts).toEqual({ fr: "Atelier couture samedi, 14 h." });
    expect(row.suggestions).toEqual({});
  });
});

describe("Announcements without a translation provider", () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ env: CONSOLE_ENV });
    await importProgramme(svc.service.deps.prisma, {
      cohorts: [{ key: "np", name: "Coopérative Pantin", startsOn: "2026-10-01", endsOn: "2030-03-01", sessions: [], members: [tg("66000001", "Olena", "uk")], coordinators: [tg("66000009", "Amina", "fr")] }],
    });
  });
  afterAll(async () => svc?.stop());

  it("shows no drafts button, and asking anyway changes nothing", async () => {
    const amina = await sessionOf(svc, "Amina");
    const cohort = await svc.service.deps.prisma.cohort.findUniqueOrThrow({ where: { key: "np" } });
    const path = await compose(svc, amina, { audience: `cohort:${cohort.id}`, text: ORIGINAL });
    const page = await pageOf(svc, amina, path);
    expect(page).not.toContain('value="suggest"');
    expect(page).toContain("Envoyer à 1 personne");
    expect(await submitDraft(svc, amina, path, { action: "suggest" })).toBe(`${path}?done=drafts_no_provider`);
    expect((await svc.service.deps.prisma.announcementDraft.findUniqueOrThrow({ where: { id: draftIdOf(path) } })).texts).toEqual({ fr: ORIGINAL });
  });
});
