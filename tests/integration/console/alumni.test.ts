/**
 * The console's Alumni page through the real service (PostgreSQL, Redis): help requests from check-ins in
 * the viewer's scope, with the person's words since (escaped, and translated as in the Inbox) and their thread; each cohort's alumni with
 * their check-ins per offset (planned, sent, nudged, answered: the chat's own labels, the roadmap's steps);
 * marking a request handled (kept on the check-in, audited, gone from the list and from Today). Another
 * cohort's coordinator gets 404, a former coordinator 403, a form without its CSRF token 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../../support/console.ts";
import { startFakeLibreTranslate, type FakeLibreTranslate } from "../../fakes/libretranslate-server.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let svc: TestService;
let lt: FakeLibreTranslate;
const ids: Record<string, string> = {};
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });
const prisma = () => svc.service.deps.prisma;
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  lt = await startFakeLibreTranslate();
  svc = await startTestService({ env: { ...CONSOLE_ENV, TRANSLATE_PROVIDERS: "libretranslate", LIBRETRANSLATE_URL: lt.url }, now: () => NOW });
  await importProgramme(prisma(), {
    cohorts: [
      { key: "a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("860000001", "Awa")], coordinators: [m("860000009", "Amina")] },
      { key: "old", name: "Coopérative Finie", startsOn: "2026-02-01", endsOn: "2026-07-01", sessions: [], members: [m("860000002", "Chidi", "en"), m("860000003", "Dara", "fa")], coordinators: [m("860000009", "Amina")] },
      { key: "b", name: "Coopérative Montreuil", startsOn: "2026-02-01", endsOn: "2026-07-01", sessions: [], members: [m("861000001", "Youssef", "ar")], coordinators: [m("861000009", "Bilal")] },
    ],
  });
  for (const key of ["a", "old", "b"]) ids[key] = (await prisma().cohort.findUniqueOrThrow({ where: { key } })).id;
  for (const name of ["Chidi", "Dara", "Youssef", "Amina"]) ids[name] = (await prisma().person.findFirstOrThrow({ where: { firstName: name } })).id;
  for (const key of ["old", "b"]) {
    await prisma().cohort.update({ where: { id: ids[key]! }, data: { endedAt: at("2026-07-01T09:00:00Z") } });
    await prisma().membership.updateMany({ where: { cohortId: ids[key]!, role: "member" }, data: { status: "alumni" } });
  }
  await prisma().roadmap.create({ data: { personId: ids["Chidi"]!, cohortId: ids["old"]!, nextSteps: [{ key: "siret", text: "Register my micro-enterprise" }, { key: "s2", text: "Find a kitchen" }] } });
  const checkIn = (person: string, cohort: string, offset: string, data: object) => prisma().checkIn.create({ data: { personId: ids[person]!, cohortId: ids[cohort]!, offset, ...data } });
  await checkIn("Chidi", "old", "P1M", { sentAt: at("2026-08-01T09:00:00Z"), answeredAt: at("2026-08-02T09:00:00Z"), activityStatus: "micro_enterprise", needsHelp: false, stepAnswers: { siret: "done", s2: "need_help" } });
  ids["chidi:P3M"] = (await checkIn("Chidi", "old", "P3M", { sentAt: at("2026-10-01T09:00:00Z"), answeredAt: at("2026-10-02T09:00:00Z"), activityStatus: "preparing", needsHelp: true })).id;
  await checkIn("Dara", "old", "P1M", { sentAt: at("2026-08-01T09:00:00Z"), nudgedAt: at("2026-08-08T09:00:00Z") });
  ids["youssef:P1M"] = (await checkIn("Youssef", "b", "P1M", { sentAt: at("2026-08-01T09:00:00Z"), answeredAt: at("2026-08-01T10:00:00Z"), needsHelp: true })).id;
  // The thread the help request opened (an empty first message, as relay/threads.ts writes it), then Chidi's words.
  const thread = await prisma().relayThread.create({
    data: {
      personId: ids["Chidi"]!,
      openedAt: at("2026-10-02T09:00:00Z"),
      messages: { create: [{ direction: "in", authorId: ids["Chidi"]!, text: "", createdAt: at("2026-10-02T09:00:00Z") }, { direction: "in", authorId: ids["Chidi"]!, text: "I need help with the bank <account> & papers", createdAt: at("2026-10-02T09:05:00Z") }] },
    },
  });
  ids["thread"] = thread.id;
  await prisma().person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "869000001" } } } });
});
afterAll(async () => {
  await svc?.stop();
  await lt?.close();
});

async function sessionOf(firstName: string): Promise<string> {
  const person = await prisma().person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma(), person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}
async function pageOf(cookie: string, path = "/console/alumni"): Promise<string> {
  const res = await get(svc.baseUrl, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}
const section = (page: string, id: string) => {
  const start = page.indexOf(`aria-labelledby="${id}"`);
  return start < 0 ? "" : page.slice(start, page.indexOf("</section>", start));
};
const person = (page: string, personId: string) => {
  const start = page.indexOf(`-${personId}"`);
  return start < 0 ? "" : page.slice(start, page.indexOf("</article>", start));
};
const handledPath = (checkInId: string) => `/console/alumni/help/${checkInId}/handled`;

describe("Alumni", () => {
  it("shows the help requests of her cohorts, with the person's words since and their thread", async () => {
    const page = await pageOf(await sessionOf("Amina"));
    expect(page).toContain("<h1>Anciens</h1>");
    expect(page).toContain('aria-current="page">Anciens');
    const help = section(page, "help");
    expect(help).toContain("Chidi");
    expect(help).toContain("Coopérative Finie · Suivi à 3 mois");
    expect(help).toContain("I need help with the bank &lt;account&gt; &amp; papers");
    expect(help).toContain(`href="/console/inbox/${ids["thread"]}"`);
    expect(help).toContain(`action="${handledPath(ids["chidi:P3M"]!)}"`);
    expect(help).toContain(`name="_csrf" value="${csrfOf(page)}"`);
    expect(help).not.toContain("Youssef");
    expect((await pageOf(await sessionOf("Bilal"))).includes(handledPath(ids["youssef:P1M"]!))).toBe(true);
    // With a translation provider, the person's words in the viewer's language under the original, as in the Inbox (asked for on the first view).
    const cookie = await sessionOf("Amina");
    const translated = await eventually(async () => {
      const again = section(await pageOf(cookie), "help");
      return again.includes("Traduction automatique") ? again : undefined;
    });
    expect(translated).toContain("[en→fr] I need help with the bank &lt;account&gt; &amp; papers");
  });

  it("shows each alumna's check-ins per offset: planned, sent and nudged, answered with the chat's labels and the roadmap's steps", async () => {
    const page = await pageOf(await sessionOf("Amina"));
    expect(page).toContain("Coopérative Finie");
    expect(page).not.toContain("Coopérative Belleville"); // not ended, no check-in yet
    expect(page).not.toContain("Coopérative Montreuil");
    const chidi = person(page, ids["Chidi"]!);
    expect([...chidi.matchAll(/<dt>([^<]+)<\/dt>/g)].map((x) => x[1])).toEqual(["Suivi à 1 mois", "Suivi à 3 mois", "Suivi à 6 mois", "Suivi à 12 mois"]);
    expect(chidi).toContain("🏢 Micro-entreprise");
    expect(chidi).toContain("Register my micro-enterprise</span> — ✅ C&#39;est fait");
    expect(chidi).toContain("Find a kitchen</span> — 🙋 Besoin d&#39;aide");
    expect(chidi).toContain("⏳ Je prépare encore");
    expect(chidi).toContain("🙋 Demande de l’aide");
    expect(chidi).toContain("👍 N’a pas besoin d’aide");
    expect(chidi).toContain("Prévu le 1 janvier 2027.");
    const dara = person(page, ids["Dara"]!);
    expect(dara).toContain("Envoyé le samedi 1 août à 11:00, pas de réponse.");
    expect(dara).toContain("Rappel envoyé le samedi 8 août à 11:00.");
    // An admin sees every cohort followed; the filter keeps one.
    const admin = await pageOf(await sessionOf("Marc"));
    expect(admin).toContain("Coopérative Montreuil");
    expect(admin).toContain("Check-in at 3 months");
    const filtered = await pageOf(await sessionOf("Marc"), "/console/alumni?cohort=b");
    expect(person(filtered, ids["Youssef"]!)).not.toBe("");
    expect(person(filtered, ids["Chidi"]!)).toBe("");
  });

  it("answers 404 when another cohort's coordinator marks a request handled, and a CSRF-less form 403 (audited); nothing changes", async () => {
    const bilal = await sessionOf("Bilal");
    const csrf = csrfOf(await pageOf(bilal));
    expect((await postForm(svc.baseUrl, handledPath(ids["chidi:P3M"]!), bilal, { _csrf: csrf })).status).toBe(404);
    expect((await postForm(svc.baseUrl, handledPath("00000000-0000-4000-8000-000000000000"), bilal, { _csrf: csrf })).status).toBe(404);
    expect((await postForm(svc.baseUrl, handledPath("nope"), bilal, { _csrf: csrf })).status).toBe(404);
    const amina = await sessionOf("Amina");
    expect((await postForm(svc.baseUrl, handledPath(ids["chidi:P3M"]!), amina, {})).status).toBe(403);
    expect(await prisma().auditLog.count({ where: { action: "denied", subject: "console.checkin.help_handled" } })).toBe(1);
    expect((await prisma().checkIn.findUniqueOrThrow({ where: { id: ids["chidi:P3M"]! } })).helpHandledAt).toBeNull();
    expect(await prisma().auditLog.count({ where: { action: "checkin.help_handled" } })).toBe(0);
  });

  it("refuses signed-out requests and someone who is no longer a coordinator", async () => {
    expect((await get(svc.baseUrl, "/console/alumni")).status).toBe(401);
    const temp = await prisma().person.create({ data: { role: "coordinator", firstName: "Tempo", locale: "fr", identities: { create: { channel: "telegram", externalId: "868000001" } } } });
    const cookie = await sessionOf("Tempo");
    const page = await pageOf(cookie);
    await prisma().person.update({ where: { id: temp.id }, data: { role: "participant" } });
    expect((await get(svc.baseUrl, "/console/alumni", cookie)).status).toBe(403);
    expect((await postForm(svc.baseUrl, handledPath(ids["chidi:P3M"]!), cookie, { _csrf: csrfOf(page) })).status).toBe(401);
  });

  it("marks a help request handled: kept on the check-in, audited, gone from the list and from Today; a second time says so", async () => {
    const cookie = await sessionOf("Amina");
    const today = await pageOf(cookie, "/console");
    expect(section(today, "help")).toContain("Chidi");
    const csrf = csrfOf(today);
    const res = await postForm(svc.baseUrl, handledPath(ids["chidi:P3M"]!), cookie, { _csrf: csrf });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/alumni?done=handled");
    expect(await prisma().checkIn.findUniqueOrThrow({ where: { id: ids["chidi:P3M"]! } })).toMatchObject({ needsHelp: true, helpHandledAt: NOW, helpHandledById: ids["Amina"] });
    const audits = await prisma().auditLog.findMany({ where: { action: "checkin.help_handled" } });
    expect(audits.map((a) => [a.actorId, a.subject, (a.details as { personId: string }).personId])).toEqual([[ids["Amina"], ids["chidi:P3M"], ids["Chidi"]]]);
    const page = await pageOf(cookie, "/console/alumni?done=handled");
    expect(page).toContain("Demande marquée comme traitée.");
    expect(section(page, "help")).toContain("Aucune demande d’aide en attente.");
    expect(person(page, ids["Chidi"]!)).toContain("traitée le mardi 1 décembre à 10:00");
    expect(section(await pageOf(cookie, "/console"), "help")).not.toContain("Chidi");
    const again = await postForm(svc.baseUrl, handledPath(ids["chidi:P3M"]!), cookie, { _csrf: csrf });
    expect(again.headers.get("location")).toBe("/console/alumni?done=already");
    expect(await prisma().auditLog.count({ where: { action: "checkin.help_handled" } })).toBe(1);
  });
});
