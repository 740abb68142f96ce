import type { Loaded } from "./load.ts";
import { ACTIVITY_STATUSES, OUTCOME_CATEGORIES, ratio, type ActivityStatus, type OutcomeCategory, type OutcomeFigures, type OutcomeOffset } from "./model.ts";

/** A check-in's activity status as a category of the report; anything else is `unknown`. */
export const outcomeOf = (status: string | null): OutcomeCategory =>
  (ACTIVITY_STATUSES as readonly string[]).includes(status ?? "") ? (status as ActivityStatus) : "unknown";

/** An answered check-in that asked for help, by the help question or by a next step. */
export function askedForHelp(c: Loaded["checkIns"][number]): boolean {
  if (c.answeredAt === null) return false;
  if (c.needsHelp === true) return true;
  const answers = c.stepAnswers;
  return typeof answers === "object" && answers !== null && Object.values(answers).includes("need_help");
}

/** The check-ins sent at one offset (6 or 12 months), how many were answered, and what the answers said. */
export function outcomes(checkIns: Loaded["checkIns"], offset: OutcomeOffset): OutcomeFigures {
  const at = checkIns.filter((c) => c.offset === offset && (c.sentAt !== null || c.answeredAt !== null));
  const answered = at.filter((c) => c.answeredAt !== null);
  const byStatus = Object.fromEntries(OUTCOME_CATEGORIES.map((s) => [s, 0])) as Record<OutcomeCategory, number>;
  for (const c of answered) byStatus[outcomeOf(c.activityStatus)]++;
  return {
    sent: at.length,
    answered: answered.length,
    responseRate: ratio(answered.length, at.length).rate,
    byStatus,
    needsHelp: answered.filter((c) => c.needsHelp === true).length,
  };
}
