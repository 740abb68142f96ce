import type { TFunction } from "i18next";
import { isLocale, LOCALE_NAMES } from "../../../core/locales.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { INBOX_FILTERS, type InboxFilter, type InboxRow, type ThreadData, type ThreadPerson } from "./data.ts";
import { channelNames, html, tx, type Html } from "../../html.ts";

export interface InboxView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: dates as the chat shows them. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  /** The outcome of the last action (POST/redirect/GET), shown once at the top. */
  done?: string;
}

/** Outcomes a redirect may name, each a text under `inbox.done_<outcome>`. */
export const INBOX_DONE = ["sent", "empty", "closed", "gone", "stopped"] as const;

const languageName = (locale: string | null): Html | string => (locale && isLocale(locale) ? html`<span lang="${locale}">${LOCALE_NAMES[locale]}</span>` : (locale ?? "—"));

function who(v: InboxView, p: ThreadPerson): Html {
  return html`${languageName(p.locale)} · ${channelNames(v.t, p.channels)} · ${p.cohorts.length ? p.cohorts.join(", ") : tx(v.t, "inbox.no_cohort")}`;
}

const flash = (v: InboxView): Html | string => (v.done ? html`<p class="notice flash" role="status">${tx(v.t, `inbox.done_${v.done}`)}</p>` : "");

/** The body of "Inbox": open or closed threads (a plain GET filter), newest activity first, each linking to its conversation. */
export function inboxBody(v: InboxView, d: { rows: InboxRow[]; count: number }, filter: InboxFilter): Html {
  const { t } = v;
  const tabs = html`<form method="get" action="/console/inbox" class="filters card">
  <div><label for="f-status">${tx(t, "inbox.filter_status")}</label>
  <select id="f-status" name="status">${INBOX_FILTERS.map((s) => html`<option value="${s}"${s === filter ? html` selected` : ""}>${tx(t, `inbox.status_${s}`)}</option>`)}</select></div>
  <button type="submit" class="secondary">${tx(t, "inbox.filter")}</button>
</form>`;
  return html`${flash(v)}${tabs}
<div data-live="/console/inbox/live?status=${filter}" data-live-every="5" aria-live="polite">${inboxList(v, d)}</div>
<p class="more"><a href="/console/inbox?status=${filter}">${tx(t, "inbox.refresh")}</a></p>`;
}

/** The threads, newest activity first, each linking to its conversation: the Inbox's live region, and the fragment that refreshes it. */
export function inboxList(v: InboxView, d: { rows: InboxRow[]; count: number }): Html {
  const { t } = v;
  const cards = d.rows.map(
    (r) => html`<article class="card thread" aria-labelledby="t-${r.id}">
  <h2 id="t-${r.id}"><a href="/console/inbox/${r.id}">${r.name}</a>${r.waiting && !r.closedAt ? html` <span class="badge">${tx(t, "inbox.waiting")}</span>` : ""}${r.unread ? html` <span class="count unread">${tx(t, "inbox.unread", { count: r.unread })}</span>` : ""}</h2>
  <p class="meta">${who(v, r)}</p>
  <p class="last" dir="auto">${r.lastText}</p>
  <p class="meta">${tx(t, r.waiting ? "inbox.last_in" : "inbox.last_out", { when: formatDateTime(v.chatT, r.lastAt, v.zone) })}</p>
</article>`,
  );
  return html`<p class="meta" id="count">${tx(t, "inbox.count", { n: d.count })}</p>
${cards.length ? html`<div class="list">${cards}</div>` : html`<p class="empty">${tx(t, "inbox.none")}</p>`}
${d.count > d.rows.length ? html`<p class="meta">${tx(t, "today.more", { n: d.count - d.rows.length })}</p>` : ""}`;
}

/** The conversation, every message both ways, oldest first: the thread page's live region, and the fragment that refreshes it. */
export function conversation(v: InboxView, th: ThreadData): Html {
  const { t } = v;
  const when = (date: Date) => formatDateTime(v.chatT, date, v.zone);
  const messages = th.messages.map(
    (m) => html`<li class="msg msg-${m.direction}">
  <p class="meta"><strong>${m.author}</strong> · ${tx(t, `inbox.dir_${m.direction}`)} · <time datetime="${m.at.toISOString()}">${when(m.at)}</time></p>
  <p class="text" dir="auto">${m.text}</p>${m.audioId ? html`
  <audio controls preload="none" src="/console/voice/${m.audioId}" aria-label="${t("inbox.voice_note") as string}"></audio>` : ""}${m.translation !== undefined ? html`
  <p class="translation"><span class="meta">${tx(t, "inbox.auto_translation")}</span><br><span dir="auto">${m.translation}</span></p>` : ""}
</li>`,
  );
  return html`<ol class="conversation">${messages}</ol>`;
}

/** The body of one thread: who the person is, every message both ways (oldest first), the answer form and the close form. */
export function threadBody(v: InboxView, th: ThreadData): Html {
  const { t } = v;
  const when = (date: Date) => formatDateTime(v.chatT, date, v.zone);
  const answer = html`<form method="post" action="/console/inbox/${th.id}/answer" class="card answer">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <label for="answer-text">${tx(t, "inbox.answer_label", { name: th.name })}</label>
  <p class="meta" id="answer-help">${tx(t, "inbox.answer_help")}</p>
  <textarea id="answer-text" name="text" rows="4" maxlength="4000" required aria-describedby="answer-help"></textarea>
  <button type="submit" class="primary">${tx(t, "inbox.send")}</button>
  <button type="submit" class="secondary" name="as_written" value="1">${tx(t, "inbox.send_as_written")}</button>
</form>`;
  const close = th.closedAt
    ? html`<p class="status">${tx(t, "inbox.was_closed", { when: when(th.closedAt) })}</p>`
    : html`<form method="post" action="/console/inbox/${th.id}/close" class="decide">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <button type="submit" class="secondary">${tx(t, "inbox.close")}</button>
</form>`;
  return html`${flash(v)}<p class="more"><a href="/console/inbox">${tx(t, "inbox.back")}</a></p>
<p class="meta">${who(v, th)} · ${tx(t, "inbox.opened", { when: when(th.openedAt) })}</p>
<section class="card" aria-labelledby="conversation">
  <h2 id="conversation">${tx(t, "inbox.conversation")}</h2>
  <div data-live="/console/inbox/${th.id}/live" data-live-every="5" aria-live="polite">${conversation(v, th)}</div>
  <p class="more"><a href="/console/inbox/${th.id}">${tx(t, "inbox.refresh")}</a></p>
</section>
${answer}
${close}`;
}
