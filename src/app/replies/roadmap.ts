import { renderReply } from "../../i18n/render.ts";
import { roadmapIntents } from "../../roadmap/render.ts";
import type { DataReply } from "./data-reply.ts";
import type { Tx } from "../../db/tx.ts";

async function latestRoadmap(tx: Tx, personId: string) {
  return tx.roadmap.findFirst({ where: { personId }, orderBy: { updatedAt: "desc" }, include: { person: { select: { firstName: true } } } });
}

/** A member's roadmap, as delivered at the end of the cohort. */
export const roadmapReply: DataReply<"roadmap", Awaited<ReturnType<typeof latestRoadmap>>> = {
  fetch: ({ tx, personId }) => latestRoadmap(tx, personId),
  render({ t }, _reply, roadmap) {
    if (!roadmap) return [renderReply(t, { type: "text", say: { key: "roadmap.none" } })];
    return roadmapIntents(t, roadmap, roadmap.person.firstName ?? "");
  },
};
