import type { Say } from "../../engine/types.ts";
import { renderReply } from "../../i18n/render.ts";
import { forecastOf } from "../../sessions/forecast.ts";
import type { DataReply } from "./data-reply.ts";

/** A session's forecast asked for in the chat ("qui vient demain ?"): the day-before message, now. */
export const forecastReply: DataReply<"forecast", { say: Say; lines?: Say[] } | null> = {
  async fetch({ tx }, reply) {
    const session = await tx.trainingSession.findUnique({ where: { id: reply.sessionId }, include: { cohort: true, rsvps: true } });
    // Asked any day: the heading names the session's day, not "tomorrow".
    return session && session.status === "scheduled" ? forecastOf(tx, session, "forecast.asked") : null;
  },
  render({ t }, _reply, forecast) {
    return [renderReply(t, forecast ? { type: "text", ...forecast } : { type: "text", say: { key: "review.gone" } })];
  },
};
