import type { TFunction } from "i18next";
import { formatDate, formatTime } from "../../../i18n/format.ts";
import { html, tx, type Html } from "../../html.ts";
import { SYSTEM_ACTOR, type AuditData, type AuditEntry, type AuditFilters } from "./data.ts";

export interface AuditView {
  t: TFunction;
  /** The chat's texts in the page's language: dates as the chat writes them. */
  chatT: TFunction;
  zone: string;
  admin: boolean;
  filters: AuditFilters;
}

/** An action's readable name (`audit.action.<action, dots as underscores>`), or its code when the console has no text for it. */
export function actionName(t: TFunction, action: string): string {
  const key = `audit.action.${action.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const text = t(key, { defaultValue: "", interpolation: { escapeValue: false } }) as string;
  return text || action;
}

function actorName(t: TFunction, e: Pick<AuditEntry, "actorId" | "actorName">): string {
  if (e.actorId === null) return t("audit.system", { interpolation: { escapeValue: false } }) as string;
  return e.actorName ?? (t("audit.unnamed", { interpolation: { escapeValue: false } }) as string);
}

/** The details as one line of JSON (escaped like every value from the database), or nothing when empty. */
function details(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return "";
  return JSON.stringify(value);
}

/** The page's address with the filters and, maybe, a cursor. */
function pageHref(f: AuditFilters, before?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f.raw)) if (v) q.set(k, v);
  if (before) q.set("before", before);
  const s = q.toString();
  return s ? `/console/audit?${s}` : "/console/audit";
}

function entry(v: AuditView, e: AuditEntry): Html {
  const { t, chatT, zone } = v;
  const when = chatT("dates.date_time", { date: formatDate(chatT, e.at, zone, { year: true }), time: formatTime(chatT, e.at, zone) }) as string;
  const more = details(e.details);
  return html`<li class="card entry">
<p class="entry-head"><strong>${actionName(t, e.action)}</strong> <time datetime="${e.at.toISOString()}">${when}</time></p>
<dl class="qa">
<div><dt>${tx(t, "audit.actor")}</dt><dd dir="auto">${actorName(t, e)}</dd></div>
<div><dt>${tx(t, "audit.code")}</dt><dd><code>${e.action}</code></dd></div>
${e.subject ? html`<div><dt>${tx(t, "audit.subject")}</dt><dd><code>${e.subject}</code></dd></div>` : ""}
${more ? html`<div><dt>${tx(t, "audit.details")}</dt><dd><code>${more}</code></dd></div>` : ""}
</dl>
</li>`;
}

/**
 * The body of "Audit log": filters (a plain GET form: action, actor for admins, subject, days), then the
 * entries newest first, and a link to the older ones (keyset pagination: a link keeps its page even
 * while new entries arrive).
 */
export function auditBody(v: AuditView, d: AuditData): Html {
  const { t, filters: f } = v;
  const invalid = (...keys: string[]) => (keys.some((k) => f.errors.includes(k)) ? html` aria-invalid="true" aria-describedby="a-errors"` : "");
  const form = html`<form method="get" action="/console/audit" class="filters card">
  <div><label for="a-action">${tx(t, "audit.filter_action")}</label>
  <select id="a-action" name="action"><option value="">${tx(t, "audit.all_actions")}</option>${d.actions.map(
    (a) => html`<option value="${a}"${a === f.raw.action ? html` selected` : ""}>${actionName(t, a)}</option>`,
  )}</select></div>
  ${v.admin ? html`<div><label for="a-actor">${tx(t, "audit.filter_actor")}</label>
  <select id="a-actor" name="actor"${invalid("audit.bad_actor")}><option value="">${tx(t, "audit.all_actors")}</option><option value="${SYSTEM_ACTOR}"${f.raw.actor === SYSTEM_ACTOR ? html` selected` : ""}>${tx(t, "audit.system")}</option>${d.actors.map(
    (a) => html`<option value="${a.id}"${a.id === f.raw.actor ? html` selected` : ""}>${actorName(t, { actorId: a.id, actorName: a.name })}</option>`,
  )}</select></div>` : ""}
  <div><label for="a-subject">${tx(t, "audit.filter_subject")}</label>
  <input id="a-subject" name="subject" type="text" value="${f.raw.subject}" autocomplete="off"></div>
  <div><label for="a-from">${tx(t, "audit.from")}</label>
  <input id="a-from" name="from" type="date" value="${f.raw.from}"${invalid("audit.bad_from", "audit.from_after_to")}></div>
  <div><label for="a-to">${tx(t, "audit.to")}</label>
  <input id="a-to" name="to" type="date" value="${f.raw.to}"${invalid("audit.bad_to")}></div>
  <button type="submit" class="secondary">${tx(t, "audit.filter")}</button>
</form>`;
  const intro = html`<p class="meta">${tx(t, v.admin ? "audit.intro_admin" : "audit.intro_coordinator")}</p>`;
  if (f.errors.length) return html`${intro}${form}<div class="notice" role="alert" id="a-errors">${f.errors.map((k) => html`<p>${tx(t, k)}</p>`)}</div>`;
  const list = d.entries.length ? html`<ol class="list audit">${d.entries.map((e) => entry(v, e))}</ol>` : html`<p class="empty">${tx(t, "audit.none")}</p>`;
  const pager = [
    f.before ? html`<a href="${pageHref(f)}">${tx(t, "audit.newest")}</a>` : "",
    d.next ? html`<a href="${pageHref(f, d.next)}" rel="next">${tx(t, "audit.older")}</a>` : "",
  ].filter((x) => x !== "");
  return html`${intro}${form}
${list}
${pager.length ? html`<nav class="pager more" aria-label="${t("audit.pages")}">${pager}</nav>` : ""}`;
}
