import type { EngineResult } from "../../../src/engine/types.ts";
import type { Intent } from "../../../src/understanding/index.ts";

const keysOf = (r: EngineResult) => r.replies.map((x) => ("say" in x ? x.say.key : x.type === "document" ? `document:${x.what}` : x.type));
const has = (r: EngineResult, key: string) => keysOf(r).includes(key);
const effect = (r: EngineResult, type: string) => r.effects.some((e) => e.type === type);

/**
 * What the bot must do for a message of each intent, read from what the engine returns (replies and
 * effects), so a request counts as done only when the bot did it, not when the model named it.
 */
export const DONE: Record<Intent, (r: EngineResult) => boolean> = {
  menu: (r) => has(r, "menu.title"),
  language: (r) => has(r, "language.choose") || r.effects.some((e) => e.type === "set_locale" && e.confirmed),
  stop: (r) => effect(r, "opt_out"),
  start: (r) => has(r, "menu.title") || effect(r, "opt_in"),
  mydata: (r) => has(r, "document:my_data"),
  erase: (r) => has(r, "erase.confirm"),
  human: (r) => r.effects.some((e) => e.type === "relay"),
  // "Annule la vente d'hier" when the one entry is today's: which one, with the recent ones (asked, never the wrong one removed).
  undo: (r) => has(r, "undo.confirm") || has(r, "undo.nothing") || has(r, "undo.which") || has(r, "undo.fix_confirm"),
  totals: (r) => has(r, "totals"),
  sessions: (r) => has(r, "sessions.next") || has(r, "understand.answer_time") || has(r, "understand.answer_place"),
  rsvp_yes: (r) => r.effects.some((e) => e.type === "record_rsvp" && e.answer === "yes") || has(r, "rsvp.which") || has(r, "rsvp.no_session_that_day"),
  rsvp_no: (r) => r.effects.some((e) => e.type === "record_rsvp" && e.answer === "no") || has(r, "rsvp.which") || has(r, "rsvp.no_session_that_day"),
  rsvp_late: (r) => r.effects.some((e) => e.type === "record_rsvp" && e.late === true) || has(r, "rsvp.which") || has(r, "rsvp.no_session_that_day"),
  sale: (r) => keysOf(r).some((k) => k.startsWith("sale.line_") && k.endsWith("_sale")) || has(r, "sale.ask_item") || has(r, "sale.ask_kind"),
  expense: (r) => keysOf(r).some((k) => k.startsWith("sale.line_") && k.endsWith("_expense")) || has(r, "sale.ask_item_expense") || has(r, "sale.ask_kind"),
  greeting: (r) => has(r, "understand.greeting"),
  thanks: (r) => has(r, "understand.thanks"),
  question: (r) => has(r, "understand.answer_place") || has(r, "understand.answer_time") || has(r, "understand.question_forwarded") || has(r, "sessions.next"),
  applications: (r) => has(r, "review.list") || has(r, "review.none"),
  export: (r) => keysOf(r).includes("export_sales"),
  broadcast: (r) => keysOf(r).some((k) => k.startsWith("broadcast.")),
  roadmap: (r) => keysOf(r).some((k) => k.startsWith("roadmap_write.") || k.startsWith("roadmap")),
  // Nothing to do: done when the bot did nothing harmful (no opt-out, no erasure, no recorded entry).
  unknown: (r) => !r.effects.some((e) => e.type === "opt_out" || e.type === "erase_me" || e.type === "record_transaction" || e.type === "record_rsvp"),
};

/** Coordinators' intents are asked by a coordinator; every other by a member of a cohort. */
export const COORDINATOR_ASKED: ReadonlySet<Intent> = new Set(["applications", "export", "broadcast", "roadmap"]);
