import { DateTime } from "luxon";
import { lettersForDigits } from "../../understanding/index.ts";
import { parseTransaction } from "../../understanding/sales/index.ts";
import { choices, mainMenu, option, text } from "../replies.ts";
import { idle, reply, type Turn } from "../turn.ts";
import type { Conversation, EngineResult, Reply, Say } from "../types.ts";
import { readAmountCents, readQuantity } from "./sale-input.ts";

export const SALE = "sale";

/** A sale or expense being written, before the person confirms it: nothing is recorded until then. */
export interface Draft {
  kind: "sale" | "expense" | null;
  item: string | null;
  quantity: number | null;
  unitPriceCents: number | null;
  amountCents: number | null;
  currency: string;
  text: string | null;
}

const EMPTY: Draft = { kind: null, item: null, quantity: null, unitPriceCents: null, amountCents: null, currency: "EUR", text: null };

const at = (step: string, draft: Draft): Conversation => ({ flow: SALE, step, data: { draft } });
const draftOf = (c: Conversation): Draft => ({ ...EMPTY, ...((c.data["draft"] as Partial<Draft>) ?? {}) });

/** Who can log sales: members and alumni testing their activity (and the team, to try it). */
export function canLogSales(turn: Turn): boolean {
  return turn.person.stage === "member" || turn.person.stage === "alumni" || turn.person.role !== "participant";
}

/** Sales are for members: a newcomer is told to sign up, someone whose application is sent that it is on its way. */
function notForSales(turn: Turn): EngineResult {
  const applied = turn.context.application?.status === "submitted";
  return idle([text(applied ? "sale.members_only_applied" : "sale.members_only"), mainMenu(turn.person, turn.context)]);
}

/**
 * A free text that reads as a sale or an expense ("vendu 3 plats à 12€"): read it back and ask.
 * `kind` is what the understanding layer heard when the text has no sale word of its own.
 * Returns undefined when the text has no amount.
 */
export function saleFromText(turn: Turn, kind?: "sale" | "expense"): EngineResult | undefined {
  const typed = turn.event.text;
  if (!typed) return undefined;
  // Arabic in Latin letters writes 3 for ع and 7 for ح: those are letters, not quantities.
  const parsed = parseTransaction(lettersForDigits(typed));
  if (parsed.amountCents === null) return undefined;
  if (!canLogSales(turn)) return notForSales(turn);
  const draft: Draft = {
    // The model's kind, when it is sure, over the parser's: the understanding layer already lets the
    // parser's sale or expense word win unless the model is very sure (understand.ts), and the parser
    // calls "2 sacs 30€" a sale even when the words around it say it was bought.
    kind: kind ?? parsed.kind ?? null,
    item: parsed.item,
    quantity: parsed.quantity,
    unitPriceCents: parsed.unitPriceCents,
    amountCents: parsed.amountCents,
    currency: parsed.currency ?? "EUR",
    text: [...typed].slice(0, 500).join(""),
  };
  return draft.kind ? confirm(turn, draft) : askKind(draft);
}

/** The step-by-step path, for people who prefer buttons: sale or expense, what, how many, what price. */
export function startSaleSteps(turn: Turn, kind?: "sale" | "expense"): EngineResult {
  if (!canLogSales(turn)) return notForSales(turn);
  return kind ? askItem({ ...EMPTY, kind }) : askKind(EMPTY);
}

function askKind(draft: Draft): EngineResult {
  return reply(at("kind", draft), [
    choices("sale.ask_kind", [option("sale:kind:sale", "sale.kind_button.sale"), option("sale:kind:expense", "sale.kind_button.expense"), option("sale:cancel", "sale.cancel")]),
  ]);
}

const askItem = (draft: Draft) => reply(at("item", draft), [text(draft.kind === "expense" ? "sale.ask_item_expense" : "sale.ask_item")]);
const askQuantity = (draft: Draft) =>
  reply(at("quantity", draft), [choices("sale.ask_quantity", [1, 2, 3, 5, 10].map((n) => option(`sale:qty:${n}`, "sale.quantity_choice", { n })), { item: draft.item ?? "" })]);
const askPrice = (draft: Draft) => reply(at("price", draft), [text(draft.quantity && draft.quantity > 1 ? "sale.ask_unit_price" : "sale.ask_price", { item: draft.item ?? "" })]);

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

function confirm(turn: Turn, draft: Draft): EngineResult {
  const check: Reply = {
    type: "choices",
    say: describe(draft, localDate(turn)),
    lines: [{ key: "sale.is_it_right" }],
    choices: [option("sale:ok", "sale.ok"), option("sale:fix", "sale.fix"), option("sale:cancel", "sale.cancel")],
  };
  return reply(at("confirm", draft), [check]);
}

/** Handles a turn inside the sale flow. */
export function continueSale(turn: Turn): EngineResult {
  const draft = draftOf(turn.conversation);
  if (turn.choiceId === "sale:cancel" || turn.command === "undo") return idle([text("sale.cancelled"), mainMenu(turn.person, turn.context)]);
  switch (turn.conversation.step) {
    case "kind": {
      const kind = turn.choiceId === "sale:kind:sale" ? "sale" : turn.choiceId === "sale:kind:expense" ? "expense" : undefined;
      if (!kind) return askKind(draft);
      const next = { ...draft, kind } as Draft;
      return next.amountCents !== null ? confirm(turn, next) : askItem(next);
    }
    case "item": {
      const item = (turn.event.text ?? "").replace(/\s+/g, " ").trim();
      if (!/\p{L}/u.test(item) || turn.choiceId) return reply(at("item", draft), [text("sale.invalid_item"), ...askItem(draft).replies]);
      return askQuantity({ ...draft, item: [...item].slice(0, 60).join("") });
    }
    case "quantity": {
      const quantity = turn.choiceId?.startsWith("sale:qty:") ? Number(turn.choiceId.slice(9)) : readQuantity(turn.event.text ?? "");
      if (!quantity) return reply(at("quantity", draft), [text("sale.invalid_quantity"), ...askQuantity(draft).replies]);
      return askPrice({ ...draft, quantity });
    }
    case "price": {
      const cents = readAmountCents(turn.event.text ?? "");
      if (!cents) return reply(at("price", draft), [text("sale.invalid_price"), ...askPrice(draft).replies]);
      const quantity = draft.quantity ?? 1;
      return confirm(turn, { ...draft, unitPriceCents: quantity > 1 ? cents : null, amountCents: cents * quantity, quantity });
    }
    case "confirm":
      if (turn.choiceId === "sale:ok") return record(turn, draft);
      if (turn.choiceId === "sale:fix") return askItem({ ...draft, item: null, quantity: null, unitPriceCents: null, amountCents: null });
      return confirm(turn, draft);
    default:
      return askKind(draft);
  }
}

function record(turn: Turn, draft: Draft): EngineResult {
  const occurredOn = localDate(turn);
  return idle(
    [text(draft.kind === "expense" ? "sale.recorded_expense" : "sale.recorded_sale"), text("sale.undo_hint", { hours: UNDO_WINDOW_HOURS }), mainMenu(turn.person, turn.context)],
    [{ type: "record_transaction", transaction: { ...draft, kind: draft.kind ?? "sale", amountCents: draft.amountCents ?? 0, occurredOn } }],
  );
}
