import { esc, formatDay, formatEuros, formatInt, formatRatio } from "./format.ts";
import { LABELS } from "./labels.ts";
import type { ImpactFigures, OutcomeOffset, ScopeFigures, Shown } from "./model.ts";

/**
 * A table in a box that scrolls sideways on a narrow screen. The box can take the keyboard focus
 * (tabindex) and has a name, so someone without a mouse can reach it and scroll it with the arrow keys.
 */
function scrollingTable(name: string, head: string, rows: string[]): string {
  return `<div class="table-wrap" role="region" tabindex="0" aria-label="${esc(name)}"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** "7/12": answers out of check-ins sent; "—" before any was sent; "< 5" alone when the check-ins sent are hidden (the answers are then too). */
function answeredOfSent(c: ScopeFigures<Shown>, o: OutcomeOffset): string {
  const { answered, sent } = c.outcomes[o];
  if (sent === 0) return "—";
  return typeof sent === "number" ? `${formatInt(answered)}/${formatInt(sent)}` : formatInt(sent);
}

/** One row per cohort: people, sessions, attendance, sales, follow-up answers, businesses created. */
export function cohortTable(figures: ImpactFigures<Shown>): string {
  if (figures.cohorts.length === 0) return "";
  const t = LABELS.cohortTable;
  const rows = figures.cohorts.map(
    (c) =>
      `<tr><td><div class="name">${esc(c.name)}</div><div class="sub">${esc(`${formatDay(c.startsOn)} – ${formatDay(c.endsOn)}`)}</div></td><td>${esc(LABELS.cohortStatus[c.status])}</td>` +
      `<td class="num">${esc(formatInt(c.peopleSupported))}</td><td class="num">${esc(formatInt(c.sessionsHeld))}</td><td class="num">${esc(formatRatio(c.attendance))}</td>` +
      `<td class="num">${esc(formatEuros(c.salesCents))}</td><td class="num">${esc(formatInt(c.entrepreneursWithSales))}</td>` +
      `<td class="num">${esc(answeredOfSent(c, "P6M"))}</td><td class="num">${esc(answeredOfSent(c, "P12M"))}</td>` +
      `<td class="num">${esc(formatInt(c.businessesCreated))}</td><td class="num">${esc(formatInt(c.associationsCreated))}</td></tr>`,
  );
  const head = [t.cohort, t.status].map((h) => `<th>${esc(h)}</th>`).join("") +
    [t.people, t.sessions, t.attendance, t.sales, t.sellers, t.outcome6, t.outcome12, t.businesses, t.associations].map((h) => `<th class="num">${esc(h)}</th>`).join("");
  return `<section><h2>${esc(t.title)}</h2>${scrollingTable(t.title, head, rows)}<p class="table-note">${esc(t.note)}</p></section>`;
}

/** One row per named member, under the personal-data warning; empty unless the operator asked for names. */
export function peopleTable(figures: ImpactFigures<Shown>): string {
  if (!figures.people) return "";
  const t = LABELS.peopleTable;
  const rows = figures.people.map(
    (p, i) =>
      `<tr><td class="num">${i + 1}</td><td>${esc(p.firstName)}</td><td>${esc(p.cohortName)}</td><td>${esc(LABELS.membership[p.membershipStatus])}</td>` +
      `<td class="num">${esc(formatEuros(p.salesCents))}</td><td class="num">${esc(`${formatRatio(p.attendance)} (${p.attendance.numerator}/${p.attendance.denominator})`)}</td>` +
      `<td>${p.lastOutcome ? esc(`${LABELS.outcomes[p.lastOutcome.status]} (à ${LABELS.offset(p.lastOutcome.offset)})`) : "—"}</td></tr>`,
  );
  const head = `<th class="num">${esc(t.number)}</th><th>${esc(t.firstName)}</th><th>${esc(t.cohort)}</th><th>${esc(t.status)}</th><th class="num">${esc(t.sales)}</th><th class="num">${esc(t.attendance)}</th><th>${esc(t.lastOutcome)}</th>`;
  return `<section><h2>${esc(t.title)}</h2><p class="warning">${esc(LABELS.personalData)}</p>${scrollingTable(t.title, head, rows)}</section>`;
}
