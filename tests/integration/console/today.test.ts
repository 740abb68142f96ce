import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../../src/programme/import.ts";
import { createSignInLink } from "../../../src/signin/links.ts";
import { CONSOLE_ENV, get, signIn } from "../../support/console.ts";
import { startTestService, type TestService } from "../../support/service.ts";

const NOW = new Date("2026-12-01T09:00:00Z");
const inDays = (n: number, hour = 9) => new Date(Date.UTC(2026, 11, 1 + n, hour)).toISOString();
let svc: TestService;

const m = (id: string, name: string, locale = "fr") => ({ channel: "telegram" as const, externalId: id, name, locale });

beforeAll(async () => {
  svc = await startTestService({ env: CONSOLE_ENV, now: () => NOW });
  const { prisma } = svc.service.deps;
  await importProgramme(prisma, {
    cohorts: [
      {
        key: "a", name: "Coopérative Belleville", startsOn: "2026-10-01", endsOn: "2027-03-01",
        sessions: [
          { key: "s1", title: "Atelier prix", startsAt: inDays(2), endsAt: inDays(2, 12), location: "12 rue de la Fontaine au Roi" },
          { key: "s2", title: "Trop loin", startsAt: inDays(20), endsAt: inDays(20, 12), location: "Paris" },
        ],
        members: [m("820000001", "Awa"), m("820000002", "Binta"), m("820000003", "Chidi", "en"), m("820000004", "Dara", "fa")],
        coordinators: [m("820000009", "Amina")],
      },
      {
        key: "b", name: "Coopérative Montreuil", startsOn: "2026-10-01", endsOn: "2027-03-01",
        sessions: [{ key: "t1", title: "Session Montreuil", startsAt: inDays(1), endsAt: inDays(1, 12), location: "Montreuil" }],
        members: [m("821000001", "Zoé")],
        coordinators: [m("821000009", "Bilal")],
      },
    ],
  });
  const byName = async (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [awa, binta, chidi, zoe] = [await byName("Awa"), await byName("Binta"), await byName("Chidi"), await byName("Zoé")];
  const s1 = await prisma.trainingSession.findFirstOrThrow({ where: { key: "s1" } });
  await prisma.rsvp.createMany({ data: [
    { sessionId: s1.id, personId: awa.id, answer: "yes", late: true },
    { sessionId: s1.id, personId: binta.id, answer: "no" },
    { sessionId: s1.id, personId: chidi.id, answer: "maybe" },
  ] });
  const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);
  await prisma.relayThread.create({ data: { personId: awa.id, openedAt: minutesAgo(90), messages: { create: [{ direction: "in", text: "Où est l'atelier <demain> ?", createdAt: minutesAgo(90) }] } } });
  await prisma.relayThread.create({ data: { personId: binta.id, openedAt: minutesAgo(80), messages: { create: [{ direction: "in", text: "Merci", createdAt: minutesAgo(80) }, { direction: "out", text: "Avec plaisir", createdAt: minutesAgo(70) }] } } });
  await prisma.relayThread.create({ data: { personId: zoe.id, openedAt: minutesAgo(60), messages: { create: [{ direction: "in", text: "Question de Zoé", createdAt: minutesAgo(60) }] } } });
  const nadia = await prisma.person.create({ data: { firstName: "Nadia", locale: "ar", stage: "applicant" } });
  await prisma.application.create({ data: { personId: nadia.id, status: "submitted", submittedAt: minutesAgo(600) } });
  const cohortB = await prisma.cohort.findUniqueOrThrow({ where: { key: "b" } });
  const yara = await prisma.person.create({ data: { firstName: "Yara", locale: "es", stage: "applicant" } });
  await prisma.application.create({ data: { personId: yara.id, status: "submitted", submittedAt: minutesAgo(500), cohortId: cohortB.id } });
  await prisma.outboundMessage.create({ data: { idempotencyKey: "f1", personId: binta.id, channel: "telegram", externalId: "820000002", intent: {}, status: "failed", errorCode: "telegram.403", errorMessage: "Forbidden: bot was blocked by the user", failedAt: minutesAgo(30) } });
  await prisma.outboundMessage.create({ data: { idempotencyKey: "f2", personId: zoe.id, channel: "telegram", externalId: "821000001", intent: {}, status: "failed", errorCode: "telegram.403", errorMessage: "Zoé unreachable", failedAt: minutesAgo(30) } });
  const cohortA = await prisma.cohort.findUniqueOrThrow({ where: { key: "a" } });
  await prisma.checkIn.create({ data: { personId: awa.id, cohortId: cohortA.id, offset: "P3M", sentAt: minutesAgo(3000), answeredAt: minutesAgo(2000), needsHelp: true } });
  await prisma.checkIn.create({ data: { personId: binta.id, cohortId: cohortA.id, offset: "P3M", sentAt: minutesAgo(3000), answeredAt: minutesAgo(2000), needsHelp: false } });
});
afterAll(async () => svc?.stop());

async function todayOf(firstName: string): Promise<string> {
  const { prisma } = svc.service.deps;
  const person = await prisma.person.findFirstOrThrow({ where: { firstName } });
  const made = await createSignInLink(prisma, person.id, CONSOLE_ENV.PUBLIC_URL, NOW);
  if (!("url" in made)) throw new Error("refused");
  const res = await get(svc.baseUrl, "/console", await signIn(svc.baseUrl, made.url));
  expect(res.status).toBe(200);
  return res.text();
}
/** The text of a section (between its heading and the next section). */
const section = (page: string, id: string) => page.slice(page.indexOf(`id="${id}"`), page.indexOf("</section>", page.indexOf(`id="${id}"`)));
const answers = (page: string) => [...section(page, "sessions").matchAll(/<dd>(\d+)<\/dd>/g)].map((x) => Number(x[1]));

describe("Today", () => {
  it("shows a coordinator her cohorts' next sessions with the answers so far, and what waits for her", async () => {
    const page = await todayOf("Amina");
    const sessions = section(page, "sessions");
    expect(sessions).toContain("Atelier prix");
    expect(sessions).toContain("Coopérative Belleville");
    expect(sessions).not.toContain("Trop loin"); // beyond 14 days
    expect(sessions).not.toContain("Montreuil");
    // coming, not coming, maybe, no answer
    expect(answers(page)).toEqual([1, 1, 1, 1]);
    expect(sessions).toContain("dont en retard : 1");
    const threads = section(page, "threads");
    expect(threads).toContain("Awa");
    expect(threads).toContain("Où est l&#39;atelier &lt;demain&gt; ?"); // escaped, never markup
    expect(threads).not.toContain("Binta"); // answered already
    expect(threads).not.toContain("Zoé"); // another cohort
    const applications = section(page, "applications");
    expect(applications).toContain("Nadia"); // no cohort yet: every coordinator
    expect(applications).not.toContain("Yara"); // for the other cohort
    expect(applications).toContain('href="/console/applications"'); // the card opens the Applications page
    expect(page).toContain(`<a href="/console" aria-current="page">Aujourd'hui</a>`);
    const failures = section(page, "failures");
    expect(failures).toContain("Binta");
    // Why, in the coordinator's words, with the platform's code beside it; not the platform's English.
    expect(failures).toContain("Bot bloqué ou numéro injoignable <code>telegram.403</code>");
    expect(failures).toContain('<span class="meta">Telegram · ');
    expect(failures).not.toContain("bot was blocked");
    expect(failures).not.toContain("Zoé");
    const help = section(page, "help");
    expect(help).toContain("Awa");
    expect(help).toContain("suivi à 3 mois");
    expect(help).not.toContain("Binta");
  });

  it("shows another cohort's coordinator only hers", async () => {
    const page = await todayOf("Bilal");
    expect(section(page, "sessions")).toContain("Session Montreuil");
    expect(section(page, "sessions")).not.toContain("Atelier prix");
    expect(answers(page)).toEqual([0, 0, 0, 1]);
    expect(section(page, "threads")).toContain("Zoé");
    expect(section(page, "threads")).not.toContain("Awa");
    expect(section(page, "applications")).toContain("Yara");
    expect(section(page, "applications")).toContain("Nadia");
    expect(section(page, "help")).not.toContain("Awa");
  });

  it("shows an admin everything, in English when that is the admin's language", async () => {
    await svc.service.deps.prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "en", identities: { create: { channel: "telegram", externalId: "829000001" } } } });
    const page = await todayOf("Marc");
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Next training sessions");
    for (const name of ["Atelier prix", "Session Montreuil"]) expect(section(page, "sessions")).toContain(name);
    for (const name of ["Awa", "Zoé"]) expect(section(page, "threads")).toContain(name);
    for (const name of ["Nadia", "Yara"]) expect(section(page, "applications")).toContain(name);
    for (const name of ["Binta", "Zoé"]) expect(section(page, "failures")).toContain(name);
  });
});
