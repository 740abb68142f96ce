import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

/** A coordinator takes attendance from the chat: what was recorded is read back by name. */
let svc: TestService;
/** A day relative to today, at a time, as a programme file writes it (the cohort's local time). */
const localDay = (days: number, time: string) => `${DateTime.now().setZone("Europe/Paris").plus({ days }).toISODate()}T${time}`;
beforeAll(async () => {
  svc = await startTestService();
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "presence",
        name: "Coopérative Présences",
        startsOn: "2026-01-01",
        endsOn: "2030-06-01",
        // Attendance is taken once a session has started, up to a week later: the coordinator's list has
        // the one of two days ago (attendance) and the next one (move or cancel), not the one of ten days ago.
        sessions: [
          { key: "s0", title: "Hygiène", startsAt: localDay(-10, "09:30"), endsAt: localDay(-10, "12:30") },
          { key: "s1", title: "Fixer ses prix", startsAt: localDay(-2, "09:30"), endsAt: localDay(-2, "12:30") },
          { key: "s2", title: "Vendre au marché", startsAt: localDay(3, "09:30"), endsAt: localDay(3, "12:30") },
        ],
        members: ["Olena", "Awa", "Fatima"].map((name, i) => ({ channel: "console" as const, externalId: `m${i}`, name, locale: "fr" as const })),
        coordinators: [{ channel: "console", externalId: "coord-p", name: "Amina", locale: "fr" }],
      },
    ],
  });
});
afterAll(async () => svc?.stop());

const prisma = () => svc.service.deps.prisma;
let seq = 0;
async function coordinatorSays(text: string): Promise<string> {
  seq++;
  const id = `att-${seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId: "coord-p", platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text }] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
  const rows = await prisma().outboundMessage.findMany({ where: { externalId: "coord-p" }, orderBy: { seq: "asc" } });
  // The message's text and its choices' labels, as the coordinator reads them.
  const intent = rows.at(-1)!.intent as { text: string; choices?: { label: string }[] };
  return [intent.text, ...(intent.choices ?? []).map((c) => c.label)].join("\n");
}

describe("attendance from the chat", () => {
  it("reads back who was marked present and absent, and names the numbers not on the sheet", async () => {
    const list = await coordinatorSays("formations");
    expect(list).toContain("Fixer ses prix");
    expect(list).toContain("Vendre au marché");
    expect(list).not.toContain("Hygiène");
    const actions = await coordinatorSays("1"); // the session of two days ago: attendance only
    expect(actions).not.toContain("Déplacer");
    const sheet = await coordinatorSays("1"); // record attendance
    expect(sheet).toContain("1. Awa");
    expect(sheet).toContain("3. Olena");
    const saved = await coordinatorSays("1 3 7");
    expect(saved).toContain("✅ Présences enregistrées.");
    expect(saved).toContain("✅ Awa");
    expect(saved).toContain("❌ Fatima");
    expect(saved).toContain("✅ Olena");
    expect(saved).toContain("⚠️ Pas sur la feuille : 7.");
    const recorded = await prisma().attendance.findMany({ include: { person: true } });
    expect(Object.fromEntries(recorded.map((a) => [a.person.firstName, a.present]))).toEqual({ Awa: true, Fatima: false, Olena: true });
  });

  it("'tout le monde sauf 1' marks everyone present but the first", async () => {
    await coordinatorSays("formations");
    await coordinatorSays("1");
    await coordinatorSays("1");
    const saved = await coordinatorSays("tout le monde sauf 1");
    expect(saved).toContain("❌ Awa");
    expect(saved).toContain("✅ Fatima");
    expect(saved).toContain("✅ Olena");
    const recorded = await prisma().attendance.findMany({ include: { person: true } });
    expect(Object.fromEntries(recorded.map((a) => [a.person.firstName, a.present]))).toEqual({ Awa: false, Fatima: true, Olena: true });
  });

  it("takes names ('tous sauf awa', 'olena et fatima étaient là'), and records nothing from names that are nobody's", async () => {
    await coordinatorSays("formations");
    await coordinatorSays("1");
    await coordinatorSays("1");
    const saved = await coordinatorSays("tous sauf awa");
    expect(saved).toContain("❌ Awa");
    expect(saved).toContain("✅ Fatima");
    const recorded = async () => Object.fromEntries((await prisma().attendance.findMany({ include: { person: true } })).map((a) => [a.person.firstName, a.present]));
    expect(await recorded()).toEqual({ Awa: false, Fatima: true, Olena: true });
    // The sheet stays open: a correction by name, with a name that is nobody's said.
    const fixed = await coordinatorSays("olena et fatima et binta");
    expect(fixed).toContain("✅ Olena");
    expect(fixed).toContain("❌ Awa");
    expect(fixed).toContain("⚠️ Pas sur la feuille : binta.");
    // Only names that are nobody's: nothing changed, the sheet and how to answer shown.
    const nobody = await coordinatorSays("bintou moussa");
    expect(nobody).toContain("⚠️ Pas sur la feuille : bintou, moussa.");
    expect(nobody).toContain("1. Awa");
    expect(await recorded()).toEqual({ Awa: false, Fatima: true, Olena: true });
  });

  it("a number that is not in the list says so, and the list's numbers still count (not the menu's)", async () => {
    await coordinatorSays("formations");
    const stray = await coordinatorSays("9");
    expect(stray).toContain("Ce numéro n'est pas dans la liste : choisissez parmi 1, 2, 3");
    const actions = await coordinatorSays("1"); // still the first session of the list
    expect(actions).toContain("Noter les présents");
  });

  it("'qui vient ?' gives the next session's forecast: who said they come, who has not answered", async () => {
    const s2 = await prisma().trainingSession.findFirstOrThrow({ where: { key: "s2" } });
    const awa = await prisma().person.findFirstOrThrow({ where: { firstName: "Awa" } });
    await prisma().rsvp.create({ data: { sessionId: s2.id, personId: awa.id, answer: "yes" } });
    const forecast = await coordinatorSays("qui vient ?");
    expect(forecast).toContain("📋 « Vendre au marché »");
    expect(forecast).not.toContain("Demain");
    expect(forecast).toContain("✅ Viennent (1) : Awa");
    expect(forecast).toContain("⏳ Pas de réponse (2) : Olena, Fatima");
  });

  it("a session still to come is moved or cancelled, not marked", async () => {
    await coordinatorSays("formations");
    const actions = await coordinatorSays("2");
    expect(actions).toContain("Déplacer");
    expect(actions).not.toContain("Noter les présents");
  });
});
