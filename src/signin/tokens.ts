import { createHash, randomBytes } from "node:crypto";

/** A new secret token: 32 random bytes, URL-safe (43 characters). Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its SHA-256, hex. A stolen table gives no usable link or cookie. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Tokens are 43 URL-safe characters; anything else is refused before a query. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
