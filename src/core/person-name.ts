/**
 * What the database gives for naming a person: the first name they gave, and their first address with
 * the name their platform shows (Telegram's first name, WhatsApp's profile name). Spread into a Prisma
 * `select` on Person.
 */
export const NAME_FIELDS = {
  firstName: true,
  identities: { select: { displayName: true, channel: true, externalId: true }, orderBy: { createdAt: "asc" }, take: 1 },
} as const;

export interface Nameable {
  firstName: string | null;
  identities?: { displayName: string | null; channel: string; externalId: string }[];
}

/**
 * How coordinators see a person: the first name they gave; else the name their platform shows; else
 * their address ("telegram 800000001"). Never "?": a coordinator must be able to tell people apart.
 */
export function personName(p: Nameable): string {
  const given = p.firstName?.trim();
  if (given) return given;
  const identity = p.identities?.[0];
  const shown = identity?.displayName?.trim();
  if (shown) return shown;
  return identity ? `${identity.channel} ${identity.externalId}` : "—";
}
