import type { TFunction } from "i18next";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import { languageName } from "../applications/view.ts";
import { ROADMAP_FIELDS, type FormProblem, type RoadmapCohort, type RoadmapEdit, type RoadmapField, type RoadmapsData } from "./data.ts";

export interface RoadmapsView {
  /** The console's texts. */
  t: TFunction;
  /** The chat's texts in the viewer's language: the sections' titles and dates as the chat writes them. */
  chatT: TFunction;
  zone: string;
  csrf: string;
  /** The outcome of the last form (POST/redirect/GET), shown once at the top. */
  done?: string;
}

/** Outcomes a redirect may name, each a text under `roadmaps.done_<outcome>`. */
export const ROADMAPS_DONE = ["saved", "unchanged", "sent", "not_ended", "none", "unreachable"] as const;

const flash = (v: RoadmapsView) => (v.done ? html`<p class="notice flash" role="status">${tx(v.t, `roadmaps.done_${v.done}`)}</p>` : "");
const editPath = (cohortId: string, personId: string) => `/console/roadmaps/${cohortId}/${personId}`;

function cohortCard(v: RoadmapsView, c: RoadmapCohort, i: number): Html {
  const { t } = v;
  const when = (d: Date) => formatDateTime(v.chatT, d, v.zone);
  const end = c.endedAt
    ? tx(t, "roadmaps.ended_on", { date: formatDate(v.chatT, c.endedAt, v.zone, { year: true }) })
    : tx(t, "roadmaps.ends_on", { date: formatDate(v.chatT, c.endsOn.toISOString().slice(0, 10), "UTC", { year: true }) });
  const members = c.members.map((m) => {
    const state =
      m.lines === null
        ? html`<span class="badge">${tx(t, "roadmaps.state_none")}</span>`
        : html`${tx(t, "roadmaps.state_lines", { count: m.lines })} · ${m.deliveredAt ? tx(t, "roadmaps.state_delivered", { when: when(m.deliveredAt) }) : tx(t, "roadmaps.state_not_delivered")}${
            m.deliveredAt && m.updatedAt && m.updatedAt > m.deliveredAt ? html` · ${tx(t, "roadmaps.state_changed")}` : ""
          }`;
    return html`<li><strong><a href="${editPath(c.id, m.personId)}" dir="auto">${m.name}</a></strong> <span class="meta">${languageName(m.locale)}</span><div class="meta">${state}</div></li>`;
  });
  return html`<section class="card" aria-labelledby="c-${i}">
<h2 id="c-${i}">${c.name}</h2>
<p class="meta">${end}</p>
${members.length ? html`<ul>${members}</ul>` : html`<p class="empty">${tx(t, "roadmaps.no_members")}</p>`}
</section>`;
}

/** The body of "Roadmaps": a cohort filter (a plain GET form), then each cohort's members and where their roadmap stands. */
export function roadmapsBody(v: RoadmapsView, d: RoadmapsData, chosen: string): Html {
  const { t } = v;
  const form = html`<form method="get" action="/console/roadmaps" class="filters card">
  <div><label for="f-cohort">${tx(t, "roadmaps.filter_cohort")}</label>
  <select id="f-cohort" name="cohort"><option value="">${tx(t, "roadmaps.all_cohorts")}</option>${d.cohorts.map((c) => html`<option value="${c.key}"${c.key === chosen ? html` selected` : ""}>${c.name}</option>`)}</select></div>
  <button type="submit" class="secondary">${tx(t, "roadmaps.filter")}</button>
</form>`;
  const body = d.shown.length ? html`<div class="list">${d.shown.map((c, i) => cohortCard(v, c, i))}</div>` : html`<p class="empty">${tx(t, "roadmaps.no_cohort")}</p>`;
  return html`${flash(v)}${form}<p class="meta">${tx(t, "roadmaps.intro")}</p>${body}`;
}

export interface EditView extends RoadmapsView {
  /** The form's text per section (what is stored, or what was typed when it was refused). */
  raw: Record<RoadmapField, string>;
  problems: FormProblem[];
  /** The roadmap as the person receives it (roadmap/render.ts, in their language), or null when nothing is written. */
  preview: string | null;
  previewLang: string;
}

const HINT: Record<RoadmapField, string> = { strengths: "roadmaps.hint_lines", improvements: "roadmaps.hint_lines", resources: "roadmaps.hint_lines", partners: "roadmaps.hint_partners", next_steps: "roadmaps.hint_steps" };

function deliverySection(v: EditView, e: RoadmapEdit): Html {
  const { t } = v;
  const name = e.person.name;
  const r = e.roadmap;
  const status = r?.deliveredAt ? tx(t, "roadmaps.delivered_at", { when: formatDateTime(v.chatT, r.deliveredAt, v.zone) }) : tx(t, "roadmaps.not_delivered");
  let action: Html | string = "";
  if (!e.cohort.endedAt) action = html`<p>${tx(t, "roadmaps.will_send", { date: formatDate(v.chatT, e.cohort.endsOn.toISOString().slice(0, 10), "UTC", { year: true }) })}</p>`;
  else if (!r) action = "";
  else if (!e.person.reachable) action = html`<p>${tx(t, "roadmaps.unreachable", { name })}</p>`;
  else
    action = html`<form method="post" action="${editPath(e.cohort.id, e.person.id)}/deliver" class="decide">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <button type="submit" class="${r.deliveredAt ? "secondary" : "primary"}">${tx(t, r.deliveredAt ? "roadmaps.send_again" : "roadmaps.send_now", { name })}</button>
</form>`;
  return html`<section class="card" aria-labelledby="delivery"><h2 id="delivery">${tx(t, "roadmaps.delivery")}</h2><p>${status}</p>${action}</section>`;
}

/** One member's roadmap: where it stands, the form (one textarea per section of the chat), and the message as the person receives it. */
export function roadmapEditBody(v: EditView, e: RoadmapEdit): Html {
  const { t } = v;
  const r = e.roadmap;
  const problemsOf = (f: RoadmapField) => v.problems.filter((p) => p.field === f);
  const sectionTitle = (f: RoadmapField) => v.chatT(`roadmap.sections.${f}`) as string;
  const alert = v.problems.length
    ? html`<div class="notice" role="alert" id="form-problems">${v.problems.map((p) => html`<p>${tx(t, p.key, { section: sectionTitle(p.field), max: p.max })}</p>`)}</div>`
    : "";
  const fields = ROADMAP_FIELDS.map((f) => {
    const invalid = problemsOf(f).length > 0;
    return html`<div class="field">
  <label for="f-${f}">${sectionTitle(f)}</label>
  <p class="meta" id="h-${f}">${tx(t, HINT[f])}</p>
  <textarea id="f-${f}" name="${f}" rows="5" dir="auto" aria-describedby="h-${f}${invalid ? " form-problems" : ""}"${invalid ? html` aria-invalid="true"` : ""}>${v.raw[f]}</textarea>
</div>`;
  });
  const written = r
    ? tx(t, e.writtenBy ? "roadmaps.written_by" : "roadmaps.written", { name: e.writtenBy ?? "", when: formatDateTime(v.chatT, r.updatedAt, v.zone) })
    : tx(t, "roadmaps.not_written");
  const preview = v.preview
    ? html`<section class="card" aria-labelledby="preview"><h2 id="preview">${tx(t, "roadmaps.preview_title", { name: e.person.name })}</h2>
<p class="meta">${tx(t, "roadmaps.preview_note")} ${languageName(v.previewLang)}</p>
<div class="sent-text" lang="${v.previewLang}" dir="auto">${v.preview}</div></section>`
    : "";
  return html`${flash(v)}<p><a href="/console/roadmaps">${tx(t, "roadmaps.back")}</a></p>
<p class="meta">${e.cohort.name} · ${languageName(e.person.locale)} · ${written}</p>
${alert}
<form method="post" action="${editPath(e.cohort.id, e.person.id)}" class="card form">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  ${fields}
  <button type="submit" class="primary">${tx(t, "roadmaps.save")}</button>
</form>
<div class="grid">${deliverySection(v, e)}${preview}</div>`;
}
