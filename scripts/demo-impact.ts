/**
 * `npm run demo:impact`: builds a realistic programme history, then renders the funders' impact report
 * into ./reports (or REPORTS_DIR) and prints the two paths.
 *
 * Three cohorts, dated from today so that two have ended and one is running (with today's date in
 * late 2026: January–June 2025, September 2025–February 2026, September 2026–February 2027), about
 * ten entrepreneurs each, weekly training sessions with attendance and RSVPs, sales and expenses
 * logged month after month, alumni check-ins at 1, 3, 6 and 12 months, applicants and newcomers.
 * Everything is drawn from a seeded random generator: the same day gives the same figures.
 *
 * Writes to the embedded database under $DATA_DIR (./data) like `npm run demo`, or to DATABASE_URL
 * when it is set. Idempotent: the demo cohorts have fixed keys and the demo people use WhatsApp
 * numbers of the range reserved for fiction (+33 6 39 98 xx xx); a new run deletes them first.
 */
import { DateTime } from "luxon";
import { openAdminDatabase, type AdminContext } from "../src/admin/context.ts";
import { reportCommand } from "../src/admin/report.ts";
import { erasePerson } from "../src/privacy/erase.ts";
import { loadConfigOrExit } from "../src/config/config.ts";
import type { Locale } from "../src/core/locales.ts";
import type { Prisma, PrismaClient } from "../src/db/generated/client.ts";
import { importProgramme } from "../src/programme/import.ts";
import { impactFigures } from "../src/reports/impact/data.ts";
import { formatEuros, formatRate } from "../src/reports/impact/format.ts";
import type { ActivityStatus } from "../src/reports/impact/model.ts";
import { rng } from "../tests/support/rng.ts";

const ZONE = "Europe/Paris";
/** ARCEP reserves 06 39 98 00 00 – 06 39 98 99 99 for works of fiction: no real person has them. */
const FICTION_PREFIX = "3363998";
const phone = (n: number) => `${FICTION_PREFIX}${String(n).padStart(4, "0")}`;

type Trade = "catering" | "textile";
interface DemoMember {
  name: string;
  locale: Locale;
  trade: Trade;
  /** Where they are at the end (alumni only). */
  outcome?: ActivityStatus;
  /** The check-in at which a business, association or collective is first reported. */
  by?: "P3M" | "P6M" | "P12M";
  /** Left the programme during the cohort. */
  left?: boolean;
  /** Asked for their data to be erased after the 3-month check-in. */
  erased?: boolean;
  /** Never logged a sale through the bot. */
  silent?: boolean;
}

interface DemoCohort {
  key: string;
  title: string;
  /** Months before the running cohort's start. */
  monthsBefore: number;
  location: string;
  specific: string[];
  members: DemoMember[];
  declined: number;
}

const COHORTS: DemoCohort[] = [
  {
    key: "demo-impact-cuisine-1",
    title: "Coopérative Cuisine",
    monthsBefore: 20,
    location: "Cuisine partagée, Paris 20e",
    specific: ["Hygiène et sécurité alimentaire (HACCP)", "Service du midi : essai en cuisine partagée", "Traiteur : préparer un buffet de 50 couverts"],
    declined: 5,
    members: [
      { name: "Amna", locale: "ar", trade: "catering", outcome: "micro_enterprise", by: "P3M" },
      { name: "Zahra", locale: "fa", trade: "catering", outcome: "collective", by: "P6M" },
      { name: "Senait", locale: "ti", trade: "catering", outcome: "micro_enterprise", by: "P6M" },
      { name: "Aminata", locale: "fr", trade: "catering", outcome: "association", by: "P6M" },
      { name: "Rahima", locale: "bn", trade: "catering", outcome: "preparing" },
      { name: "Olena", locale: "uk", trade: "catering", outcome: "referred" },
      { name: "Hawa", locale: "ar", trade: "catering", outcome: "micro_enterprise", by: "P12M" },
      { name: "Fatoumata", locale: "fr", trade: "catering", outcome: "stopped", silent: true },
      { name: "Nasrin", locale: "fa", trade: "catering", left: true },
      { name: "Mebrat", locale: "ti", trade: "catering", outcome: "preparing", erased: true },
    ],
  },
  {
    key: "demo-impact-textile",
    title: "Coopérative Textile & Artisanat",
    monthsBefore: 12,
    location: "Atelier textile, Paris 18e",
    specific: ["Atelier couture : finitions et étiquetage", "Fixer le prix d’une pièce unique", "Marché de créateurs : préparer son stand"],
    declined: 4,
    members: [
      { name: "Mariam", locale: "fa", trade: "textile", outcome: "micro_enterprise", by: "P3M" },
      { name: "Iryna", locale: "uk", trade: "textile", outcome: "micro_enterprise", by: "P6M" },
      { name: "Helen", locale: "ti", trade: "textile", outcome: "association", by: "P3M" },
      { name: "Shabnam", locale: "ps", trade: "textile", outcome: "preparing" },
      { name: "Kadiatou", locale: "fr", trade: "textile", outcome: "micro_enterprise", by: "P3M" },
      { name: "Sultana", locale: "bn", trade: "textile", outcome: "referred" },
      { name: "Khadija", locale: "ar", trade: "textile", outcome: "collective", by: "P6M" },
      { name: "Oksana", locale: "ru", trade: "textile", outcome: "stopped" },
      { name: "Awa", locale: "fr", trade: "textile", outcome: "preparing", silent: true },
      { name: "Selam", locale: "ti", trade: "textile", left: true },
    ],
  },
  {
    key: "demo-impact-cuisine-2",
    title: "Coopérative Cuisine & Couture",
    monthsBefore: 0,
    location: "Migracoop, Paris 11e",
    specific: ["Hygiène et sécurité alimentaire (HACCP)", "Atelier couture : finitions et étiquetage", "Service du midi : essai en cuisine partagée"],
    declined: 6,
    members: [
      { name: "Safaa", locale: "ar", trade: "catering" },
      { name: "Nargis", locale: "fa", trade: "textile" },
      { name: "Yodit", locale: "ti", trade: "catering" },
      { name: "Tetiana", locale: "uk", trade: "textile" },
      { name: "Shirin", locale: "bn", trade: "catering" },
      { name: "Mariama", locale: "fr", trade: "catering" },
      { name: "Binta", locale: "fr", trade: "textile" },
      { name: "Abdallah", locale: "ar", trade: "catering" },
      { name: "Farid", locale: "ps", trade: "textile", silent: true },
      { name: "Nataliia", locale: "ru", trade: "catering" },
      { name: "Ousmane", locale: "fr", trade: "catering", left: true },
    ],
  },
];

const COMMON_SESSIONS = [
  "Accueil et présentation de la coopérative",
  "Entrepreneur·e salarié·e en CAE : comment ça marche",
  "Calculer son coût de revient",
  "Fixer ses prix",
  "Tenir ses comptes avec le bot",
  "Présenter son projet en deux minutes",
  "Photographier ses produits",
  "Vendre sur les marchés et dans les entreprises",
  "WhatsApp Business et réseaux sociaux",
  "Assurances et réglementation",
  "Rencontre avec des anciennes entrepreneures",
  "Devis et factures",
  "Bilan à mi-parcours",
  "Aides et financements (ADIE, France Active)",
  "Micro-entreprise, association ou collectif ?",
  "Préparer un événement de vente",
  "Préparer la suite du programme",
];
const CLOSING_SESSION = "Bilan et remise des feuilles de route";

const NEWCOMERS = ["Hamid", "Leila", "Yonas", "Sadia", "Mohamed", "Svitlana", "Fatima", "Ahmad", "Bintou", "Rukhsana", "Dawit", "Mahbuba", "Kateryna", "Issa"];
const APPLICANTS = ["Samira", "Abdoulaye", "Roya", "Tsega", "Nusrat", "Halyna", "Mouna", "Djeneba", "Habiba", "Aliou", "Marzia", "Ruta", "Salma", "Mamadou", "Liudmyla", "Shamima", "Adiam", "Aïssatou", "Hadia", "Nour"];

const CATERING_ITEMS = ["plats", "repas", "assiettes", "plateaux"];
const TEXTILE_ITEMS: [string, number, number][] = [
  ["sacs", 25, 45],
  ["trousses", 20, 30],
  ["coussins", 25, 40],
  ["robes", 40, 60],
  ["tabliers", 20, 35],
  ["écharpes", 20, 35],
];

/** The seeded generator of the tests (mulberry32), so a given day always yields the same demo. */
function seeded(seed: number) {
  const next = rng(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** The status an alumna gives at each check-in, on the way to her outcome. */
function trajectory(m: DemoMember): Record<string, ActivityStatus> {
  const order = ["P1M", "P3M", "P6M", "P12M"];
  switch (m.outcome) {
    case "micro_enterprise":
    case "association":
    case "collective": {
      const reached = order.indexOf(m.by ?? "P6M");
      return Object.fromEntries(order.map((o, i) => [o, i >= reached ? m.outcome! : "preparing"]));
    }
    case "referred":
      return { P1M: "preparing", P3M: "referred", P6M: "referred", P12M: "referred" };
    case "stopped":
      return { P1M: "preparing", P3M: "preparing", P6M: "stopped", P12M: "stopped" };
    default:
      return { P1M: "preparing", P3M: "preparing", P6M: "preparing", P12M: "preparing" };
  }
}

const FICTION_WHERE = { channel: "whatsapp" as const, externalId: { startsWith: FICTION_PREFIX } };

async function removeDemo(prisma: PrismaClient): Promise<void> {
  const keys = COHORTS.map((c) => c.key);
  await prisma.$transaction(async (tx) => {
    const people = await tx.person.findMany({
      where: { OR: [{ identities: { some: FICTION_WHERE } }, { memberships: { some: { cohort: { key: { in: keys } } } } }] },
      select: { id: true },
    });
    const ids = people.map((p) => p.id);
    await tx.auditLog.deleteMany({ where: { actorId: { in: ids } } });
    await tx.person.deleteMany({ where: { id: { in: ids } } });
    await tx.cohort.deleteMany({ where: { key: { in: keys } } });
  });
}

async function buildDemo(prisma: PrismaClient, now: DateTime): Promise<void> {
  const rnd = seeded(Number(now.toFormat("yyyyMMdd")));
  const runningStart = now.minus({ weeks: 11 }).startOf("week");
  let n = 0;

  const plans = COHORTS.map((c) => {
    const startsOn = runningStart.minus({ months: c.monthsBefore }).startOf("week");
    const endsOn = startsOn.plus({ months: 5 }).startOf("week").plus({ days: 4 });
    const month = startsOn.setLocale("fr").toFormat("LLLL yyyy");
    const titles = [COMMON_SESSIONS[0]!, ...c.specific.slice(0, 1), ...COMMON_SESSIONS.slice(1, 9), ...c.specific.slice(1), ...COMMON_SESSIONS.slice(9), CLOSING_SESSION];
    const sessions = titles.map((title, i) => {
      const day = startsOn.plus({ weeks: i, days: 1 }).set({ hour: 9, minute: 30 });
      return { key: `s${String(i + 1).padStart(2, "0")}`, title, startsAt: day.toFormat("yyyy-MM-dd'T'HH:mm"), endsAt: day.plus({ hours: 3 }).toFormat("yyyy-MM-dd'T'HH:mm"), location: c.location };
    });
    const members = c.members.map((m) => ({ ...m, externalId: phone(++n) }));
    return { c, startsOn, endsOn, name: `${c.title} · ${month}`, sessions, members };
  });

  await importProgramme(prisma, {
    cohorts: plans.map((p) => ({
      key: p.c.key,
      name: p.name,
      timezone: ZONE,
      startsOn: p.startsOn.toISODate()!,
      endsOn: p.endsOn.toISODate()!,
      sessions: p.sessions,
      members: p.members.map((m) => ({ channel: "whatsapp" as const, externalId: m.externalId, name: m.name, locale: m.locale })),
      coordinators: [
        { channel: "whatsapp" as const, externalId: phone(9001), name: "Lucie (coordinatrice)", locale: "fr" as const },
        { channel: "whatsapp" as const, externalId: phone(9002), name: "Karima (coordinatrice)", locale: "ar" as const },
      ],
    })),
  });

  await prisma.$transaction(
    async (tx) => {
      const coordinator = (await tx.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: phone(9001) } } })).personId;
      const transactions: Prisma.TransactionCreateManyInput[] = [];
      const attendances: Prisma.AttendanceCreateManyInput[] = [];
      const rsvps: Prisma.RsvpCreateManyInput[] = [];
      const checkIns: Prisma.CheckInCreateManyInput[] = [];
      const applications: Prisma.ApplicationCreateManyInput[] = [];
      const toErase: { personId: string; at: Date }[] = [];

      for (const plan of plans) {
        const cohort = await tx.cohort.findUniqueOrThrow({ where: { key: plan.c.key }, include: { sessions: { orderBy: { startsAt: "asc" } } } });
        const ended = plan.endsOn < now;
        if (ended) await tx.cohort.update({ where: { id: cohort.id }, data: { endedAt: plan.endsOn.set({ hour: 18 }).toJSDate() } });
        // One session of the textile cohort was cancelled (a strike day): not counted.
        if (plan.c.key === "demo-impact-textile") await tx.trainingSession.update({ where: { id: cohort.sessions[6]!.id }, data: { status: "cancelled" } });
        const held = cohort.sessions.filter((s) => s.startsAt <= now.toJSDate() && !(plan.c.key === "demo-impact-textile" && s.key === "s07"));
        const nextSession = cohort.sessions.find((s) => s.startsAt > now.toJSDate());

        for (const m of plan.members) {
          const personId = (await tx.identity.findUniqueOrThrow({ where: { channel_externalId: { channel: "whatsapp", externalId: m.externalId } } })).personId;
          const joinedAt = plan.startsOn.toJSDate();
          const leftAfter = m.left ? rnd.int(4, 8) : Infinity; // sessions attended before leaving
          const leftAt = m.left ? plan.startsOn.plus({ weeks: leftAfter, days: 3 }) : undefined;
          const status = m.left ? "left" : ended ? "alumni" : "active";
          await tx.membership.update({
            where: { cohortId_personId: { cohortId: cohort.id, personId } },
            data: { status, joinedAt, leftAt: leftAt?.toJSDate() ?? null },
          });
          await tx.person.update({
            where: { id: personId },
            data: { stage: m.left ? "left" : ended ? "alumni" : "member", createdAt: plan.startsOn.minus({ weeks: rnd.int(6, 10) }).toJSDate(), lastSeenAt: now.minus({ days: rnd.int(1, 60) }).toJSDate() },
          });
          const submittedAt = plan.startsOn.minus({ weeks: rnd.int(3, 6) });
          applications.push({ personId, cohortId: cohort.id, status: "accepted", submittedAt: submittedAt.toJSDate(), decidedAt: plan.startsOn.minus({ weeks: 2 }).toJSDate(), decidedById: coordinator, createdAt: submittedAt.minus({ days: 1 }).toJSDate() });

          // Attendance about 80 %: each person has her own regularity.
          const regularity = 0.62 + rnd.next() * 0.34;
          held.forEach((s, i) => {
            if (i >= leftAfter) return;
            const present = rnd.chance(regularity);
            attendances.push({ sessionId: s.id, personId, present, recordedById: coordinator, recordedAt: new Date(s.endsAt.getTime() + 3_600_000) });
            if (rnd.chance(0.78)) {
              const answer = present ? (rnd.chance(0.93) ? "yes" : "maybe") : rnd.pick(["no", "no", "yes", "maybe"] as const);
              rsvps.push({ sessionId: s.id, personId, answer, answeredAt: new Date(s.startsAt.getTime() - rnd.int(3, 30) * 3_600_000) });
            }
          });
          if (nextSession && !m.left && rnd.chance(0.6)) rsvps.push({ sessionId: nextSession.id, personId, answer: rnd.chance(0.85) ? "yes" : "maybe", answeredAt: now.minus({ hours: rnd.int(2, 40) }).toJSDate() });

          // Check-ins after the end, and the status each answer gives.
          const path = m.outcome ? trajectory(m) : undefined;
          const erasedAt = m.erased ? plan.endsOn.plus({ months: 4 }) : undefined;
          if (erasedAt) toErase.push({ personId, at: erasedAt.toJSDate() });
          const statusAt = (day: DateTime): ActivityStatus | undefined => {
            if (!path) return undefined;
            const since = day.diff(plan.endsOn, "months").months;
            return since < 2 ? path.P1M : since < 5 ? path.P3M : since < 10 ? path.P6M : path.P12M;
          };
          if (ended && !m.left && path) {
            for (const [offset, months, answers] of [["P1M", 1, 0.92], ["P3M", 3, 0.86], ["P6M", 6, 0.8], ["P12M", 12, 0.72]] as const) {
              const sent = plan.endsOn.plus({ months }).set({ hour: 10 });
              if (sent > now || (erasedAt && sent > erasedAt)) continue;
              const answeredAt = rnd.chance(answers) ? sent.plus({ hours: rnd.int(2, 96) }) : undefined;
              const answered = answeredAt !== undefined && answeredAt <= now;
              const activity = path[offset]!;
              const help = answered && rnd.chance(activity === "preparing" || activity === "stopped" ? 0.35 : 0.1);
              checkIns.push({
                personId,
                cohortId: cohort.id,
                offset,
                sentAt: sent.toJSDate(),
                nudgedAt: answered ? null : sent.plus({ days: 3 }).toJSDate(),
                answeredAt: answered ? answeredAt.toJSDate() : null,
                activityStatus: answered ? activity : null,
                needsHelp: answered ? help : null,
                stepAnswers: answered ? { open_bank_account: rnd.pick(["done", "not_yet"]), find_first_clients: help ? "need_help" : rnd.pick(["done", "not_yet"]) } : {},
              });
            }
          }

          // Sales and expenses, month by month, from the second week to today (or until leaving / erasure).
          if (m.silent) continue;
          const stop = [now, leftAt, erasedAt].filter((d): d is DateTime => d !== undefined).reduce((a, b) => (a < b ? a : b));
          const drive = 0.6 + rnd.next() * 0.8;
          const catering = m.trade === "catering";
          for (let month = plan.startsOn.startOf("month"); month <= stop; month = month.plus({ months: 1 })) {
            const sinceStart = month.diff(plan.startsOn.startOf("month"), "months").months;
            const activity = month > plan.endsOn ? statusAt(month) : undefined;
            const events =
              sinceStart < 1
                ? rnd.int(0, 1)
                : month <= plan.endsOn
                  ? rnd.int(2, 5)
                  : activity === "micro_enterprise" || activity === "association" || activity === "collective"
                    ? rnd.int(3, 7)
                    : activity === "preparing"
                      ? rnd.int(0, 2)
                      : activity === "referred"
                        ? rnd.int(0, 1)
                        : 0;
            let sold = 0;
            for (let e = 0; e < Math.round(events * drive); e++) {
              const day = month.plus({ days: rnd.int(0, month.daysInMonth! - 1) });
              if (day < plan.startsOn.plus({ weeks: 1 }) || day > stop) continue;
              let item: string, quantity: number, unit: number;
              if (catering) {
                const order = rnd.chance(0.12); // a catering order for an event
                item = order ? "plateaux repas" : rnd.pick(CATERING_ITEMS);
                quantity = order ? rnd.int(25, 50) : rnd.int(6, 25);
                unit = order ? rnd.pick([10, 11, 12]) * 100 : rnd.pick([800, 900, 1000, 1100, 1200, 1250, 1300, 1400, 1500]);
              } else {
                const [what, min, max] = rnd.pick(TEXTILE_ITEMS);
                item = what;
                quantity = rnd.int(1, 5);
                unit = rnd.int(min / 5, max / 5) * 500;
              }
              sold += quantity * unit;
              const recordedAt = day.set({ hour: rnd.int(13, 22), minute: rnd.int(0, 59) });
              transactions.push({
                personId,
                cohortId: cohort.id,
                kind: "sale",
                item,
                quantity,
                unitPriceCents: unit,
                amountCents: quantity * unit,
                originalText: `vendu ${quantity} ${item} à ${unit / 100}€`,
                occurredOn: new Date(`${day.toISODate()}T00:00:00Z`),
                recordedAt: recordedAt.toJSDate(),
                // A few entries are undone by their author ("annule"): not counted.
                undoneAt: rnd.chance(0.02) ? recordedAt.plus({ minutes: 3 }).toJSDate() : null,
              });
            }
            if (sold > 0) {
              const amount = Math.round((sold * (catering ? 0.3 + rnd.next() * 0.12 : 0.22 + rnd.next() * 0.1)) / 100) * 100;
              const day = DateTime.min(month.plus({ days: rnd.int(0, 9) }), stop).set({ hour: 11 });
              const item = catering ? "courses" : "tissu et fournitures";
              transactions.push({
                personId,
                cohortId: cohort.id,
                kind: "expense",
                item,
                quantity: null,
                unitPriceCents: null,
                amountCents: amount,
                originalText: `dépense ${amount / 100}€ ${item}`,
                occurredOn: new Date(`${day.toISODate()}T00:00:00Z`),
                recordedAt: day.toJSDate(),
              });
            }
          }
        }

        // People who applied for this cohort and were not taken.
        for (let i = 0; i < plan.c.declined; i++) {
          const name = APPLICANTS[(n + i) % APPLICANTS.length]!;
          const submittedAt = plan.startsOn.minus({ weeks: rnd.int(3, 8) });
          const person = await tx.person.create({
            data: {
              firstName: name,
              stage: "applicant",
              locale: rnd.pick(["fr", "ar", "fa", "ti", "uk", "bn"]),
              createdAt: submittedAt.minus({ days: 2 }).toJSDate(),
              identities: { create: { channel: "whatsapp", externalId: phone(++n), displayName: name } },
            },
          });
          applications.push({ personId: person.id, cohortId: cohort.id, status: "declined", submittedAt: submittedAt.toJSDate(), decidedAt: plan.startsOn.minus({ weeks: 2 }).toJSDate(), decidedById: coordinator });
        }
      }

      // Waiting for the next cohort, and people who only said hello.
      for (let i = 0; i < 6; i++) {
        const name = APPLICANTS[(n + i) % APPLICANTS.length]!;
        const person = await tx.person.create({
          data: { firstName: name, stage: "applicant", locale: rnd.pick(["fr", "ar", "fa", "ps", "ti", "bn", "uk", "ru"]), identities: { create: { channel: "whatsapp", externalId: phone(++n), displayName: name } } },
        });
        applications.push({ personId: person.id, status: "submitted", submittedAt: now.minus({ days: rnd.int(2, 30) }).toJSDate() });
      }
      for (const name of NEWCOMERS) {
        await tx.person.create({
          data: { firstName: rnd.chance(0.5) ? name : null, stage: "newcomer", locale: rnd.pick(["fr", "ar", "fa", "ti", "uk", "bn", "es", "pt"]), identities: { create: { channel: "whatsapp", externalId: phone(++n) } } },
        });
      }

      await tx.application.createMany({ data: applications });
      await tx.attendance.createMany({ data: attendances });
      await tx.rsvp.createMany({ data: rsvps });
      await tx.checkIn.createMany({ data: checkIns });
      await tx.transaction.createMany({ data: transactions });
      // Through the real erasure: the row stays (stage, membership, amounts), nothing personal does.
      for (const e of toErase) await erasePerson(tx, e.personId, e.at);
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

const config = loadConfigOrExit();
const outDir = process.env.REPORTS_DIR ?? "reports";
const db = await openAdminDatabase(config);
try {
  const now = DateTime.now().setZone(ZONE);
  process.stderr.write(`Building the impact demo in ${db.kind === "pglite" ? `the embedded database (${config.database.kind === "pglite" ? config.database.dataDir : ""})` : "DATABASE_URL"}…\n`);
  await removeDemo(db.prisma);
  await buildDemo(db.prisma, now);
  const f = (await impactFigures(db.prisma)).total;
  process.stderr.write(
    `${f.cohorts.total} cohorts (${f.cohorts.ended} ended, ${f.cohorts.running} running), ${f.peopleSupported} people supported, ${f.sessionsHeld} sessions, ` +
      `attendance ${formatRate(f.attendance.rate)}, sales ${formatEuros(f.salesCents)}, ${f.businessesCreated} micro-enterprises, ${f.associationsCreated} associations.\n`,
  );
  const ctx: AdminContext = { config, db: async () => db, out: process.stdout, err: process.stderr, cwd: process.cwd() };
  await reportCommand(ctx, ["impact", "--out", outDir]);
} finally {
  await db.close();
}
