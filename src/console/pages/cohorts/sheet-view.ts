import { titleIn } from "../../../core/titles.ts";
import { formatDateTime } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import type { SheetData } from "./data.ts";
import { flash, localValue, type CohortsView } from "./view.ts";

/**
 * The attendance sheet: the chat's list of members in its order, each with their answer to the
 * reminder and a box ticked when they came (already ticked as recorded, else as they answered "yes").
 */
function sheetForm(v: CohortsView, d: SheetData): Html {
  const { t } = v;
  const base = `/console/cohorts/${d.cohort.id}/sessions/${d.session.id}`;
  if (d.session.status !== "scheduled") return html`<p class="empty">${tx(t, "cohorts.sheet_cancelled")}</p>`;
  if (!d.members.length) return html`<p class="empty">${tx(t, "cohorts.no_members")}</p>`;
  const rows = d.members.map((m, i) => {
    const checked = m.present ?? m.answer === "yes";
    const answer = v.chatT(`manage.rsvp.${m.answer ?? "none"}`);
    const recorded = m.present === null ? tx(t, "cohorts.not_recorded") : tx(t, m.present ? "cohorts.was_present" : "cohorts.was_absent");
    return html`<li><label class="check" for="p-${i}"><input type="checkbox" id="p-${i}" name="present" value="${m.id}"${checked ? html` checked` : ""}>
  <span><span dir="auto">${m.name}</span> <span class="meta">${tx(t, "cohorts.answered", { answer })} · ${recorded}</span></span></label></li>`;
  });
  return html`<form method="post" action="${base}/attendance" class="form">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <fieldset><legend>${tx(t, "cohorts.sheet_legend")}</legend>
  <ul class="checks">${rows}</ul></fieldset>
  <div><button type="submit" class="primary">${tx(t, "cohorts.save_attendance")}</button></div>
</form>`;
}

/** Move and cancel, for a session still ahead: the chat's two changes, with the same effects. */
function changeForms(v: CohortsView, d: SheetData): Html {
  const { t } = v;
  if (d.session.status !== "scheduled" || d.session.startsAt <= v.now) return html``;
  const base = `/console/cohorts/${d.cohort.id}/sessions/${d.session.id}`;
  const title = titleIn(d.session, v.lang);
  return html`<section class="card" aria-labelledby="change">
  <h2 id="change">${tx(t, "cohorts.change")}</h2>
  <form method="post" action="${base}/move" class="form">
    <input type="hidden" name="_csrf" value="${v.csrf}">
    <div><label for="move-when">${tx(t, "cohorts.move_when", { zone: d.cohort.timezone })}</label>
    <input id="move-when" name="startsAt" type="datetime-local" required value="${localValue(d.session.startsAt, d.cohort.timezone)}" min="${localValue(v.now, d.cohort.timezone)}"></div>
    <p class="meta">${tx(t, "cohorts.move_hint")}</p>
    <div><button type="submit" class="primary">${tx(t, "cohorts.move", { title })}</button></div>
  </form>
  <form method="post" action="${base}/cancel" class="form">
    <input type="hidden" name="_csrf" value="${v.csrf}">
    <p class="meta">${tx(t, "cohorts.cancel_hint")}</p>
    <div><button type="submit" class="secondary danger">${tx(t, "cohorts.cancel", { title })}</button></div>
  </form>
</section>`;
}

/** The body of one session: when and where, its attendance sheet, and (still ahead) the forms to move or cancel it. */
export function sheetBody(v: CohortsView, d: SheetData): Html {
  const { t } = v;
  const s = d.session;
  return html`${flash(v)}
<p class="meta">${d.cohort.name} · ${formatDateTime(v.chatT, s.startsAt, d.cohort.timezone)}${s.location ? html` · ${s.location}` : ""}${s.status === "cancelled" ? html` · <span class="badge">${tx(t, "cohorts.cancelled")}</span>` : ""}</p>
<div class="list">
<section class="card" aria-labelledby="sheet">
  <h2 id="sheet">${tx(t, "cohorts.sheet")}</h2>
  ${sheetForm(v, d)}
</section>
${changeForms(v, d)}
</div>
<p class="more"><a href="/console/cohorts/${d.cohort.id}">${tx(t, "cohorts.back", { cohort: d.cohort.name })}</a></p>`;
}
