import { personName } from "../../core/person-name.ts";
import type { Say } from "../../engine/types.ts";
import { formatNumber, languageOf } from "../../i18n/format.ts";
import { renderReply } from "../../i18n/render.ts";
import { isPresent, namesNobody, notOnSheet, sessionMembers } from "../../sessions/members.ts";
import type { DataReply } from "./data-reply.ts";

/**
 * Attendance just recorded, read back on the sheet's numbering (sessions/members.ts, as the effect
 * applies it): each member ✅ present or ❌ absent, then the numbers typed that no member has.
 */
export const attendanceSavedReply: DataReply<"attendance_saved", Awaited<ReturnType<typeof sessionMembers>>> = {
  fetch: ({ tx }, reply) => sessionMembers(tx, reply.sessionId),
  render({ t }, { present }, members) {
    const named = members.map(personName);
    const unknown = notOnSheet(present, named).map((n) => (/^\d+$/u.test(n) ? formatNumber(Number(n), languageOf(t)) : n));
    const missing: Say = { key: "manage.not_on_sheet", params: { numbers: unknown.join(", ") } };
    // Names that are nobody's: nothing was recorded (sessions/change.ts); the sheet's numbers and how to answer.
    if (namesNobody(present, named)) {
      const sheet: Say[] = named.map((name, i) => ({ key: "manage.sheet_line", params: { n: i + 1, name, answer: { t: `manage.rsvp.${members[i]!.rsvps[0]?.answer ?? "none"}` } } }));
      return [renderReply(t, { type: "text", say: missing, lines: [...sheet, { key: "manage.attendance_how" }] })];
    }
    const lines: Say[] = members.map((m, i) => ({ key: "manage.attendance_mark", params: { mark: isPresent(present, i + 1, named[i]) ? "✅" : "❌", name: named[i]! } }));
    if (unknown.length) lines.push(missing);
    return [renderReply(t, { type: "text", say: { key: "manage.attendance_saved" }, lines })];
  },
};
