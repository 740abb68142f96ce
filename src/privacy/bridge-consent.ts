import type { Tx } from "../db/tx.ts";

/** The kind of Consent row that records a person's answer about the language bridge (translation, transcription). */
export const BRIDGE_CONSENT = "language_bridge";

/**
 * The version of the privacy notice that says what goes to which provider: stored on the
 * `language_bridge` row when the person was told (and on a refusal).
 */
export const BRIDGE_NOTICE_VERSION = "2026-12";

/**
 * Whether a person's words may be sent to the translation and transcription engines (issue 17, point 4).
 * A person who refused (a `language_bridge` consent withdrawn) gets everything but translation and
 * transcription: their messages, and the team's answers to them, go as written.
 */
export async function bridgeAllowed(db: Tx, personId: string): Promise<boolean> {
  return !(await bridgeRefusedAmong(db, [personId])).has(personId);
}

/** Of these people, those who refused the bridge (`bridgeAllowed` for many at once: one query for a page). */
export async function bridgeRefusedAmong(db: Tx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db.consent.findMany({
    where: { personId: { in: [...new Set(personIds)] }, kind: BRIDGE_CONSENT, withdrawnAt: { not: null } },
    select: { personId: true },
  });
  return new Set(rows.map((r) => r.personId));
}

/**
 * Whether to tell this person, once, what the bridge sends where: a participant who accepted the data
 * notice and was never told of the bridge (translation came later, or they enrolled before it).
 * Coordinators are staff.
 */
export async function bridgeNoticeDue(db: Tx, person: { id: string; role: string }): Promise<boolean> {
  if (person.role !== "participant") return false;
  const consents = await db.consent.findMany({ where: { personId: person.id }, select: { kind: true, version: true, withdrawnAt: true } });
  if (consents.some((c) => c.kind === BRIDGE_CONSENT)) return false;
  return consents.some((c) => c.kind === "data_processing" && c.withdrawnAt === null);
}

/**
 * Records the person's answer about the bridge: `told` (shown the notice, translation goes on until
 * they refuse), `accepted`, or `refused` (withdrawn: `bridgeAllowed` says no from now on).
 * One row per person, updated.
 */
export async function recordBridgeAnswer(tx: Tx, personId: string, answer: "told" | "accepted" | "refused", now: Date): Promise<void> {
  const existing = await tx.consent.findFirst({ where: { personId, kind: BRIDGE_CONSENT }, select: { id: true } });
  const withdrawnAt = answer === "refused" ? now : null;
  if (existing) await tx.consent.update({ where: { id: existing.id }, data: { version: BRIDGE_NOTICE_VERSION, givenAt: now, withdrawnAt } });
  else await tx.consent.create({ data: { personId, kind: BRIDGE_CONSENT, version: BRIDGE_NOTICE_VERSION, givenAt: now, withdrawnAt } });
}
