import { DateTime } from "luxon";
import type { PrismaClient } from "../src/db/generated/client.ts";
import { importProgramme } from "../src/programme/import.ts";
import { demoProgramme } from "./demo-programme.ts";

/** ARCEP reserves 06 39 98 00 00 – 06 39 98 99 99 for works of fiction: no real person has these numbers. */
const phone = (n: number) => `3363998${String(n).padStart(4, "0")}`;

/** The console demo's coordinator (Amina) and admin (Marc), by Telegram id: who the screenshots sign in as. */
export const CONSOLE_DEMO = { coordinator: "700000009", admin: "700000001" } as const;

/**
 * A small programme for the console's screenshots, every name made up: the demo cohort (its sessions
 * from `npm run demo`) with six members in six languages and answers to the next session, an ended
 * cohort with alumni check-ins, conversations waiting for the team, applications, sales, a roadmap, a
 * sent announcement and a failed message. Dated from `now`.
 */
export async function seedConsoleDemo(prisma: PrismaClient, now = new Date()): Promise<void> {
  const paris = DateTime.fromJSDate(now).setZone("Europe/Paris");
  const programme = demoProgramme(paris);
  const running = programme.cohorts[0]!;
  running.members = [
    { channel: "whatsapp", externalId: phone(101), name: "Awa", locale: "fr" },
    { channel: "telegram", externalId: "700000102", name: "Olena", locale: "uk" },
    { channel: "whatsapp", externalId: phone(103), name: "Nour", locale: "fa" },
    { channel: "telegram", externalId: "700000104", name: "Chidi", locale: "en" },
    { channel: "whatsapp", externalId: phone(105), name: "Mariam", locale: "ar" },
    { channel: "telegram", externalId: "700000106", name: "Lucía", locale: "es" },
  ];
  running.coordinators = [{ channel: "telegram", externalId: CONSOLE_DEMO.coordinator, name: "Amina", locale: "fr" }];
  const ended = {
    key: "demo-textile",
    name: "Coopérative Textile",
    timezone: "Europe/Paris",
    startsOn: paris.minus({ months: 10 }).toISODate()!,
    endsOn: paris.minus({ months: 4 }).toISODate()!,
    sessions: [],
    members: [
      { channel: "whatsapp" as const, externalId: phone(201), name: "Fatoumata", locale: "fr" as const },
      { channel: "telegram" as const, externalId: "700000202", name: "Tesfay", locale: "ti" as const },
    ],
    coordinators: [{ channel: "telegram" as const, externalId: CONSOLE_DEMO.coordinator, name: "Amina", locale: "fr" as const }],
  };
  await importProgramme(prisma, { cohorts: [running, ended] });
  await prisma.person.create({ data: { role: "admin", firstName: "Marc", locale: "fr", localeConfirmed: true, identities: { create: { channel: "telegram", externalId: CONSOLE_DEMO.admin } } } });

  const who = async (firstName: string) => prisma.person.findFirstOrThrow({ where: { firstName } });
  const [awa, olena, nour, chidi, lucia, fatoumata, tesfay, amina] = [await who("Awa"), await who("Olena"), await who("Nour"), await who("Chidi"), await who("Lucía"), await who("Fatoumata"), await who("Tesfay"), await who("Amina")];
  const cuisine = await prisma.cohort.findUniqueOrThrow({ where: { key: running.key } });
  const textile = await prisma.cohort.findUniqueOrThrow({ where: { key: ended.key } });
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const day = (daysAgo: number) => new Date(`${paris.minus({ days: daysAgo }).toISODate()}T00:00:00Z`);

  // The textile cohort has ended: its members are alumni.
  await prisma.cohort.update({ where: { id: textile.id }, data: { endedAt: new Date(`${ended.endsOn}T18:00:00Z`) } });
  await prisma.membership.updateMany({ where: { cohortId: textile.id, role: "member" }, data: { status: "alumni" } });
  await prisma.person.updateMany({ where: { id: { in: [fatoumata.id, tesfay.id] } }, data: { stage: "alumni" } });

  const first = await prisma.trainingSession.findFirstOrThrow({ where: { cohortId: cuisine.id, key: "s1" } });
  await prisma.rsvp.createMany({ data: [
    { sessionId: first.id, personId: awa.id, answer: "yes" },
    { sessionId: first.id, personId: olena.id, answer: "no" },
    { sessionId: first.id, personId: nour.id, answer: "maybe" },
    { sessionId: first.id, personId: lucia.id, answer: "yes" },
  ] });

  const thread = (personId: string, messages: { dir: "in" | "out"; text: string; at: Date }[], readAt?: Date) =>
    prisma.relayThread.create({ data: { personId, openedAt: messages[0]!.at, readAt: readAt ?? null, messages: { create: messages.map((m) => ({ direction: m.dir, authorId: m.dir === "in" ? personId : amina.id, text: m.text, createdAt: m.at })) } } });
  await thread(olena.id, [
    { dir: "in", text: "Я не зможу прийти у четвер, у мене співбесіда в префектурі.", at: ago(180) },
    { dir: "out", text: "Bon courage pour la préfecture ! On vous envoie le support de la séance.", at: ago(150) },
    { dir: "in", text: "Дякую! А наступна зустріч теж у четвер?", at: ago(25) },
  ]);
  await thread(nour.id, [
    { dir: "in", text: "سلام، می‌توانم دخترم را به جلسه بیاورم؟", at: ago(70) },
    { dir: "in", text: "او ۸ سال دارد.", at: ago(68) },
  ]);
  await thread(awa.id, [
    { dir: "in", text: "Bonjour, où est-ce que je dépose mes factures pour la CAE ?", at: ago(60 * 26) },
    { dir: "out", text: "Envoyez-les en photo ici, je les transmets à la CAE.", at: ago(60 * 25) },
  ]);

  const applicant = async (firstName: string, locale: string, externalId: string, answers: Record<string, string>, minutes: number) => {
    const person = await prisma.person.create({ data: { firstName, locale, stage: "applicant", identities: { create: { channel: "whatsapp", externalId } } } });
    await prisma.application.create({ data: { personId: person.id, status: "submitted", submittedAt: ago(minutes), answers: { create: Object.entries(answers).map(([questionKey, value], i) => ({ questionKey, value, answeredAt: ago(minutes + 10 - i) })) } } });
  };
  await applicant("Hawa", "fr", phone(301), { first_name: "Hawa", languages: "français, soninké", french_level: "intermediate", project: "Un traiteur de plats sénégalais pour les fêtes et les entreprises du quartier.", sector: "catering", availability: "half_days" }, 600);
  await applicant("Samir", "ar", phone(302), { first_name: "Samir", languages: "arabe, un peu d'anglais", french_level: "beginner", project: "Retouches et couture sur mesure, à domicile.", sector: "textile", availability: "full_days" }, 1500);

  await prisma.transaction.createMany({ data: [
    { personId: awa.id, cohortId: cuisine.id, kind: "sale", item: "thiéboudienne", quantity: 12, unitPriceCents: 1200, amountCents: 14_400, occurredOn: day(6) },
    { personId: awa.id, cohortId: cuisine.id, kind: "expense", item: "riz et poisson", amountCents: 4_350, occurredOn: day(7) },
    { personId: lucia.id, cohortId: cuisine.id, kind: "sale", item: "empanadas", quantity: 40, unitPriceCents: 250, amountCents: 10_000, occurredOn: day(3) },
    { personId: chidi.id, cohortId: cuisine.id, kind: "sale", item: "jollof rice", quantity: 15, unitPriceCents: 900, amountCents: 13_500, occurredOn: day(2) },
  ] });

  await prisma.roadmap.create({ data: { personId: fatoumata.id, cohortId: textile.id, writtenById: amina.id, createdAt: ago(60 * 24 * 125), updatedAt: ago(60 * 24 * 125), deliveredAt: ago(60 * 24 * 120), strengths: ["Finitions très soignées", "Clientèle fidèle au marché"], improvements: ["Calculer ses prix de revient"], resources: ["Atelier partagé de la Goutte d'Or"], partners: [{ name: "BGE Paris", contact: "accueil", why: "créer la micro-entreprise" }], nextSteps: [{ key: "siret", text: "Demander un SIRET" }] } });
  await prisma.checkIn.createMany({ data: [
    { personId: fatoumata.id, cohortId: textile.id, offset: "P3M", sentAt: ago(60 * 24 * 30), answeredAt: ago(60 * 24 * 29), activityStatus: "micro_enterprise", needsHelp: false },
    { personId: tesfay.id, cohortId: textile.id, offset: "P3M", sentAt: ago(60 * 24 * 30), answeredAt: ago(60 * 24 * 28), activityStatus: "preparing", needsHelp: true },
  ] });

  const announcement = await prisma.broadcast.create({ data: { createdById: amina.id, audience: { type: "cohort", cohortId: cuisine.id }, originalLocale: "fr", texts: { fr: "Rappel : le marché solidaire a lieu samedi de 10 h à 16 h. Apportez vos produits !" }, status: "done", confirmedAt: ago(60 * 30), completedAt: ago(60 * 30 - 2) } });
  const members = [awa, olena, nour, chidi, lucia];
  await prisma.broadcastRecipient.createMany({ data: members.map((m, i) => ({ broadcastId: announcement.id, personId: m.id, locale: m.locale ?? "fr", status: i === 3 ? ("failed" as const) : i % 2 ? ("read" as const) : ("delivered" as const), error: i === 3 ? "blocked" : null })) });
  await prisma.outboundMessage.create({ data: { idempotencyKey: "console-demo-failed-1", personId: chidi.id, channel: "telegram", externalId: "700000104", intent: {}, status: "failed", errorCode: "telegram.403", errorMessage: "Forbidden: bot was blocked by the user", failedAt: ago(40) } });
  await prisma.auditLog.create({ data: { actorId: amina.id, action: "relay.answer", subject: cuisine.id, at: ago(150) } });
}
