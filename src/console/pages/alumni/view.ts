import type { TFunction } from "i18next";
import { monthsOf } from "../../../alumni/plan.ts";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import { languageName } from "../applications/view.ts";
import type { AlumniCohort, AlumniData, CheckInView, HelpRequest } from "./data.ts";

export interface AlumniView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the viewer's language: the answers' labels as the chat's buttons say them, dates. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  cohort: string;
  /** The outcome of the last form (POST/redirect/GET), shown once at the top. */
  done?: string;
}

/** Outcomes a redirect may name, each a text under `alumni.done_<outcome>`. */
export const ALUMNI_DONE = ["handled", "already"] as const;

function helpItem(v: AlumniView, h: HelpRequest): Html {
  const { t } = v;
  const notes = h.thread?.notes.length
    ? html`<ul class="notes">${h.thread.notes.map((n) => html`<li><span class="meta">${formatDateTime(v.chatT, n.at, v.zone)}</span><div dir="auto">${n.text}</div>${
        n.translation !== undefined ? html`<p class="translation"><span class="meta">${tx(t, "inbox.auto_translation")}</span><br><span dir="auto">${n.translation}</span></p>` : ""
      }</li>`)}</ul>`
    : html`<p class="meta">${tx(t, "alumni.no_notes")}</p>`;
  return html`<li>
  <strong>${h.name}</strong> <span class="meta">${h.cohort} · ${tx(t, "alumni.offset", { count: monthsOf(h.offset) })}${h.answeredAt ? html` · ${tx(t, "alumni.asked_on", { when: formatDateTime(v.chatT, h.answeredAt, v.zone) })}` : ""}</span>
  ${notes}
  <div class="actions">
    ${h.thread ? html`<p class="more"><a href="/console/inbox/${h.thread.id}">${tx(t, "alumni.open_thread", { name: h.name })}</a></p>` : ""}
    <form method="post" action="/console/alumni/help/${h.checkInId}/handled" class="decide">
      <input type="hidden" name="_csrf" value="${v.csrf}">
      <button type="submit" class="secondary">${tx(t, "alumni.mark_handled", { name: h.name })}</button>
    </form>
  </div>
</li>`;
}

/** One check-in as a coordinator reads it: when, and the answers in the chat's own words. */
function checkInAnswer(v: AlumniView, c: CheckInView): Html {
  const { t, chatT } = v;
  const when = (d: Date) => formatDateTime(chatT, d, v.zone);
  if (!c.sentAt) return c.dueAt ? html`<span class="meta">${tx(t, "alumni.due", { date: formatDate(chatT, c.dueAt, v.zone, { year: true }) })}</span>` : html`<span class="meta">${tx(t, "alumni.not_planned")}</span>`;
  if (!c.answeredAt)
    return html`<span class="meta">${tx(t, "alumni.sent_no_answer", { when: when(c.sentAt) })}${c.nudgedAt ? html` ${tx(t, "alumni.nudged", { when: when(c.nudgedAt) })}` : ""}</span>`;
  const help =
    c.needsHelp === null
      ? ""
      : html`<p>${tx(t, c.needsHelp ? "alumni.help_yes" : "alumni.help_no")}${c.needsHelp && c.helpHandledAt ? html` · ${tx(t, "alumni.handled_on", { when: when(c.helpHandledAt) })}` : ""}</p>`;
  const steps = c.steps.length
    ? html`<ul class="steps">${c.steps.map((s) => html`<li><span dir="auto">${s.text}</span> — ${s.answer ? chatT(`checkin.step.${s.answer}`) : tx(t, "alumni.step_no_answer")}</li>`)}</ul>`
    : "";
  // `.qa dd` shows line breaks (white-space: pre-line): the parts follow each other with none between.
  return html`<span class="meta">${tx(t, "alumni.answered", { when: when(c.answeredAt) })}</span><p><strong>${c.activityStatus ? chatT(`checkin.status.${c.activityStatus}`) : tx(t, "alumni.status_no_answer")}</strong></p>${help}${steps}`;
}

function cohortSection(v: AlumniView, c: AlumniCohort, i: number): Html {
  const { t } = v;
  const people = c.people.map(
    (p) => html`<article class="person" aria-labelledby="p-${i}-${p.personId}">
<h3 id="p-${i}-${p.personId}" dir="auto">${p.name} <span class="meta">${languageName(p.locale)}</span></h3>
<dl class="qa">${p.checkIns.map((x) => html`<div><dt>${tx(t, "alumni.offset", { count: monthsOf(x.offset) })}</dt><dd>${checkInAnswer(v, x)}</dd></div>`)}</dl>
</article>`,
  );
  return html`<section class="card" aria-labelledby="c-${i}">
<h2 id="c-${i}">${c.name}</h2>
<p class="meta">${c.endedAt ? tx(t, "alumni.ended_on", { date: formatDate(v.chatT, c.endedAt, v.zone, { year: true }) }) : tx(t, "alumni.not_ended")}</p>
${people.length ? people : html`<p class="empty">${tx(t, "alumni.no_people")}</p>`}
</section>`;
}

/** The body of "Alumni": help requests to handle, a cohort filter, then each cohort's alumni and their check-ins per offset. */
export function alumniBody(v: AlumniView, d: AlumniData): Html {
  const { t } = v;
  const flash = v.done ? html`<p class="notice flash" role="status">${tx(t, `alumni.done_${v.done}`)}</p>` : "";
  const help = html`<section class="card" aria-labelledby="help">
<h2 id="help">${tx(t, "alumni.help_title")}${d.help.length ? html`<span class="count">${d.help.length}</span>` : ""}</h2>
${d.help.length ? html`<ul>${d.help.map((h) => helpItem(v, h))}</ul>` : html`<p class="empty">${tx(t, "alumni.help_none")}</p>`}
</section>`;
  const form = html`<form method="get" action="/console/alumni" class="filters card">
  <div><label for="f-cohort">${tx(t, "alumni.filter_cohort")}</label>
  <select id="f-cohort" name="cohort"><option value="">${tx(t, "alumni.all_cohorts")}</option>${d.cohorts.map((c) => html`<option value="${c.key}"${c.key === v.cohort ? html` selected` : ""}>${c.name}</option>`)}</select></div>
  <button type="submit" class="secondary">${tx(t, "alumni.filter")}</button>
</form>`;
  const cohorts = d.shown.length ? html`<div class="list">${d.shown.map((c, i) => cohortSection(v, c, i))}</div>` : html`<p class="empty">${tx(t, "alumni.no_cohort")}</p>`;
  return html`${flash}<div class="list">${help}${form}</div>${cohorts}`;
}
