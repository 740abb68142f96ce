import type { TFunction } from "i18next";
import { html, tx, type Html } from "../../html.ts";
import type { ImportProblem } from "./import-errors.ts";

/** What a successful import did, carried by the redirect (`?n=`): cohorts created and updated, sessions created and updated, members and coordinators added, reminders planned. */
export const SUMMARY_FIELDS = ["cohorts_created", "cohorts_updated", "sessions_created", "sessions_updated", "members_added", "coordinators_added", "reminders"] as const;

export function summaryParam(n: Record<(typeof SUMMARY_FIELDS)[number], number>): string {
  return SUMMARY_FIELDS.map((f) => n[f]).join(".");
}

export function readSummary(value: unknown): Record<(typeof SUMMARY_FIELDS)[number], number> | undefined {
  if (typeof value !== "string" || !/^\d{1,7}(\.\d{1,7}){6}$/.test(value)) return undefined;
  const numbers = value.split(".").map(Number);
  return Object.fromEntries(SUMMARY_FIELDS.map((f, i) => [f, numbers[i]!])) as Record<(typeof SUMMARY_FIELDS)[number], number>;
}

function problemLine(t: TFunction, p: ImportProblem): Html {
  const where = p.where.map((w) => (typeof w === "string" ? html`<code>${w}</code>` : tx(t, `cohorts.import.${w.key}`, w.params)));
  const what = tx(t, `cohorts.import.${p.key}`, p.params);
  return where.length ? html`<li>${where.map((w, i) => html`${i ? " › " : ""}${w}`)}${tx(t, "cohorts.import.sep")}${what}</li>` : html`<li>${what}</li>`;
}

/**
 * The programme import: the same JSON as `npm run admin -- import`, pasted in the text box, or read
 * from a file into it by the console's script (the file field appears only with the script; the form
 * itself is a plain POST). Problems are listed above the text, which is kept as sent.
 */
export function importForm(t: TFunction, csrf: string, o: { text?: string; problems?: ImportProblem[]; summary?: ReturnType<typeof readSummary>; admin: boolean }): Html {
  const problems = o.problems?.length
    ? html`<div class="notice" role="alert" id="import-problems"><p>${tx(t, "cohorts.import.failed")}</p><ul>${o.problems.map((p) => problemLine(t, p))}</ul></div>`
    : "";
  const done = o.summary ? html`<div class="notice" role="status"><p>${tx(t, "cohorts.import.done", o.summary)}</p></div>` : "";
  return html`<section class="card" aria-labelledby="import">
<h2 id="import">${tx(t, "cohorts.import.title")}</h2>
<p class="meta">${tx(t, o.admin ? "cohorts.import.intro_admin" : "cohorts.import.intro")}</p>
${done}${problems}
<form method="post" action="/console/cohorts/import" class="form">
  <input type="hidden" name="_csrf" value="${csrf}">
  <div hidden data-file-field><label for="import-file">${tx(t, "cohorts.import.file")}</label>
  <input id="import-file" type="file" accept=".json,application/json" data-fill="import-text"></div>
  <div><label for="import-text">${tx(t, "cohorts.import.text")}</label>
  <textarea id="import-text" name="programme" rows="10" spellcheck="false" dir="ltr"${o.problems?.length ? html` aria-invalid="true" aria-describedby="import-problems"` : ""}>${o.text ?? ""}</textarea></div>
  <div><button type="submit" class="primary">${tx(t, "cohorts.import.submit")}</button></div>
</form>
</section>`;
}
