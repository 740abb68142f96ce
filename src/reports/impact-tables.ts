import { esc, formatDay, formatEuros, formatInt, formatRatio } from "./impact-format.ts";
import { LABELS } from "./impact-labels.ts";
import type { ImpactFigures, OutcomeOffset, ScopeFigures } from "./impact-model.ts";

/** One row per cohort: people, sessions, attendance, sales, follow-up answers, businesses created. */
export function cohortTable(figures: ImpactFigures): string {
  if (figures.cohorts.length === 0) return "";
  const t = LABELS.cohortTable;
  const answered = (c: ScopeFigures, o: OutcomeOffset) => (c.outcomes[o].sent ? `${c.outcomes[o].answered}/${c.outcomes[o].sent}` : "—");
  const rows = figures.cohorts.map(
    (c) =>
      `<tr><td><div class="name">${esc(c.name)}</div><div class="sub">${esc(`${formatDay(c.startsOn)} – ${formatDay(c.endsOn)}`)}</div></td><td>${esc(LABELS.cohortStatus[c.status])}</td>` +
      `<td class="num">${formatInt(c.peopleSupported)}</td><td class="num">${formatInt(c.sessionsHeld)}</td><td class="num">${esc(formatRatio(c.attendance))}</td>` +
      `<td class="num">${esc(formatEuros(c.salesCents))}</td><td class="num">${formatInt(c.entrepreneursWithSales)}</td>` +
      `<td class="num">${answered(c, "P6M")}</td><td class="num">${answered(c, "P12M")}</td>` +
      `<td class="num">${formatInt(c.businessesCreated)}</td><td class="num">${formatInt(c.associationsCreated)}</td></tr>`,
  );
  const head = [t.cohort, t.status].map((h) => `<th>${esc(h)}</th>`).join("") +
    [t.people, t.sessions, t.attendance, t.sales, t.sellers, t.outcome6, t.outcome12, t.businesses, t.associations].map((h) => `<th class="num">${esc(h)}</th>`).join("");
  return `<section><h2>${esc(t.title)}</h2><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div><p class="table-note">${esc(t.note)}</p></section>`;
}

/** One row per named member, under the personal-data warning; empty unless the operator asked for names. */
export function peopleTable(figures: ImpactFigures): string {
  if (!figures.people) return "";
  const t = LABELS.peopleTable;
  const rows = figures.people.map(
    (p, i) =>
      `<tr><td class="num">${i + 1}</td><td>${esc(p.firstName)}</td><td>${esc(p.cohortName)}</td><td>${esc(LABELS.membership[p.membershipStatus])}</td>` +
      `<td class="num">${esc(formatEuros(p.salesCents))}</td><td class="num">${esc(`${formatRatio(p.attendance)} (${p.attendance.numerator}/${p.attendance.denominator})`)}</td>` +
      `<td>${p.lastOutcome ? esc(`${LABELS.outcomes[p.lastOutcome.status]} (à ${LABELS.offset(p.lastOutcome.offset)})`) : "—"}</td></tr>`,
  );
  const head = `<th class="num">${esc(t.number)}</th><th>${esc(t.firstName)}</th><th>${esc(t.cohort)}</th><th>${esc(t.status)}</th><th class="num">${esc(t.sales)}</th><th class="num">${esc(t.attendance)}</th><th>${esc(t.lastOutcome)}</th>`;
  return `<section><h2>${esc(t.title)}</h2><p class="warning">${esc(LABELS.personalData)}</p><div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}
