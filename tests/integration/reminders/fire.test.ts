import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ChoicesIntent } from "../../../src/core/intent.ts";
import { formatDateTime } from "../../../src/i18n/format.ts";
import { importProgramme } from "../../../src/programme/import.ts";
import { handleFire } from "../../../src/reminders/fire.ts";
import { syncSessionReminders } from "../../../src/reminders/schedule.ts";
import { morningIn, personId, programme, reminderEnv, type CohortSpec, type ReminderEnv } from "./support.ts";

let env: ReminderEnv;
beforeAll(async () => {
  env = await reminderEnv();
});
afterAll(async () => env?.close());
beforeEach(() => {
  env.dispatched.length = 0;
});

let n = 0;
/** A cohort of its own with one session and one member; returns the member's -P1D fire and the session. */
async function oneFire(opts: { locale?: string; location?: string | null; startsAt?: Date } = {}) {
  n++;
  const cohort: CohortSpec = {
    key: `fire-${n}`,
    offsets: ["-P1D"],
    sessions: [{ key: "s", title: `Fixer ses prix ${n}`, startsAt: opts.startsAt ?? morningIn(5), location: opts.location === null ? undefined : (opts.location ?? "Migracoop, Paris 11e") }],
    members: [{ externalId: `fire-member-${n}`, locale: opts.locale }],
  };
  const summary = await importProgramme(env.prisma, programme(cohort));
  env.clock.now = new Date();
  await syncSessionReminders(env.prisma, summary.changedSessionIds, env.clock.now);
  const fire = await env.prisma.scheduledFire.findFirstOrThrow({ where: { sessionId: summary.changedSessionIds[0]!, kind: "session_reminder" }, include: { session: true } });
  return { fire, session: fire.session!, externalId: `fire-member-${n}` };
}

const at = (d: Date, plusMs = 0) => new Date(d.getTime() + plusMs);
const statusOf = async (id: string) => (await env.prisma.scheduledFire.findUniqueOrThrow({ where: { id } })).status;

describe("handleFire: one reminder, at most once", () => {
  it("sends the reminder once, however many times it runs, with what, when, where and three answers", async () => {
    const { fire, session, externalId } = await oneFire({ locale: "en" });
    env.clock.now = at(fire.dueAt, 30);
    const results = await Promise.all(Array.from({ length: 6 }, () => handleFire(env.deps, fire.id)));
    results.push(await handleFire(env.deps, fire.id));
    expect(results.filter((r) => r.outcome === "sent")).toHaveLength(1);
    // The others found it done, or held by the run sending it (then they look again later, and find it done).
    expect(results.filter((r) => r.outcome === "skipped" || r.outcome === "early")).toHaveLength(6);
    expect(await handleFire(env.deps, fire.id)).toEqual({ outcome: "skipped" });
    expect(await statusOf(fire.id)).toBe("sent");

    const rows = await env.prisma.outboundMessage.findMany({ where: { externalId } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ idempotencyKey: `fire:${fire.id}`, purpose: "reminder", channel: "console", status: "queued" });
    expect(row.personId).toBe(await personId(env.prisma, externalId));
    expect(new Set(env.dispatched.flatMap((d) => d.ids))).toEqual(new Set([row.id]));

    const intent = row.intent as unknown as ChoicesIntent;
    expect(intent.type).toBe("choices");
    expect(intent.text).toContain("Reminder");
    expect(intent.text).toContain(session.title);
    expect(intent.text).toContain("Migracoop, Paris 11e");
    expect(intent.text).toContain(formatDateTime(env.deps.i18n.getFixedT("en"), session.startsAt, "Europe/Paris"));
    expect(formatDateTime(env.deps.i18n.getFixedT("en"), session.startsAt, "Europe/Paris")).toMatch(/^\w+day \d{1,2} \w+ at 9:30 AM$/);
    expect(intent.choices).toEqual([
      { id: `rsvp:yes:${session.id}`, label: "✅ I'm coming" },
      { id: `rsvp:no:${session.id}`, label: "❌ I can't come" },
      { id: `rsvp:maybe:${session.id}`, label: "🤔 Maybe" },
    ]);
    expect(intent.numberHint).toBeTruthy();
    // Beside the intent, what the WhatsApp template needs outside the 24-hour window (app/outbound.ts's format).
    expect((row.intent as { template?: { params: string[] } }).template).toEqual({
      params: [session.title, formatDateTime(env.deps.i18n.getFixedT("en"), session.startsAt, "Europe/Paris"), "Migracoop, Paris 11e"],
    });
    expect(intent.listButton).toBeTruthy();
  });

  it("speaks French to a person without a language, and leaves the place out when there is none", async () => {
    const { fire, session, externalId } = await oneFire({ location: null });
    env.clock.now = at(fire.dueAt);
    expect((await handleFire(env.deps, fire.id)).outcome).toBe("sent");
    const row = await env.prisma.outboundMessage.findFirstOrThrow({ where: { externalId } });
    const intent = row.intent as unknown as ChoicesIntent;
    expect(intent.text).toContain("Rappel");
    expect(intent.text).toContain(formatDateTime(env.deps.i18n.getFixedT("fr"), session.startsAt, "Europe/Paris"));
    expect(intent.text).not.toContain("📍");
    expect(intent.choices.map((c) => c.label)).toEqual(["✅ Je viens", "❌ Je ne peux pas", "🤔 Peut-être"]);
  });

  it("gives the title in the person's language when the session has one, in the template too", async () => {
    const { fire, session, externalId } = await oneFire({ locale: "ar" });
    await env.prisma.trainingSession.update({ where: { id: session.id }, data: { titles: { ar: "تحديد الأسعار", en: "Setting your prices" } } });
    env.clock.now = at(fire.dueAt);
    expect((await handleFire(env.deps, fire.id)).outcome).toBe("sent");
    const row = await env.prisma.outboundMessage.findFirstOrThrow({ where: { externalId } });
    expect((row.intent as unknown as ChoicesIntent).text).toContain("تحديد الأسعار");
    expect((row.intent as unknown as ChoicesIntent).text).not.toContain(session.title);
    expect((row.intent as { template?: { params: string[] } }).template?.params[0]).toBe("تحديد الأسعار");
  });

  it("sends nothing for a stale version (the session moved since the fire was planned)", async () => {
    const { fire, session, externalId } = await oneFire();
    await env.prisma.trainingSession.update({ where: { id: session.id }, data: { version: { increment: 1 } } });
    env.clock.now = at(fire.dueAt, 10);
    expect(await handleFire(env.deps, fire.id)).toEqual({ outcome: "cancelled", reason: "stale" });
    expect(await statusOf(fire.id)).toBe("cancelled");
    expect(await env.prisma.outboundMessage.count({ where: { externalId } })).toBe(0);
    expect(env.dispatched).toEqual([]);
  });

  it("sends nothing for a cancelled session", async () => {
    const { fire, session } = await oneFire();
    await env.prisma.trainingSession.update({ where: { id: session.id }, data: { status: "cancelled" } });
    env.clock.now = at(fire.dueAt);
    expect(await handleFire(env.deps, fire.id)).toEqual({ outcome: "cancelled", reason: "stale" });
  });

  it("records a fire that runs after the session began as missed, and sends nothing", async () => {
    const { fire, session, externalId } = await oneFire();
    env.clock.now = at(session.startsAt, 60_000);
    expect(await handleFire(env.deps, fire.id)).toEqual({ outcome: "missed" });
    expect(await statusOf(fire.id)).toBe("missed");
    expect(await env.prisma.outboundMessage.count({ where: { externalId } })).toBe(0);
  });

  it("sends nothing to a person who opted out or left since the fire was planned", async () => {
    const a = await oneFire();
    await env.prisma.person.update({ where: { id: await personId(env.prisma, a.externalId) }, data: { optedOutAt: new Date() } });
    env.clock.now = at(a.fire.dueAt);
    expect(await handleFire(env.deps, a.fire.id)).toEqual({ outcome: "cancelled", reason: "opted_out" });

    const b = await oneFire();
    await env.prisma.membership.updateMany({ where: { personId: await personId(env.prisma, b.externalId) }, data: { status: "left" } });
    env.clock.now = at(b.fire.dueAt);
    expect(await handleFire(env.deps, b.fire.id)).toEqual({ outcome: "cancelled", reason: "not_member" });
    expect(env.dispatched).toEqual([]);
  });

  it("does not claim a fire woken before its time: the caller puts the timer back", async () => {
    const { fire } = await oneFire();
    env.clock.now = at(fire.dueAt, -60_000);
    expect(await handleFire(env.deps, fire.id)).toEqual({ outcome: "early", dueAt: fire.dueAt });
    expect(await statusOf(fire.id)).toBe("pending");
  });

  it("skips a fire that does not exist", async () => {
    expect(await handleFire(env.deps, "00000000-0000-0000-0000-000000000000")).toEqual({ outcome: "skipped" });
  });
});
