import type { Tx } from "../db/tx.ts";
import type { PrivateTerms } from "./redact.ts";

/**
 * The names and phone numbers the profiles of these people hold (their first name, the names their
 * platforms show, each word of those, and their WhatsApp numbers): what `redact` keeps from a
 * provider when their words, or words to them, are translated.
 */
export async function privateTerms(db: Tx, personIds: ReadonlyArray<string | null | undefined>): Promise<PrivateTerms> {
  const ids = [...new Set(personIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return { names: [], phones: [] };
  const people = await db.person.findMany({
    where: { id: { in: ids } },
    select: { firstName: true, identities: { select: { channel: true, externalId: true, displayName: true } } },
  });
  const names = new Set<string>();
  const phones = new Set<string>();
  for (const p of people) {
    for (const full of [p.firstName, ...p.identities.map((i) => i.displayName)]) {
      if (!full?.trim()) continue;
      names.add(full.trim());
      for (const word of full.trim().split(/\s+/u)) names.add(word);
    }
    for (const i of p.identities) if (i.channel === "whatsapp") phones.add(i.externalId);
  }
  return { names: [...names], phones: [...phones] };
}
