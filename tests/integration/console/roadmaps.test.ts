/**
 * The console's Roadmaps page through the real service (PostgreSQL, Redis, a fake Telegram): each cohort's
 * members in the viewer's scope and where their roadmap stands; one roadmap written whole in the form
 * (the chat's sections and line forms, next steps keeping their keys, the file's limits), audited as the
 * chat audits it; sending it once the cohort has ended: the person's Telegram receives exactly what the
 * chat sends for "show my roadmap". Another cohort's coordinator gets 404s, a former coordinator 403, a
 * form without its CSRF token 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX } from "../../../src/core/intent.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { importRoadmaps } from "../../../src/roadmap/import.ts";
import { roadmapText } from "../../../src/roadmap/render.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../../support/console.ts";
import { postTelegram, startWithPlatforms, tgCallbackUpdate } from "../../support/platforms.ts";
import { eventually } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let s: Awaited<ReturnType<typeof startWithPlatforms>>;
const ids: Record<string, string> = {};
const CHIDI = 852000001;
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });
const prisma = () => s.svc.service.deps.prisma;

beforeAll(async () => {
  s = await startWithPlatforms({ env: CONSOLE_ENV, now: () => NOW });
  await importProgramme(prisma(), {
    cohorts: [
      { key: "a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("850000001", "Awa"), m("850000002", "Binta", "ar")], coordinators: [m("850000009", "Amina")] },
      { key: "b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("851000001", "Youssef")], coordinators: [m("851000009", "Bilal")] },
      { key: "old", name: "Coopérative Finie", startsOn: "2026-05-01", endsOn: "2026-10-01", sessions: [], members: [m(String(CHIDI), "Chidi", "en")], coordinators: [m("850000009", "Amina")] },
    ],
  });
  for (const key of ["a", "b", "old"]) ids[key] = (await prisma().cohort.findUniqueOrThrow({ where: { key } })).id;
  for (const name of ["Awa", "Binta", "Youssef", "Chidi", "Amina"]) ids[name] = (await prisma().person.findFirstOrThrow({ where: { firstName: name } })).id;
  // The old cohort ended two months ago; Chidi's roadmap went out then.
  await prisma().cohort.update({ where: { id: ids["old"]! }, data: { endedAt: new Date("2026-10-01T09:00:00Z") } });
  await prisma().membership.updateMany({ where: { cohortId: ids["old"]! }, data: { status: "alumni" } });
  await importRoadmaps(prisma(), {
    roadmaps: [{ cohort: "old", person: { channel: "telegram", externalId: String(CHIDI) }, strengths: ["Great taste"], nextSteps: [{ key: "siret", text: "Register my micro-enterprise" }] }],
  });
  await prisma().roadmap.updateMany({ where: { personId: ids["Chidi"]! }, data: { deliveredAt: new Date("2026-10-01T09:00:00Z"), updatedAt: new Date("2026-10-01T09:00:00Z") } });
  await prisma().person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "859000001" } } } });
});
afterAll(async () => s?.stop());

async function sessionOf(firstName: string): Promise<string> {
  const person = await prisma().person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma(), person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  return signIn(s.svc.baseUrl, made.url);
}
async function pageOf(cookie: string, path = "/console/roadmaps"): Promise<string> {
  const res = await get(s.svc.baseUrl, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}
const editPath = (cohort: string, person: string) => `/console/roadmaps/${ids[cohort]}/${ids[person]}`;
const decode = (h: string) => h.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const textarea = (page: string, name: string) => decode(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(page)?.[1] ?? "");
const form = (fields: Partial<Record<"strengths" | "improvements" | "resources" | "partners" | "next_steps", string>>) => ({ strengths: "", improvements: "", resources: "", partners: "", next_steps: "", ...fields });
const roadmapOf = (person: string, cohort: string) => prisma().roadmap.findUnique({ where: { personId_cohortId: { personId: ids[person]!, cohortId: ids[cohort]! } } });

describe("Roadmaps", () => {
  it("lists the members of the coordinator's cohorts and where each roadmap stands", async () => {
    const page = await pageOf(await sessionOf("Amina"));
    expect(page).toContain("<h1>Feuilles de route</h1>");
    expect(page).toContain('aria-current="page">Feuilles de route');
    for (const [cohort, person] of [["a", "Awa"], ["a", "Binta"], ["old", "Chidi"]] as const) expect(page).toContain(`href="${editPath(cohort, person)}"`);
    expect(page).not.toContain(ids["Youssef"]!);
    expect(page).not.toContain("Coopérative Montreuil");
    expect(page).toContain("Pas encore écrite");
    expect(page).toContain("2 lignes · envoyée le jeudi 1 octobre");
    expect(page).not.toContain("modifiée depuis l’envoi");
    expect(page).toContain("Se termine le 1 mars 2027");
    // The cohort filter, a plain GET parameter.
    const old = await pageOf(await sessionOf("Amina"), "/console/roadmaps?cohort=old");
    expect(old).toContain(`href="${editPath("old", "Chidi")}"`);
    expect(old).not.toContain(`href="${editPath("a", "Awa")}"`);
  });

  it("answers 404 to another cohort's coordinator, for the page and both forms, and changes nothing", async () => {
    const cookie = await sessionOf("Bilal");
    const csrf = csrfOf(await pageOf(cookie));
    expect((await get(s.svc.baseUrl, editPath("a", "Awa"), cookie)).status).toBe(404);
    expect((await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, { _csrf: csrf, ...form({ strengths: "Intrus" }) })).status).toBe(404);
    expect((await postForm(s.svc.baseUrl, `${editPath("old", "Chidi")}/deliver`, cookie, { _csrf: csrf })).status).toBe(404);
    // A member of her cohort under another cohort's id, unknown ids, malformed ids: the same answer.
    expect((await get(s.svc.baseUrl, `/console/roadmaps/${ids["a"]}/${ids["Youssef"]}`, cookie)).status).toBe(404);
    expect((await get(s.svc.baseUrl, `/console/roadmaps/${ids["b"]}/00000000-0000-4000-8000-000000000000`, cookie)).status).toBe(404);
    expect((await get(s.svc.baseUrl, `/console/roadmaps/x/y`, cookie)).status).toBe(404);
    expect(await roadmapOf("Awa", "a")).toBeNull();
    expect(await prisma().outboundMessage.count({ where: { personId: ids["Chidi"]! } })).toBe(0);
    // Her own cohort's member opens; an admin opens anyone's.
    expect((await get(s.svc.baseUrl, `/console/roadmaps/${ids["b"]}/${ids["Youssef"]}`, cookie)).status).toBe(200);
    expect((await get(s.svc.baseUrl, editPath("a", "Awa"), await sessionOf("Marc"))).status).toBe(200);
  });

  it("refuses signed-out requests and someone who is no longer a coordinator", async () => {
    expect((await get(s.svc.baseUrl, "/console/roadmaps")).status).toBe(401);
    const temp = await prisma().person.create({ data: { role: "coordinator", firstName: "Tempo", locale: "fr", identities: { create: { channel: "telegram", externalId: "858000001" } } } });
    const cookie = await sessionOf("Tempo");
    const page = await pageOf(cookie);
    await prisma().person.update({ where: { id: temp.id }, data: { role: "participant" } });
    expect((await get(s.svc.baseUrl, "/console/roadmaps", cookie)).status).toBe(403);
    expect((await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, { _csrf: csrfOf(page), ...form({ strengths: "x" }) })).status).toBe(401);
    expect(await roadmapOf("Awa", "a")).toBeNull();
  });

  it("refuses a form without its CSRF token (403, audited) and saves nothing", async () => {
    const cookie = await sessionOf("Amina");
    expect((await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, form({ strengths: "x" }))).status).toBe(403);
    expect((await postForm(s.svc.baseUrl, `${editPath("old", "Chidi")}/deliver`, cookie, { _csrf: "x".repeat(43) })).status).toBe(403);
    expect(await roadmapOf("Awa", "a")).toBeNull();
    expect(await prisma().auditLog.count({ where: { action: "denied", subject: "console.roadmap.written" } })).toBe(1);
    expect(await prisma().auditLog.count({ where: { action: "denied", subject: "console.roadmap.delivered" } })).toBe(1);
    expect(await prisma().outboundMessage.count({ where: { personId: ids["Chidi"]! } })).toBe(0);
  });

  it("writes a roadmap whole, as the chat reads typed lines, audited as the chat audits; the page shows what the person receives", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie, editPath("a", "Awa")));
    const fields = form({
      strengths: "Très bon goût\r\n\r\n  Clientèle <fidèle> & nombreuse  ",
      improvements: "Fixer ses prix",
      resources: "Guide URSSAF",
      partners: "ADIE — 0 969 328 110 — micro-crédit\nBGE",
      next_steps: "Créer ma micro-entreprise\nTrouver un local",
    });
    const res = await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, { _csrf: csrf, ...fields });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${editPath("a", "Awa")}?done=saved`);
    const saved = (await roadmapOf("Awa", "a"))!;
    expect(saved).toMatchObject({
      strengths: ["Très bon goût", "Clientèle <fidèle> & nombreuse"],
      improvements: ["Fixer ses prix"],
      resources: ["Guide URSSAF"],
      partners: [{ name: "ADIE", contact: "0 969 328 110", why: "micro-crédit" }, { name: "BGE", contact: "", why: "" }],
      nextSteps: [{ key: "s1", text: "Créer ma micro-entreprise" }, { key: "s2", text: "Trouver un local" }],
      writtenById: ids["Amina"],
      deliveredAt: null,
    });
    const audits = await prisma().auditLog.findMany({ where: { action: "roadmap.written", subject: ids["Awa"]! } });
    expect(audits.map((a) => [a.actorId, (a.details as { cohortId: string }).cohortId])).toEqual([[ids["Amina"], ids["a"]]]);
    // The page after the redirect: the notice, the form as stored, and the message as the chat renders it in Awa's language.
    const page = await pageOf(cookie, `${editPath("a", "Awa")}?done=saved`);
    expect(page).toContain('role="status"');
    expect(page).toContain("Feuille de route enregistrée");
    expect(textarea(page, "strengths")).toBe("Très bon goût\nClientèle <fidèle> & nombreuse");
    expect(textarea(page, "partners")).toBe("ADIE — 0 969 328 110 — micro-crédit\nBGE");
    expect(page).not.toContain("Clientèle <fidèle>");
    const expected = roadmapText(s.svc.service.deps.i18n.getFixedT("fr"), saved, "Awa");
    expect(decode(/<div class="sent-text" lang="fr" dir="auto">([\s\S]*?)<\/div>/.exec(page)![1]!)).toBe(expected);
    expect(page).toContain("Elle partira toute seule à la fin de la coopérative, le 1 mars 2027.");
    expect(page).not.toContain("/deliver");
    // The same words again: nothing changes, nothing is audited.
    const again = await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, { _csrf: csrf, ...fields });
    expect(again.headers.get("location")).toBe(`${editPath("a", "Awa")}?done=unchanged`);
    expect(await prisma().auditLog.count({ where: { action: "roadmap.written", subject: ids["Awa"]! } })).toBe(1);
    // A step removed and one added: the one kept keeps its key (check-in answers are stored by key), the new one takes a fresh key.
    await postForm(s.svc.baseUrl, editPath("a", "Awa"), cookie, { _csrf: csrf, ...fields, next_steps: "Trouver un local\nOuvrir un compte pro" });
    expect((await roadmapOf("Awa", "a"))!.nextSteps).toEqual([{ key: "s2", text: "Trouver un local" }, { key: "s3", text: "Ouvrir un compte pro" }]);
    expect(await prisma().auditLog.count({ where: { action: "roadmap.written", subject: ids["Awa"]! } })).toBe(2);
  });

  it("imports the same roadmaps file twice without a change the second time (partners compared whatever jsonb's key order)", async () => {
    const file = { roadmaps: [{ cohort: "b", person: { channel: "telegram", externalId: "851000001" }, partners: [{ name: "ADIE", contact: "0 969 328 110", why: "micro-crédit" }], nextSteps: [{ key: "siret", text: "Créer" }] }] };
    expect(await importRoadmaps(prisma(), file)).toMatchObject({ created: 1, updated: 0 });
    expect(await importRoadmaps(prisma(), file)).toMatchObject({ created: 0, updated: 0 });
  });

  it("refuses a roadmap beyond the file's limits (400), keeping what was typed, and saves nothing", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie));
    const typed = Array.from({ length: 21 }, (_, i) => `Idée ${i + 1}`).join("\n");
    const res = await postForm(s.svc.baseUrl, editPath("a", "Binta"), cookie, { _csrf: csrf, ...form({ strengths: typed, resources: "x".repeat(501) }) });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain("20 lignes au plus");
    expect(page).toContain("500 caractères");
    expect(page).toMatch(/<textarea id="f-strengths"[^>]*aria-invalid="true"/);
    expect(textarea(page, "strengths")).toBe(typed);
    expect(await roadmapOf("Binta", "a")).toBeNull();
  });

  it("sends a roadmap only once the cohort has ended; the person's Telegram gets what the chat sends for 'show my roadmap', audited", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie));
    const tooEarly = await postForm(s.svc.baseUrl, `${editPath("a", "Awa")}/deliver`, cookie, { _csrf: csrf });
    expect(tooEarly.headers.get("location")).toBe(`${editPath("a", "Awa")}?done=not_ended`);
    expect(await prisma().outboundMessage.count({ where: { personId: ids["Awa"]! } })).toBe(0);
    // Chidi's roadmap, changed after it went out, then sent again.
    const page = await pageOf(cookie, editPath("old", "Chidi"));
    expect(page).toContain("Envoyée le jeudi 1 octobre");
    expect(page).toContain("Envoyer à nouveau à Chidi");
    await postForm(s.svc.baseUrl, editPath("old", "Chidi"), cookie, { _csrf: csrf, ...form({ strengths: "Great taste\nReliable with orders", next_steps: "Register my micro-enterprise" }) });
    const changed = (await roadmapOf("Chidi", "old"))!;
    expect(changed.nextSteps).toEqual([{ key: "siret", text: "Register my micro-enterprise" }]);
    const chidiLine = async () => {
      const list = await pageOf(cookie, "/console/roadmaps?cohort=old");
      const start = list.indexOf(`href="${editPath("old", "Chidi")}"`);
      return list.slice(start, list.indexOf("</li>", start));
    };
    expect(await chidiLine()).toContain("modifiée depuis l’envoi");
    const res = await postForm(s.svc.baseUrl, `${editPath("old", "Chidi")}/deliver`, cookie, { _csrf: csrf });
    expect(res.headers.get("location")).toBe(`${editPath("old", "Chidi")}?done=sent`);
    const t = s.svc.service.deps.i18n.getFixedT("en");
    const body = roadmapText(t, changed, "Chidi");
    const toChidi = () => s.tg.callsTo("sendMessage").filter((c) => String(c.params["chat_id"]) === String(CHIDI)).map((c) => String(c.params["text"]));
    await eventually(() => (toChidi().includes(body) ? true : undefined));
    expect(toChidi()).toEqual([t("roadmap.intro"), body]);
    const docs = () => s.tg.callsTo("sendDocument").filter((c) => String(c.params["chat_id"]) === String(CHIDI));
    const doc = await eventually(() => docs()[0]);
    expect(doc.files["document"]!.content.toString("utf8")).toBe(`\ufeff${body}\n`);
    expect((await roadmapOf("Chidi", "old"))!.deliveredAt).toEqual(NOW);
    const audits = await prisma().auditLog.findMany({ where: { action: "roadmap.delivered", subject: ids["Chidi"]! } });
    expect(audits.map((a) => [a.actorId, (a.details as { again: boolean }).again])).toEqual([[ids["Amina"], true]]);
    expect(await pageOf(cookie, `${editPath("old", "Chidi")}?done=sent`)).toContain("Feuille de route envoyée");
    expect(await chidiLine()).toContain("envoyée le mardi 1 décembre");
    expect(await chidiLine()).not.toContain("modifiée depuis l’envoi");
    // The chat's own "show my roadmap" button (the WhatsApp template's) brings the very same text.
    await postTelegram(s.svc.baseUrl, tgCallbackUpdate(CHIDI, `${PAYLOAD_PREFIX}roadmap:show`));
    await eventually(() => (toChidi().length === 3 ? true : undefined));
    expect(toChidi()[2]).toBe(body);
  });
});
