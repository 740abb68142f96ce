import type { TFunction } from "i18next";
import { isLocale, LOCALE_NAMES } from "../../../core/locales.ts";
import { QUESTIONS } from "../../../engine/flows/questions.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { APPLICATION_FILTERS, type ApplicationFilter, type ApplicationRow, type ApplicationsData } from "./data.ts";
import { channelNames, html, tx, type Html } from "../../html.ts";

export interface ApplicationsView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: the questions' labels and options, dates, as the chat shows them. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  filter: { status: ApplicationFilter; lang?: string };
  /** The outcome of the last decision (POST/redirect/GET), shown once at the top. */
  done?: string;
}

/** Outcomes a redirect may name, each a text under `applications.done_<outcome>`. */
export const DONE = ["accepted", "declined", "gone", "bad_cohort"] as const;

/** A language by its own name, marked as that language (screen readers read "العربية" as Arabic). */
export const languageName = (locale: string | null): Html | string => (locale && isLocale(locale) ? html`<span lang="${locale}">${LOCALE_NAMES[locale]}</span>` : (locale ?? "—"));

/** The answers with the questions' texts, in the questions' order, as the chat's review shows them (engine/flows/review.ts). */
function answers(v: ApplicationsView, a: ApplicationRow): Html {
  const lines = QUESTIONS.filter((q) => q.key in a.answers).map((q) => {
    const value = a.answers[q.key]!;
    const shown = q.kind === "choice" ? v.chatT(`enrol.questions.${q.key}.options.${value}`) : value.startsWith("voice:") ? v.chatT("enrol.voice_note") : value;
    // An applicant's own words may be in any script: dir="auto" lets Arabic or Persian read right to left.
    const translation = a.translations?.[q.key];
    return html`<div><dt>${v.chatT(`enrol.questions.${q.key}.label`)}</dt><dd dir="auto">${shown}</dd>${
      translation !== undefined ? html`<dd class="translation"><span class="meta">${tx(v.t, "applications.auto_translation")}</span><br><span dir="auto">${translation}</span></dd>` : ""
    }</div>`;
  });
  return lines.length ? html`<dl class="qa">${lines}</dl>` : html`<p class="empty">${tx(v.t, "applications.no_answers")}</p>`;
}

function decision(v: ApplicationsView, a: ApplicationRow, cohorts: ApplicationsData["cohorts"]): Html {
  const { t } = v;
  if (a.status !== "submitted") {
    const when = a.decidedAt ? formatDateTime(v.chatT, a.decidedAt, v.zone) : "—";
    return html`<p class="status status-${a.status}">${tx(t, `applications.was_${a.status}`, { when })}${a.cohort ? html` · ${a.cohort}` : ""}</p>`;
  }
  const selectId = `cohort-${a.id}`;
  const accept = cohorts.length
    ? html`<form method="post" action="/console/applications/${a.id}/accept" class="decide">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <label for="${selectId}">${tx(t, "applications.cohort")}</label>
  <select id="${selectId}" name="cohortId" required>${cohorts.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select>
  <button type="submit" class="primary">${tx(t, "applications.accept", { name: a.name })}</button>
</form>`
    : html`<p class="meta">${tx(t, "applications.no_cohort")}</p>`;
  // Declining tells the applicant at once: the button is behind a disclosure that says so (no script needed).
  return html`<div class="actions">${accept}
<details class="decline"><summary>${tx(t, "applications.decline", { name: a.name })}</summary>
<form method="post" action="/console/applications/${a.id}/decline" class="decide">
  <p>${tx(t, "applications.decline_warning", { name: a.name })}</p>
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <button type="submit" class="secondary">${tx(t, "applications.decline_confirm", { name: a.name })}</button>
</form></details></div>`;
}

/** The body of "Applications": filters (a plain GET form), then one card per application with its answers and the decision forms. */
export function applicationsBody(v: ApplicationsView, d: ApplicationsData): Html {
  const { t } = v;
  const when = (date: Date | null) => (date ? formatDateTime(v.chatT, date, v.zone) : "—");
  const filters = html`<form method="get" action="/console/applications" class="filters card">
  <div><label for="f-status">${tx(t, "applications.filter_status")}</label>
  <select id="f-status" name="status">${APPLICATION_FILTERS.map((s) => html`<option value="${s}"${s === v.filter.status ? html` selected` : ""}>${tx(t, `applications.status_${s}`)}</option>`)}</select></div>
  <div><label for="f-lang">${tx(t, "applications.filter_lang")}</label>
  <select id="f-lang" name="lang"><option value="">${tx(t, "applications.all_languages")}</option>${d.languages.map((l) => html`<option value="${l}"${l === v.filter.lang ? html` selected` : ""}>${languageName(l)}</option>`)}</select></div>
  <button type="submit" class="secondary">${tx(t, "applications.filter")}</button>
</form>`;
  const flash = v.done ? html`<p class="notice flash" role="status">${tx(t, `applications.done_${v.done}`)}</p>` : "";
  const cards = d.rows.map(
    (a) => html`<article class="card application" aria-labelledby="a-${a.id}">
  <h2 id="a-${a.id}">${a.name}</h2>
  <p class="meta">${languageName(a.locale)} · ${channelNames(t, a.channels)} · ${tx(t, "today.submitted", { when: when(a.submittedAt) })}</p>
  ${answers(v, a)}
  ${decision(v, a, d.cohorts)}
</article>`,
  );
  const heading = tx(t, "applications.count", { n: d.count });
  return html`${flash}${filters}
<p class="meta" id="count">${heading}${v.filter.status !== "submitted" ? html` ${tx(t, "applications.last_days")}` : ""}</p>
${cards.length ? html`<div class="list">${cards}</div>` : html`<p class="empty">${tx(t, "applications.none")}</p>`}
${d.count > d.rows.length ? html`<p class="meta">${tx(t, "today.more", { n: d.count - d.rows.length })}</p>` : ""}`;
}
