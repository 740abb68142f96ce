import type { Tx } from "../db/tx.ts";
import { hashToken, looksLikeToken, newToken } from "./tokens.ts";

/** A sign-in link is valid this long after it is made (DESIGN §3: 15 minutes). */
export const LINK_TTL_MS = 15 * 60_000;
export const LINK_TTL_MINUTES = LINK_TTL_MS / 60_000;

/** Roles that may use the web console: the chat's coordinator roles, nobody else (deny by default). */
export const CONSOLE_ROLES: ReadonlySet<string> = new Set(["coordinator", "admin"]);

/** May this person use the console now? Their current role, and not erased. */
export function mayUseConsole(person: { role: string; erasedAt: Date | null } | null | undefined): boolean {
  return !!person && person.erasedAt === null && CONSOLE_ROLES.has(person.role);
}

export type LinkRefusal = "not_allowed" | "unknown";

/**
 * A one-time sign-in link for a coordinator or an admin: `${publicUrl}/console/login/<token>`,
 * valid LINK_TTL_MS, bound to that person. Only the token's hash is stored.
 */
export async function createSignInLink(db: Tx, personId: string, publicUrl: string, now: Date): Promise<{ url: string } | { refused: LinkRefusal }> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { role: true, erasedAt: true } });
  if (!person) return { refused: "unknown" };
  if (!mayUseConsole(person)) return { refused: "not_allowed" };
  const token = newToken();
  await db.consoleLink.create({ data: { tokenHash: hashToken(token), personId, createdAt: now, expiresAt: new Date(now.getTime() + LINK_TTL_MS) } });
  return { url: `${publicUrl}/console/login/${token}` };
}

export type ConsumeResult = { personId: string } | { refused: "invalid" | "used" | "expired" | "not_allowed" };

/**
 * Uses a link once: the first caller gets the person (an atomic update on `usedAt IS NULL`), every
 * later one "used". A link whose person is no longer a coordinator signs nobody in.
 */
export async function consumeSignInLink(db: Tx, token: string, now: Date): Promise<ConsumeResult> {
  if (!looksLikeToken(token)) return { refused: "invalid" };
  const tokenHash = hashToken(token);
  const link = await db.consoleLink.findUnique({ where: { tokenHash }, include: { person: { select: { role: true, erasedAt: true } } } });
  if (!link) return { refused: "invalid" };
  if (link.usedAt) return { refused: "used" };
  if (link.expiresAt.getTime() <= now.getTime()) return { refused: "expired" };
  const claimed = await db.consoleLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) return { refused: "used" };
  if (!mayUseConsole(link.person)) return { refused: "not_allowed" };
  return { personId: link.personId };
}

/**
 * A sign-in link for whoever writes from this address (`admin -- console:link`, from the database or
 * through the running service), audited as `console.link`. The person's role is returned with a refusal.
 */
export async function linkForAddress(
  db: Tx,
  address: { channel: "telegram" | "whatsapp"; externalId: string },
  publicUrl: string,
  now: Date,
): Promise<{ url: string } | { refused: "unknown_address" } | { refused: "not_allowed"; role: string }> {
  const identity = await db.identity.findUnique({ where: { channel_externalId: address }, include: { person: { select: { id: true, role: true } } } });
  if (!identity) return { refused: "unknown_address" };
  const made = await createSignInLink(db, identity.person.id, publicUrl, now);
  if ("refused" in made) return { refused: "not_allowed", role: identity.person.role };
  await db.auditLog.create({ data: { actorId: identity.person.id, action: "console.link", details: { via: "admin" } } });
  return made;
}
