import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a signed operator request stays good: the admin command sends it at once. */
export const OPERATOR_REQUEST_MS = 60_000;

/**
 * The signature of an operator's request to the running service (`admin -- console:link` on the
 * embedded database, which only the service may open): HMAC-SHA256 keyed by CONSOLE_SECRET over what is
 * asked and when. Only someone who has the service's configuration can make one.
 */
export function operatorSignature(secret: string, channel: string, externalId: string, at: number): string {
  return createHmac("sha256", secret).update(`console-link\n${channel}\n${externalId}\n${at}`).digest("base64url");
}

export function operatorRequestValid(secret: string, req: { channel: string; externalId: string; at: number; sig: unknown }, now: number): boolean {
  if (typeof req.sig !== "string" || !Number.isFinite(req.at) || Math.abs(now - req.at) > OPERATOR_REQUEST_MS) return false;
  const expected = Buffer.from(operatorSignature(secret, req.channel, req.externalId, req.at));
  const given = Buffer.from(req.sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
