import { formatDateTime, formatNumber } from "../../../i18n/format.ts";
import { byReason } from "../../../outbox/failure-reason.ts";
import { html, tx, type Html } from "../../html.ts";
import type { BroadcastDetail } from "./broadcasts.ts";
import { audienceLabel, flash, languageName, type AnnouncementsView } from "./view.ts";

/** Seconds between two looks at a broadcast's progress by the page's script. */
export const PROGRESS_LIVE_EVERY = 2;

/**
 * Where a broadcast stands: sent, failed, waiting (and the rest of the chat's report); once every
 * recipient has a final status, the failure reasons, and `data-live-done` so the script stops.
 * The same function renders the page's first content and every refresh (GET …/progress).
 */
export function progressFragment(v: AnnouncementsView, b: BroadcastDetail, lang: string): Html {
  const { t } = v;
  const r = b.report;
  const n = (x: number) => formatNumber(x, lang);
  const figure = (key: string, value: number) => html`<div><dt>${tx(t, `announcements.progress_${key}`)}</dt><dd>${n(value)}</dd></div>`;
  const reasons = r.reasons.length
    ? html`<ul>${byReason(r.reasons).map((x) => html`<li>${tx(t, `failure_reason.${x.reason}`)} <code>${x.codes.join(", ")}</code> : ${n(x.count)}</li>`)}</ul>`
    : html`<p class="empty">${tx(t, "announcements.no_failures")}</p>`;
  return html`<p class="status">${b.finished ? html`<span data-live-done>${tx(t, "announcements.progress_finished")}</span>` : tx(t, "announcements.progress_running")}</p>
<dl class="answers">${figure("sent", r.sent)}${figure("failed", r.failed)}${figure("waiting", r.pending)}${figure("total", r.total)}${figure("delivered", r.delivered)}${figure("read", r.read)}${figure("skipped", r.skipped)}</dl>
${b.finished ? html`<h3>${tx(t, "announcements.reasons_title")}</h3>${reasons}` : html`<p class="more"><a href="/console/announcements/${b.id}">${tx(t, "announcements.refresh")}</a></p>`}`;
}

/** The body of one broadcast: what was sent to whom, then its live progress and final report. */
export function broadcastBody(v: AnnouncementsView, b: BroadcastDetail, lang: string): Html {
  const { t } = v;
  return html`${flash(v)}<p><a href="/console/announcements">${tx(t, "announcements.back")}</a></p>
<div class="list">
<section class="card" aria-labelledby="what">
<h2 id="what">${audienceLabel(t, b.audience, b.cohortName)}</h2>
<p class="meta">${formatDateTime(v.chatT, b.createdAt, v.zone)} · ${tx(t, "announcements.by", { name: b.createdBy })} · ${tx(t, "announcements.recipients", { count: b.recipients })}</p>
<p class="meta">${tx(t, "announcements.languages")} ${b.locales.map((l, i) => html`${i ? ", " : ""}${languageName(l)}`)}</p>
<h3>${tx(t, "announcements.original_title")}</h3>
<p class="sent-text" dir="auto">${b.original}</p>
</section>
<section class="card" aria-labelledby="progress">
<h2 id="progress">${tx(t, "announcements.progress_title")}</h2>
<div data-live="/console/announcements/${b.id}/progress" data-live-every="${PROGRESS_LIVE_EVERY}" aria-live="polite">${progressFragment(v, b, lang)}</div>
</section>
</div>`;
}
