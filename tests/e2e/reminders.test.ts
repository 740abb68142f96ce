import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleFire } from "../../src/reminders/fire.ts";
import { syncCohortReminders } from "../../src/reminders/schedule.ts";
import { importProgramme } from "../../src/programme/import.ts";
import type { FakeTelegram } from "../fakes/telegram-server.ts";
import type { FakeWhatsApp } from "../fakes/whatsapp-server.ts";
import { postTelegram, startWithPlatforms, tgCallbackUpdate } from "../support/platforms.ts";
import { eventually, type TestService } from "../support/service.ts";

let wa: FakeWhatsApp;
let tg: FakeTelegram;
let svc: TestService;
let stop: () => Promise<void>;
let clock = new Date();

beforeAll(async () => {
  ({ wa, tg, svc, stop } = await startWithPlatforms({ now: () => clock }));
});
afterAll(async () => stop?.());

describe("reminders on WhatsApp and Telegram", () => {
  it("sends the day-before reminder: WhatsApp outside the window as the template, Telegram with answer buttons; a tap records the answer", async () => {
    const prisma = svc.service.deps.prisma;
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const local = startsAt.toISOString().slice(0, 16);
    const summary = await importProgramme(prisma, {
      cohorts: [
        {
          key: "rappels",
          name: "Coopérative Rappels",
          timezone: "UTC",
          startsOn: "2026-10-01",
          endsOn: "2027-12-01",
          reminderOffsets: ["-P1D"],
          sessions: [{ key: "s1", title: "Vendre au marché", startsAt: local, endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString().slice(0, 16), location: "Marché d'Aligre" }],
          members: [
            { channel: "whatsapp", externalId: "33640000001", name: "Awa", locale: "fr" },
            { channel: "telegram", externalId: "64000002", name: "Olena", locale: "uk" },
          ],
        },
      ],
    });
    await syncCohortReminders(prisma, summary.cohortIds, new Date());
    const fires = await prisma.scheduledFire.findMany({ where: { kind: "session_reminder" } });
    expect(fires).toHaveLength(2);
    clock = new Date(fires[0]!.dueAt.getTime() + 1000);
    for (const f of fires) expect((await handleFire(svc.service.deps, f.id)).outcome).toBe("sent");
    for (const f of fires) expect((await handleFire(svc.service.deps, f.id)).outcome).toBe("skipped");

    const template = await eventually(() => wa.sent().find((m) => m["to"] === "33640000001"));
    expect(template).toMatchObject({ type: "template", template: { name: "migracoop_reminder_v1", language: { code: "fr" } } });
    expect(JSON.stringify(template)).toContain("Vendre au marché");
    expect(JSON.stringify(template)).toContain("Marché d'Aligre");
    const session = await prisma.trainingSession.findFirstOrThrow();
    const message = await eventually(() => tg.callsTo("sendMessage").find((c) => String(c.params["chat_id"]) === "64000002"));
    const buttons = (message.params["reply_markup"] as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toEqual([`m1:rsvp:yes:${session.id}`, `m1:rsvp:no:${session.id}`, `m1:rsvp:maybe:${session.id}`]);
    expect(String(message.params["text"])).toContain("Vendre au marché");
    expect(wa.sent().filter((m) => m["to"] === "33640000001")).toHaveLength(1);

    await postTelegram(svc.baseUrl, tgCallbackUpdate(64000002, `m1:rsvp:no:${session.id}`));
    const rsvp = await eventually(() => prisma.rsvp.findFirst({ where: { sessionId: session.id } }));
    expect(rsvp.answer).toBe("no");
  });
});
