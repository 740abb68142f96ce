import { describe, expect, it } from "vitest";
import { byReason, failureReason } from "../../../src/outbox/failure-reason.ts";

describe("failureReason", () => {
  it.each([
    ["telegram.403", "unreachable"],
    ["whatsapp.131026", "unreachable"],
    ["whatsapp.131047", "window"],
    ["whatsapp.470", "window"],
    ["whatsapp.window_closed", "window"],
    ["telegram.window_closed", "window"],
    ["send.interrupted", "interrupted"],
    ["retries_exhausted", "exhausted"],
    ["channel.disabled", "channel_off"],
    ["cancelled", "cancelled"],
    ["telegram.400", "refused"],
    ["whatsapp.131049", "refused"],
    ["whatsapp.no_message_id", "refused"],
    ["window_closed_but_not_a_suffix", "refused"],
    [null, "refused"],
    ["", "refused"],
  ])("%s → %s", (code, reason) => {
    expect(failureReason(code)).toBe(reason);
  });
});

describe("byReason", () => {
  it("adds up the codes of one reason and puts the most frequent reason first", () => {
    expect(
      byReason([
        { code: "whatsapp.131047", count: 2 },
        { code: "telegram.403", count: 3 },
        { code: "whatsapp.window_closed", count: 2 },
        { code: "cancelled", count: 1 },
      ]),
    ).toEqual([
      { reason: "window", codes: ["whatsapp.131047", "whatsapp.window_closed"], count: 4 },
      { reason: "unreachable", codes: ["telegram.403"], count: 3 },
      { reason: "cancelled", codes: ["cancelled"], count: 1 },
    ]);
    expect(byReason([])).toEqual([]);
  });
});
