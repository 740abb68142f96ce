import type { TFunction } from "i18next";
import { formatMoney, formatNumber } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import type { SalesCohort, SalesData, SalesFilters } from "./data.ts";

export interface SalesView {
  t: TFunction;
  lang: string;
  filters: SalesFilters;
}

/** Sums by currency in the page's language: "36,00 €", or "36,00 € + 10,00 £"; nothing is "0,00 €". */
export function money(sums: Map<string, number>, lang: string): string {
  if (sums.size === 0) return formatMoney(0, "EUR", lang);
  return [...sums].map(([currency, cents]) => formatMoney(cents, currency, lang)).join(" + ");
}

/** The CSV's address for a cohort with the page's dates: the admin export's arguments. */
function csvHref(key: string, f: SalesFilters): string {
  const q = new URLSearchParams({ cohort: key });
  if (f.from) q.set("from", f.raw.from);
  if (f.to) q.set("to", f.raw.to);
  return `/console/sales.csv?${q.toString()}`;
}

function cohortTable(v: SalesView, c: SalesCohort, i: number): Html {
  const { t, lang } = v;
  const id = `c-${i}`;
  const rows = c.members.map(
    (m) => html`<tr><th scope="row" dir="auto">${m.name}</th><td class="num">${formatNumber(m.sales, lang)}</td><td class="num">${money(m.salesTotal, lang)}</td><td class="num">${money(m.expensesTotal, lang)}</td></tr>`,
  );
  const table = c.members.length
    ? html`<div class="table-wrap" role="region" tabindex="0" aria-label="${t("sales.caption", { cohort: c.name, interpolation: { escapeValue: false } })}"><table>
<caption class="visually-hidden">${tx(t, "sales.caption", { cohort: c.name })}</caption>
<thead><tr><th scope="col">${tx(t, "sales.member")}</th><th scope="col" class="num">${tx(t, "sales.count")}</th><th scope="col" class="num">${tx(t, "sales.sales_total")}</th><th scope="col" class="num">${tx(t, "sales.expenses_total")}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${tx(t, "sales.total")}</th><td class="num">${formatNumber(c.total.sales, lang)}</td><td class="num">${money(c.total.salesTotal, lang)}</td><td class="num">${money(c.total.expensesTotal, lang)}</td></tr></tfoot>
</table></div>`
    : html`<p class="empty">${tx(t, "sales.none")}</p>`;
  const nothing = c.members.length && c.total.sales === 0 && c.total.expensesTotal.size === 0 ? html`<p class="empty">${tx(t, "sales.none")}</p>` : "";
  return html`<section class="card sales" aria-labelledby="${id}">
<h2 id="${id}">${c.name}</h2>
${nothing}${table}
<p><a href="${csvHref(c.key, v.filters)}" download>${tx(t, "sales.csv", { cohort: c.name })}</a></p>
</section>`;
}

/** The body of "Sales": filters (a plain GET form), then one table per cohort with its members' figures, its totals and its CSV. */
export function salesBody(v: SalesView, d: SalesData): Html {
  const { t, filters: f } = v;
  const form = html`<form method="get" action="/console/sales" class="filters card">
  <div><label for="f-cohort">${tx(t, "sales.filter_cohort")}</label>
  <select id="f-cohort" name="cohort"><option value="">${tx(t, "sales.all_cohorts")}</option>${d.cohorts.map((c) => html`<option value="${c.key}"${c.key === f.raw.cohort ? html` selected` : ""}>${c.name}</option>`)}</select></div>
  <div><label for="f-from">${tx(t, "sales.from")}</label>
  <input id="f-from" name="from" type="date" value="${f.raw.from}"${f.errors.includes("sales.bad_from") || f.errors.includes("sales.from_after_to") ? html` aria-invalid="true" aria-describedby="f-errors"` : ""}></div>
  <div><label for="f-to">${tx(t, "sales.to")}</label>
  <input id="f-to" name="to" type="date" value="${f.raw.to}"${f.errors.includes("sales.bad_to") ? html` aria-invalid="true" aria-describedby="f-errors"` : ""}></div>
  <button type="submit" class="secondary">${tx(t, "sales.filter")}</button>
</form>`;
  if (f.errors.length) return html`${form}<div class="notice" role="alert" id="f-errors">${f.errors.map((k) => html`<p>${tx(t, k)}</p>`)}</div>`;
  const period =
    f.from && f.to ? tx(t, "sales.period_between", { from: f.raw.from, to: f.raw.to }) : f.from ? tx(t, "sales.period_from", { from: f.raw.from }) : f.to ? tx(t, "sales.period_to", { to: f.raw.to }) : tx(t, "sales.period_all");
  const body = d.shown.length ? html`<div class="list">${d.shown.map((c, i) => cohortTable(v, c, i))}</div>` : html`<p class="empty">${tx(t, "sales.no_cohort")}</p>`;
  return html`${form}
<p class="meta" id="period">${period} ${tx(t, "sales.undone_left_out")}</p>
${body}`;
}
