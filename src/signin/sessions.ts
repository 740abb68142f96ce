import type { Tx } from "../db/tx.ts";
import { mayUseConsole } from "./links.ts";
import { hashToken, looksLikeToken, newToken } from "./tokens.ts";

/** A session ends after this long without a request (12 hours). */
export const SESSION_IDLE_MS = 12 * 3600_000;

/** lastSeenAt is written at most this often, so a page's requests do not each write a row. */
const TOUCH_EVERY_MS = 60_000;

/** Opens a session for a person signed in by a link: the cookie's token, whose hash only is stored. */
export async function openSession(db: Tx, personId: string, now: Date): Promise<{ token: string; id: string }> {
  const token = newToken();
  const row = await db.consoleSession.create({ data: { tokenHash: hashToken(token), personId, createdAt: now, lastSeenAt: now } });
  return { token, id: row.id };
}

export interface SignedIn {
  sessionId: string;
  person: { id: string; role: "coordinator" | "admin"; firstName: string | null; locale: string | null; timezone: string | null };
}

export type SessionCheck = SignedIn | { ended: "none" | "revoked" | "idle" | "not_allowed" };

/**
 * The session a cookie names, checked on every request: not revoked, used within SESSION_IDLE_MS, and
 * its person still a coordinator or an admin NOW (a role lost ends the session at once: it is revoked).
 */
export async function checkSession(db: Tx, token: string | undefined, now: Date): Promise<SessionCheck> {
  if (!token || !looksLikeToken(token)) return { ended: "none" };
  const session = await db.consoleSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { person: { select: { id: true, role: true, erasedAt: true, firstName: true, locale: true, timezone: true } } },
  });
  if (!session) return { ended: "none" };
  if (session.revokedAt) return { ended: "revoked" };
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) {
    await db.consoleSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    return { ended: "idle" };
  }
  if (!mayUseConsole(session.person)) {
    await db.consoleSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    return { ended: "not_allowed" };
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await db.consoleSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  const { id, role, firstName, locale, timezone } = session.person;
  return { sessionId: session.id, person: { id, role: role as "coordinator" | "admin", firstName, locale, timezone } };
}

/** Logging out: the session ends for good, whoever holds the cookie. */
export async function revokeSession(db: Tx, sessionId: string, now: Date): Promise<void> {
  await db.consoleSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}
