import { esc, formatEuros, formatInt, formatRatio } from "./impact-format.ts";
import { LABELS } from "./impact-labels.ts";
import type { ScopeFigures } from "./impact-model.ts";

function card(value: string, label: string, detail?: string, highlight = false): string {
  return `<div class="card${highlight ? " highlight" : ""}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div>${
    detail ? `<div class="detail">${esc(detail)}</div>` : ""
  }</div>`;
}

/** A titled chart (or "no data yet"), with an optional note below and HTML before the figure. */
export function chartSection(title: string, svg: string | null, note?: string, before = ""): string {
  return `<section><h2>${esc(title)}</h2>${before}<figure>${svg ?? `<p class="note">${esc(LABELS.noData)}</p>`}</figure>${note ? `<p class="note">${esc(note)}</p>` : ""}</section>`;
}

/** The key figures as cards; the cohort count only for the whole programme. */
export function headline(f: ScopeFigures, programme: boolean): string {
  const cards = [
    card(formatInt(f.peopleSupported), LABELS.peopleSupported, LABELS.peopleSupportedDetail(f.membersByStatus.active, f.membersByStatus.alumni, f.membersByStatus.left)),
    card(formatInt(f.applicants), LABELS.applicants),
    ...(programme ? [card(formatInt(f.cohorts.total), LABELS.cohorts, LABELS.cohortsDetail(f.cohorts.ended, f.cohorts.running, f.cohorts.upcoming))] : []),
    card(formatInt(f.sessionsHeld), LABELS.sessionsHeld),
    card(
      formatRatio(f.attendance),
      LABELS.attendanceRate,
      [f.attendance.denominator ? LABELS.attendanceDetail(f.attendance.numerator, f.attendance.denominator) : "", f.rsvpYes.denominator ? LABELS.rsvpDetail(formatRatio(f.rsvpYes)) : ""]
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
