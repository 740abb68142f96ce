import type { RecordedTransaction } from "../types.ts";
/** What the sale flow holds while an entry is written and read back. */

/** A sale or expense being written, before the person confirms it: nothing is recorded until then. */
export interface Draft {
  kind: "sale" | "expense" | null;
  item: string | null;
  quantity: number | null;
  unitPriceCents: number | null;
  amountCents: number | null;
  currency: string;
  text: string | null;
  /** The day it happened when the words name one ("hier", "samedi"), ISO; else the day it is recorded. */
  occurredOn?: string | null;
  /** A currency of home typed from habit ("reais", "টাকা"), read as euros: said at "is this right?". */
  habitCurrency?: string;
}

export const EMPTY: Draft = { kind: null, item: null, quantity: null, unitPriceCents: null, amountCents: null, currency: "EUR", text: null, occurredOn: null };


/** What is recorded for a draft: its fields, a kind and an amount, and the day (the one its words named, else `day`). */
export function recordedFrom(draft: Draft, day: string): RecordedTransaction {
  const { kind, item, quantity, unitPriceCents, amountCents, currency, text, occurredOn } = draft;
  return { kind: kind ?? "sale", item, quantity, unitPriceCents, amountCents: amountCents ?? 0, currency, text, occurredOn: occurredOn ?? day };
}
