import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import { LOCALES } from "../../../src/core/locales.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [{ key: "langs", name: "Coopérative Langues", startsOn: "2026-10-01", endsOn: "2027-03-01", coordinators: [{ channel: "console", externalId: "coord-l", name: "Amina", locale: "fr" }] }],
  });
});
afterAll(async () => svc?.stop());

let seq = 0;
const prisma = () => svc.service.deps.prisma;
async function type(who: string, text: string) {
  seq++;
  const id = `l-${seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId: who, platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text }] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status === "processed");
  await eventually(async () => (await prisma().outboundMessage.count({ where: { externalId: who, status: { in: ["queued", "sending"] } } })) === 0);
  const rows = await prisma().outboundMessage.findMany({ where: { externalId: who }, orderBy: { seq: "asc" } });
  return rows.map((r) => (r.intent as { text: string }).text);
}

/** Enrolment typing only numbers, as someone who cannot read the labels well would: every step in their language. */
describe.each(LOCALES.map((l, i) => [l, i + 1] as const))("enrolment in %s, numbers only", (locale, menuNumber) => {
  it("goes from the first message to a sent application, every reply in the chosen language", async () => {
    const who = `lang-${locale}`;
    await type(who, "👋");
    // language, enrol, consent, first name, skip languages, French: a little, project, catering,
    // skip experience, full days, skip "how did you hear", send.
    const steps = [String(menuNumber), "1", "1", "Amal", "1", "2", "Cuisine soudanaise", "1", "4", "1", "6", "1"];
    for (const s of steps) await type(who, s);
    const person = await prisma().person.findFirstOrThrow({ where: { identities: { some: { externalId: who } } }, include: { applications: { include: { answers: true } } } });
    expect(person.locale).toBe(locale);
    expect(person.applications[0]?.status).toBe("submitted");
    expect(person.applications[0]?.answers.map((a) => a.questionKey).sort()).toEqual(["availability", "first_name", "french_level", "project", "sector"].sort());
    const texts = await type(who, "menu");
    const t = svc.service.deps.i18n.getFixedT(locale);
    expect(texts.at(-1)!.startsWith(t("menu.title") as string)).toBe(true);
    expect(texts.some((x) => x.startsWith(t("enrol.sent") as string))).toBe(true);
  });
});
