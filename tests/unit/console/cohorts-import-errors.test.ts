/**
 * The programme import's problems as the Cohorts page words them: places named by the file's own keys and
 * names, the schema's findings mapped to text keys (never its English messages), a JSON syntax error's
 * line and column; and the form's local date-times read on the cohort's clock.
 */
import { describe, expect, it } from "vitest";
import { jsonProblem, placeOf, schemaProblems } from "../../../src/console/pages/cohorts/import-errors.ts";
import { readLocalDateTime } from "../../../src/console/pages/cohorts/sessions.ts";
import { programmeSchema } from "../../../src/programme/schema.ts";

const problemsOf = (input: unknown) => {
  const parsed = programmeSchema.safeParse(input);
  if (parsed.success) throw new Error("valid");
  return schemaProblems(input, parsed.error);
};

describe("programme problems", () => {
  it("names places by the file's keys and names, else by their number", () => {
    const file = { cohorts: [{ key: "spring" }, { sessions: [{ key: "s2" }, {}], members: [{ externalId: "33612", name: "Awa" }] }] };
    expect(placeOf(file, ["cohorts", 0, "name"])).toEqual([{ key: "where_cohort", params: { name: "spring" } }, "name"]);
    expect(placeOf(file, ["cohorts", 1, "sessions", 1, "startsAt"])).toEqual([{ key: "where_cohort_n", params: { n: 2 } }, { key: "where_session_n", params: { n: 2 } }, "startsAt"]);
    expect(placeOf(file, ["cohorts", 1, "members", 0, "locale"])).toEqual([{ key: "where_cohort_n", params: { n: 2 } }, { key: "where_member", params: { name: "Awa" } }, "locale"]);
    expect(placeOf(file, ["cohorts", 0, "reminderOffsets", 1])).toEqual([{ key: "where_cohort", params: { name: "spring" } }, "reminderOffsets", "#2"]);
  });

  it("maps every finding of the schema to a text key with its values", () => {
    const problems = problemsOf({
      cohorts: [{ key: "a b", name: "", timezone: "Mars/X", startsOn: 3, reminderOffsets: ["P1X"], extra: 1, sessions: [{ key: "s", title: {}, startsAt: "soon", endsAt: "2027-01-01T10:00" }], members: [{ channel: "sms", externalId: "1" }] }],
    });
    const byField = Object.fromEntries(problems.map((p) => [String(p.where.at(-1)), p.key]));
    expect(byField).toMatchObject({ key: "hint_key", name: "empty", timezone: "hint_timezone", startsOn: "wrong_type_string", "#1": "hint_offset", title: "hint_title", startsAt: "hint_datetime", channel: "one_of" });
    expect(problems.find((p) => p.key === "missing")?.where.at(-1)).toBe("endsOn");
    expect(problems.find((p) => p.key === "unknown_fields")?.params).toEqual({ fields: "extra" });
    expect(problemsOf({}).map((p) => p.key)).toEqual(["missing"]);
    expect(problemsOf({ cohorts: [] }).map((p) => p.key)).toEqual(["too_few"]);
  });

  it("gives a JSON syntax error's line and column", () => {
    const text = '{\n  "cohorts": [\n    {"key": "cb",}\n  ]\n}';
    let err: Error | undefined;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e as Error;
    }
    expect(jsonProblem(text, err!)).toEqual({ where: [], key: "bad_json_at", params: { line: 3, column: 18 } });
    expect(jsonProblem("x", new Error("odd"))).toEqual({ where: [], key: "bad_json" });
  });
});

describe("readLocalDateTime", () => {
  it("reads a datetime-local value on the cohort's clock, and nothing else", () => {
    expect(readLocalDateTime("2026-12-15T09:30", "Europe/Paris")?.toISOString()).toBe("2026-12-15T08:30:00.000Z");
    expect(readLocalDateTime("2026-07-15T09:30", "Europe/Paris")?.toISOString()).toBe("2026-07-15T07:30:00.000Z");
    expect(readLocalDateTime("2026-12-15T09:30", "America/Bogota")?.toISOString()).toBe("2026-12-15T14:30:00.000Z");
    for (const bad of ["2026-13-45T99:00", "demain", "2026-12-15", "2026-12-15T09:30Z", 42, undefined]) expect(readLocalDateTime(bad, "Europe/Paris")).toBeUndefined();
  });
});
