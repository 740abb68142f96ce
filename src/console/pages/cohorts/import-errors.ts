import type { ZodError } from "zod";

/** One problem of a programme file, as the page shows it: where (a path of texts) and what (a text key and its values). */
export interface ImportProblem {
  /** Parts of the place: `{ key, params }` texts (a cohort by its key) or a field's own name. */
  where: ({ key: string; params: Record<string, unknown> } | string)[];
  key: string;
  params?: Record<string, unknown>;
}

/** What a field holds, for the problems the schema's own checks find (programme/schema.ts): the hint shown. */
const FIELD_HINTS: Record<string, string> = {
  key: "hint_key",
  timezone: "hint_timezone",
  startsOn: "hint_date",
  endsOn: "hint_date",
  startsAt: "hint_datetime",
  endsAt: "hint_datetime",
  reminderOffsets: "hint_offset",
  checkInOffsets: "hint_checkin",
  title: "hint_title",
};

const LISTS: Record<string, { named: string; numbered: string; name: (item: Record<string, unknown>) => unknown }> = {
  cohorts: { named: "where_cohort", numbered: "where_cohort_n", name: (i) => i["key"] },
  sessions: { named: "where_session", numbered: "where_session_n", name: (i) => i["key"] },
  members: { named: "where_member", numbered: "where_member_n", name: (i) => i["name"] ?? i["externalId"] },
  coordinators: { named: "where_coordinator", numbered: "where_coordinator_n", name: (i) => i["name"] ?? i["externalId"] },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Where a problem is, in the coordinator's words: "cohort « spring », session « s2 », startsAt" rather
 * than `cohorts.0.sessions.1.startsAt`, read from the file itself.
 */
export function placeOf(input: unknown, path: readonly PropertyKey[]): ImportProblem["where"] {
  const where: ImportProblem["where"] = [];
  let at: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const list = typeof part === "string" ? LISTS[part] : undefined;
    const next = isRecord(at) ? at[String(part)] : Array.isArray(at) ? at[Number(part)] : undefined;
    if (list && typeof path[i + 1] === "number" && Array.isArray(next)) {
      const n = path[i + 1] as number;
      const item = next[n];
      const name = isRecord(item) ? list.name(item) : undefined;
      where.push(typeof name === "string" && name.trim() ? { key: list.named, params: { name: name.trim().slice(0, 64) } } : { key: list.numbered, params: { n: n + 1 } });
      at = item;
      i++;
      continue;
    }
    where.push(typeof part === "number" ? `#${part + 1}` : String(part));
    at = next;
  }
  return where;
}

/** The value at a path of the file, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const part of path) at = isRecord(at) ? at[String(part)] : Array.isArray(at) ? at[Number(part)] : undefined;
  return at;
}

/** The schema's findings as problems to show, each a text key (`cohorts.import.<key>`) with its values. */
export function schemaProblems(input: unknown, err: ZodError): ImportProblem[] {
  return err.issues.slice(0, 30).map((issue): ImportProblem => {
    const where = placeOf(input, issue.path);
    const field = [...issue.path].reverse().find((p): p is string => typeof p === "string") ?? "";
    const hint = FIELD_HINTS[field];
    switch (issue.code) {
      case "invalid_type":
        if (valueAt(input, issue.path) === undefined) return { where, key: "missing" };
        return { where, key: ["string", "number", "array", "object"].includes(issue.expected) ? `wrong_type_${issue.expected}` : (hint ?? "invalid") };
      case "too_small":
        if (issue.origin === "array") return { where, key: "too_few", params: { n: Number(issue.minimum) } };
        return Number(issue.minimum) <= 1 ? { where, key: "empty" } : { where, key: "too_short", params: { n: Number(issue.minimum) } };
      case "too_big":
        return { where, key: issue.origin === "array" ? "too_many" : "too_long", params: { n: Number(issue.maximum) } };
      case "invalid_value":
        return { where, key: "one_of", params: { values: issue.values.map(String).join(", ") } };
      case "unrecognized_keys":
        return { where, key: "unknown_fields", params: { fields: issue.keys.join(", ") } };
      default:
        return { where, key: hint ?? "invalid" };
    }
  });
}

/**
 * A JSON syntax error with its line and column when the parser gives a position
 * ("… in JSON at position 12"), so a coordinator can find it in the text she pasted.
 */
export function jsonProblem(text: string, err: Error): ImportProblem {
  const position = /position (\d+)/.exec(err.message);
  if (!position) return { where: [], key: "bad_json" };
  const before = text.slice(0, Number(position[1]));
  const lines = before.split("\n");
  return { where: [], key: "bad_json_at", params: { line: lines.length, column: lines.at(-1)!.length + 1 } };
}
