import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Meta signs every webhook POST with the app secret: `X-Hub-Signature-256: sha256=<hex>` is the
 * HMAC-SHA256 of the body bytes exactly as sent. Checking the parsed-and-re-serialised JSON would
 * fail on accents, emoji (Meta escapes them as \uXXXX) and key order, so the raw bytes are used.
 */
export const SIGNATURE_HEADER = "x-hub-signature-256";

const PREFIX = "sha256=";
const HEX_SHA256 = /^[0-9a-f]{64}$/iu;

/** The header value Meta would send for this body: `sha256=<hex>`. Used by tests and fakes. */
export function signWhatsAppBody(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac("sha256", appSecret).update(rawBody).digest("hex");
}

/**
 * True when `header` is a valid signature of `rawBody`. Compared in constant time; a missing,
 * repeated or malformed header is simply false (never an exception).
 *
 * @example verifyWhatsAppSignature(req.rawBody, req.headers["x-hub-signature-256"], config.whatsapp.appSecret)
 */
export function verifyWhatsAppSignature(rawBody: Buffer | undefined, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== "string" || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim();
  if (!HEX_SHA256.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const expected = createHmac("sha256", appSecret)
    .update(rawBody ?? Buffer.alloc(0))
    .digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Compares two secrets (the webhook verify token) in constant time, whatever their lengths:
 * both are hashed first, so neither the content nor the length leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}
