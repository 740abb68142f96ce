/**
 * The console's Inbox through the real service (PostgreSQL, Redis): the relay threads within the viewer's
 * scope, newest activity first, with who the person is; one thread's conversation both ways (escaped);
 * answering through the chat's own effect handlers (the person's message queued as from the chat, the
 * thread's "out" message, the audit entry); an empty answer refused; closing (audited); CSRF and sign-in.
 * Unread counts: a participant's messages through the fake Telegram webhook count up on the thread's card
 * and on the navigation's badge, within the scope only, and down when a coordinator reads the thread (page
 * or live fragment) or answers it (from the chat too); the live fragments refuse without a session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/core/locales.ts";
import { renderFor } from "../../../src/i18n/render.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, csrfOf, get, postForm, signIn } from "../../support/console.ts";
import { postTelegram, startWithPlatforms, tgTextUpdate } from "../../support/platforms.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

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
    expect(awa).toContain("Telegram");
    expect(awa).toContain("Coopérative Belleville");
    expect(awa).toContain("Merci, à samedi");
    expect(awa).toContain("Attend une réponse");
    const nour = card(page, ids["nour"]!);
    expect(nour).toContain("WhatsApp");
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

  it("sends nothing to someone who wrote 'stop', and says so", async () => {
    const { prisma } = svc.service.deps;
    const cookie = await sessionOf("Amina");
    const csrf = csrfOf(await pageOf(cookie, `/console/inbox/${ids["awa"]}`));
    await prisma.person.update({ where: { id: ids["awa:person"]! }, data: { optedOutAt: NOW } });
    try {
      const before = await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } });
      const res = await postForm(svc.baseUrl, `/console/inbox/${ids["awa"]}/answer`, cookie, { _csrf: csrf, text: "Vous venez jeudi ?" });
      expect(res.headers.get("location")).toBe(`/console/inbox/${ids["awa"]}?done=stopped`);
      expect(await prisma.outboundMessage.count({ where: { purpose: "relay_answer" } })).toBe(before);
      expect(await prisma.relayMessage.count({ where: { threadId: ids["awa"]!, text: "Vous venez jeudi ?" } })).toBe(0);
      expect(await prisma.auditLog.count({ where: { subject: ids["awa"]!, action: "relay.answer_not_sent" } })).toBe(1);
      expect(await pageOf(cookie, `/console/inbox/${ids["awa"]}?done=stopped`)).toContain("a arrêté les messages");
    } finally {
      await prisma.person.update({ where: { id: ids["awa:person"]! }, data: { optedOutAt: null } });
    }
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

describe("Inbox: unread counts and live fragments", () => {
  const OLENA = 842000001;
  const AMINA = 842000009;
  let p: Awaited<ReturnType<typeof startWithPlatforms>>;
  let clock = new Date("2026-12-01T09:00:00Z");
  const tick = () => (clock = new Date(clock.getTime() + 60_000));
  let threadId = "";
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    p = await startWithPlatforms({ env: CONSOLE_ENV, now: () => clock });
    const { prisma } = p.svc.service.deps;
    await importProgramme(prisma, {
      cohorts: [
        { key: "u-a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [m(String(OLENA), "Olena", "uk")], coordinators: [m(String(AMINA), "Amina")] },
        { key: "u-b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01", sessions: [], members: [], coordinators: [m("842100009", "Bilal")] },
      ],
    });
    const olena = await prisma.person.findFirstOrThrow({ where: { firstName: "Olena" } });
    const amina = await prisma.person.findFirstOrThrow({ where: { firstName: "Amina" } });
    const at = (min: number) => new Date(clock.getTime() - min * 60_000);
    // An open thread, answered: nothing unread yet.
    const thread = await prisma.relayThread.create({ data: { personId: olena.id, openedAt: at(20), messages: { create: [
      { direction: "in", authorId: olena.id, text: "Поговорити з людиною", createdAt: at(20) },
      { direction: "out", authorId: amina.id, text: "Bonjour Olena, je vous écoute.", createdAt: at(10) },
    ] } } });
    threadId = thread.id;
    await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "842900001" } } } });
    for (const name of ["Amina", "Bilal", "Marc"]) {
      const person = await prisma.person.findFirstOrThrow({ where: { firstName: name } });
      const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, clock);
      if (!("url" in made)) throw new Error("refused");
      cookies[name] = await signIn(p.svc.baseUrl, made.url);
    }
  });
  afterAll(async () => p?.stop());

  const html = async (cookie: string, path: string) => {
    const res = await get(p.svc.baseUrl, path, cookie);
    expect(res.status).toBe(200);
    return res.text();
  };
  /** The navigation's Inbox link as a person hears it, e.g. "Messages (1 conversation non lue)". */
  const navInbox = (page: string) => /<a href="\/console\/inbox"[^>]*>([\s\S]*?)<\/a>/.exec(page)![1]!.replace(/<[^>]+>/g, "");
  const unreadOnCard = (page: string) => /<span class="count unread">([^<]+)<\/span>/.exec(card(page, threadId))?.[1] ?? "";
  const unreadInDb = async () => (await p.svc.service.deps.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "RelayMessage" WHERE "threadId" = ${threadId} AND direction = 'in'`)[0]!.n;
  /** Olena writes through the fake Telegram webhook; the message reaches the thread. */
  async function olenaWrites(text: string) {
    tick();
    const before = await unreadInDb();
    expect((await postTelegram(p.svc.baseUrl, tgTextUpdate(OLENA, text, "uk"))).status).toBe(200);
    await eventually(async () => (await unreadInDb()) === before + 1);
  }

  it("counts a participant's messages from the webhook on the thread's card, in the live fragment and on the navigation's badge, on every page", async () => {
    const quiet = await html(cookies["Amina"]!, "/console/inbox");
    expect(unreadOnCard(quiet)).toBe("");
    expect(navInbox(quiet)).toBe("Messages");

    await olenaWrites("Дякую! А де це буде?");
    const one = await html(cookies["Amina"]!, "/console/inbox");
    expect(unreadOnCard(one)).toBe("1 non lu");
    expect(one).toContain("Дякую! А де це буде?");
    expect(navInbox(one)).toBe("Messages 1 (1 conversation non lue)");

    await olenaWrites("Дякую! А де це буде?");
    const two = await html(cookies["Amina"]!, "/console/inbox");
    expect(unreadOnCard(two)).toBe("2 non lus");
    // Still one conversation with unread messages: the badge counts threads.
    expect(navInbox(two)).toBe("Messages 1 (1 conversation non lue)");
    // The badge is on the other pages too, and the list's live fragment shows the same cards.
    expect(navInbox(await html(cookies["Amina"]!, "/console"))).toBe("Messages 1 (1 conversation non lue)");
    const fragment = await html(cookies["Amina"]!, "/console/inbox/live?status=open");
    expect(fragment).not.toContain("<html");
    expect(unreadOnCard(fragment)).toBe("2 non lus");
    // An admin sees it too (in English).
    expect(navInbox(await html(cookies["Marc"]!, "/console/sales"))).toBe("Inbox 1 (1 unread conversation)");
  });

  it("keeps another cohort's coordinator out: no badge, no card, 404 on the thread's fragment, and her attempt reads nothing", async () => {
    const bilal = await html(cookies["Bilal"]!, "/console/inbox");
    expect(navInbox(bilal)).toBe("Messages");
    expect(card(bilal, threadId)).toBe("");
    expect(card(await html(cookies["Bilal"]!, "/console/inbox/live"), threadId)).toBe("");
    const refused = await get(p.svc.baseUrl, `/console/inbox/${threadId}/live`, cookies["Bilal"]);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("Дякую");
    expect(unreadOnCard(await html(cookies["Amina"]!, "/console/inbox"))).toBe("2 non lus");
  });

  it("goes down when a coordinator reads the thread (its live fragment), for the whole team, and up again with the next message", async () => {
    tick();
    const fragment = await html(cookies["Amina"]!, `/console/inbox/${threadId}/live`);
    expect(fragment.startsWith('<ol class="conversation">')).toBe(true);
    expect([...fragment.matchAll(/<li class="msg msg-(in|out)">/g)].map((x) => x[1])).toEqual(["in", "out", "in", "in"]);
    const read = await html(cookies["Amina"]!, "/console/inbox");
    expect(unreadOnCard(read)).toBe("");
    expect(navInbox(read)).toBe("Messages");
    // Read by one coordinator, read for the team: the admin's badge is gone too.
    expect(navInbox(await html(cookies["Marc"]!, "/console"))).toBe("Inbox");

    await olenaWrites("Дякую! А де це буде?");
    expect(unreadOnCard(await html(cookies["Amina"]!, "/console/inbox"))).toBe("1 non lu");
    // Opening the thread's page reads it as well.
    tick();
    await html(cookies["Marc"]!, `/console/inbox/${threadId}`);
    expect(unreadOnCard(await html(cookies["Amina"]!, "/console/inbox"))).toBe("");
  });

  it("goes down when a coordinator answers from the chat, without opening the console", async () => {
    await olenaWrites("Дякую! А де це буде?");
    expect(unreadOnCard(await html(cookies["Amina"]!, "/console/inbox"))).toBe("1 non lu");
    tick();
    const code = threadId.replace(/-/g, "").slice(0, 6).toUpperCase();
    await postTelegram(p.svc.baseUrl, tgTextUpdate(AMINA, `répondre ${code} Au 12 rue de la Fontaine au Roi.`, "fr"));
    await eventually(() => p.tg.callsTo("sendMessage").find((c) => String(c.params["chat_id"]) === String(OLENA) && String(c.params["text"]).includes("Fontaine au Roi")));
    const page = await html(cookies["Amina"]!, "/console/inbox");
    expect(unreadOnCard(page)).toBe("");
    expect(navInbox(page)).toBe("Messages");
    expect((await p.svc.service.deps.prisma.relayThread.findUniqueOrThrow({ where: { id: threadId } })).readAt?.getTime()).toBeLessThan(clock.getTime());
  });

  it("refuses the live fragments without a session (401), with a forged cookie too", async () => {
    for (const path of ["/console/inbox/live", `/console/inbox/${threadId}/live`]) {
      const none = await get(p.svc.baseUrl, path);
      expect(none.status).toBe(401);
      expect(await none.text()).not.toContain("Дякую");
      expect((await get(p.svc.baseUrl, path, `mc_console=${"A".repeat(43)}`)).status).toBe(401);
    }
  });
});
