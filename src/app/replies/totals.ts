import type { Say } from "../../engine/types.ts";
import { renderReply } from "../../i18n/render.ts";
import { cohortTotals, coordinatedCohortIds, myTotals } from "../../sales/totals.ts";
import type { DataReply } from "./data-reply.ts";

/** A member's sales and expenses, or a coordinator's cohorts'. */
export const totalsReply: DataReply<"totals", Say[]> = {
  async fetch({ deps, tx, target, personId }, reply) {
    const when = { timezone: target.timezone, now: deps.now(), period: reply.period };
    return reply.scope === "me" ? myTotals(tx, personId, when) : cohortTotals(tx, await coordinatedCohortIds(tx, { id: personId, role: target.role }), when);
  },
  render({ t }, reply, lines) {
    return [renderReply(t, { type: "text", say: { key: reply.scope === "me" ? "totals.title" : "totals.title_cohorts" }, lines })];
  },
};
