import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * CSRF tokens bound to a session: HMAC-SHA256(CONSOLE_SECRET, session id). A form carries it in a hidden
 * `_csrf` field; a request from another site cannot know it (it cannot read our pages), and it is worth
 * nothing for another session. Checked in constant time.
 */
export function csrfToken(secret: string, sessionId: string): string {
  return createHmac("sha256", secret).update(`console-csrf:${sessionId}`).digest("base64url");
}

export function csrfValid(secret: string, sessionId: string, given: unknown): boolean {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(csrfToken(secret, sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
