import type { Prisma } from "../db/generated/client.ts";
import type { Audience } from "../engine/types.ts";

/**
 * The people a broadcast reaches: the audience, minus anyone who opted out or was erased,
 * and only people with at least one address the platforms have not refused.
 */
export function audienceWhere(audience: Audience): Prisma.PersonWhereInput {
  const base: Prisma.PersonWhereInput = { optedOutAt: null, erasedAt: null, identities: { some: { unreachableAt: null } } };
  switch (audience.type) {
    case "cohort":
      return { ...base, memberships: { some: { cohortId: audience.cohortId, role: "member", status: { in: ["active", "alumni"] } } } };
    case "participants":
      return { ...base, stage: "member" };
    case "alumni":
      return { ...base, stage: "alumni" };
    case "applicants":
      return { ...base, stage: "applicant" };
    case "locale":
      return { ...base, locale: audience.locale, stage: { in: ["applicant", "member", "alumni"] } };
  }
}
