/**
 * The impact report as one self-contained HTML page, in French, for the funders: inline CSS, charts
 * as inline SVG rendered in Node by Apache ECharts (server-side rendering, no browser, no script in
 * the page), no external URL. Every text that comes from the database is escaped (ECharts escapes
 * the texts it draws; `esc` escapes the rest).
 */
import { attendanceChart } from "./charts/attendance.ts";
import { membersChart } from "./charts/members.ts";
import { outcomesChart } from "./charts/outcomes.ts";
import { salesChart } from "./charts/sales-by-month.ts";
import { stagesChart } from "./charts/stages.ts";
import { loadCharts } from "./charts/render.ts";
import { dateFormat, esc, formatDay, formatRate } from "./format.ts";
import { LABELS } from "./labels.ts";
import { OUTCOME_OFFSETS, type ImpactFigures, type Shown } from "./model.ts";
import { chartSection, headline } from "./sections.ts";
import { CSS } from "./style.ts";
import { hideSmallNumbers } from "./small-numbers.ts";
import { cohortTable, peopleTable } from "./tables.ts";

/**
 * The whole page. Personal data only when `figures.people` is there (the operator asked for names);
 * otherwise the figures come through hideSmallNumbers, and the page says what "< 5" and "s" mean.
 * Async only to load the chart library on first use.
 */
export async function impactHtml(raw: ImpactFigures): Promise<string> {
  await loadCharts();
  const figures: ImpactFigures<Shown> = raw.people ? raw : hideSmallNumbers(raw);
  const f = figures.total;
  const programme = figures.scope === "all";
  const cohort = programme ? undefined : figures.cohorts[0];
  const scope = cohort ? `${LABELS.scopeCohort} : ${cohort.name} (${formatDay(cohort.startsOn)} – ${formatDay(cohort.endsOn)})` : LABELS.scopeAll;
  const generated = dateFormat.format(new Date(figures.generatedAt));
  const rates = `<p class="outcome-rates">${OUTCOME_OFFSETS.map((o) =>
    esc(LABELS.outcomesHeadline(LABELS.offset(o), formatRate(f.outcomes[o].responseRate), f.outcomes[o].answered, f.outcomes[o].sent)),
  ).join("<br>")}</p>`;
  return `<!DOCTYPE html>
<html lang="${LABELS.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${LABELS.title} — ${scope}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<div class="org">${esc(LABELS.organisation)}</div>
<h1>${esc(LABELS.title)}</h1>
<div class="meta">${esc(scope)} · ${esc(LABELS.generatedOn)} ${esc(generated)}</div>
${figures.people ? `<p class="warning">${esc(LABELS.personalData)}</p>` : `<p class="anonymous">${esc(LABELS.anonymous)}</p>`}
${figures.hiddenFigures ? `<p class="anonymous">${esc(LABELS.hiddenLegend)}</p>` : ""}
</header>
${headline(f, programme)}
${chartSection(LABELS.charts.salesByMonth, salesChart(f), LABELS.charts.salesByMonthNote)}
${chartSection(LABELS.charts.attendance, attendanceChart(figures), LABELS.charts.attendanceNote)}
${chartSection(LABELS.charts.outcomes, outcomesChart(f), LABELS.charts.outcomesNote, rates)}
${programme ? chartSection(LABELS.charts.members, membersChart(figures)) : ""}
${chartSection(LABELS.charts.stages, stagesChart(f), programme ? LABELS.charts.stagesNote : LABELS.charts.stagesNoteCohort)}
${cohortTable(figures)}
${peopleTable(figures)}
<section class="method"><h2>${esc(LABELS.method.title)}</h2><ul>${[...LABELS.method.lines, figures.people ? LABELS.method.namesShown : LABELS.method.smallNumbers].map((l) => `<li>${esc(l)}</li>`).join("")}</ul></section>
<footer>${esc(LABELS.organisation)} · ${esc(LABELS.generatedOn)} ${esc(generated)}</footer>
</main>
</body>
</html>
`;
}
