import type { TFunction } from "i18next";
import { isLocale, LOCALE_NAMES, LOCALES, type Locale } from "../../../core/locales.ts";
import type { Audience } from "../../../engine/types.ts";
import { MAX_BROADCAST_CHARS } from "../../../engine/flows/broadcast.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import type { BroadcastRow } from "./broadcasts.ts";
import { audienceValue, type Draft } from "./draft.ts";

export interface AnnouncementsView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the same language: dates as the chat shows them. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  /** The outcome of the last action (POST/redirect/GET), shown once at the top. */
  done?: string;
  /** Languages that got no automatic draft, after asking for them. */
  missing?: Locale[];
}

/** Outcomes a redirect may name, each a text under `announcements.done_<outcome>`. */
export const ANNOUNCEMENTS_DONE = [
  "saved", "accepted", "discarded", "removed", "bad_audience", "gone", "changed", "cannot_send", "sent", "empty",
  "drafts_ready", "drafts_partial", "drafts_failed", "drafts_none", "drafts_no_provider",
] as const;

export interface AudienceChoices {
  cohorts: { id: string; name: string }[];
  locales: readonly Locale[];
}

/** A language by its own name, marked as that language (screen readers read "العربية" as Arabic). */
export const languageName = (locale: string | null): Html | string => (locale && isLocale(locale) ? html`<span lang="${locale}">${LOCALE_NAMES[locale]}</span>` : (locale ?? "—"));
const languagePlain = (l: Locale) => LOCALE_NAMES[l];

export function audienceLabel(t: TFunction, audience: Audience | null, cohortName: string | null): Html | string {
  if (!audience) return "—";
  if (audience.type === "cohort") return cohortName ?? "—";
  if (audience.type === "locale") return tx(t, "announcements.audience_locale", { language: LOCALE_NAMES[audience.locale] });
  return tx(t, `announcements.audience_${audience.type}`);
}

export function flash(v: AnnouncementsView): Html | string {
  if (!v.done) return "";
  const missing = v.missing?.length ? html`<p>${tx(v.t, "announcements.missing", { languages: v.missing.map(languagePlain).join(", ") })}</p>` : "";
  const alert = v.done === "drafts_failed" || v.done === "changed" || v.done === "bad_audience" || v.done === "cannot_send";
  return html`<div class="notice flash" role="${alert ? "alert" : "status"}"><p>${tx(v.t, `announcements.done_${v.done}`)}</p>${missing}</div>`;
}

/** The audience list: the viewer's open cohorts, whole stages, one language (the chat's audiences). */
export function audienceSelect(v: AnnouncementsView, c: AudienceChoices, chosen: Audience | null, id: string): Html {
  const { t } = v;
  const value = audienceValue(chosen);
  const option = (val: string, label: Html | string) => html`<option value="${val}"${val === value ? html` selected` : ""}>${label}</option>`;
  return html`<label for="${id}">${tx(t, "announcements.audience")}</label>
<select id="${id}" name="audience" required>
<option value="">${tx(t, "announcements.audience_choose")}</option>
${c.cohorts.length ? html`<optgroup label="${t("announcements.group_cohorts")}">${c.cohorts.map((k) => option(`cohort:${k.id}`, k.name))}</optgroup>` : ""}
<optgroup label="${t("announcements.group_stages")}">${(["participants", "alumni", "applicants"] as const).map((s) => option(s, tx(t, `announcements.audience_${s}`)))}</optgroup>
<optgroup label="${t("announcements.group_languages")}">${c.locales.map((l) => option(`locale:${l}`, tx(t, "announcements.audience_locale", { language: LOCALE_NAMES[l] })))}</optgroup>
</select>`;
}

export function localeSelect(t: TFunction, name: string, id: string, labelKey: string, chosen: Locale | null, among: readonly Locale[], emptyKey?: string): Html {
  return html`<label for="${id}">${tx(t, labelKey)}</label>
<select id="${id}" name="${name}"${emptyKey ? "" : html` required`}>${emptyKey ? html`<option value="">${tx(t, emptyKey)}</option>` : ""}${among.map((l) => html`<option value="${l}" lang="${l}"${l === chosen ? html` selected` : ""}>${LOCALE_NAMES[l]}</option>`)}</select>`;
}

function broadcastItem(v: AnnouncementsView, b: BroadcastRow): Html {
  const { t } = v;
  return html`<li><a href="/console/announcements/${b.id}">${formatDateTime(v.chatT, b.createdAt, v.zone)}</a> · ${audienceLabel(t, b.audience, b.cohortName)}
<br><span class="meta">${tx(t, "announcements.recipients", { count: b.recipients })} · ${tx(t, `announcements.status_${b.status}`)} · ${tx(t, "announcements.by", { name: b.createdBy })} · ${b.locales.map((l, i) => html`${i ? ", " : ""}${languageName(l)}`)}</span></li>`;
}

/** The body of "Announcements": a new announcement (audience, language, text), the viewer's drafts, the broadcasts she sees. */
export function indexBody(v: AnnouncementsView, d: { choices: AudienceChoices; drafts: Draft[]; broadcasts: BroadcastRow[]; defaultLocale: Locale }): Html {
  const { t } = v;
  const compose = html`<section class="card" aria-labelledby="new">
<h2 id="new">${tx(t, "announcements.new_title")}</h2>
<form method="post" action="/console/announcements/new" class="answer">
<input type="hidden" name="_csrf" value="${v.csrf}">
<div>${audienceSelect(v, d.choices, null, "n-audience")}</div>
<div>${localeSelect(t, "original_locale", "n-locale", "announcements.original_locale", d.defaultLocale, LOCALES)}</div>
<label for="n-text">${tx(t, "announcements.text")}</label>
<textarea id="n-text" name="text" dir="auto" maxlength="${MAX_BROADCAST_CHARS}" aria-describedby="n-text-help" required></textarea>
<p class="meta" id="n-text-help">${tx(t, "announcements.text_help", { max: MAX_BROADCAST_CHARS })}</p>
<button type="submit" class="primary">${tx(t, "announcements.create")}</button>
</form>
</section>`;
  const drafts = d.drafts.length
    ? html`<section class="card" aria-labelledby="drafts"><h2 id="drafts">${tx(t, "announcements.drafts_title")}</h2><ul>${d.drafts.map(
        (x) => html`<li><a href="/console/announcements/drafts/${x.id}">${tx(t, "announcements.draft_link", { when: formatDateTime(v.chatT, x.updatedAt, v.zone) })}</a>
<br><span class="meta" dir="auto">${excerpt(x.texts[x.originalLocale]) ?? tx(t, "announcements.no_text_yet")}</span></li>`,
      )}</ul></section>`
    : "";
  const sent = html`<section class="card" aria-labelledby="sent"><h2 id="sent">${tx(t, "announcements.sent_title")}</h2>
${d.broadcasts.length ? html`<ul>${d.broadcasts.map((b) => broadcastItem(v, b))}</ul>` : html`<p class="empty">${tx(t, "announcements.none_sent")}</p>`}</section>`;
  return html`${flash(v)}<div class="list">${compose}${drafts}${sent}</div>`;
}

const excerpt = (text: string | undefined) => (text ? ([...text].length > 80 ? `${[...text].slice(0, 80).join("")}…` : text) : undefined);
