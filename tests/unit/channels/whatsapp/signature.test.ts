import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { safeEqual, signWhatsAppBody, verifyWhatsAppSignature } from "../../../../src/channels/whatsapp/signature.ts";
import { fixtureBytes } from "./support.ts";

const SECRET = "app-secret-for-tests";

describe("verifyWhatsAppSignature", () => {
  const body = fixtureBytes("text-accents-emoji.json");

  it("accepts Meta's signature of the exact bytes", () => {
    const header = "sha256=" + createHmac("sha256", SECRET).update(body).digest("hex");
    expect(verifyWhatsAppSignature(body, header, SECRET)).toBe(true);
  });

  it("accepts an upper-case hex digest", () => {
    const hex = signWhatsAppBody(body, SECRET).slice("sha256=".length);
    expect(verifyWhatsAppSignature(body, `sha256=${hex.toUpperCase()}`, SECRET)).toBe(true);
  });

  it("refuses a signature made with another secret", () => {
    expect(verifyWhatsAppSignature(body, signWhatsAppBody(body, "other-secret"), SECRET)).toBe(false);
  });

  it("refuses a missing, empty, repeated or malformed header", () => {
    for (const header of [undefined, "", "sha256=", "sha1=abc", "sha256=zz", "sha256=" + "a".repeat(63), [signWhatsAppBody(body, SECRET)]]) {
      expect(verifyWhatsAppSignature(body, header, SECRET)).toBe(false);
    }
  });

  it("refuses a tampered body, even by one byte", () => {
    const header = signWhatsAppBody(body, SECRET);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
    expect(verifyWhatsAppSignature(tampered, header, SECRET)).toBe(false);
  });

  it("signs bytes, not characters: raw UTF-8 accents and emoji differ from Meta's \\u escapes", () => {
    const utf8 = Buffer.from(JSON.stringify({ text: "à 12€ 🍲" }), "utf8");
    const escaped = Buffer.from('{"text":"\\u00e0 12\\u20ac \\ud83c\\udf72"}', "utf8");
    expect(JSON.parse(utf8.toString())).toEqual(JSON.parse(escaped.toString()));
    expect(verifyWhatsAppSignature(utf8, signWhatsAppBody(utf8, SECRET), SECRET)).toBe(true);
    expect(verifyWhatsAppSignature(escaped, signWhatsAppBody(escaped, SECRET), SECRET)).toBe(true);
    // Re-serialising the parsed JSON would not match what Meta signed.
    expect(verifyWhatsAppSignature(utf8, signWhatsAppBody(escaped, SECRET), SECRET)).toBe(false);
  });

  it("treats a missing body as empty", () => {
    expect(verifyWhatsAppSignature(undefined, signWhatsAppBody("", SECRET), SECRET)).toBe(true);
  });
});

describe("safeEqual", () => {
  it("compares secrets of any length", () => {
    expect(safeEqual("verify-me", "verify-me")).toBe(true);
    expect(safeEqual("verify-me", "verify-mf")).toBe(false);
    expect(safeEqual("verify-me", "verify-me-longer")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
  });
});
