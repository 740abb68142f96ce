/** Currencies the bot can log. Anything without an explicit currency is EUR. */
export type Currency = "EUR" | "GBP" | "USD";

/** Whether a message logs money coming in (sale) or going out (expense). */
export type TransactionKind = "sale" | "expense";

/**
 * What `parseTransaction` extracts from one chat message.
 *
 * All money is integer cents so sums never drift (0.1 + 0.2 problems).
 * Example: `vendu 3 plats à 12€` →
 * `{ kind: "sale", amountCents: 3600, currency: "EUR", quantity: 3, item: "plats", unitPriceCents: 1200 }`.
 */
export type ParsedTransaction = {
  /** null when the message does not clearly read as a sale or an expense. */
  kind: TransactionKind | null;
  /** Total of the transaction in cents (quantity × unit price when a unit price was given). */
  amountCents: number | null;
  currency: Currency | null;
  /** Whole number of items; null when absent or not a whole number (e.g. `1,5 kg`). */
  quantity: number | null;
  /** Cleaned, lower-cased product word(s), e.g. "plats"; null when absent. */
  item: string | null;
  /** Price of one item in cents when stated or exactly derivable, else null. */
  unitPriceCents: number | null;
  /** A currency of home typed from habit ("reais", "টাকা") and read as euros: the word as written. */
  habitCurrency?: string;
};

/** The result for a message that is not a transaction: every field null. */
export const EMPTY_TRANSACTION: Readonly<ParsedTransaction> = Object.freeze({
  kind: null,
  amountCents: null,
  currency: null,
  quantity: null,
  item: null,
  unitPriceCents: null,
});
