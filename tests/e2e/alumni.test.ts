import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importProgramme } from "../../src/programme/import.ts";
import { reconcileFires } from "../../src/fires/reconcile.ts";
import { importRoadmaps } from "../../src/roadmap/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, tgCallbackUpdate, startWithPlatforms } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
/** The test's clock: the service reads it; we move it months ahead. */
let clock = new Date("2027-06-11T08:00:00Z");
const TG_ALUMNA = 63000001;
const WA_ALUMNA = "33630000002";

beforeAll(async () => {
  ({ wa, tg, svc } = await startWithPlatforms({ now: () => clock }));
  const prisma = svc.service.deps.prisma;
  await importProgramme(prisma, {
    cohorts: [
      {
        key: "textile-2027",
        name: "Coopérative Textile",
        timezone: "Europe/Paris",
        startsOn: "2027-01-11",
        endsOn: "2027-06-11",
        checkInOffsets: ["P1M", "P6M"],
        sessions: [],
        members: [
          { channel: "telegram", externalId: String(TG_ALUMNA), name: "Olena", locale: "uk" },
          { channel: "whatsapp", externalId: WA_ALUMNA, name: "Awa", locale: "fr" },
        ],
        coordinators: [{ channel: "console", externalId: "coord", name: "Amina", locale: "fr" }],
      },
    ],
  });
  const summary = await importRoadmaps(prisma, {
    roadmaps: [
      {
        cohort: "textile-2027",
        person: { channel: "telegram", externalId: String(TG_ALUMNA) },
        strengths: ["Très belles finitions"],
        improvements: ["Fixer ses prix"],
        resources: ["Atelier couture de la Goutte d'Or"],
        partners: [{ name: "ADIE", contact: "0 969 328 110", why: "micro-crédit" }],
        nextSteps: [{ key: "siret", text: "Créer ma micro-entreprise" }],
      },
      { cohort: "textile-2027", person: { channel: "whatsapp", externalId: WA_ALUMNA }, strengths: ["Créativité"], nextSteps: [] },
    ],
  });
  expect(summary).toMatchObject({ created: 2, updated: 0, skipped: [] });
});
afterAll(async () => {
  await svc?.stop();
  await wa?.close();
  await tg?.close();
});

const prisma = () => svc.service.deps.prisma;
const toOlena = () => tg.calls.filter((c) => String(c.params["chat_id"]) === String(TG_ALUMNA));
/**
 * Months pass: the service restarted many times and Redis may have lost its delayed jobs (here it
 * does: they are wiped). The reconciler, at start and every few minutes, runs what came due.
 */
const tick = async (at: string) => {
  clock = new Date(at);
  await svc.service.queues.fires.obliterate({ force: true });
  return reconcileFires(svc.service.fireKinds, svc.service.deps.fires!, clock);
};

describe("the end of a cohort and the months after it", () => {
  it("delivers each roadmap at the end of the cohort, in the person's language and as a document", async () => {
    await tick("2027-06-11T09:01:00Z");
    await eventually(() => toOlena().some((c) => c.method === "sendDocument"));
    const text = toOlena().map((c) => String(c.params["text"] ?? c.params["caption"] ?? "")).join("\n");
    expect(text).toContain("Ваші сильні сторони"); // section titles in Ukrainian…
    expect(text).toContain("Très belles finitions"); // …the coordinators' words as written
    expect(text).toContain("ADIE — 0 969 328 110 — micro-crédit");
    const doc = toOlena().find((c) => c.method === "sendDocument")!;
    expect(doc.files["document"]!.content.toString("utf8")).toContain("Créer ma micro-entreprise");
    // Awa never wrote on WhatsApp: only the "roadmap ready" template can reach her.
    const waSent = await eventually(() => wa.sent().find((m) => m["to"] === WA_ALUMNA));
    expect(waSent).toMatchObject({ type: "template", template: { name: "migracoop_roadmap_ready_v1" } });
    const members = await prisma().person.findMany({ where: { role: "participant" } });
    expect(members.every((p) => p.stage === "alumni")).toBe(true);
    expect(await prisma().checkIn.count()).toBe(4);
  });

  it("sends the one-month check-in a month later, on Telegram with buttons and on WhatsApp as the template", async () => {
    const before = toOlena().length;
    await tick("2027-07-11T09:01:00Z");
    const question = await eventually(() => toOlena().slice(before).find((c) => JSON.stringify(c.params).includes("ci:s:me:")));
    expect(String(question.params["text"])).toMatch(/Вітаю/);
    const template = await eventually(() => wa.sent().find((m) => m["to"] === WA_ALUMNA && JSON.stringify(m).includes("migracoop_check_in_v1")));
    expect(template).toBeTruthy();
    expect(await prisma().checkIn.count({ where: { sentAt: { not: null } } })).toBe(2);
    // Nothing more is due yet: the six-month check-in waits.
    expect(await prisma().checkIn.count({ where: { offset: "P6M", sentAt: { not: null } } })).toBe(0);
  });

  it("stores the answers, and a request for help alerts the coordinators", async () => {
    const checkIn = await prisma().checkIn.findFirstOrThrow({ where: { offset: "P1M", person: { firstName: "Olena" } } });
    await postTelegram(svc.baseUrl, tgCallbackUpdate(TG_ALUMNA, `m1:ci:s:me:${checkIn.id}`));
    await eventually(async () => (await prisma().checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).activityStatus === "micro_enterprise");
    await postTelegram(svc.baseUrl, tgCallbackUpdate(TG_ALUMNA, `m1:ci:h:y:${checkIn.id}`));
    await eventually(async () => (await prisma().checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).needsHelp === true);
    await eventually(async () => (await prisma().outboundMessage.count({ where: { externalId: "coord", purpose: "relay" } })) === 1);
    await postTelegram(svc.baseUrl, tgCallbackUpdate(TG_ALUMNA, `m1:ci:n:0:d:${checkIn.id}`));
    await eventually(async () => ((await prisma().checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).stepAnswers as Record<string, string>)["siret"] === "done");
  });

  it("sends one gentle reminder a week later to whoever has not answered", async () => {
    await tick("2027-07-18T09:10:00Z");
    await eventually(async () => (await prisma().checkIn.count({ where: { nudgedAt: { not: null } } })) === 1);
    const nudged = await prisma().checkIn.findFirstOrThrow({ where: { nudgedAt: { not: null } }, include: { person: true } });
    expect(nudged.person.firstName).toBe("Awa");
    await tick("2027-07-25T09:10:00Z");
    expect(await prisma().checkIn.count({ where: { nudgedAt: { not: null } } })).toBe(1);
  });

  it("sends the six-month check-in six months later", async () => {
    await tick("2027-12-11T10:01:00Z");
    await eventually(async () => (await prisma().checkIn.count({ where: { offset: "P6M", sentAt: { not: null } } })) === 2);
  });
});

describe("retention", () => {
  it("erases alumni 24 months after their last check-in, keeping anonymous counts", async () => {
    const { applyRetention } = await import("../../src/privacy/retention.ts");
    const deps = { ...svc.service.deps, now: () => new Date("2029-07-01T00:00:00Z") };
    expect(await applyRetention(deps, 24, { dryRun: true })).toEqual([]);
    // Two years after the six-month check-in (December 2027), both are past the period.
    const later = { ...svc.service.deps, now: () => new Date("2030-01-01T00:00:00Z") };
    const erased = await applyRetention(later, 24);
    expect(erased).toHaveLength(2);
    const people = await prisma().person.findMany({ where: { id: { in: erased } } });
    expect(people.every((p) => p.erasedAt && p.firstName === null && p.stage === "alumni")).toBe(true);
    expect(await prisma().identity.count({ where: { personId: { in: erased } } })).toBe(0);
    expect(await prisma().checkIn.count({ where: { personId: { in: erased }, activityStatus: "micro_enterprise" } })).toBe(1);
    expect(await prisma().auditLog.count({ where: { action: "person.erased" } })).toBe(2);
  });
});
