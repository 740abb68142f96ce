import { LOCALE_NAMES, LOCALES, RTL_LOCALES, type Locale } from "../../../core/locales.ts";
import { MAX_BROADCAST_CHARS } from "../../../engine/flows/broadcast.ts";
import { html, tx, type Html } from "../../html.ts";
import type { Draft, Suggestion } from "./draft.ts";
import type { Preview, PreviewLine } from "./preview.ts";
import { audienceSelect, flash, languageName, localeSelect, type AnnouncementsView, type AudienceChoices } from "./view.ts";

const dirOf = (l: Locale) => (RTL_LOCALES.has(l) ? "rtl" : "ltr");

/** A version written or accepted: its text, and a button to remove it. */
function versionField(v: AnnouncementsView, l: Locale, text: string): Html {
  const { t } = v;
  return html`<div class="version">
<label for="text-${l}">${tx(v.t, "announcements.version_label", { language: LOCALE_NAMES[l] })}</label>
<textarea id="text-${l}" name="text_${l}" lang="${l}" dir="${dirOf(l)}" maxlength="${MAX_BROADCAST_CHARS}">${text}</textarea>
<button type="submit" name="action" value="remove:${l}" class="secondary">${tx(t, "announcements.remove", { language: LOCALE_NAMES[l] })}</button>
</div>`;
}

/** An automatic draft: marked as such, editable, to accept or discard; never sent as it is. */
function suggestionField(v: AnnouncementsView, l: Locale, s: Suggestion, original: string): Html {
  const { t } = v;
  return html`<div class="version auto" role="group" aria-labelledby="auto-${l}-label">
<p class="meta"><span class="badge">${tx(t, "announcements.auto_badge")}</span>${s.provider ? html` · ${s.provider}` : ""}</p>
<label for="draft-${l}" id="auto-${l}-label">${tx(t, "announcements.auto_label", { language: LOCALE_NAMES[l] })}</label>
<textarea id="draft-${l}" name="draft_${l}" lang="${l}" dir="${dirOf(l)}" maxlength="${MAX_BROADCAST_CHARS}" aria-describedby="auto-help">${s.text}</textarea>
${s.source !== original ? html`<p class="meta">${tx(t, "announcements.auto_stale")}</p>` : ""}${s.edited ? html`<p class="meta">${tx(t, "announcements.auto_edited")}</p>` : ""}
<div class="actions">
<button type="submit" name="action" value="accept:${l}" class="primary">${tx(t, "announcements.accept", { language: LOCALE_NAMES[l] })}</button>
<button type="submit" name="action" value="discard:${l}" class="secondary">${tx(t, "announcements.discard", { language: LOCALE_NAMES[l] })}</button>
</div>
</div>`;
}

/** One language of the audience as a row of the preview (a table that becomes a list on a phone, style.ts `.stack`). */
function previewRow(v: AnnouncementsView, line: PreviewLine, columns: string[]): Html {
  const { t } = v;
  return html`<tr>
<th scope="row">${languageName(line.locale)}</th>
<td data-label="${columns[1]!}">${line.count}</td>
<td data-label="${columns[2]!}">${tx(t, `announcements.gets_${line.gets}`)}
${line.draftWaiting ? html`<p class="meta"><span class="badge">${tx(t, "announcements.auto_badge")}</span> ${tx(t, "announcements.draft_waiting")}</p>` : ""}
<details><summary>${tx(t, "announcements.show_text", { language: LOCALE_NAMES[line.locale] })}</summary><p class="sent-text" lang="${line.locale}" dir="auto">${line.text}</p></details></td>
</tr>`;
}

/**
 * The body of one draft: one form for everything that can be typed (audience, original, versions,
 * automatic drafts, a version to add), whose buttons all save what is typed first; then the preview
 * of what sending would do, and the send form bound to the version previewed.
 */
export function draftBody(v: AnnouncementsView, d: { draft: Draft; preview: Preview; choices: AudienceChoices; canSuggest: boolean }): Html {
  const { t } = v;
  const { draft, preview } = d;
  const original = draft.texts[draft.originalLocale] ?? "";
  const others = (Object.keys(draft.texts) as Locale[]).filter((l) => l !== draft.originalLocale);
  const suggested = (Object.keys(draft.suggestions) as Locale[]).filter((l) => !draft.texts[l]);
  const free = LOCALES.filter((l) => !draft.texts[l]);
  const action = `/console/announcements/drafts/${draft.id}`;

  const editor = html`<section class="card" aria-labelledby="message">
<h2 id="message">${tx(t, "announcements.message_title")}</h2>
<form method="post" action="${action}" class="answer">
<input type="hidden" name="_csrf" value="${v.csrf}">
<div>${audienceSelect(v, d.choices, draft.audience, "d-audience")}</div>
<div>${localeSelect(t, "original_locale", "d-locale", "announcements.original_locale", draft.originalLocale, LOCALES)}</div>
<label for="d-text">${tx(t, "announcements.text")}</label>
<textarea id="d-text" name="text" lang="${draft.originalLocale}" dir="auto" maxlength="${MAX_BROADCAST_CHARS}" aria-describedby="d-text-help">${original}</textarea>
<p class="meta" id="d-text-help">${tx(t, "announcements.text_help", { max: MAX_BROADCAST_CHARS })}</p>
<h3>${tx(t, "announcements.versions_title")}</h3>
<p class="meta">${tx(t, "announcements.versions_help")}</p>
${others.map((l) => versionField(v, l, draft.texts[l]!))}
${suggested.length ? html`<p class="meta" id="auto-help">${tx(t, "announcements.auto_help")}</p>${suggested.map((l) => suggestionField(v, l, draft.suggestions[l]!, original))}` : ""}
<fieldset class="version"><legend>${tx(t, "announcements.add_title")}</legend>
<div>${localeSelect(t, "add_locale", "d-add-locale", "announcements.add_locale", null, free, "announcements.add_locale_none")}</div>
<label for="d-add-text">${tx(t, "announcements.add_text")}</label>
<textarea id="d-add-text" name="add_text" dir="auto" maxlength="${MAX_BROADCAST_CHARS}"></textarea>
</fieldset>
<div class="actions">
<button type="submit" name="action" value="save" class="primary">${tx(t, "announcements.save")}</button>
${d.canSuggest ? html`<button type="submit" name="action" value="suggest" class="secondary" aria-describedby="suggest-help">${tx(t, "announcements.suggest")}</button>` : ""}
</div>
${d.canSuggest ? html`<p class="meta" id="suggest-help">${tx(t, "announcements.suggest_help")}</p>` : ""}
</form>
</section>`;

  const columns = ["col_language", "col_people", "col_gets"].map((k) => t(`announcements.${k}`) as string);
  const problems = preview.problems.map((p) => html`<p>${tx(t, `announcements.problem_${p}`, { max: MAX_BROADCAST_CHARS })}</p>`);
  const previewCard = html`<section class="card" aria-labelledby="preview">
<h2 id="preview">${tx(t, "announcements.preview_title")}</h2>
${preview.lines.length ? html`<p>${tx(t, "announcements.preview_total", { count: preview.total })}</p><table class="stack">
<caption class="visually-hidden">${tx(t, "announcements.preview_title")}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${preview.lines.map((l) => previewRow(v, l, columns))}</tbody>
</table>` : ""}
${problems.length ? html`<div class="notice" id="problems">${problems}</div>` : html`<form method="post" action="${action}/send" class="answer">
<input type="hidden" name="_csrf" value="${v.csrf}">
<input type="hidden" name="seen" value="${draft.updatedAt.toISOString()}">
<p class="meta" id="send-help">${tx(t, "announcements.send_help")}</p>
<button type="submit" class="primary" aria-describedby="send-help">${tx(t, "announcements.send", { count: preview.total })}</button>
</form>`}
</section>`;

  return html`${flash(v)}<p><a href="/console/announcements">${tx(t, "announcements.back")}</a></p>
<div class="list">${editor}${previewCard}</div>`;
}
