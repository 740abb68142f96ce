import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { SendError } from "../../../../src/core/errors.ts";
import { classifyTelegramError } from "../../../../src/channels/telegram/errors.ts";

function apiError(error_code: number, description: string, parameters?: { retry_after?: number }): GrammyError {
  return new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code, description, parameters }, "sendMessage", {});
}

describe("classifyTelegramError", () => {
  const cases: { name: string; err: unknown; errorClass: SendError["errorClass"]; code: string; retryAfterMs?: number }[] = [
    { name: "429 with retry_after", err: apiError(429, "Too Many Requests: retry after 7", { retry_after: 7 }), errorClass: "retry", code: "telegram.429", retryAfterMs: 7000 },
    { name: "429 without retry_after", err: apiError(429, "Too Many Requests"), errorClass: "retry", code: "telegram.429" },
    { name: "403 blocked", err: apiError(403, "Forbidden: bot was blocked by the user"), errorClass: "unreachable", code: "telegram.403" },
    { name: "403 deactivated", err: apiError(403, "Forbidden: user is deactivated"), errorClass: "unreachable", code: "telegram.403" },
    { name: "403 never started", err: apiError(403, "Forbidden: bot can't initiate conversation with a user"), errorClass: "unreachable", code: "telegram.403" },
    { name: "400 chat not found", err: apiError(400, "Bad Request: chat not found"), errorClass: "unreachable", code: "telegram.400" },
    { name: "400 PEER_ID_INVALID", err: apiError(400, "Bad Request: PEER_ID_INVALID"), errorClass: "unreachable", code: "telegram.400" },
    { name: "other 400", err: apiError(400, "Bad Request: message text is empty"), errorClass: "permanent", code: "telegram.400" },
    { name: "401 wrong token", err: apiError(401, "Unauthorized"), errorClass: "permanent", code: "telegram.401" },
    { name: "500", err: apiError(500, "Internal Server Error"), errorClass: "retry", code: "telegram.500" },
    { name: "502", err: apiError(502, "Bad Gateway"), errorClass: "retry", code: "telegram.502" },
    { name: "network", err: new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED")), errorClass: "retry", code: "telegram.network" },
    { name: "timeout", err: new HttpError("Network request for 'sendMessage' failed!", new Error("Request to 'sendMessage' timed out after 60 seconds")), errorClass: "retry", code: "telegram.network" },
    { name: "unknown", err: new TypeError("boom"), errorClass: "retry", code: "telegram.unknown" },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const e = classifyTelegramError(c.err);
      expect(e).toBeInstanceOf(SendError);
      expect({ errorClass: e.errorClass, code: e.code, retryAfterMs: e.retryAfterMs }).toEqual({ errorClass: c.errorClass, code: c.code, retryAfterMs: c.retryAfterMs });
    });
  }

  it("passes a SendError through", () => {
    const original = new SendError("permanent", "telegram.document_too_large", "too big");
    expect(classifyTelegramError(original)).toBe(original);
  });
});
