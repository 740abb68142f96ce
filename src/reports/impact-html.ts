/**
 * The impact report as one self-contained HTML page, in French, for the funders: inline CSS, charts
 * as inline SVG rendered in Node by Apache ECharts (server-side rendering, no browser, no script in
 * the page), no external URL. Every text that comes from the database is escaped (ECharts escapes
 * the texts it draws; `esc` escapes the rest).
 */
import { BarChart, type BarSeriesOption } from "echarts/charts";
import { GridComponent, type GridComponentOption, LegendComponent, type LegendComponentOption } from "echarts/components";
import { type ComposeOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import {
  MEMBERSHIP_STATUSES,
  OUTCOME_CATEGORIES,
  OUTCOME_OFFSETS,
  STAGES,
  type CohortStatus,
  type ImpactFigures,
  type MembershipStatusName,
  type OutcomeCategory,
  type OutcomeOffset,
  type Ratio,
  type ScopeFigures,
  type Stage,
} from "./impact-data.ts";

use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** Every label of the page. */
export const LABELS = {
  lang: "fr",
  title: "Rapport d’impact",
  organisation: "Migracoop — coopératives éphémères",
  scopeAll: "Ensemble du programme",
  scopeCohort: "Cohorte",
  generatedOn: "Généré le",
  personalData:
    "Ce document contient des données personnelles (prénoms et résultats individuels). Il est réservé à l’équipe de Migracoop : ne pas le transmettre ni le publier.",
  anonymous: "Document anonyme : chiffres agrégés, sans nom ni coordonnées.",
  headline: "Chiffres clés",
  peopleSupported: "personnes accompagnées",
  peopleSupportedDetail: (active: number, alumni: number, left: number) =>
    [
      active ? `${active} en cours` : "",
      alumni ? `${alumni} diplômée${alumni > 1 ? "s" : ""}` : "",
      left ? `${left} sortie${left > 1 ? "s" : ""} en cours de route` : "",
    ]
      .filter(Boolean)
      .join(" · "),
  applicants: "candidatures reçues",
  cohorts: "cohortes",
  cohortsDetail: (ended: number, running: number, upcoming: number) =>
    [`${ended} terminée${ended > 1 ? "s" : ""}`, `${running} en cours`, ...(upcoming ? [`${upcoming} à venir`] : [])].join(" · "),
  sessionsHeld: "sessions de formation tenues",
  attendanceRate: "taux de présence",
  attendanceDetail: (present: number, recorded: number) => `${present} présences sur ${recorded} relevées`,
  rsvpDetail: (rate: string) => `prévision (réponses « oui ») : ${rate}`,
  sales: "de ventes déclarées",
  salesDetail: (expenses: string) => `dépenses déclarées : ${expenses}`,
  sellers: "entrepreneur·es ont déclaré des ventes",
  businesses: "micro-entreprises créées",
  associations: "associations créées",
  askedForHelp: "personnes ont demandé de l’aide après le programme",
  outcomesHeadline: (offset: string, rate: string, answered: number, sent: number) =>
    sent === 0
      ? `Suivi à ${offset} : pas encore de questionnaire envoyé`
      : `Suivi à ${offset} : ${answered} réponse${answered > 1 ? "s" : ""} sur ${sent} questionnaire${sent > 1 ? "s" : ""} envoyé${sent > 1 ? "s" : ""} (taux de réponse ${rate})`,
  answers: (n: number) => `${n} réponse${n > 1 ? "s" : ""}`,
  /** "P6M" → "6 mois" */
  offset: (iso: string) => {
    const m = /^P(\d+)([MYWD])$/.exec(iso);
    if (!m) return iso;
    const n = Number(m[1]);
    return `${n} ${{ M: "mois", Y: n > 1 ? "ans" : "an", W: n > 1 ? "semaines" : "semaine", D: n > 1 ? "jours" : "jour" }[m[2] as "M" | "Y" | "W" | "D"]}`;
  },
  charts: {
    salesByMonth: "Ventes et dépenses déclarées par mois",
    salesByMonthNote: "Montants déclarés par les entrepreneur·es au bot (ventes annulées exclues), en euros.",
    attendance: "Présence aux sessions, par cohorte",
    attendanceNote: "Présence réelle (relevée par les coordinatrices) et prévision (réponses « oui » aux rappels).",
    outcomes: "Situation des ancien·nes participant·es à 6 et 12 mois",
    outcomesNote: "Réponses aux questionnaires de suivi envoyés 6 et 12 mois après la fin de chaque cohorte.",
    stages: "Personnes par étape du parcours",
    stagesNote: "Où en est aujourd’hui chaque personne ayant contacté le bot (premier contact, candidature, cohorte, après la cohorte).",
    stagesNoteCohort: "Où en sont aujourd’hui les membres et candidat·es de la cohorte.",
    members: "Participant·es par cohorte",
  },
  series: { sales: "Ventes", expenses: "Dépenses", attendance: "Présence réelle", rsvp: "Prévision (RSVP « oui »)" },
  outcomes: {
    micro_enterprise: "Micro-entreprise",
    association: "Association",
    collective: "Collectif",
    referred: "Orientée vers un partenaire",
    preparing: "En préparation",
    stopped: "Activité arrêtée",
    unknown: "Non précisé",
  } satisfies Record<OutcomeCategory, string>,
  stages: {
    newcomer: "Premier contact",
    applicant: "Candidature",
    member: "En cohorte",
    alumni: "Ancien·ne participant·e",
    left: "Sorti·e du programme",
  } satisfies Record<Stage, string>,
  membership: { active: "En cours", alumni: "Diplômé·es", left: "Sorti·es" } satisfies Record<MembershipStatusName, string>,
  cohortStatus: { ended: "terminée", running: "en cours", upcoming: "à venir" } satisfies Record<CohortStatus, string>,
  noData: "Pas encore de données.",
  cohortTable: {
    title: "Détail par cohorte",
    note: "Suivi à 6 et 12 mois : réponses / questionnaires envoyés (— : pas encore envoyés). Micro-entr. et Assoc. : personnes ayant déclaré avoir créé une micro-entreprise ou une association.",
    cohort: "Cohorte",
    status: "État",
    people: "Personnes",
    sessions: "Sessions",
    attendance: "Présence",
    sales: "Ventes",
    sellers: "Ont vendu",
    outcome6: "Suivi 6 mois",
    outcome12: "Suivi 12 mois",
    businesses: "Micro-entr.",
    associations: "Assoc.",
  },
  peopleTable: {
    title: "Détail par personne (données personnelles)",
    number: "n°",
    firstName: "Prénom",
    cohort: "Cohorte",
    status: "Statut",
    sales: "Ventes",
    attendance: "Présence",
    lastOutcome: "Dernière situation déclarée",
  },
  method: {
    title: "Méthode",
    lines: [
      "Personnes accompagnées : membres des cohortes, qu’elles soient en cours, diplômées ou sorties en cours de route ; une personne qui a demandé l’effacement de ses données reste comptée, sans aucune donnée personnelle.",
      "Taux de présence : présences / présences relevées sur les sessions non annulées. La prévision est la part de réponses « oui » aux rappels.",
      "Ventes et dépenses : montants déclarés par les entrepreneur·es, mois de la date de la vente, entrées annulées exclues.",
      "Situation à 6 et 12 mois : réponses aux questionnaires de suivi ; taux de réponse = réponses / questionnaires envoyés. Micro-entreprises et associations créées : personnes ayant déclaré cette situation à au moins un suivi.",
      "Chiffres calculés automatiquement à partir de la base de données de l’assistant Migracoop à la date du rapport.",
    ],
  },
} as const;

const PALETTE = ["#1f6f8b", "#e07a3f", "#4c9a6a", "#c44e52", "#8c6bb1", "#d9b44a", "#9aa3ab"];
const OUTCOME_COLORS: Record<OutcomeCategory, string> = {
  micro_enterprise: "#1f6f8b",
  association: "#4c9a6a",
  collective: "#8c6bb1",
  referred: "#d9b44a",
  preparing: "#e07a3f",
  stopped: "#c44e52",
  unknown: "#b8bec4",
};
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

// ─── formatting ───────────────────────────────────────────────────────────────────────────────────

/** Escapes a text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const integer = new Intl.NumberFormat("fr-FR");
const eurosFormat = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
export const formatEuros = (cents: number) => eurosFormat.format(Math.round(cents / 100));
export const formatInt = (n: number) => integer.format(n);
export const formatRate = (rate: number | null) => (rate === null ? "—" : `${integer.format(Math.round(rate * 100))} %`);
const formatRatio = (r: Ratio) => formatRate(r.rate);
const monthFormat = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });
const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
const dateFormat = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
const shortDate = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const formatDay = (iso: string) => shortDate.format(new Date(`${iso}T00:00:00Z`));

/** Breaks a label into lines of about `max` characters, at spaces (ECharts draws "\n" as a new line). */
export function wrapLabel(text: string, max = 28): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}

// ─── charts ───────────────────────────────────────────────────────────────────────────────────────

/** Renders one chart to an SVG string, in Node, without a browser. */
export function renderChart(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, fontSize: 13, color: "#333" }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const legend: LegendComponentOption = { top: 0, left: "center", itemGap: 28, textStyle: { fontSize: 12 } };

function salesChart(f: ScopeFigures): string | null {
  const months = f.salesByMonth;
  if (months.length === 0) return null;
  return renderChart(
    {
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: months.map((m) => formatMonth(m.month)), axisLabel: { interval: 0, rotate: months.length > 12 ? 45 : 0 } },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => `${integer.format(v)} €` } },
      series: [
        { name: LABELS.series.sales, type: "bar", data: months.map((m) => Math.round(m.salesCents / 100)), barGap: "10%" },
        { name: LABELS.series.expenses, type: "bar", data: months.map((m) => Math.round(m.expensesCents / 100)) },
      ],
    },
    960,
    340,
  );
}

function attendanceChart(figures: ImpactFigures): string | null {
  const cohorts = figures.cohorts.filter((c) => c.attendance.denominator > 0 || c.rsvpYes.denominator > 0);
  if (cohorts.length === 0) return null;
  const pct = (r: number | null) => (r === null ? null : Math.round(r * 100));
  const label = { show: true, position: "top" as const, formatter: (p: { value: unknown }) => (p.value == null ? "" : `${p.value as number} %`) };
  return renderChart(
    {
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: cohorts.map((c) => wrapLabel(c.name, Math.max(16, Math.floor(120 / cohorts.length)))), axisLabel: { interval: 0, lineHeight: 17 } },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
      series: [
        { name: LABELS.series.attendance, type: "bar", data: cohorts.map((c) => pct(c.attendance.rate)), label, barMaxWidth: 70 },
        { name: LABELS.series.rsvp, type: "bar", data: cohorts.map((c) => pct(c.rsvpYes.rate)), label, barMaxWidth: 70, itemStyle: { color: "#9cc3d0" } },
      ],
    },
    960,
    320,
  );
}

function outcomesChart(f: ScopeFigures): string | null {
  if (OUTCOME_OFFSETS.every((o) => f.outcomes[o].answered === 0)) return null;
  const categories = OUTCOME_CATEGORIES.filter((s) => OUTCOME_OFFSETS.some((o) => f.outcomes[o].byStatus[s] > 0));
  return renderChart(
    {
      legend: { ...legend, width: 900 },
      grid: { left: 16, right: 24, top: 64, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      yAxis: {
        type: "category",
        inverse: true,
        data: OUTCOME_OFFSETS.map((o) => `À ${LABELS.offset(o)}\n(${LABELS.answers(f.outcomes[o].answered)})`),
        axisLabel: { lineHeight: 18 },
      },
      xAxis: { type: "value", minInterval: 1 },
      series: categories.map(
        (s): BarSeriesOption => ({
          name: LABELS.outcomes[s],
          type: "bar",
          stack: "outcomes",
          barWidth: 44,
          itemStyle: { color: OUTCOME_COLORS[s] },
          label: { show: true, color: "#fff", fontWeight: "bold", formatter: (p) => (Number(p.value) > 0 ? String(p.value) : "") },
          data: OUTCOME_OFFSETS.map((o) => f.outcomes[o].byStatus[s]),
        }),
      ),
    },
    960,
    250,
  );
}

function stagesChart(f: ScopeFigures): string | null {
  if (STAGES.every((s) => f.peopleByStage[s] === 0)) return null;
  return renderChart(
    {
      grid: { left: 16, right: 48, top: 8, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      yAxis: { type: "category", inverse: true, data: STAGES.map((s) => LABELS.stages[s]) },
      xAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: STAGES.map((s) => f.peopleByStage[s]), barWidth: 26, label: { show: true, position: "right" }, itemStyle: { color: PALETTE[0] } }],
    },
    960,
    240,
  );
}

function membersChart(figures: ImpactFigures): string | null {
  const cohorts = figures.cohorts.filter((c) => c.peopleSupported > 0);
  if (cohorts.length === 0) return null;
  const colors: Record<MembershipStatusName, string> = { active: "#1f6f8b", alumni: "#4c9a6a", left: "#b8bec4" };
  return renderChart(
    {
      legend,
      grid: { left: 16, right: 16, top: 40, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: cohorts.map((c) => wrapLabel(c.name, Math.max(16, Math.floor(120 / cohorts.length)))), axisLabel: { interval: 0, lineHeight: 17 } },
      yAxis: { type: "value", minInterval: 1 },
      series: MEMBERSHIP_STATUSES.map(
        (s): BarSeriesOption => ({
          name: LABELS.membership[s],
          type: "bar",
          stack: "members",
          barMaxWidth: 90,
          itemStyle: { color: colors[s] },
          label: { show: true, color: "#fff", fontWeight: "bold", formatter: (p) => (Number(p.value) > 0 ? String(p.value) : "") },
          data: cohorts.map((c) => c.membersByStatus[s]),
        }),
      ),
    },
    960,
    280,
  );
}

// ─── page ─────────────────────────────────────────────────────────────────────────────────────────

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#222;font-family:${FONT};font-size:15px;line-height:1.45}
main{max-width:1040px;margin:0 auto;padding:32px 24px 48px}
header{border-bottom:4px solid #1f6f8b;padding-bottom:16px;margin-bottom:24px}
header .org{color:#1f6f8b;font-weight:600;letter-spacing:.02em;text-transform:uppercase;font-size:13px}
h1{font-size:32px;margin:4px 0}
header .meta{color:#555}
h2{font-size:20px;margin:36px 0 12px;color:#1b3a4b}
.note{color:#666;font-size:13px;margin:4px 0 0}
.warning{background:#fff1e6;border:2px solid #e07a3f;border-radius:8px;padding:12px 16px;font-weight:600;color:#8a3b0b}
.anonymous{color:#4c6a5a;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:14px}
.card{background:#fff;border-radius:10px;padding:16px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card .value{font-size:30px;font-weight:700;color:#1f6f8b;line-height:1.1}
.card .label{font-weight:600;margin-top:4px}
.card .detail{color:#666;font-size:13px;margin-top:6px}
.card.highlight .value{color:#4c9a6a}
figure{margin:0;background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
figure svg{display:block;width:100%;height:auto}
.outcome-rates{display:flex;gap:24px;flex-wrap:wrap;margin:0 0 8px;color:#444;font-size:14px}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:10px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.08);font-size:13.5px}
.table-wrap{overflow-x:auto}
th,td{padding:7px 8px;text-align:left;border-bottom:1px solid #e6e8eb;vertical-align:top}
th{background:#e8f1f4;color:#1b3a4b;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td .name{font-weight:600}
td .sub{color:#666;font-size:12px}
.table-note{color:#666;font-size:13px;margin:6px 0 0}
.method li{margin:4px 0;color:#444;font-size:14px}
footer{margin-top:32px;color:#888;font-size:12px}
@media print{body{background:#fff}main{padding:0}.card,figure,table{box-shadow:none;border:1px solid #ddd}section{break-inside:avoid}}
`;

function card(value: string, label: string, detail?: string, highlight = false): string {
  return `<div class="card${highlight ? " highlight" : ""}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div>${
    detail ? `<div class="detail">${esc(detail)}</div>` : ""
  }</div>`;
}

function chartSection(title: string, svg: string | null, note?: string, before = ""): string {
  return `<section><h2>${esc(title)}</h2>${before}<figure>${svg ?? `<p class="note">${esc(LABELS.noData)}</p>`}</figure>${note ? `<p class="note">${esc(note)}</p>` : ""}</section>`;
}

function headline(f: ScopeFigures, programme: boolean): string {
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

function cohortTable(figures: ImpactFigures): string {
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

function peopleTable(figures: ImpactFigures): string {
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

/** The whole page. Personal data only when `figures.people` is there (the operator asked for names). */
export function impactHtml(figures: ImpactFigures): string {
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
</header>
${headline(f, programme)}
${chartSection(LABELS.charts.salesByMonth, salesChart(f), LABELS.charts.salesByMonthNote)}
${chartSection(LABELS.charts.attendance, attendanceChart(figures), LABELS.charts.attendanceNote)}
${chartSection(LABELS.charts.outcomes, outcomesChart(f), LABELS.charts.outcomesNote, rates)}
${programme ? chartSection(LABELS.charts.members, membersChart(figures)) : ""}
${chartSection(LABELS.charts.stages, stagesChart(f), programme ? LABELS.charts.stagesNote : LABELS.charts.stagesNoteCohort)}
${cohortTable(figures)}
${peopleTable(figures)}
<section class="method"><h2>${esc(LABELS.method.title)}</h2><ul>${LABELS.method.lines.map((l) => `<li>${esc(l)}</li>`).join("")}</ul></section>
<footer>${esc(LABELS.organisation)} · ${esc(LABELS.generatedOn)} ${esc(generated)}</footer>
</main>
</body>
</html>
`;
}
