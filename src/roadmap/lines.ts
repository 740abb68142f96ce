import type { RoadmapContent } from "./schema.ts";

export type Partner = RoadmapContent["partners"][number];
export type NextStep = RoadmapContent["nextSteps"][number];

/** Between a partner's name, contact and why, as coordinators type it: a dash with spaces around. */
const PARTNER_SEPARATOR = /\s+[—–-]\s+/;

/**
 * A partner from one line typed as `name — contact — why` (the chat's roadmap writing, the console's form).
 * @example partnerFromLine("ADIE — 0 969 328 110 — micro-crédit") is {name: "ADIE", contact: "0 969 328 110", why: "micro-crédit"}
 */
export function partnerFromLine(line: string): Partner {
  const [name = line, contact = "", why = ""] = line.split(PARTNER_SEPARATOR);
  return { name, contact, why };
}

/** The line a partner is typed as: the inverse of partnerFromLine. */
export function partnerLine(p: { name: string; contact?: string; why?: string }): string {
  return [p.name, p.contact, p.why].filter(Boolean).join(" — ");
}

/**
 * Next steps from their texts, each keeping the key it had (check-in answers are stored by key), new
 * ones taking the first free `s<n>`. Appending lines (the chat) and rewriting the list (the console)
 * both go through here.
 */
export function withStepKeys(texts: readonly string[], existing: readonly NextStep[]): NextStep[] {
  const unused = [...existing];
  const taken = new Set(existing.map((s) => s.key));
  let n = 0;
  const freeKey = () => {
    do n++;
    while (taken.has(`s${n}`));
    taken.add(`s${n}`);
    return `s${n}`;
  };
  const kept = texts.map((text) => {
    const i = unused.findIndex((s) => s.text === text);
    return i >= 0 ? unused.splice(i, 1)[0]! : { key: "", text };
  });
  return kept.map((s) => (s.key ? s : { key: freeKey(), text: s.text }));
}
