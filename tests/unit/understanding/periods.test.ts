import { describe, expect, it } from "vitest";
import { periodIn, weekAhead } from "../../../src/understanding/slots/periods.ts";

const NOW = new Date("2026-12-07T10:00:00Z"); // a Monday
const NOVEMBER = { from: "2026-11-01", to: "2026-11-30" };
const LAST_WEEK = { from: "2026-11-30", to: "2026-12-06" };

describe("the period a question about totals names", () => {
  it.each<[string, { from: string; to: string } | undefined]>([
    ["combien en novembre ?", NOVEMBER],
    ["ventes de Novembre", NOVEMBER],
    ["how much did I sell in november", NOVEMBER],
    ["nov", NOVEMBER],
    ["¿cuánto vendí en noviembre?", NOVEMBER],
    ["quanto vendi em novembro", NOVEMBER],
    ["сколько я продала в ноябре", NOVEMBER],
    ["скільки продажів у листопаді", NOVEMBER],
    ["مبيعات نوفمبر", NOVEMBER],
    ["فروش نوامبر", NOVEMBER],
    ["নভেম্বরে কত বিক্রি", NOVEMBER],
    ["le mois dernier", NOVEMBER],
    ["el mes pasado", NOVEMBER],
    ["الشهر الماضي", NOVEMBER],
    ["গত মাসে কত", NOVEMBER],
    ["total semaine derniere", LAST_WEEK],
    ["last week", LAST_WEEK],
    ["минулого тижня", LAST_WEEK],
    ["هفته گذشته", LAST_WEEK],
    // The latest such month: January is last January; this month is this month.
    ["combien en janvier", { from: "2026-01-01", to: "2026-01-31" }],
    ["ventes de décembre", { from: "2026-12-01", to: "2026-12-31" }],
    // A past day: that day; today is always shown, so it names nothing.
    ["combien hier", { from: "2026-12-06", to: "2026-12-06" }],
    ["cuanto vendi ayer", { from: "2026-12-06", to: "2026-12-06" }],
    ["ventes de samedi", { from: "2026-12-05", to: "2026-12-05" }],
    ["combien aujourd'hui", undefined],
    // Nothing named: the usual totals (today, week, month, since the start).
    ["totaux", undefined],
    ["combien ce mois", undefined],
    ["may I see my totals", undefined],
    ["mes totaux de la semaine", undefined],
  ])("%s", (text, period) => {
    expect(periodIn(text, NOW, "Europe/Paris")).toEqual(period);
  });

  it("names this month and this week for an export", () => {
    for (const text of ["send me the sales csv for this month", "export ce mois", "exporta las ventas de este mes"]) expect(periodIn(text, NOW, "Europe/Paris", { current: true }), text).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(periodIn("export cette semaine", NOW, "Europe/Paris", { current: true })).toEqual({ from: "2026-12-07", to: "2026-12-13" });
    expect(periodIn("combien ce mois", NOW, "Europe/Paris")).toBeUndefined();
    expect(periodIn("export du mois dernier", NOW, "Europe/Paris", { current: true })).toEqual(NOVEMBER);
  });

  it("names today for the team, whose totals have no line for it", () => {
    const TODAY = { from: "2026-12-07", to: "2026-12-07" };
    for (const text of ["combien aujourd'hui", "sales today", "ventas de hoy"]) expect(periodIn(text, NOW, "Europe/Paris", { today: true }), text).toEqual(TODAY);
    expect(periodIn("totaux", NOW, "Europe/Paris", { today: true })).toBeUndefined();
  });

  it("reads the month in the reader's time zone (late on 31 December in Paris is still December)", () => {
    expect(periodIn("le mois dernier", new Date("2026-12-31T23:30:00Z"), "Europe/Paris")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(periodIn("le mois dernier", new Date("2026-12-31T23:30:00Z"), "America/New_York")).toEqual(NOVEMBER);
  });
});

describe("the week a question about sessions to come names", () => {
  it.each<[string, { from: string; to: string } | undefined]>([
    ["qui vient la semaine prochaine ?", { from: "2026-12-14", to: "2026-12-20" }],
    ["who is coming next week", { from: "2026-12-14", to: "2026-12-20" }],
    ["кто придёт на следующей неделе", { from: "2026-12-14", to: "2026-12-20" }],
    ["مين جاي الأسبوع القادم", { from: "2026-12-14", to: "2026-12-20" }],
    ["qui vient cette semaine", { from: "2026-12-07", to: "2026-12-13" }],
    ["qui vient jeudi", undefined],
  ])("%s", (text, week) => {
    expect(weekAhead(text, NOW, "Europe/Paris")).toEqual(week);
  });
});
