/**
 * The console's Inbox through the real service (PostgreSQL, Redis): the relay threads within the viewer's
 * scope, newest activity first, with who the person is; one thread's conversation both ways (escaped);
 * answering through the chat's own effect handlers (the person's message queued as from the chat, the
 * thread's "out" message, the audit entry); an empty answer refused; closing (audited); CSRF and sign-in.
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
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000);
const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      { key: "a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("840000001", "Awa", "es")], coordinators: [m("840000009", "Amina")] },
      { key: "b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m("841000001", "Youssef", "ar")], coordinators: [m("841000009", "Bilal")] },
    ],
  });
  const byName = (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [awa, youssef, amina] = [await byName("Awa"), await byName("Youssef"), await byName("Amina")];
  const newcomer = await prisma.person.create({ data: { firstName: "Nour", locale: "fa", localeConfirmed: true, identities: { create: { channel: "whatsapp", externalId: "33612345678" } } } });
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "849000001" } } } });
  const thread = async (key: string, personId: string, messages: { direction: "in" | "out"; authorId: string; text: string; at: Date }[], closedAt?: Date) => {
    const t = await prisma.relayThread.create({ data: { personId, openedAt: messages[0]!.at, closedAt: closedAt ?? null, messages: { create: messages.map((x) => ({ direction: x.direction, authorId: x.authorId, text: x.text, createdAt: x.at })) } } });
    ids[key] = t.id;
  };
  await thread("awa", awa.id, [
    { direction: "in", authorId: awa.id, text: "Bonjour <b>Amina</b> & co, je peux venir avec ma fille ?", at: ago(120) },
    { direction: "out", authorId: amina.id, text: "Oui, bien sûr <i>!</i>", at: ago(100) },
    { direction: "in", authorId: awa.id, text: "Merci, à samedi", at: ago(30) },
  ]);
  await thread("awa-old", awa.id, [{ direction: "in", authorId: awa.id, text: "Une vieille question", at: ago(5000) }], ago(4000));
  await thread("youssef", youssef.id, [{ direction: "in", authorId: youssef.id, text: "سؤال عن الجلسة", at: ago(60) }]);
  await thread("nour", newcomer.id, [
    { direction: "in", authorId: newcomer.id, text: "Je voudrais m'inscrire", at: ago(300) },
    { direction: "out", authorId: amina.id, text: "Écrivez « inscription »", at: ago(10) },
  ]);
  ids["awa:person"] = awa.id;
  ids["amina"] = amina.id;
});
afterAll(async () => svc?.stop());

async function sessionOf(firstName: string): Promise<string> {
  const { prisma } = svc.service.deps;
  const person = await prisma.person.findFirstOrThrow({ where: { firstName, role: { not: "participant" } } });
  const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  return signIn(svc.baseUrl, made.url);
}
async function pageOf(cookie: string, path = "/console/inbox"): Promise<string> {
  const res = await get(svc.baseUrl, path, cookie);
  expect(res.status).toBe(200);
  return res.text();
}
const card = (page: string, id: string) => {
  const start = page.indexOf(`id="t-${id}"`);
  return start < 0 ? "" : page.slice(start, page.indexOf("</article>", start));
};
const order = (page: string) => [...page.matchAll(/id="t-([0-9a-f-]{36})"/g)].map((x) => x[1]);

describe("Inbox", () => {
  it("lists the open threads in the coordinator's scope, newest activity first, with who the person is and whether it waits", async () => {
    const page = await pageOf(await sessionOf("Amina"));
    expect(page).toContain("<h1>Messages</h1>");
    expect(page).toContain('aria-current="page">Messages');
    // Hers (Awa, a member of her cohort) and the newcomer's (no cohort); not Youssef's (another cohort), not the closed one.
    expect(order(page)).toEqual([ids["nour"], ids["awa"]]);
    const awa = card(page, ids["awa"]!);
    expect(awa).toContain(`href="/console/inbox/${ids["awa"]}"`);
    expect(awa).toContain("Español");
    expect(awa).toContain("telegram");
    expect(awa).toContain("Coopérative Belleville");
    expect(awa).toContain("Merci, à samedi");
    expect(awa).toContain("Attend une réponse");
    const nour = card(page, ids["nour"]!);
    expect(nour).toContain("whatsapp");
    expect(nour).toContain("Sans coopérative");
    expect(nour).not.toContain("Attend une réponse"); // the last word is the team's
    expect(card(page, ids["youssef"]!)).toBe("");
    expect(card(page, ids["awa-old"]!)).toBe("");
  });

  it("shows another cohort's coordinator hers only (404 on the others' thread); an admin everything", async () => {
    const bilal = await sessionOf("Bilal");
    expect(order(await pageOf(bilal))).toEqual([ids["nour"], ids["youssef"]]);
    const refused = await get(svc.baseUrl, `/console/inbox/${ids["awa"]}`, bilal);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("Merci, à samedi");
    expect((await get(svc.baseUrl, "/console/inbox/not-a-uuid", bilal)).status).toBe(404);
    expect((await get(svc.baseUrl, "/console/inbox/00000000-0000-4000-8000-000000000000", bilal)).status).toBe(404);
    const admin = await pageOf(await sessionOf("Marc"));
    expect(admin).toContain("<h1>Inbox</h1>");
    expect(order(admin)).toEqual([ids["nour"], ids["awa"], ids["youssef"]]);
  });

  it("shows the whole conversation both ways, oldest first, escaped, with the authors", async () => {
    const page = await pageOf(await sessionOf("Amina"), `/console/inbox/${ids["awa"]}`);
    expect(page).toContain("<h1>Awa</h1>");
    expect(page).toContain("Español");
    expect(page).toContain("Coopérative Belleville");
    expect(page).toContain("Bonjour &lt;b&gt;Amina&lt;/b&gt; &amp; co");
    expect(page).not.toContain("<b>Amina</b>");
    expect(page).toContain("Oui, bien sûr &lt;i&gt;!&lt;/i&gt;");
    const messages = [...page.matchAll(/<li class="msg msg-(in|out)">[\s\S]*?<strong>([^<]+)<\/strong>/g)].map((x) => [x[1], x[2]]);
    expect(messages).toEqual([["in", "Awa"], ["out", "Amina"], ["in", "Awa"]]);
    expect(page).toContain(`action="/console/inbox/${ids["awa"]}/answer"`);
    expect(page).toContain(`name="_csrf" value="${csrfOf(page)}"`);
  });

  it("refuses a form without its CSRF token (403, audited) and changes nothing; signed out is 401", async () => {
    const cookie = await sessionOf("Amina");
    const { prisma } = svc.service.deps;
    const before = await prisma.relayMessage.count({ where: { threadId: ids["awa"]! } });
    expect((await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, cookie, { text: "Bonjour" })).status).toBe(403);
    expect((await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/close`, cookie, { _csrf: "x".repeat(43) })).status).toBe(403);
    expect(await prisma.relayMessage.count({ where: { threadId: ids["awa"]! } })).toBe(before);
    expect((await prisma.relayThread.findUniqueOrThrow({ where: { id: ids["awa"]! } })).closedAt).toBeNull();
    expect(await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "denied", subject: { in: ["console.inbox.answer", "console.inbox.close"] } } })).toBe(2);
    expect((await get(svc.baseUrl, "/console/inbox")).status).toBe(401);
    expect((await get(svc.baseUrl, `/console/inbox/${ids["awa"]}`)).status).toBe(401);
    expect((await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, "mc_console=nope", { _csrf: "x", text: "Bonjour" })).status).toBe(401);
    expect(await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } })).toBe(0);
  });

  it("refuses an empty answer with a clear message, and sends nothing", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie, `/console/inbox/${ids["awa"]}`));
    const res = await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, cookie, { _csrf: csrf, text: "   \n " });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/console/inbox/${ids["awa"]}?done=empty`);
    expect(await pageOf(cookie, `/console/inbox/${ids["awa"]}?done=empty`)).toContain("Rien n'a été envoyé");
    const { prisma } = svc.service.deps;
    expect(await prisma.relayMessage.count({ where: { threadId: ids["awa"]!, direction: "out" } })).toBe(1);
    expect(await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } })).toBe(0);
  });

  it("answers as the chat does: the person's message queued with the chat's content, the thread's 'out' message, the audit entry", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie, `/console/inbox/${ids["awa"]}`));
    const { prisma, i18n } = svc.service.deps;
    // Another cohort's thread: refused as gone, nothing sent.
    const bilal = await sessionOf("Bilal");
    const bilalCsrf = csrfOf(await pageOf(bilal));
    const other = await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, bilal, { _csrf: bilalCsrf, text: "Pas à moi" });
    expect(other.headers.get("location")).toBe("/console/inbox?done=gone");
    expect(await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } })).toBe(0);

    const text = "Oui, venez à 9 h <avec> votre fille";
    const res = await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, cookie, { _csrf: csrf, text: `  ${text}\n` });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/console/inbox/${ids["awa"]}?done=sent`);
    const out = await prisma.relayMessage.findMany({ where: { threadId: ids["awa"]!, direction: "out" }, orderBy: { createdAt: "asc" } });
    expect(out.at(-1)).toMatchObject({ authorId: ids["amina"], text, createdAt: NOW });
    // The person's message: queued once, to her address, exactly what the chat's answer renders (relay.from_team in Spanish).
    const sent = await prisma.outboundMessage.findMany({ where: { personId: ids["awa:person"]!, purpose: "relay_answer" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.externalId).toBe("840000001");
    expect(sent[0]!.idempotencyKey).toBe(`relay-answer:${out.at(-1)!.id}`);
    const expected = renderFor({ i18n }, "es" as Locale, { type: "text", say: { key: "relay.from_team", params: { text } } });
    expect(sent[0]!.intent).toEqual(JSON.parse(JSON.stringify(expected)));
    const audit = await prisma.auditLog.findMany({ where: { subject: ids["awa"]!, action: "relay.answer" } });
    expect(audit.map((a) => a.actorId)).toEqual([ids["amina"]]);
    const after = await pageOf(cookie, `/console/inbox/${ids["awa"]}?done=sent`);
    expect(after).toContain('role="status"');
    expect(after).toContain("Réponse envoyée");
    expect(after).toContain("Oui, venez à 9 h &lt;avec&gt; votre fille");
    // The thread no longer waits.
    expect(card(await pageOf(cookie), ids["awa"]!)).not.toContain("Attend une réponse");
  });

  it("closes a thread (closedAt, audited); it is then listed under the closed ones only", async () => {
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie, `/console/inbox/${ids["nour"]}`));
    const res = await postForm(svc.baseUrl, `/console/inbox/${ids["nour"]}/close`, cookie, { _csrf: csrf });
    expect(res.headers.get("location")).toBe(`/console/inbox/${ids["nour"]}?done=closed`);
    const { prisma } = svc.service.deps;
    expect((await prisma.relayThread.findUniqueOrThrow({ where: { id: ids["nour"]! } })).closedAt).toEqual(NOW);
    expect((await prisma.auditLog.findMany({ where: { subject: ids["nour"]!, action: "relay.closed" } })).map((a) => a.actorId)).toEqual([ids["amina"]]);
    const page = await pageOf(cookie, `/console/inbox/${ids["nour"]}?done=closed`);
    expect(page).toContain("Conversation fermée");
    expect(page).not.toContain("/close\"");
    expect(card(await pageOf(cookie), ids["nour"]!)).toBe("");
    const closed = await pageOf(cookie, "/console/inbox?status=closed");
    expect(order(closed)).toEqual([ids["nour"], ids["awa-old"]]);
    expect(closed).toContain('<option value="closed" selected>');
    // Closing again changes nothing more.
    await postForm(svc.baseUrl, `/console/inbox/${ids["nour"]}/close`, cookie, { _csrf: csrf });
    expect(await prisma.auditLog.count({ where: { subject: ids["nour"]!, action: "relay.closed" } })).toBe(1);
  });
});
