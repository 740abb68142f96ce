import type { TFunction } from "i18next";
import { html, tx, type Html } from "../../html.ts";
import { impactHref, type ImpactChoice } from "./data.ts";

export interface ImpactView {
  t: TFunction;
  admin: boolean;
  /** The cohorts the viewer may report on. */
  cohorts: { key: string; name: string }[];
  /** What the report below is about (after defaults: an admin's whole programme, a coordinator's latest cohort). */
  choice: ImpactChoice | null;
  /** The choice was not the viewer's to make (another coordinator's cohort, an unknown key). */
  refused: boolean;
}

/**
 * The body of "Impact": what the report is and its rule for small numbers, a plain GET form to choose
 * the cohort (an admin: the whole programme, and first names), then the report's two files for that
 * choice: the page (its own document, as the admin command writes it) and the CSV.
 */
export function impactBody(v: ImpactView): Html {
  const { t, choice } = v;
  const chosen = choice?.cohort ?? "";
  const form = html`<form method="get" action="/console/impact" class="filters card">
  <div><label for="i-cohort">${tx(t, "impact.filter_cohort")}</label>
  <select id="i-cohort" name="cohort">${v.admin ? html`<option value=""${chosen === "" ? html` selected` : ""}>${tx(t, "impact.whole_programme")}</option>` : ""}${v.cohorts.map(
    (c) => html`<option value="${c.key}"${c.key === chosen ? html` selected` : ""}>${c.name}</option>`,
  )}</select></div>
  ${v.admin ? html`<div class="check"><input id="i-names" name="names" type="checkbox" value="1"${choice?.names ? html` checked` : ""}><label for="i-names">${tx(t, "impact.with_names")}</label></div>` : ""}
  <button type="submit" class="secondary">${tx(t, "impact.show")}</button>
</form>`;
  const intro = html`<p>${tx(t, "impact.intro")}</p>
<p class="meta">${tx(t, "impact.small_numbers")}</p>`;
  if (v.cohorts.length === 0 && !v.admin) return html`${intro}<p class="empty">${tx(t, "impact.no_cohort")}</p>`;
  if (v.refused || !choice) return html`${intro}${form}<div class="notice" role="alert"><p>${tx(t, "impact.not_yours")}</p></div>`;
  const name = choice.cohort === undefined ? t("impact.whole_programme") : (v.cohorts.find((c) => c.key === choice.cohort)?.name ?? choice.cohort);
  return html`${intro}${form}
<section class="card report" aria-labelledby="r-title">
<h2 id="r-title">${tx(t, "impact.report_for", { scope: name })}</h2>
${choice.names ? html`<div class="notice"><p>${tx(t, "impact.names_warning")}</p></div>` : html`<p class="meta">${tx(t, "impact.anonymous")}</p>`}
<p class="more"><a href="${impactHref("/console/impact/report", choice)}">${tx(t, "impact.open_report")}</a></p>
<p class="more"><a href="${impactHref("/console/impact.csv", choice)}" download>${tx(t, "impact.download_csv")}</a></p>
<p class="meta">${tx(t, "impact.generated_on_demand")}</p>
</section>`;
}
