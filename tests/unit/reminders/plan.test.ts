import { describe, expect, it } from "vitest";
import { diffFires, type ExistingFire } from "../../../src/reminders/diff.ts";
import { parseOffset, planReminders, reminderSlots } from "../../../src/reminders/plan.ts";

const session = (startsAt: string, extra: Partial<{ status: string; version: number }> = {}) => ({
  id: "s1",
  startsAt: new Date(startsAt),
  status: "scheduled",
  version: 1,
  ...extra,
});
const LONG_AGO = new Date("2020-01-01T00:00:00Z");

describe("planReminders: when each reminder is due", () => {
  // Sessions at 09:30 local; expected instants in UTC.
  const table: Array<{ name: string; zone: string; startsAt: string; offsets: string[]; due: string[] }> = [
    {
      name: "Paris, winter: the day before and two hours before",
      zone: "Europe/Paris",
      startsAt: "2027-01-12T08:30:00Z",
      offsets: ["-P1D", "-PT2H"],
      due: ["2027-01-11T08:30:00.000Z", "2027-01-12T06:30:00.000Z"],
    },
    {
      name: "Paris, Monday after the spring change: 09:30 local on Sunday (summer time)",
      zone: "Europe/Paris",
      startsAt: "2027-03-29T07:30:00Z",
      offsets: ["-P1D", "-PT2H"],
      due: ["2027-03-28T07:30:00.000Z", "2027-03-29T05:30:00.000Z"],
    },
    {
      name: "Paris, Sunday of the spring change: 09:30 local on Saturday (winter time), 23 hours before",
      zone: "Europe/Paris",
      startsAt: "2027-03-28T07:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-03-27T08:30:00.000Z"],
    },
    {
      name: "Paris, Monday after the spring change, two days before: Saturday 09:30 winter time",
      zone: "Europe/Paris",
      startsAt: "2027-03-29T07:30:00Z",
      offsets: ["-P2D"],
      due: ["2027-03-27T08:30:00.000Z"],
    },
    {
      name: "Paris, Monday after the autumn change: 09:30 local on Sunday (winter time)",
      zone: "Europe/Paris",
      startsAt: "2027-11-01T08:30:00Z",
      offsets: ["-P1D", "-PT2H"],
      due: ["2027-10-31T08:30:00.000Z", "2027-11-01T06:30:00.000Z"],
    },
    {
      name: "Paris, Sunday of the autumn change: 09:30 local on Saturday (summer time), 25 hours before",
      zone: "Europe/Paris",
      startsAt: "2027-10-31T08:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-10-30T07:30:00.000Z"],
    },
    {
      name: "Paris, 02:30 on the Monday after the spring change: Sunday 02:30 does not exist, 03:30 is used",
      zone: "Europe/Paris",
      startsAt: "2027-03-29T00:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-03-28T01:30:00.000Z"],
    },
    {
      name: "New York, Monday after the spring change (14 March 2027)",
      zone: "America/New_York",
      startsAt: "2027-03-15T13:30:00Z",
      offsets: ["-P1D", "-PT2H"],
      due: ["2027-03-14T13:30:00.000Z", "2027-03-15T11:30:00.000Z"],
    },
    {
      name: "New York, Sunday of the spring change: Saturday 09:30 EST",
      zone: "America/New_York",
      startsAt: "2027-03-14T13:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-03-13T14:30:00.000Z"],
    },
    {
      name: "New York, Monday after the autumn change (7 November 2027)",
      zone: "America/New_York",
      startsAt: "2027-11-08T14:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-11-07T14:30:00.000Z"],
    },
    {
      name: "New York, Sunday of the autumn change: Saturday 09:30 EDT",
      zone: "America/New_York",
      startsAt: "2027-11-07T14:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-11-06T13:30:00.000Z"],
    },
    {
      name: "Sydney, Monday after the autumn change (4 April 2027, southern hemisphere)",
      zone: "Australia/Sydney",
      startsAt: "2027-04-04T23:30:00Z",
      offsets: ["-P1D"],
      due: ["2027-04-03T23:30:00.000Z"],
    },
    {
      name: "custom offsets: a week, three days and 30 minutes before",
      zone: "Europe/Paris",
      startsAt: "2027-01-12T08:30:00Z",
      offsets: ["-P1W", "-P3D", "-PT30M"],
      due: ["2027-01-05T08:30:00.000Z", "2027-01-09T08:30:00.000Z", "2027-01-12T08:00:00.000Z"],
    },
    {
      name: "offsets at or after the start, and unreadable ones, are left out",
      zone: "Europe/Paris",
      startsAt: "2027-01-12T08:30:00Z",
      offsets: ["PT0S", "PT1H", "P1D", "soon", "-PT1H"],
      due: ["2027-01-12T07:30:00.000Z"],
    },
  ];

  it.each(table)("$name", ({ zone, startsAt, offsets, due }) => {
    const plan = planReminders(session(startsAt), { timezone: zone, reminderOffsets: offsets }, ["p1"], LONG_AGO);
    expect(plan.map((f) => f.dueAt.toISOString())).toEqual(due);
  });

  it("plans one fire per (member, offset), keyed reminder:<session>:<person>:<offset>, with the session's version", () => {
    const plan = planReminders(session("2027-01-12T08:30:00Z", { version: 3 }), { timezone: "Europe/Paris", reminderOffsets: ["-P1D", "-PT2H"] }, ["a", "b"], LONG_AGO);
    expect(plan.map((f) => f.dedupeKey)).toEqual(["reminder:s1:a:-P1D", "reminder:s1:a:-PT2H", "reminder:s1:b:-P1D", "reminder:s1:b:-PT2H"]);
    expect(plan.every((f) => f.version === 3 && f.sessionId === "s1")).toBe(true);
    expect(plan.map((f) => f.personId)).toEqual(["a", "a", "b", "b"]);
  });

  it.each([
    { name: "both ahead", now: "2027-01-10T00:00:00Z", offsets: ["-P1D", "-PT2H"] },
    { name: "the day-before one has passed", now: "2027-01-11T12:00:00Z", offsets: ["-PT2H"] },
    { name: "exactly at the due time: passed", now: "2027-01-12T06:30:00Z", offsets: [] },
    { name: "after the session", now: "2027-01-13T00:00:00Z", offsets: [] },
  ])("leaves out reminders already due: $name", ({ now, offsets }) => {
    const plan = planReminders(session("2027-01-12T08:30:00Z"), { timezone: "Europe/Paris", reminderOffsets: ["-P1D", "-PT2H"] }, ["p"], new Date(now));
    expect(plan.map((f) => f.offset)).toEqual(offsets);
  });

  it("plans nothing for a cancelled session, for no members, or twice for a repeated member or offset", () => {
    const cohort = { timezone: "Europe/Paris", reminderOffsets: ["-P1D", "-P1D"] };
    expect(planReminders(session("2027-01-12T08:30:00Z", { status: "cancelled" }), cohort, ["p"], LONG_AGO)).toEqual([]);
    expect(planReminders(session("2027-01-12T08:30:00Z"), cohort, [], LONG_AGO)).toEqual([]);
    expect(planReminders(session("2027-01-12T08:30:00Z"), cohort, ["p", "p"], LONG_AGO)).toHaveLength(1);
  });

  it("reads offsets with a leading minus as going back in time", () => {
    expect(parseOffset("-P1D")?.toObject()).toEqual({ days: -1 });
    expect(parseOffset("-PT2H30M")?.toObject()).toEqual({ hours: -2, minutes: -30 });
    expect(parseOffset("nope")).toBeUndefined();
  });
});

describe("diffFires: what the sync changes", () => {
  const now = new Date("2027-01-10T00:00:00Z");
  const slots = reminderSlots(session("2027-01-12T08:30:00Z", { version: 2 }), { timezone: "Europe/Paris", reminderOffsets: ["-P1D"] }, ["p"]);
  const slot = slots[0]!;
  const row = (extra: Partial<ExistingFire>): ExistingFire => ({ id: "f", dedupeKey: slot.dedupeKey, dueAt: slot.dueAt, version: 2, status: "pending", ...extra });
  const moved = new Date("2027-01-09T08:30:00Z");

  it.each([
    { name: "new reminder → created", rows: [], expected: { create: 1, update: [], cancel: [] } },
    { name: "same plan → nothing", rows: [row({})], expected: { create: 0, update: [], cancel: [] } },
    { name: "moved → new time and version", rows: [row({ dueAt: moved, version: 1 })], expected: { create: 0, update: ["f"], cancel: [] } },
    { name: "sent → never touched", rows: [row({ dueAt: moved, version: 1, status: "sent" })], expected: { create: 0, update: [], cancel: [] } },
    { name: "cancelled, same plan, ahead → revived", rows: [row({ status: "cancelled" })], expected: { create: 0, update: ["f"], cancel: [] } },
    { name: "missed, same plan → stays missed", rows: [row({ status: "missed" })], expected: { create: 0, update: [], cancel: [] } },
    { name: "claimed, moved → back to pending at the new time", rows: [row({ status: "claimed", version: 1 })], expected: { create: 0, update: ["f"], cancel: [] } },
    {
      name: "no longer planned (member left, offset removed) → cancelled",
      rows: [row({ dedupeKey: "reminder:s1:gone:-P1D", id: "g" }), row({ dedupeKey: "reminder:s1:p:-PT2H", id: "h", status: "sent" })],
      expected: { create: 1, update: [], cancel: ["g"] },
    },
  ])("$name", ({ rows, expected }) => {
    const diff = diffFires(slots, rows, now);
    expect({ create: diff.create.length, update: diff.update.map((u) => u.id), cancel: diff.cancel }).toEqual(expected);
  });

  it("leaves a fire that just came due with an unchanged plan to its job, and cancels one moved into the past", () => {
    const later = new Date(slot.dueAt.getTime() + 1000);
    expect(diffFires(slots, [row({})], later)).toEqual({ create: [], update: [], cancel: [] });
    expect(diffFires(slots, [row({ version: 1, dueAt: new Date("2027-01-20T00:00:00Z") })], later)).toEqual({ create: [], update: [], cancel: ["f"] });
  });
});
