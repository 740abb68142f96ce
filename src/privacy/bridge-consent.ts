import type { Tx } from "../db/tx.ts";

/** The kind of Consent row that records a person's answer about the language bridge (translation, transcription). */
export const BRIDGE_CONSENT = "language_bridge";

/**
 * Whether a person's words may be sent to the translation and transcription engines (issue 17, point 4).
 * A person who refused (a `language_bridge` consent withdrawn) gets everything but translation and
 * transcription.
 */
export async function bridgeAllowed(db: Tx, personId: string): Promise<boolean> {
  const refused = await db.consent.findFirst({ where: { personId, kind: BRIDGE_CONSENT, withdrawnAt: { not: null } }, select: { id: true } });
  return !refused;
}
