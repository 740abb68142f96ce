import { personName } from "../../core/person-name.ts";
import type { Say } from "../../engine/types.ts";
import { renderReply } from "../../i18n/render.ts";
import { sessionMembers } from "../../sessions/members.ts";
import type { DataReply } from "./data-reply.ts";

/** A session's members, numbered, with what each answered: the sheet a coordinator marks attendance on. */
export const attendanceSheetReply: DataReply<"attendance_sheet", Awaited<ReturnType<typeof sessionMembers>>> = {
  fetch: ({ tx }, reply) => sessionMembers(tx, reply.sessionId),
  render({ t }, _reply, members) {
    const lines: Say[] = members.map((m, i) => ({
      key: "manage.sheet_line",
      params: { n: i + 1, name: personName(m), answer: { t: `manage.rsvp.${m.rsvps[0]?.answer ?? "none"}` } },
    }));
    return [renderReply(t, { type: "text", say: { key: "manage.sheet", params: { count: members.length } }, lines: [...lines, { key: "manage.attendance_how" }] })];
  },
};
