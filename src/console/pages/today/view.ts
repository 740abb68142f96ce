import type { TFunction } from "i18next";
import { monthsOf } from "../../../alumni/plan.ts";
import { isLocale, LOCALE_NAMES } from "../../../core/locales.ts";
import { titleIn } from "../../../core/titles.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { failureReason } from "../../../outbox/failure-reason.ts";
import { html, tx, type Html } from "../../html.ts";
import type { TodayData } from "./data.ts";

export interface TodayView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: dates are formatted as in the chat (i18n/format.ts). */
  chatT: TFunction;
  lang: string;
  name: string;
  /** The viewer's time zone. */
  zone: string;
}

/** The body of "Today": what needs the coordinator now, in cards (one column on a phone, two on a laptop). */
export function todayBody(v: TodayView, d: TodayData): Html {
  const { t } = v;
  const when = (date: Date | null, zone = v.zone) => (date ? formatDateTime(v.chatT, date, zone) : "—");
  const section = (id: string, title: string, count: number, items: Html[], empty: string, wide = false, link?: { href: string; key: string }) => html`
<section class="card${wide ? " wide" : ""}" aria-labelledby="${id}">
  <h2 id="${id}">${tx(t, title)}<span class="count">${count}</span></h2>
  ${items.length ? html`<ul>${items}</ul>` : html`<p class="empty">${tx(t, empty)}</p>`}
  ${count > items.length ? html`<p class="meta">${tx(t, "today.more", { n: count - items.length })}</p>` : ""}
  ${link ? html`<p class="more"><a href="${link.href}">${tx(t, link.key)}</a></p>` : ""}
</section>`;

  const sessions = d.sessions.map(
    (s) => html`<li>
  <strong>${titleIn({ title: s.title, titles: s.titles }, v.lang)}</strong>
  <div class="meta">${s.cohort} · ${when(s.startsAt, s.timezone)}${s.location ? html` · ${s.location}` : ""}</div>
  <dl class="answers">
    <div><dt>${tx(t, "today.coming")}</dt><dd>${s.yes}</dd></div>
    <div><dt>${tx(t, "today.not_coming")}</dt><dd>${s.no}</dd></div>
    <div><dt>${tx(t, "today.maybe")}</dt><dd>${s.maybe}</dd></div>
    <div><dt>${tx(t, "today.no_answer")}</dt><dd>${s.none}</dd></div>
  </dl>
  ${s.late ? html`<div class="meta">${tx(t, "today.late", { n: s.late })}</div>` : ""}
</li>`,
  );
  const threads = d.threads.map(
    (th) => html`<li><strong><a href="/console/inbox/${th.id}">${th.name}</a></strong> <span class="meta">${tx(t, "today.thread_since", { when: when(th.lastAt) })}</span><div>${th.lastText}</div></li>`,
  );
  const applications = d.applications.map(
    (a) => html`<li><strong>${a.name}</strong> <span class="meta">${a.locale && isLocale(a.locale) ? LOCALE_NAMES[a.locale] : (a.locale ?? "")} · ${tx(t, "today.submitted", { when: when(a.submittedAt) })}</span></li>`,
  );
  const failures = d.failures.map(
    (f) => html`<li><strong>${f.name}</strong> <span class="meta">${tx(t, `channel.${f.channel}`)} · ${when(f.failedAt)}</span><div>${tx(t, `failure_reason.${failureReason(f.errorCode)}`)}${f.errorCode ? html` <code>${f.errorCode}</code>` : ""}</div></li>`,
  );
  const help = d.help.map(
    (c) => html`<li><strong>${c.name}</strong> <span class="meta">${c.cohort} · ${tx(t, "today.months", { n: monthsOf(c.offset) })} · ${tx(t, "today.answered", { when: when(c.answeredAt) })}</span></li>`,
  );
  return html`<p>${tx(t, "today.hello", { name: v.name })}</p>
<div class="grid">
${section("sessions", "today.sessions", d.sessions.length, sessions, "today.sessions_none", true)}
${section("threads", "today.threads", d.threads.length, threads, "today.threads_none", false, { href: "/console/inbox", key: "today.threads_link" })}
${section("applications", "today.applications", d.applicationsCount, applications, "today.applications_none", false, { href: "/console/applications", key: "today.applications_link" })}
${section("failures", "today.failures", d.failuresCount, failures, "today.failures_none")}
${section("help", "today.help", d.help.length, help, "today.help_none", false, { href: "/console/alumni", key: "today.help_link" })}
</div>`;
}
