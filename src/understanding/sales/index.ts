/**
 * Sales/expense message parser for the Migracoop bot, in French, English,
 * Arabic, Dari/Persian, Pashto, Tigrinya, Spanish, Portuguese, Russian,
 * Ukrainian and Bengali.
 * Example: `parseTransaction("vendu 3 plats à 12€")` → sale, 3600 cents EUR, quantity 3, item "plats".
 */
export { parseTransaction, kindWordOf, MAX_INPUT_CHARS } from "./parse.ts";
export { EMPTY_TRANSACTION, type Currency, type ParsedTransaction, type TransactionKind } from "./types.ts";
export { parseNumeral, toCents, multiplyCents, type Numeral } from "./amount.ts";
export { normaliseText, foldKey } from "./digits.ts";
export { readNumberWords } from "./numbers.ts";
export { entriesOf, entryWords, restAfterOneEntry } from "./entries.ts";
