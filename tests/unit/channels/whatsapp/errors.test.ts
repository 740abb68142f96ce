import { describe, expect, it } from "vitest";
import { classifyWhatsAppError, WhatsAppHttpError, WhatsAppTimeoutError } from "../../../../src/channels/whatsapp/errors.ts";
import { SendError } from "../../../../src/core/errors.ts";

/** The error the client library throws for a Graph error body. */
const clientError = (code: number, details = "details") =>
  new Error(`WhatsApp API Error: ${JSON.stringify({ error: { message: `(#${code}) Title`, type: "OAuthException", code, error_data: { messaging_product: "whatsapp", details }, fbtrace_id: "Ax" } })}`);

describe("classifyWhatsAppError: Graph codes", () => {
  it.each([
    [130429, "retry", 1000, true],
    [131056, "retry", 6000, false],
    [131000, "retry", undefined, false],
    [1, "retry", undefined, false],
    [2, "retry", undefined, false],
    [4, "retry", 60_000, true],
    [80007, "retry", 60_000, true],
    [131016, "retry", undefined, false],
    [131047, "template", undefined, false],
    [131026, "unreachable", undefined, false],
    [100, "permanent", undefined, false],
    [131008, "permanent", undefined, false],
    [131009, "permanent", undefined, false],
    [132000, "permanent", undefined, false],
    [132001, "permanent", undefined, false],
    [132012, "permanent", undefined, false],
    [190, "permanent", undefined, false],
    [368, "permanent", undefined, false],
    [999999, "permanent", undefined, false],
  ] as const)("%i → %s", (code, errorClass, retryAfterMs, global) => {
    const e = classifyWhatsAppError(clientError(code));
    expect(e).toBeInstanceOf(SendError);
    expect({ errorClass: e.errorClass, code: e.code, retryAfterMs: e.retryAfterMs, global: e.global }).toEqual({
      errorClass,
      code: `whatsapp.${code}`,
      retryAfterMs,
      global,
    });
  });

  it("keeps Meta's title and details in the message", () => {
    expect(classifyWhatsAppError(clientError(131047, "more than 24 hours")).message).toBe("(#131047) Title: more than 24 hours");
  });
});

describe("classifyWhatsAppError: transport", () => {
  it.each([
    ["a network failure", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), "retry", "whatsapp.network"],
    ["a reset connection", Object.assign(new TypeError("fetch failed"), { cause: { code: "UND_ERR_SOCKET" } }), "retry", "whatsapp.network"],
    ["our timeout", new WhatsAppTimeoutError(100), "retry", "whatsapp.timeout"],
    ["an AbortSignal timeout", new DOMException("The operation was aborted due to timeout", "TimeoutError"), "retry", "whatsapp.timeout"],
    ["a non-JSON error page", new SyntaxError("Unexpected token '<', \"<html>\" is not valid JSON"), "retry", "whatsapp.bad_response"],
    ["a prefix with a non-JSON body", new Error("WhatsApp API Error: <html>"), "retry", "whatsapp.bad_response"],
    ["a prefix with JSON that is not a Graph error", new Error('WhatsApp API Error: {"oops":true}'), "retry", "whatsapp.bad_response"],
    ["the library's own validation", new Error("Button title cannot exceed 20 characters"), "permanent", "whatsapp.invalid_request"],
    ["something thrown that is not an Error", "boom", "permanent", "whatsapp.unexpected"],
  ] as const)("%s", (_label, err, errorClass, code) => {
    const e = classifyWhatsAppError(err);
    expect([e.errorClass, e.code]).toEqual([errorClass, code]);
  });

  it.each([
    [500, "<html>Bad gateway</html>", "retry", "whatsapp.http_500", false],
    [503, "", "retry", "whatsapp.http_503", false],
    [429, "", "retry", "whatsapp.http_429", true],
    [404, "not found", "permanent", "whatsapp.http_404", false],
  ] as const)("our own request answered HTTP %i", (status, body, errorClass, code, global) => {
    const e = classifyWhatsAppError(new WhatsAppHttpError(status, body));
    expect([e.errorClass, e.code, e.global]).toEqual([errorClass, code, global]);
  });

  it("an HTTP answer with a Graph body is classified by its code, an unknown code by its status", () => {
    expect(classifyWhatsAppError(new WhatsAppHttpError(400, { error: { code: 131047, message: "x" } })).errorClass).toBe("template");
    expect(classifyWhatsAppError(new WhatsAppHttpError(503, { error: { code: 777, message: "x" } })).errorClass).toBe("retry");
    expect(classifyWhatsAppError(new WhatsAppHttpError(400, { error: { code: 777, message: "x" } })).errorClass).toBe("permanent");
    expect(classifyWhatsAppError(new WhatsAppHttpError(429, "", 3000)).retryAfterMs).toBe(3000);
  });

  it("passes a SendError through unchanged", () => {
    const e = new SendError("template", "whatsapp.131047", "x");
    expect(classifyWhatsAppError(e)).toBe(e);
  });
});
