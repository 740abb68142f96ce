import { describe, expect, it } from "vitest";
import { DEFAULT_RATES, sendLimit } from "../../src/scheduler/send-limit.ts";

/** The most messages BullMQ's fixed windows can let through in any sliding second. */
const worstSecond = (l: { max: number; duration: number }) => l.max * (Math.ceil(1000 / l.duration) + 1);

describe("sendLimit", () => {
  it.each([
    ["whatsapp", 80, 70],
    ["whatsapp", 1000, 950],
    ["whatsapp", 20, 16],
    ["telegram", 30, 25],
  ] as const)("%s at %i/s never exceeds it in any second and keeps at least %i/s", (channel, rate, atLeast) => {
    const limit = sendLimit(channel, rate);
    expect(worstSecond(limit)).toBeLessThanOrEqual(rate);
    expect((limit.max * 1000) / limit.duration).toBeGreaterThanOrEqual(atLeast);
  });

  it("uses each platform's default rate when none is configured", () => {
    expect(sendLimit("whatsapp")).toEqual(sendLimit("whatsapp", DEFAULT_RATES.whatsapp));
    expect(worstSecond(sendLimit("telegram"))).toBeLessThanOrEqual(30);
  });
});
