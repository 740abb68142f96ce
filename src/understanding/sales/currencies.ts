/**
 * Currency symbols and words, per language, mapped to ISO codes.
 *
 * Why words too: many members type the currency as they say it ("يورو",
 * "евро", "ইউরো", "ዩሮ", "balles"). Only recognised next to a number.
 * `total: true` marks case forms that already mean "for N euros" (Bengali
 * "৩০ ইউরোতে"), which make the amount a total.
 * Example: `"45 يورو"` → EUR; `"£30"` → GBP.
 */
import type { Currency } from "./types.ts";

export interface CurrencyWord {
  readonly code: Currency;
  readonly total?: boolean;
  /**
   * A currency of home said from habit ("12 reais", "200 টাকা", "50 dh"): the cooperative's books are in
   * euros, so the amount is read in euros and the read-back says so, with the word as written.
   */
  readonly habit?: boolean;
}

const EUR: readonly string[] = [
  "€", "eur", "euro", "euros", "euroes", "eruo", "euors", "uero", "balles", "evro",
  "يورو", "اليورو", "يوروات", "اورو", "أورو", "ايرو", "یورو", "یوروی", "یوروو",
  "евро", "євро", "эвро",
  "ইউরো", "ইউরোর", "ইউরু",
  "ዩሮ", "ኤውሮ", "ዩሮታት", "ኦይሮ",
];
const EUR_TOTAL: readonly string[] = ["ইউরোতে", "ইউরোয়", "ইউরো দিয়ে"];
const GBP: readonly string[] = ["£", "gbp", "pound", "pounds", "quid", "livres sterling", "livre sterling", "libras", "libra", "фунт", "фунта", "фунтов", "фунтів", "جنيه استرليني", "پوند", "পাউন্ড", "ፓውንድ"];
const USD: readonly string[] = ["$", "usd", "dollar", "dollars", "dólar", "dólares", "dolar", "dolares", "доллар", "доллара", "долларов", "долар", "долари", "доларів", "دولار", "دولارات", "دلار", "ډالر", "ডলার", "ዶላር", "us$"];

/**
 * Currencies of home people may type out of habit, read as euros (and said so at "is this right?"). Not
 * "real" (an English word), "mil" (a thousand) nor "franc" (a French word too).
 */
const HABIT: readonly string[] = [
  "reais", "r$", "taka", "tk", "টাকা", "টাকায়", "৳", "dh", "dhs", "dirham", "dirhams", "درهم", "دراهم", "dinar", "dinars", "دينار", "دنانير",
  "afghani", "afghanis", "افغانی", "افغانۍ", "افغاني", "تومان", "toman", "ریال", "rial", "riyal", "ريال", "lira", "ليرة", "ليره",
  "грн", "гривен", "гривень", "гривні", "гривна", "гривны", "гривня", "hryvnia", "руб", "рублей", "рубля", "рубль", "rubles",
  "nakfa", "ናቕፋ", "ናቅፋ", "birr", "ብር", "pesos", "soles", "cfa", "fcfa", "rupees", "روپے", "روپۍ",
];

/** Every currency phrase (raw spelling) with its meaning. */
export const CURRENCY_WORDS: ReadonlyMap<string, CurrencyWord> = new Map<string, CurrencyWord>([
  ...EUR.map((w) => [w, { code: "EUR" }] as const),
  ...EUR_TOTAL.map((w) => [w, { code: "EUR", total: true }] as const),
  ...GBP.map((w) => [w, { code: "GBP" }] as const),
  ...USD.map((w) => [w, { code: "USD" }] as const),
  ...HABIT.map((w) => [w, { code: "EUR", habit: true }] as const),
]);

/**
 * Glued right after digits with no space, "e"/"E" is the euro in French
 * shorthand ("3,50E", "35e"), and so are the Cyrillic "е" and "є" ("25е", "40є"). Never a currency on its own.
 */
export const GLUED_EURO: ReadonlySet<string> = new Set(["e", "eu", "е", "є"]);

/**
 * Words for the cents after a currency ("23 евро 50 копеек", "12 euros 50 centimes").
 * Written after a currency, a two-digit number followed by one of these (or by
 * the end of the sentence) is the cents part of the amount.
 */
export const CENTS_WORDS: ReadonlySet<string> = new Set([
  "centimes", "centime", "cts", "ct", "cents", "cent", "céntimos", "centimos", "centavos", "центов", "цента", "копеек", "копейки",
  "центів", "копійок", "سنت", "سنتيم", "سانتيم", "پیسه", "সেন্ট", "পয়সা", "ሳንቲም",
]);
