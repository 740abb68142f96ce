import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../../src/app/inbound/ingest.ts";
import type { InboundMessage } from "../../../src/core/inbound.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
  await importProgramme(svc.service.deps.prisma, {
    cohorts: [
      {
        key: "textile-2027",
        name: "Coopérative Textile",
        startsOn: "2027-01-04",
        endsOn: "2027-06-04",
        sessions: [],
        members: [],
        coordinators: [{ channel: "console", externalId: "coord-amina", name: "Amina", locale: "fr" }],
      },
    ],
  });
});
afterAll(async () => svc?.stop());

const prisma = () => svc.service.deps.prisma;
let seq = 0;
const outboxOf = async (externalId: string) =>
  (await prisma().outboundMessage.findMany({ where: { externalId }, orderBy: { seq: "asc" } })).map(
    (r) => r.intent as { type: string; text: string; choices?: { id: string; label: string }[] },
  );

/** Sends one message and waits until it has been handled. */
async function say(externalId: string, text: string, extra: Partial<InboundMessage> = {}) {
  seq++;
  const id = `e-${seq}`;
  await ingest(svc.service.deps, { messages: [{ channel: "console", externalId, platformMessageId: id, sentAt: new Date(Date.now() + seq), kind: "text", text, ...extra }] });
  await eventually(async () => (await prisma().inboundMessage.findFirst({ where: { platformMessageId: id } }))?.status !== "received");
  await eventually(async () => (await prisma().outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0);
  return outboxOf(externalId);
}

describe("enrolment from first message to acceptance, typing only", () => {
  it("enrols in Arabic with numbers typed in Arabic-Indic digits, and a coordinator accepts", async () => {
    const who = "fatima";
    let out = await say(who, "مرحبا، أريد التسجيل في التدريب من فضلك");
    expect(out.at(-1)!.choices?.map((c) => c.id)).toEqual(["lang:ar", "menu:language"]);
    out = await say(who, "١"); // keep Arabic
    expect(out.at(-1)!.choices?.map((c) => c.id)).toContain("menu:enrol");
    await say(who, "١"); // enrol
    out = await say(who, "١"); // consent: yes
    expect(await prisma().consent.count()).toBe(1);
    await say(who, "فاطمة");
    await say(who, "العربية والفرنسية");
    await say(who, "٢"); // French: a little
    await say(who, "أطبخ أكلات سودانية للمناسبات");
    await say(who, "١"); // catering
    await say(who, "٣"); // 2 years or more
    await say(who, "٢"); // half days
    out = await say(who, "٦"); // skip (6th choice)
    const summary = out.at(-1)!;
    expect(summary.text).toContain("فاطمة");
    expect(summary.choices?.map((c) => c.id)).toEqual(["enrol:send", "enrol:edit", "enrol:cancel"]);
    await say(who, "١"); // send
    const application = await prisma().application.findFirstOrThrow({ include: { answers: true, person: true } });
    expect(application.status).toBe("submitted");
    expect(application.person).toMatchObject({ firstName: "فاطمة", locale: "ar", stage: "applicant" });
    expect(Object.fromEntries(application.answers.map((a) => [a.questionKey, a.value]))).toEqual({
      first_name: "فاطمة",
      languages: "العربية والفرنسية",
      french_level: "beginner",
      project: "أطبخ أكلات سودانية للمناسبات",
      sector: "catering",
      experience: "lots",
      availability: "half_days",
    });
    // The coordinator was told, in French.
    const alert = (await outboxOf("coord-amina")).at(-1)!;
    expect(alert.text).toContain("Nouvelle candidature : فاطمة");

    // "1" typed under the alert is its "👀 See" (the applications waiting), not a menu's first item.
    await say("coord-amina", "1");
    expect((await outboxOf("coord-amina")).at(-1)!.text).toContain("1 candidature en attente");
    // The coordinator reviews and accepts, typing numbers too.
    await say("coord-amina", "candidatures");
    await say("coord-amina", "1");
    const detail = (await outboxOf("coord-amina")).at(-1)!;
    expect(detail.text).toContain("Cuisine, traiteur");
    await say("coord-amina", "1"); // accept (one cohort open: no need to pick)
    const decided = await prisma().application.findFirstOrThrow();
    expect(decided.status).toBe("accepted");
    const membership = await prisma().membership.findFirstOrThrow({ where: { personId: decided.personId, role: "member" }, include: { cohort: true } });
    expect(membership.cohort.name).toBe("Coopérative Textile");
    const told = (await outboxOf(who)).at(-1)!;
    expect(told.text).toContain("Coopérative Textile");
    expect(told.text).toMatch(/[\u0600-\u06ff]/);
    const audit = await prisma().auditLog.findMany({ where: { action: "application.accepted" } });
    expect(audit).toHaveLength(1);
  });

  it("keeps the answers given before a detour to the menu and a new language, and asks the next question", async () => {
    const who = "oksana";
    await say(who, "bonjour");
    await say(who, "Українська");
    await say(who, "1"); // enrol
    await say(who, "1"); // consent: yes
    await say(who, "Оксана");
    await say(who, "українська, російська");
    await say(who, "меню");
    await say(who, "мова");
    let out = await say(who, "English");
    out = await say(who, "1"); // enrol again
    const asked = out.at(-1)!.text;
    expect(asked).toContain("3/8"); // the French-level question, in English
    expect(asked).not.toContain("1/8");
    const app = await prisma().application.findFirstOrThrow({ where: { person: { identities: { some: { externalId: who } } } }, include: { answers: true } });
    expect(app.status).toBe("draft");
    expect(Object.fromEntries(app.answers.map((a) => [a.questionKey, a.value]))).toEqual({ first_name: "Оксана", languages: "українська, російська" });
  });

  it("refuses coordinator commands to a participant and logs the attempt", async () => {
    await say("curious", "hello there, I want to sign up for the training please");
    const out = await say("curious", "applications");
    expect(out.at(-1)!.text).toContain("coordination team");
    expect(await prisma().auditLog.count({ where: { action: "denied" } })).toBe(1);
  });

  it("gives a person their data, then erases it on confirmation, keeping an anonymous row", async () => {
    await say("olena", "Добрий день, я хочу записатися на навчання");
    await say("olena", "1");
    const data = await say("olena", "my data");
    const doc = data.find((i) => i.type === "document") as unknown as { contentBase64: string; filename: string };
    const json = JSON.parse(Buffer.from(doc.contentBase64, "base64").toString("utf8"));
    expect(json.person.language).toBe("uk");
    expect(json.addresses[0].externalId).toBe("olena");
    await say("olena", "delete my data");
    const before = await prisma().person.count();
    seq++;
    await ingest(svc.service.deps, { messages: [{ channel: "console", externalId: "olena", platformMessageId: `e-${seq}`, sentAt: new Date(), kind: "choice", choiceId: "erase:yes" }] });
    await eventually(async () => (await prisma().identity.count({ where: { externalId: "olena" } })) === 0);
    await eventually(async () => (await prisma().outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0);
    expect(await prisma().person.count()).toBe(before);
    expect(await prisma().outboundMessage.count({ where: { externalId: "olena" } })).toBe(0);
    expect(await prisma().inboundMessage.count({ where: { externalId: "olena" } })).toBe(0);
    expect(svc.consoleOutput()).toContain("Готово");
  });
});
