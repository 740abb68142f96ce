import type { Chart } from "./charts/render.ts";
import { esc, formatEuros, formatInt, formatRatio } from "./format.ts";
import { LABELS } from "./labels.ts";
import type { ScopeFigures, Shown } from "./model.ts";

function card(value: string, label: string, detail?: string, highlight = false): string {
  return `<div class="card${highlight ? " highlight" : ""}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div>${
    detail ? `<div class="detail">${esc(detail)}</div>` : ""
  }</div>`;
}

/**
 * A titled chart (or "no data yet", or why there is no chart when all its figures are hidden), with an
 * optional note below (and one about hidden figures when some were left out) and HTML before the figure.
 */
export function chartSection(title: string, chart: Chart | null, note?: string, before = ""): string {
  const body = chart?.svg ?? `<p class="note">${esc(chart ? LABELS.charts.allHidden : LABELS.noData)}</p>`;
  const notes = [note, chart?.hidden && chart.svg ? LABELS.charts.hiddenNote : undefined].filter((n): n is string => n !== undefined);
  return `<section><h2>${esc(title)}</h2>${before}<figure>${body}</figure>${notes.map((n) => `<p class="note">${esc(n)}</p>`).join("")}</section>`;
}

/** The key figures as cards; the cohort count only for the whole programme. */
export function headline(f: ScopeFigures<Shown>, programme: boolean): string {
  const { attendance, rsvpYes } = f;
  const cards = [
    card(formatInt(f.peopleSupported), LABELS.peopleSupported, LABELS.peopleSupportedDetail(f.membersByStatus.active, f.membersByStatus.alumni, f.membersByStatus.left)),
    card(formatInt(f.applicants), LABELS.applicants),
    ...(programme ? [card(formatInt(f.cohorts.total), f.cohorts.total === 1 ? LABELS.cohort : LABELS.cohorts, LABELS.cohortsDetail(f.cohorts.ended, f.cohorts.running, f.cohorts.upcoming))] : []),
    card(formatInt(f.sessionsHeld), LABELS.sessionsHeld),
    card(
      formatRatio(attendance),
      LABELS.attendanceRate,
      [
        typeof attendance.numerator === "number" && typeof attendance.denominator === "number" && attendance.denominator > 0
          ? LABELS.attendanceDetail(attendance.numerator, attendance.denominator)
          : "",
        rsvpYes.denominator !== 0 ? LABELS.rsvpDetail(formatRatio(rsvpYes)) : "",
      ]
        .filter(Boolean)
        .join(" · "),
    ),
    card(formatEuros(f.salesCents), LABELS.sales, LABELS.salesDetail(formatEuros(f.expensesCents))),
    card(formatInt(f.entrepreneursWithSales), LABELS.sellers),
    card(formatInt(f.askedForHelp), LABELS.askedForHelp),
    card(formatInt(f.businessesCreated), LABELS.businesses, undefined, true),
    card(formatInt(f.associationsCreated), LABELS.associations, undefined, true),
  ];
  return `<section><h2>${esc(LABELS.headline)}</h2><div class="cards">${cards.join("")}</div></section>`;
}
