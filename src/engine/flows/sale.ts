import { DateTime } from "luxon";
import { normalise, wordCount } from "../../core/text.ts";
import { LAST } from "../../understanding/said.ts";
import { recordedAlready } from "./sale-twice.ts";
import { lettersForDigits } from "../../understanding/index.ts";
import { entriesOf, entryWords, kindWordOf, parseTransaction, restAfterOneEntry, type ParsedTransaction } from "../../understanding/sales/index.ts";
import { pastDay } from "../../understanding/slots/days.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { Conversation, EngineResult, Reply, Say } from "../types.ts";
import { readAmountCents, readQuantity } from "./sale-input.ts";
import { correctedByDay, correctedByNumber } from "./sale-correction.ts";
import { EMPTY, recordedFrom, type Draft } from "./sale-draft.ts";

export type { Draft } from "./sale-draft.ts";

export const SALE = "sale";

/** Entries read back and waiting for "is this right?" with the one being written: none is recorded before the yes. */
const MAX_WAITING = 10;

const at = (step: string, draft: Draft, earlier: Draft[] = []): Conversation => ({ flow: SALE, step, data: earlier.length ? { draft, earlier } : { draft } });
const draftOf = (c: Conversation): Draft => ({ ...EMPTY, ...((c.data["draft"] as Partial<Draft>) ?? {}) });
const earlierOf = (c: Conversation): Draft[] => (Array.isArray(c.data["earlier"]) ? (c.data["earlier"] as Draft[]) : []);

/** Who can log sales: members and alumni testing their activity (and the team, to try it). */
export function canLogSales(turn: Turn): boolean {
  return turn.person.stage === "member" || turn.person.stage === "alumni";
}

/** Whether a text holds a sale or an expense with its word and amount ("vendí 20 empanadas a 2 euros"), whatever else it says. */
export function mentionsEntries(typed: string | undefined): boolean {
  if (!typed) return false;
  const parsed = parseTransaction(lettersForDigits(typed));
  return parsed.amountCents !== null && kindWordOf(lettersForDigits(typed)) !== null;
}

/**
 * Sales are for members: a newcomer is told to sign up, someone whose application is sent that it is
 * on its way, the team that each member records their own.
 */
function notForSales(turn: Turn): EngineResult {
  // The team's "Awa a vendu 5 plats": an entry of theirs would count in no cohort's totals nor in the export.
  if (turn.person.role !== "participant") return idle([text("sale.team_not_member"), mainMenu(turn.person, turn.context)]);
  const applied = turn.context.application?.status === "submitted";
  return idle([text(applied ? "sale.members_only_applied" : "sale.members_only"), mainMenu(turn.person, turn.context)]);
}

/**
 * A free text that reads as a sale or an expense ("vendu 3 plats à 12€"): read it back and ask.
 * `kind` is what the understanding layer heard when the text has no sale word of its own.
 * Returns undefined when the text has no amount.
 */
export function saleFromText(turn: Turn, kind?: "sale" | "expense", earlier: Draft[] = []): EngineResult | undefined {
  const typed = turn.event.text;
  if (!typed) return undefined;
  // Arabic in Latin letters writes 3 for ع and 7 for ح: those are letters, not quantities.
  const parsed = parseTransaction(lettersForDigits(typed));
  if (parsed.amountCents === null) return undefined;
  if (!canLogSales(turn)) return notForSales(turn);
  // The model's kind, when it is sure, over the parser's: the understanding layer already lets the
  // parser's sale or expense word win unless the model is very sure (understand.ts), and the parser
  // calls "2 sacs 30€" a sale even when the words around it say it was bought.
  const draft = draftFrom(turn, typed, parsed, kind ?? parsed.kind ?? null);
  // Several entries in one message ("3 empanadas y 2 tamales a 3€"): each read back, none dropped.
  const several = draft.kind ? entriesOf(lettersForDigits(typed))?.map((p) => draftFrom(turn, typed, p, draft.kind)) : undefined;
  if (several?.length) return confirm(turn, several[several.length - 1]!, [...earlier, ...several.slice(0, -1)]);
  // "… 2 thieb a 8 euro et 5 beignets a 1.50": one entry read, and what was not is said, never dropped unsaid.
  const rest = restAfterOneEntry(typed, draft.item?.split(" + ").length ?? 1);
  return draft.kind ? confirm(turn, draft, earlier, undefined, rest) : askKind(draft, earlier);
}

function draftFrom(turn: Turn, typed: string, parsed: ParsedTransaction, kind: Draft["kind"]): Draft {
  return {
    occurredOn: pastDay(entryWords(typed), turn.now, turn.person.timezone) ?? null,
    kind,
    item: parsed.item,
    quantity: parsed.quantity,
    unitPriceCents: parsed.unitPriceCents,
    amountCents: parsed.amountCents,
    currency: parsed.currency ?? "EUR",
    text: [...typed].slice(0, 500).join(""),
    ...(parsed.habitCurrency ? { habitCurrency: parsed.habitCurrency } : {}),
  };
}

/**
 * A sale or an expense typed in full while others wait for "is this right?": the same thing again
 * corrects the last one ("vendu 4 plats à 12€" after "vendu 3 plats à 12€"); anything else joins the
 * list, so a person who sends their sales one after another loses none of them. Without a sale or
 * expense word of its own ("and 2 coffees 1.50 each"), it is of the same kind as the last one.
 */
export function saleWhileWaiting(turn: Turn, parsed = readWhileWaiting(turn.event.text ?? "", draftOf(turn.conversation).kind)): EngineResult | undefined {
  const draft = draftOf(turn.conversation);
  const earlier = earlierOf(turn.conversation);
  const typed = turn.event.text ?? "";
  if (parsed.amountCents === null) return undefined;
  // Only a whole entry waits with the others; one still being written ("15€", sale or expense?) is replaced.
  const whole = draft.kind !== null && draft.amountCents !== null;
  const waiting = !whole || sameThing(draft, parsed.item) ? earlier : [...earlier, draft].slice(-(MAX_WAITING - 1));
  const next = draftFrom(turn, typed, parsed, parsed.kind ?? draft.kind);
  return next.kind ? confirm(turn, next, waiting) : askKind(next, waiting);
}

/** A message that adds to what was said: "and …", "also …", "et …", "y …", "و…", "и …", "আর …". Only these are read as the same kind without a word of their own, so "non, 4 plats pas 3" stays a correction. */
const ADDS_ON = /^(?:and|also|plus|et|aussi|puis|y|también|tambien|e|também|tambem|и|ещё|еще|і|та|також|ще|আর|ও|এবং|او|هم|همچنین|كمان|وكمان)(?:\s|$)|^و/iu;

/**
 * The text read as an entry; without an amount of its own (a bare "1.50" is an amount only beside a
 * sale or expense word), read again as the same kind as the entry waiting. The kind word added is
 * the parser's own (it reads every language's words in every message).
 */
function readWhileWaiting(typed: string, kind: Draft["kind"]): ParsedTransaction {
  const text = lettersForDigits(typed);
  const parsed = parseTransaction(text);
  if (parsed.amountCents !== null || !kind || !ADDS_ON.test(text.trim())) return parsed;
  const again = parseTransaction(`${kind === "expense" ? "bought" : "sold"} ${text}`);
  return again.item !== null ? { ...again, kind: null } : parsed;
}

/** The same item written again (case and spacing aside), or a draft without one: a correction. */
function sameThing(draft: Draft, item: string | null): boolean {
  return !draft.item || !item || normalise(draft.item) === normalise(item);
}

/** What waits, asked again after the answer to something else ("⏳ Not recorded yet: … Is this right?"), or the step's question. */
export function stillWaiting(turn: Turn): EngineResult {
  const draft = draftOf(turn.conversation);
  const earlier = earlierOf(turn.conversation);
  switch (turn.conversation.step) {
    case "confirm":
      return confirm(turn, draft, earlier, "sale.not_yet");
    case "item":
      return askItem(draft, earlier);
    case "fix":
      return askFix(turn, draft, earlier);
    case "quantity":
      return askQuantity(draft, earlier);
    case "price":
      return askPrice(draft, earlier);
    default:
      return askKind(draft, earlier);
  }
}

/** The step-by-step path, for people who prefer buttons: sale or expense, what, how many, what price. */
export function startSaleSteps(turn: Turn, kind?: "sale" | "expense"): EngineResult {
  if (!canLogSales(turn)) return notForSales(turn);
  return kind ? askItem({ ...EMPTY, kind }) : askKind(EMPTY);
}

function askKind(draft: Draft, earlier: Draft[] = []): EngineResult {
  return reply(at("kind", draft, earlier), [
    choices("sale.ask_kind", [option("sale:kind:sale", "sale.kind_button.sale"), option("sale:kind:expense", "sale.kind_button.expense"), option("sale:cancel", "sale.cancel")]),
  ]);
}

const askItem = (draft: Draft, earlier: Draft[] = []) => reply(at("item", draft, earlier), [text(draft.kind === "expense" ? "sale.ask_item_expense" : "sale.ask_item")]);
const askFix = (turn: Turn, draft: Draft, earlier: Draft[] = []) =>
  reply(at("fix", draft, earlier), [choices("sale.fix_what", [option("sale:fixall", "sale.fix_all"), option("sale:cancel", "sale.cancel")], {}, [describe(draft, draft.occurredOn ?? localDate(turn))])]);
const askQuantity = (draft: Draft, earlier: Draft[] = []) =>
  reply(at("quantity", draft, earlier), [choices("sale.ask_quantity", [1, 2, 3, 5, 10].map((n) => option(`sale:qty:${n}`, "sale.quantity_choice", { n })), { item: draft.item ?? "" })]);
const askPrice = (draft: Draft, earlier: Draft[] = []) =>
  reply(at("price", draft, earlier), [text(draft.quantity && draft.quantity > 1 ? "sale.ask_unit_price" : "sale.ask_price", { item: draft.item ?? "" })]);

/** How long after recording an entry "undo" can still remove it (the hint after a sale says so). */
export const UNDO_WINDOW_HOURS = 24;

/** One line that says back what was understood, with amounts and date in the person's own format. */
export function describe(draft: Draft, date: string): Say {
  const total = { money: draft.amountCents ?? 0, currency: draft.currency };
  const params = { kind: { t: `sale.kind.${draft.kind ?? "sale"}` }, date: { date }, item: draft.item ?? { t: "sale.no_item" }, total };
  if (draft.quantity && draft.unitPriceCents) {
    return { key: `sale.line_unit_${draft.kind ?? "sale"}`, params: { ...params, quantity: draft.quantity, unit: { money: draft.unitPriceCents, currency: draft.currency } } };
  }
  if (draft.quantity) return { key: `sale.line_quantity_${draft.kind ?? "sale"}`, params: { ...params, quantity: draft.quantity } };
  return { key: `sale.line_total_${draft.kind ?? "sale"}`, params };
}

export function localDate(turn: Turn): string {
  return DateTime.fromJSDate(turn.now).setZone(turn.person.timezone).toISODate() ?? turn.now.toISOString().slice(0, 10);
}

/** The entries read back, the earlier ones first, and "is this right?": one entry alone is its own first line. */
/** How much of the words not read is quoted back. */
const UNREAD_CHARS = 200;

function confirm(turn: Turn, draft: Draft, earlier: Draft[] = [], heading?: "sale.not_yet", unread?: string): EngineResult {
  const date = localDate(turn);
  const lines = [...earlier, draft].map((d) => describe(d, d.occurredOn ?? date));
  const [say, ...rest] = heading || earlier.length ? [{ key: heading ?? "sale.to_record" }, ...lines] : lines;
  // "12 reais": the books are in euros; the word they typed is named, so a wrong reading is caught here.
  const habit = [...earlier, draft].find((d) => d.habitCurrency)?.habitCurrency;
  const check: Reply = {
    type: "choices",
    say: say!,
    lines: [
      ...rest,
      ...(habit ? [{ key: "sale.in_euros", params: { said: habit } }] : []),
      ...(unread ? [{ key: "sale.rest_not_read", params: { rest: [...unread].slice(0, UNREAD_CHARS).join("") } }] : []),
      ...recordedAlready(turn, draft, localDate(turn)),
      { key: "sale.is_it_right" },
    ],
    choices: [option("sale:ok", "sale.ok"), option("sale:fix", "sale.fix"), option("sale:cancel", "sale.cancel")],
  };
  return reply(at("confirm", draft, earlier), [check]);
}

/** Handles a turn inside the sale flow. */
export function continueSale(turn: Turn): EngineResult {
  const draft = draftOf(turn.conversation);
  const earlier = earlierOf(turn.conversation);
  // "annule la dernière" while several wait: that one only, the others asked again.
  if (turn.command === "undo" && earlier.length && LAST.test(` ${normalise(turn.event.text ?? "")} `)) {
    const kept = confirm(turn, earlier[earlier.length - 1]!, earlier.slice(0, -1));
    return { ...kept, replies: [text("sale.dropped_last"), ...kept.replies] };
  }
  if (turn.choiceId === "sale:cancel" || turn.command === "undo") return idle([text("sale.cancelled"), mainMenu(turn.person, turn.context)]);
  // A whole sale typed while a question is asked is that sale, not the answer ("vendu 4 plats à 12€" as the item).
  const read = turn.choiceId ? undefined : readWhileWaiting(turn.event.text ?? "", draft.kind);
  if (turn.conversation.step !== "confirm" && read?.kind && read.item !== null && read.amountCents !== null) return saleWhileWaiting(turn, read) ?? stillWaiting(turn);
  switch (turn.conversation.step) {
    case "kind": {
      const kind = turn.choiceId === "sale:kind:sale" ? "sale" : turn.choiceId === "sale:kind:expense" ? "expense" : turn.choiceId ? undefined : kindWord(turn);
      if (!kind) return askKind(draft, earlier);
      const next = { ...draft, kind } as Draft;
      return next.amountCents !== null ? confirm(turn, next, earlier) : askItem(next, earlier);
    }
    case "fix": {
      if (turn.choiceId === "sale:fixall") return askItem({ ...draft, item: null, quantity: null, unitPriceCents: null, amountCents: null }, earlier);
      const typed = (turn.event.text ?? "").trim();
      const fixed = turn.choiceId || !typed ? undefined : (correctedByNumber(draft, typed) ?? (/\p{Nd}/u.test(typed) || wordCount(typed) > 4 ? undefined : { ...draft, item: typed }));
      return fixed ? confirm(turn, fixed, earlier) : askFix(turn, draft, earlier);
    }
    case "item": {
      const item = (turn.event.text ?? "").replace(/\s+/g, " ").trim();
      if (!/\p{L}/u.test(item) || turn.choiceId || turn.understood?.slots.answer) return askAgain("sale.invalid_item", askItem(draft, earlier));
      return askQuantity({ ...draft, item: [...item].slice(0, 60).join("") }, earlier);
    }
    case "quantity": {
      const quantity = turn.choiceId?.startsWith("sale:qty:") ? Number(turn.choiceId.slice(9)) : readQuantity(turn.event.text ?? "");
      if (!quantity) return askAgain("sale.invalid_quantity", askQuantity(draft, earlier));
      return askPrice({ ...draft, quantity }, earlier);
    }
    case "price": {
      const cents = readAmountCents(turn.event.text ?? "");
      if (!cents) return askAgain("sale.invalid_price", askPrice(draft, earlier));
      const quantity = draft.quantity ?? 1;
      return confirm(turn, { ...draft, unitPriceCents: quantity > 1 ? cents : null, amountCents: cents * quantity, quantity }, earlier);
    }
    case "confirm": {
      if (turn.choiceId === "sale:ok") return record(turn, [...earlier, draft]);
      // "Corriger": what is wrong is asked, the entry kept ("5 plats pas 6", "10 €", "thieb"); all again on request.
      if (turn.choiceId === "sale:fix") return askFix(turn, draft, earlier);
      // "non c'était 4", "нет, 15€": the number changes this entry (read back again, nothing recorded before the yes).
      const whole = read !== undefined && read.item !== null && read.amountCents !== null;
      const fixed = turn.choiceId || (whole && turn.understood?.slots.answer !== "no") ? undefined : (correctedByNumber(draft, turn.event.text ?? "") ?? correctedByDay(turn, draft));
      if (fixed) return confirm(turn, fixed, earlier);
      // Another entry with its item and amount ("and 2 coffees 1.50 each"), even when the bot is unsure of the words around it.
      const added = whole ? saleWhileWaiting(turn, read) : undefined;
      if (added) return added;
      // Anything else: the same question, saying that nothing changed and how to change it.
      const again = confirm(turn, draft, earlier);
      return turn.choiceId ? again : { ...again, replies: [text("sale.fix_hint"), ...again.replies] };
    }
    default:
      return askKind(draft, earlier);
  }
}

/** The same question after an answer that did not fit, with the way out: a button that drops the entry (nothing is recorded). */
function askAgain(key: string, ask: EngineResult): EngineResult {
  const question = ask.replies[0]!;
  if (question.type !== "text" && question.type !== "choices") return ask;
  const offered = question.type === "choices" ? question.choices : [];
  return reply(ask.conversation, [{ type: "choices", say: { key }, lines: [question.say, ...(question.lines ?? [])], choices: [...offered, option("sale:cancel", "sale.cancel")] }]);
}

/** "Sale or expense?" answered in words: the text's own sale or expense word ("une dépense", "বিক্রি", "gastei"). */
function kindWord(turn: Turn): "sale" | "expense" | undefined {
  return kindWordOf(lettersForDigits(turn.event.text ?? "")) ?? undefined;
}

function record(turn: Turn, drafts: Draft[]): EngineResult {
  const occurredOn = localDate(turn);
  const done = drafts.length > 1 ? "sale.recorded_all" : drafts[0]!.kind === "expense" ? "sale.recorded_expense" : "sale.recorded_sale";
  return idle(
    [text(done), text("sale.undo_hint", { hours: UNDO_WINDOW_HOURS }), mainMenu(turn.person, turn.context)],
    drafts.map((draft) => ({ type: "record_transaction" as const, transaction: recordedFrom(draft, occurredOn) })),
  );
}
