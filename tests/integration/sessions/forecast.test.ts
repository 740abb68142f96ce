import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFires } from "../../../src/fires/registry.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { eventually, startTestService, type TestService } from "../../support/service.ts";

let svc: TestService;
let clock = new Date("2027-03-01T08:00:00Z");
beforeAll(async () => {
  svc = await startTestService({ now: () => clock });
});
afterAll(async () => svc?.stop());

describe("attendance forecast", () => {
  it("tells the cohort's coordinators the day before who is coming, from the answers to reminders", async () => {
    const prisma = svc.service.deps.prisma;
    const file = {
      cohorts: [
        {
          key: "forecast",
          name: "Coopérative Prévisions",
          startsOn: "2027-01-01",
          endsOn: "2027-06-01",
          sessions: [{ key: "s1", title: "Fixer ses prix", startsAt: "2027-03-10T09:30", endsAt: "2027-03-10T12:30" }],
          members: ["Awa", "Fatima", "Olena"].map((name, i) => ({ channel: "console" as const, externalId: `m${i}`, name, locale: "fr" as const })),
          coordinators: [{ channel: "console" as const, externalId: "coord-f", name: "Amina", locale: "fr" as const }],
        },
      ],
    };
    await importProgramme(prisma, file);
    const session = await prisma.trainingSession.findFirstOrThrow();
    const fire = await prisma.scheduledFire.findFirstOrThrow({ where: { kind: "attendance_forecast" } });
    expect(fire.dueAt.toISOString()).toBe("2027-03-09T16:00:00.000Z"); // the day before, 17:00 in Paris
    const [awa, fatima] = await Promise.all(["Awa", "Fatima"].map((n) => prisma.person.findFirstOrThrow({ where: { firstName: n } })));
    await prisma.rsvp.createMany({ data: [{ sessionId: session.id, personId: awa!.id, answer: "yes" }, { sessionId: session.id, personId: fatima!.id, answer: "no" }] });

    expect((await runFires(svc.service.fireKinds, [fire.id])).get(fire.id)?.outcome).toBe("early");
    clock = new Date("2027-03-09T16:00:30Z");
    expect((await runFires(svc.service.fireKinds, [fire.id])).get(fire.id)?.outcome).toBe("done");
    expect((await runFires(svc.service.fireKinds, [fire.id])).get(fire.id)?.outcome).toBe("skipped");
    await eventually(() => svc.consoleOutput().includes("Demain"));
    const out = svc.consoleOutput().replace(/\s+/g, " ");
    expect(out).toContain("✅ Viennent (1) : Awa");
    expect(out).toContain("❌ Ne viennent pas (1) : Fatima");
    expect(out).toContain("⏳ Pas de réponse (1) : Olena");
  });

  it("plans the forecast of a session added by a later import", async () => {
    const prisma = svc.service.deps.prisma;
    clock = new Date("2027-03-01T08:00:00Z");
    await importProgramme(prisma, {
      cohorts: [
        {
          key: "forecast",
          name: "Coopérative Prévisions",
          startsOn: "2027-01-01",
          endsOn: "2027-06-01",
          sessions: [
            { key: "s1", title: "Fixer ses prix", startsAt: "2027-03-10T09:30", endsAt: "2027-03-10T12:30" },
            { key: "s2", title: "Vendre au marché", startsAt: "2027-03-20T09:30", endsAt: "2027-03-20T12:30" },
          ],
        },
      ],
    });
    const s2 = await prisma.scheduledFire.findFirstOrThrow({ where: { kind: "attendance_forecast", session: { key: "s2" } } });
    expect(s2.dueAt.toISOString()).toBe("2027-03-19T16:00:00.000Z");
  });

  it("arms again only the forecasts that changed: none for the same file, the moved session's for a moved one", async () => {
    const prisma = svc.service.deps.prisma;
    const cohort = (s2At: string) => ({
      cohorts: [
        {
          key: "forecast",
          name: "Coopérative Prévisions",
          startsOn: "2027-01-01",
          endsOn: "2027-06-01",
          sessions: [
            { key: "s1", title: "Fixer ses prix", startsAt: "2027-03-10T09:30", endsAt: "2027-03-10T12:30" },
            { key: "s2", title: "Vendre au marché", startsAt: s2At, endsAt: s2At.replace("09:30", "12:30") },
          ],
        },
      ],
    });
    const forecastsIn = async (fires: { id: string }[]) => prisma.scheduledFire.findMany({ where: { id: { in: fires.map((f) => f.id) }, kind: "attendance_forecast" } });
    expect(await forecastsIn((await importProgramme(prisma, cohort("2027-03-20T09:30"))).cohortEndFires)).toEqual([]);
    const moved = await forecastsIn((await importProgramme(prisma, cohort("2027-03-21T09:30"))).cohortEndFires);
    expect(moved.map((f) => f.dueAt.toISOString())).toEqual(["2027-03-20T16:00:00.000Z"]);
    expect(moved[0]).toMatchObject({ status: "pending", version: 2 });
  });
});
