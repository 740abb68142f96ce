import type { TFunction } from "i18next";
import { DateTime } from "luxon";
import { titleIn } from "../../../core/titles.ts";
import { formatDate, formatDateTime, intlTag } from "../../../i18n/format.ts";
import { channelNames, html, tx, type Html } from "../../html.ts";
import { languageName } from "../../language-name.ts";
import { money } from "../sales/view.ts";
import type { CohortData, CohortRow, MemberRow, SessionRow } from "./data.ts";

export interface CohortsView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: dates as the chat shows them. */
  chatT: TFunction;
  lang: string;
  /** The viewer's time zone (last contacts); sessions are shown in their cohort's. */
  zone: string;
  csrf: string;
  now: Date;
  /** The outcome of the last form (POST/redirect/GET), shown once at the top. */
  done?: string;
}

/** A calendar date of a cohort (stored as UTC midnight), with its year. */
export const day = (v: CohortsView, d: Date) => formatDate(v.chatT, d, "UTC", { year: true });

/** The value of a `datetime-local` field for an instant, on the cohort's clock. */
export const localValue = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

/** A shown-once outcome of a form. */
export const flash = (v: CohortsView) => (v.done ? html`<p class="notice flash" role="status">${tx(v.t, `cohorts.done_${v.done}`)}</p>` : "");

const percent = (rate: number, lang: string) => new Intl.NumberFormat(intlTag(lang), { style: "percent", maximumFractionDigits: 0 }).format(rate);

/** A table that becomes a list on a phone: each cell carries its column's name (style.ts `.stack`). */
function stackTable(caption: Html, columns: string[], rows: Html[][]): Html {
  return html`<table class="stack">
<caption class="visually-hidden">${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell, i) => (i === 0 ? html`<th scope="row" dir="auto">${cell}</th>` : html`<td data-label="${columns[i]!}">${cell}</td>`))}</tr>`)}</tbody>
</table>`;
}

/** The body of "Cohorts": the cohorts in scope, each with its dates, members and next session; then the import form. */
export function cohortsBody(v: CohortsView, rows: CohortRow[], importForm: Html): Html {
  const { t } = v;
  const cards = rows.map(
    (c) => html`<li class="card">
  <h2><a href="/console/cohorts/${c.id}">${c.name}</a></h2>
  <p class="meta">${tx(t, "cohorts.dates", { from: day(v, c.startsOn), to: day(v, c.endsOn) })} · ${tx(t, "cohorts.members_count", { count: c.members })}</p>
  <p>${c.next ? tx(t, "cohorts.next", { title: titleIn(c.next, v.lang), when: formatDateTime(v.chatT, c.next.startsAt, c.timezone) }) : tx(t, "cohorts.no_next")}</p>
</li>`,
  );
  return html`${flash(v)}
${cards.length ? html`<ul class="list plain">${cards}</ul>` : html`<p class="empty">${tx(t, "cohorts.none")}</p>`}
${importForm}`;
}

function memberCells(v: CohortsView, m: MemberRow): Html[] {
  const { t, lang } = v;
  return [
    html`${m.name}`,
    html`${languageName(m.locale)}`,
    html`${channelNames(t, m.channels)}`,
    html`${m.lastContact ? formatDateTime(v.chatT, m.lastContact, v.zone) : tx(t, "cohorts.never")}`,
    html`${m.attendance.rate === null ? tx(t, "cohorts.no_attendance") : tx(t, "cohorts.attendance_rate", { rate: percent(m.attendance.rate, lang), present: m.attendance.numerator, recorded: m.attendance.denominator })}`,
    html`${money(m.salesTotal, lang)}`,
    html`${m.optedOut ? html`<span class="badge">${tx(t, "cohorts.opted_out_yes")}</span>` : tx(t, "cohorts.opted_out_no")}`,
  ];
}

function sessionItem(v: CohortsView, cohortId: string, zone: string, s: SessionRow): Html {
  const { t } = v;
  const state = s.status === "cancelled" ? html` <span class="badge">${tx(t, "cohorts.cancelled")}</span>` : s.startsAt <= v.now ? html` <span class="meta">${tx(t, "cohorts.past")}</span>` : "";
  return html`<li>
  <strong dir="auto">${titleIn(s, v.lang)}</strong>${state}
  <div class="meta">${formatDateTime(v.chatT, s.startsAt, zone)}${s.location ? html` · ${s.location}` : ""}${s.recorded ? html` · ${tx(t, "cohorts.recorded", { count: s.recorded })}` : ""}</div>
  <p class="more"><a href="/console/cohorts/${cohortId}/sessions/${s.id}">${tx(t, s.status === "scheduled" && s.startsAt > v.now ? "cohorts.open_session" : "cohorts.open_sheet", { title: titleIn(s, v.lang) })}</a></p>
</li>`;
}

/** The form adding a session, as the chat's "add a session" asks: title (one line per language), date and time, place. */
function addForm(v: CohortsView, d: CohortData): Html {
  const { t } = v;
  return html`<form method="post" action="/console/cohorts/${d.cohort.id}/sessions" class="card form" aria-labelledby="add-title">
  <h2 id="add-title">${tx(t, "cohorts.add_title")}</h2>
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <div><label for="add-name">${tx(t, "cohorts.field_title")}</label>
  <textarea id="add-name" name="title" rows="2" required maxlength="1000" aria-describedby="add-name-hint"></textarea>
  <p class="meta" id="add-name-hint">${tx(t, "cohorts.field_title_hint")}</p></div>
  <div><label for="add-when">${tx(t, "cohorts.field_when", { zone: d.cohort.timezone })}</label>
  <input id="add-when" name="startsAt" type="datetime-local" required min="${localValue(v.now, d.cohort.timezone)}"></div>
  <div><label for="add-place">${tx(t, "cohorts.field_place")}</label>
  <input id="add-place" name="location" type="text" required maxlength="300"></div>
  <p class="meta">${tx(t, "cohorts.add_hint")}</p>
  <div><button type="submit" class="primary">${tx(t, "cohorts.add")}</button></div>
</form>`;
}

/** The body of one cohort: its members with their figures, its sessions, the form adding one. */
export function cohortBody(v: CohortsView, d: CohortData): Html {
  const { t } = v;
  const columns = ["member", "language", "platform", "last_contact", "attendance", "sales", "opted_out"].map((k) => t(`cohorts.col_${k}`) as string);
  const members = d.members.length
    ? stackTable(tx(t, "cohorts.members_caption", { cohort: d.cohort.name }), columns, d.members.map((m) => memberCells(v, m)))
    : html`<p class="empty">${tx(t, "cohorts.no_members")}</p>`;
  const sessions = d.sessions.length
    ? html`<ul>${d.sessions.map((s) => sessionItem(v, d.cohort.id, d.cohort.timezone, s))}</ul>`
    : html`<p class="empty">${tx(t, "cohorts.no_sessions")}</p>`;
  return html`${flash(v)}
<p class="meta">${tx(t, "cohorts.dates", { from: day(v, d.cohort.startsOn), to: day(v, d.cohort.endsOn) })} · ${d.cohort.key}</p>
<div class="list">
<section class="card" aria-labelledby="members">
  <h2 id="members">${tx(t, "cohorts.members")}<span class="count">${d.members.length}</span></h2>
  ${members}
  <p class="meta">${tx(t, "cohorts.members_note")}</p>
</section>
<section class="card" aria-labelledby="sessions">
  <h2 id="sessions">${tx(t, "cohorts.sessions")}<span class="count">${d.sessions.length}</span></h2>
  ${sessions}
</section>
${addForm(v, d)}
</div>
<p class="more"><a href="/console/cohorts">${tx(t, "cohorts.back_all")}</a></p>`;
}
