import { describe, expect, it } from "vitest";
import { floodVerdict } from "../../../../src/app/turn/flood.ts";

const limits = { perMinute: 20, alertAfterMs: 10 * 60_000 };
const at = new Date("2026-12-06T12:00:00Z");
const minutesAgo = (m: number) => new Date(at.getTime() - m * 60_000).toISOString();

describe("floodVerdict", () => {
  it.each([
    ["under the limit", undefined, 20, "normal"],
    ["the first message over it", undefined, 21, "warn"],
    ["over it, already warned", { since: minutesAgo(2), warned: true, alerted: false }, 40, "silent"],
    ["over it for 10 minutes", { since: minutesAgo(10), warned: true, alerted: false }, 25, "alert"],
    ["over it for an hour, coordinators told", { since: minutesAgo(60), warned: true, alerted: true }, 25, "silent"],
    ["back under the limit ends the flood", { since: minutesAgo(60), warned: true, alerted: true }, 3, "normal"],
  ] as const)("%s → %s", (_label, state, count, action) => {
    expect(floodVerdict(state ? { ...state } : undefined, count, at, limits).action).toBe(action);
  });

  it("keeps when the flood began, and notes the warning and the alert", () => {
    const first = floodVerdict(undefined, 21, at, limits);
    expect(first).toEqual({ action: "warn", state: { since: at.toISOString(), warned: true, alerted: false } });
    expect(floodVerdict({ since: minutesAgo(11), warned: true, alerted: false }, 30, at, limits)).toEqual({ action: "alert", state: { since: minutesAgo(11), warned: true, alerted: true } });
  });
});
