import { personName } from "../../core/person-name.ts";
import type { Say } from "../../engine/types.ts";
import { formatNumber, languageOf } from "../../i18n/format.ts";
import { renderReply } from "../../i18n/render.ts";
import { isPresent, notOnSheet, sessionMembers } from "../../sessions/members.ts";
import type { DataReply } from "./data-reply.ts";

/**
 * Attendance just recorded, read back on the sheet's numbering (sessions/members.ts, as the effect
 * applies it): each member ✅ present or ❌ absent, then the numbers typed that no member has.
 */
export const attendanceSavedReply: DataReply<"attendance_saved", Awaited<ReturnType<typeof sessionMembers>>> = {
  fetch: ({ tx }, reply) => sessionMembers(tx, reply.sessionId),
  render({ t }, { present }, members) {
    const lines: Say[] = members.map((m, i) => ({ key: "manage.attendance_mark", params: { mark: isPresent(present, i + 1) ? "✅" : "❌", name: personName(m) } }));
    const unknown = notOnSheet(present, members.length);
    if (unknown.length) lines.push({ key: "manage.not_on_sheet", params: { numbers: unknown.map((n) => formatNumber(n, languageOf(t))).join(", ") } });
    return [renderReply(t, { type: "text", say: { key: "manage.attendance_saved" }, lines })];
  },
};
