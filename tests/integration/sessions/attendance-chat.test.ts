import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

/** A coordinator takes attendance from the chat: what was recorded is read back by name. */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "presence",
        name: "Coopérative Présences",
        startsOn: "2026-01-01",
        endsOn: "2030-06-01",
        sessions: [{ key: "s1", title: "Fixer ses prix", startsAt: "2030-03-10T09:30", endsAt: "2030-03-10T12:30" }],
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
  return (rows.at(-1)!.intent as { text: string }).text;
}

describe("attendance from the chat", () => {
  it("reads back who was marked present and absent, and names the numbers not on the sheet", async () => {
    await coordinatorSays("formations");
    await coordinatorSays("1"); // the session
    const sheet = await coordinatorSays("3"); // record attendance
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
});
