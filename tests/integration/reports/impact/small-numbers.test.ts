/**
 * Small numbers in the funders' impact report: figures about fewer than 5 people are "< 5" in the HTML
 * page and the CSV (complements "s"), unless the operator asked for names. Real PostgreSQL, the real
 * `admin -- report impact` command.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../../src/db/database.ts";
import { keyOf, reportCells, type Cell } from "../../../../src/reports/impact/cells.ts";
import { impactFigures } from "../../../../src/reports/impact/data.ts";
import { hiddenCells } from "../../../../src/reports/impact/small-numbers.ts";
import { migratedDatabase } from "../../../support/postgres.ts";
import { LARGE, MEDIUM, SMALL } from "./fixtures.ts";
import { runImpactReport, seedProgramme, visibleText } from "./support.ts";

type CsvRow = { scope: string; metric: string; category: string; value: string; unit: string };
const rowsOf = (csv: string): CsvRow[] => parse(csv, { columns: true });
const value = (rows: CsvRow[], scope: string, metric: string, category = "") => rows.find((r) => r.scope === scope && r.metric === metric && r.category === category)?.value;
/** Values that count people: people, and the numerator and denominator of rates. */
const PEOPLE_UNITS = new Set(["people", "count"]);
const smallCount = /^[1-4]$/;
/** A number 1–4 standing alone in a text, dates taken out first ("6 janv. 2025", "3 juin 2026"). */
const smallInText = (text: string) => text.replace(/\b\d{1,2} [a-zéû]+\.? \d{4}\b/g, "DATE").match(/(?<![\d,.\w])[1-4](?![\d,.\w])/g) ?? [];
/** The cells of the cohort table's row for a cohort, as the reader sees them. */
function cohortRow(html: string, name: string): string[] {
  const row = html.split("<tr>").find((r) => r.includes(`<div class="name">${name}</div>`));
  if (!row) throw new Error(`no row for ${name}`);
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => visibleText(m[1]!).trim());
}

describe("complementary suppression", () => {
  const cell = (key: string, value: number, about = value): Cell => ({ path: key.split("."), kind: "count", value, about });

  it("hides the next smallest figure of a breakdown with a single small one, so the total gives nothing away", () => {
    const hidden = hiddenCells([cell("a", 3), cell("b", 7), cell("c", 9), cell("t", 19)], [{ cells: ["a", "b", "c"], total: "t" }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "complement" });
  });

  it("leaves a breakdown with two small figures alone, and shows zeros", () => {
    const hidden = hiddenCells([cell("a", 3), cell("b", 2), cell("c", 0), cell("d", 9), cell("t", 14)], [{ cells: ["a", "b", "c", "d"], total: "t" }]);
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "small" });
  });

  it("hides the total when every other figure is zero", () => {
    const hidden = hiddenCells([cell("a", 0, 3), cell("b", 0, 3), cell("t", 7)], [{ cells: ["a", "b"], total: "t" }]);
    // Both parts describe a group of 3: hidden, zeros included; the total (7) then has its two unknowns.
    expect(Object.fromEntries(hidden)).toEqual({ a: "small", b: "small" });
    const lone = hiddenCells([cell("a", 2), cell("b", 0), cell("t", 7)], [{ cells: ["a", "b"], total: "t" }]);
    expect(Object.fromEntries(lone)).toEqual({ a: "small", t: "complement" });
  });

  it("carries a complement into the other breakdowns it belongs to (rows and columns)", () => {
    // Two cohorts × two statuses, with row and column totals: x1 = 2 is small.
    const cells = [cell("x1", 2), cell("x2", 8), cell("y1", 6), cell("y2", 9), cell("x", 10), cell("y", 15), cell("t1", 8), cell("t2", 17)];
    const groups = [
      { cells: ["x1", "x2"], total: "x" },
      { cells: ["y1", "y2"], total: "y" },
      { cells: ["x1", "y1"], total: "t1" },
      { cells: ["x2", "y2"], total: "t2" },
    ];
    const hidden = hiddenCells(cells, groups);
    // Row x hides x2; column 1 hides y1; then row y and column 2 each have one hidden: y2 goes too.
    expect(Object.fromEntries(hidden)).toEqual({ x1: "small", x2: "complement", y1: "complement", y2: "complement" });
    for (const g of groups) expect([...g.cells, g.total].filter((k) => hidden.has(k)).length).not.toBe(1);
    expect(keyOf(["cohorts", 1, "peopleSupported"])).toBe("cohorts.1.peopleSupported");
  });
});

describe("impact report of a cohort of 3 people", () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await migratedDatabase("impsmall");
    drop = fresh.drop;
    db = await openDatabase({ kind: "postgres", url: fresh.url });
    await seedProgramme(db.prisma, [SMALL]);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("shows no figure from 1 to 4 about people, in the CSV or on the page, and no chart of them", async () => {
    for (const args of [[], ["--cohort", "petite"]]) {
      const { csv, html } = await runImpactReport(db, args);
      const rows = rowsOf(csv);
      expect(value(rows, rows[0]!.scope, "small_numbers")).toBe("hidden_below_5");
      const leaks = rows.filter((r) => PEOPLE_UNITS.has(r.unit) && smallCount.test(r.value));
      expect(leaks).toEqual([]);
      // Every figure of the cohort about people or money is hidden or zero; its exact ones appear nowhere.
      for (const r of rows.filter((r) => r.scope === "petite" && ["people", "count", "EUR", "ratio"].includes(r.unit))) {
        expect(["< 5", "s", "0", "0.00", ""], `${r.metric} ${r.category}`).toContain(r.value);
      }
      expect(value(rows, "petite", "people_supported")).toBe("< 5");
      expect(value(rows, "petite", "sales_total")).toBe("< 5");
      expect(value(rows, "petite", "attendance_rate")).toBe("< 5");
      for (const exact of ["101.30", "0.7222", "73.40", "27.90"]) expect(csv).not.toContain(exact);

      expect(html).not.toContain("<svg");
      // The number of cohorts (1, "1 terminée") is not about people: the one card that may show it is set aside.
      const cohortsCard = /<div class="card"><div class="value">\d+<\/div><div class="label">cohortes?<\/div><div class="detail">[^<]*<\/div><\/div>/;
      const text = visibleText(html.replace(cohortsCard, ""));
      expect(smallInText(text)).toEqual([]);
      for (const exact of ["101 €", "72 %", "13 présences"]) expect(text).not.toContain(exact);
      expect(text).toContain("« < 5 » : chiffre portant sur moins de 5 personnes");
      expect(cohortRow(html, "Coopérative Petite")).toEqual(["Coopérative Petite 6 janv. 2025 – 6 juin 2025", "terminée", "< 5", "6", "< 5", "< 5", "< 5", "< 5", "—", "< 5", "< 5"]);
    }
  });

  it("gives the exact figures with --names", async () => {
    const { csv, html, files } = await runImpactReport(db, ["--names"]);
    expect(files[0]).toMatch(/-names\.csv$/);
    const rows = rowsOf(csv);
    expect(value(rows, "all", "small_numbers")).toBe("shown");
    expect(value(rows, "petite", "people_supported")).toBe("3");
    expect(value(rows, "petite", "members_by_status", "alumni")).toBe("2");
    expect(value(rows, "petite", "members_by_status", "left")).toBe("1");
    expect(value(rows, "petite", "sales_total")).toBe("101.30");
    expect(value(rows, "petite", "entrepreneurs_with_sales")).toBe("2");
    expect(value(rows, "petite", "attendance", "numerator")).toBe("13");
    expect(value(rows, "petite", "businesses_created", "micro_enterprise")).toBe("1");
    expect(cohortRow(html, "Coopérative Petite")).toEqual(["Coopérative Petite 6 janv. 2025 – 6 juin 2025", "terminée", "3", "6", "72 %", "101 €", "2", "2/2", "—", "1", "1"]);
    expect(html).toContain("<svg");
    expect(visibleText(html)).not.toContain("« < 5 »");
  });
});

describe("impact report of a programme with cohorts of 3, 6 and 9 people", () => {
  let db: Database;
  let drop: () => Promise<void>;
  let csv: string;
  let html: string;
  beforeAll(async () => {
    const fresh = await migratedDatabase("impmix");
    drop = fresh.drop;
    db = await openDatabase({ kind: "postgres", url: fresh.url });
    await seedProgramme(db.prisma, [LARGE, SMALL, MEDIUM]);
    ({ csv, html } = await runImpactReport(db));
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("hides the small cohort, then the next smallest so the programme's total does not give it away", () => {
    const rows = rowsOf(csv);
    expect(value(rows, "all", "people_supported")).toBe("18");
    expect(value(rows, "petite", "people_supported")).toBe("< 5");
    expect(value(rows, "moyenne", "people_supported")).toBe("s");
    expect(value(rows, "grande", "people_supported")).toBe("9");
    // The one person who left: hidden, and the alumni count with it, in the programme and per cohort.
    expect(value(rows, "all", "members_by_status", "left")).toBe("< 5");
    expect(value(rows, "all", "members_by_status", "alumni")).toBe("s");
    // Large groups keep their exact figures: 9 sellers × 2 × 70 €, and the 6 applicants turned down.
    expect(value(rows, "grande", "sales_total")).toBe("1260.00");
    expect(value(rows, "grande", "entrepreneurs_with_sales")).toBe("9");
    expect(rows.filter((r) => PEOPLE_UNITS.has(r.unit) && smallCount.test(r.value))).toEqual([]);
    // No breakdown is left with exactly one hidden figure: February's sales are hidden for "petite" (1 seller) and "moyenne".
    expect(value(rows, "petite", "sales_by_month", "2025-02")).toBe("< 5");
    expect(value(rows, "moyenne", "sales_by_month", "2025-02")).toBe("s");
    expect(value(rows, "grande", "sales_by_month", "2025-02")).toBe("630.00");
  });

  it("knows every figure: each number of the report is a cell checked for small numbers, or not about people", async () => {
    const figures = await impactFigures(db.prisma);
    const covered = new Set(
      reportCells(figures).cells.flatMap((c) => (c.kind === "ratio" ? ["numerator", "denominator", "rate"].map((p) => keyOf([...c.path, p])) : [keyOf(c.path)])),
    );
    // Cohort counts and sessions are not about people; a response rate is hidden with its two counts.
    const notPeople = /^(total|cohorts\.\d+)\.(cohorts\.\w+|sessionsHeld|outcomes\.P\d+M\.responseRate)$/;
    const leaves: string[] = [];
    const walk = (x: unknown, at: string) => {
      if (typeof x === "number") leaves.push(at);
      else if (typeof x === "object" && x !== null) for (const [k, v] of Object.entries(x)) walk(v, at ? `${at}.${k}` : k);
    };
    walk({ total: figures.total, cohorts: figures.cohorts }, "");
    expect(leaves.length).toBeGreaterThan(200);
    expect(leaves.filter((k) => !covered.has(k) && !notPeople.test(k))).toEqual([]);
  });

  it("shows the same on the page, and draws no bar for a hidden figure", () => {
    expect(cohortRow(html, "Coopérative Petite").slice(2)).toEqual(["< 5", "6", "< 5", "< 5", "< 5", "< 5", "—", "< 5", "< 5"]);
    expect(cohortRow(html, "Coopérative Moyenne")[2]).toBe("s");
    expect(cohortRow(html, "Coopérative Grande").slice(2, 5)).toEqual(["9", "6", "83 %"]);
    const text = visibleText(html);
    expect(text).toContain("18 personnes accompagnées s diplômées · < 5 sorties en cours de route");
    expect(text).toContain("Les chiffres portant sur moins de 5 personnes (« < 5 », « s ») ne sont pas dessinés.");
    // Bar labels are the bold texts inside stacked bars (axis labels are not bold): only the large cohort's 9 alumni is drawn.
    const members = html.slice(html.indexOf("Participant·es par cohorte"), html.indexOf("Personnes par étape"));
    const barLabels = [...members.matchAll(/<text[^>]*font-weight:bold;[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(barLabels).toEqual(["9"]);
  });
});
