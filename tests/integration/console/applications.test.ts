/**
 * The console's Applications page through the real service (PostgreSQL, Redis): the list within the
 * viewer's scope, the filters, accepting into a cohort and declining through the chat's own effect
 * handlers (membership, the applicant's message in their language, the audit entry), CSRF, and refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/core/locales.ts";
import { renderFor } from "../../../src/i18n/render.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
let svc: TestService;
const ids: Record<string, string> = {};
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      { key: "a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("830000001", "Awa")], coordinators: [m("830000009", "Amina")] },
      { key: "b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [], coordinators: [m("831000009", "Bilal")] },
      { key: "old", name: "Coopérative Finie", startsOn: "2025-01-01", endsOn: "2025-06-01", sessions: [], members: [], coordinators: [m("832000009", "Chloé")] },
    ],
  });
  for (const key of ["a", "b", "old"]) ids[key] = (await prisma.cohort.findUniqueOrThrow({ where: { key } })).id;
  const applicant = async (name: string, locale: string, externalId: string, data: { cohortId?: string; status?: "submitted" | "accepted" | "declined"; decidedAt?: Date; answers?: Record<string, string> } = {}) => {
    const person = await prisma.person.create({ data: { firstName: name, locale, localeConfirmed: true, stage: "applicant", identities: { create: { channel: "telegram", externalId } } } });
    const application = await prisma.application.create({
      data: {
        personId: person.id, status: data.status ?? "submitted", submittedAt: ago(3), cohortId: data.cohortId ?? null, decidedAt: data.decidedAt ?? null,
        answers: { create: Object.entries(data.answers ?? {}).map(([questionKey, value]) => ({ questionKey, value, answeredAt: ago(3) })) },
      },
    });
    ids[name] = application.id;
    ids[`${name}:person`] = person.id;
  };
  await applicant("Nadia", "es", "833000001", { answers: { first_name: "Nadia", french_level: "beginner", project: "Un traiteur <libanais> & syrien", sector: "catering", availability: "half_days" } });
  await applicant("Yara", "ru", "833000002", { cohortId: ids["b"]! });
  await applicant("Omar", "ar", "833000003", { answers: { project: "voice:abc" } });
  await applicant("Lina", "en", "833000004", { status: "declined", decidedAt: ago(10) });
  await applicant("Vieux", "en", "833000005", { status: "declined", decidedAt: ago(120) });
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "839000001" } } } });
});
afterAll(async () => svc?.stop());

async function sessionOf(firstName: string): Promise<string> {
  const { prisma } = svc.service.deps;
  const person = await prisma.person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}
async function pageOf(cookie: string, query = ""): Promise<string> {
  const res = await get(svc.baseUrl, `/console/applications${query}`, cookie);
  expect(res.status).toBe(200);
  return res.text();
}
const card = (page: string, id: string) => {
  const start = page.indexOf(`id="a-${id}"`);
  return start < 0 ? "" : page.slice(start, page.indexOf("</article>", start));
};
const decisionsOf = (applicationId: string) => svc.service.deps.prisma.auditLog.findMany({ where: { subject: applicationId, action: { startsWith: "application." } } });

describe("Applications", () => {
  it("lists the applications waiting in the coordinator's scope, with the answers and the questions' texts", async () => {
    const page = await pageOf(await sessionOf("Amina"));
    expect(page).toContain("<h1>Candidatures</h1>");
    expect(page).toContain('aria-current="page">Candidatures');
    const nadia = card(page, ids["Nadia"]!);
    expect(nadia).toContain("Español");
    expect(nadia).toContain("Telegram");
    // The chat's own question labels and options (locales/fr.json), values escaped.
    expect(nadia).toContain("<dt>Français</dt>");
    expect(nadia).toContain("Un traiteur &lt;libanais&gt; &amp; syrien");
    expect(nadia).toContain("🍽️ Cuisine, traiteur");
    expect(card(page, ids["Omar"]!)).toContain("🎤 message vocal");
    expect(card(page, ids["Yara"]!)).toBe(""); // another cohort's application
    expect(card(page, ids["Lina"]!)).toBe(""); // decided: only with the filter
    // Open cohorts of hers only, with the form's CSRF token.
    expect(nadia).toContain(`value="${ids["a"]}"`);
    expect(nadia).not.toContain(ids["b"]!);
    expect(nadia).not.toContain(ids["old"]!);
    expect(nadia).toContain(`name="_csrf" value="${csrfOf(page)}"`);
  });

  it("shows another cohort's coordinator hers and those with no cohort; an admin everything", async () => {
    const bilal = await pageOf(await sessionOf("Bilal"));
    expect(card(bilal, ids["Yara"]!)).toContain("Русский");
    expect(card(bilal, ids["Nadia"]!)).not.toBe("");
    const admin = await pageOf(await sessionOf("Marc"));
    expect(admin).toContain("<h1>Applications</h1>");
    for (const name of ["Nadia", "Yara", "Omar"]) expect(card(admin, ids[name]!)).not.toBe("");
    // An admin may accept into any open cohort, never an ended one.
    expect(card(admin, ids["Nadia"]!)).toContain(`value="${ids["b"]}"`);
    expect(card(admin, ids["Nadia"]!)).not.toContain(ids["old"]!);
  });

  it("filters by status (decided: the last 90 days) and by language, as plain GET parameters", async () => {
    const cookie = await sessionOf("Amina");
    const arabic = await pageOf(cookie, "?lang=ar");
    expect(card(arabic, ids["Omar"]!)).not.toBe("");
    expect(card(arabic, ids["Nadia"]!)).toBe("");
    expect(arabic).toContain('<option value="ar" selected>');
    const declined = await pageOf(cookie, "?status=declined");
    expect(card(declined, ids["Lina"]!)).toContain("Refusée le");
    expect(card(declined, ids["Vieux"]!)).toBe(""); // decided 120 days ago
    expect(card(declined, ids["Lina"]!)).not.toContain("<form");
    // Unknown values fall back to the defaults.
    const odd = await pageOf(cookie, "?status=draft&lang=%3Cx%3E");
    expect(card(odd, ids["Nadia"]!)).not.toBe("");
  });

  it("refuses a form without its CSRF token (403, audited) and changes nothing", async () => {
    const cookie = await sessionOf("Amina");
    const res = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/accept`, cookie, { cohortId: ids["a"]! });
    expect(res.status).toBe(403);
    const forged = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/decline`, cookie, { _csrf: "x".repeat(43) });
    expect(forged.status).toBe(403);
    const { prisma } = svc.service.deps;
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids["Nadia"]! } })).status).toBe("submitted");
    expect(await prisma.auditLog.count({ where: { action: "denied", subject: "console.application.accepted" } })).toBe(1);
    expect(await decisionsOf(ids["Nadia"]!)).toEqual([]);
  });

  it("refuses signed-out requests and a person who is no longer a coordinator", async () => {
    expect((await get(svc.baseUrl, "/console/applications")).status).toBe(401);
    expect((await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/decline`, "mc_console=nope", { _csrf: "x" })).status).toBe(401);
    const { prisma } = svc.service.deps;
    const temp = await prisma.person.create({ data: { role: "coordinator", firstName: "Tempo", locale: "fr", identities: { create: { channel: "telegram", externalId: "838000001" } } } });
    const cookie = await sessionOf("Tempo");
    const page = await pageOf(cookie);
    await prisma.person.update({ where: { id: temp.id }, data: { role: "participant" } });
    expect((await get(svc.baseUrl, "/console/applications", cookie)).status).toBe(403);
    // The session was ended for good by the role lost: the form is refused too.
    expect((await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/decline`, cookie, { _csrf: csrfOf(page) })).status).toBe(401);
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids["Nadia"]! } })).status).toBe("submitted");
  });

  it("accepts into a cohort as the chat does: membership, the applicant told in their language, the audit entry", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie));
    const { prisma, i18n } = svc.service.deps;
    // Another cohort's, or an ended one: refused, nothing changes.
    const other = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/accept`, cookie, { _csrf: csrf, cohortId: ids["b"]! });
    expect(other.headers.get("location")).toBe("/console/applications?done=bad_cohort");
    const ended = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/accept`, cookie, { _csrf: csrf, cohortId: ids["old"]! });
    expect(ended.headers.get("location")).toBe("/console/applications?done=bad_cohort");
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids["Nadia"]! } })).status).toBe("submitted");
    const res = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/accept`, cookie, { _csrf: csrf, cohortId: ids["a"]! });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console/applications?done=accepted");
    const application = await prisma.application.findUniqueOrThrow({ where: { id: ids["Nadia"]! } });
    const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
    expect(application).toMatchObject({ status: "accepted", cohortId: ids["a"], decidedById: amina.id, decidedAt: NOW });
    const membership = await prisma.membership.findFirstOrThrow({ where: { personId: ids["Nadia:person"]!, cohortId: ids["a"]! } });
    expect(membership).toMatchObject({ role: "member", status: "active" });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: ids["Nadia:person"]! } })).stage).toBe("member");
    // The applicant's message: queued once, in Spanish, exactly the chat's text.
    const sent = await prisma.outboundMessage.findMany({ where: { personId: ids["Nadia:person"]!, purpose: "application_decision" } });
    expect(sent).toHaveLength(1);
    const expected = renderFor({ i18n }, "es" as Locale, { type: "text", say: { key: "application.accepted", params: { cohort: "Coopérative Belleville" } } });
    expect(sent[0]!.intent).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.stringify(sent[0]!.intent)).toContain("Coopérative Belleville");
    expect(sent[0]!.externalId).toBe("833000001");
    expect((await decisionsOf(ids["Nadia"]!)).map((a) => [a.action, a.actorId])).toEqual([["application.accepted", amina.id]]);
    // The page after the redirect says so, and the application is no longer waiting.
    const after = await pageOf(cookie, "?done=accepted");
    expect(after).toContain('role="status"');
    expect(after).toContain("Candidature acceptée");
    expect(card(after, ids["Nadia"]!)).toBe("");
    expect(card(await pageOf(cookie, "?status=accepted"), ids["Nadia"]!)).toContain("Coopérative Belleville");
    // Deciding it again (a second tab, the chat first): a clear message, nothing sent twice.
    const again = await postForm(svc.baseUrl, `/console/applications/${ids["Nadia"]}/decline`, cookie, { _csrf: csrf });
    expect(again.headers.get("location")).toBe("/console/applications?done=gone");
    expect(await pageOf(cookie, "?done=gone")).toContain("déjà été traitée");
    expect(await prisma.outboundMessage.count({ where: { personId: ids["Nadia:person"]!, purpose: "application_decision" } })).toBe(1);
    expect(await decisionsOf(ids["Nadia"]!)).toHaveLength(1);
  });

  it("declines: the applicant told in their language, the audit entry; another cohort's application or an unknown one is 'gone'", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie));
    const { prisma, i18n } = svc.service.deps;
    const yara = await postForm(svc.baseUrl, `/console/applications/${ids["Yara"]}/decline`, cookie, { _csrf: csrf });
    expect(yara.headers.get("location")).toBe("/console/applications?done=gone");
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids["Yara"]! } })).status).toBe("submitted");
    const unknown = await postForm(svc.baseUrl, `/console/applications/00000000-0000-4000-8000-000000000000/decline`, cookie, { _csrf: csrf });
    expect(unknown.headers.get("location")).toBe("/console/applications?done=gone");
    const res = await postForm(svc.baseUrl, `/console/applications/${ids["Omar"]}/decline`, cookie, { _csrf: csrf });
    expect(res.headers.get("location")).toBe("/console/applications?done=declined");
    expect((await prisma.application.findUniqueOrThrow({ where: { id: ids["Omar"]! } })).status).toBe("declined");
    expect(await prisma.membership.count({ where: { personId: ids["Omar:person"]! } })).toBe(0);
    const sent = await prisma.outboundMessage.findMany({ where: { personId: ids["Omar:person"]!, purpose: "application_decision" } });
    expect(sent.map((s) => s.intent)).toEqual([JSON.parse(JSON.stringify(renderFor({ i18n }, "ar" as Locale, { type: "text", say: { key: "application.declined" } })))]);
    expect((await decisionsOf(ids["Omar"]!)).map((a) => a.action)).toEqual(["application.declined"]);
  });
});
