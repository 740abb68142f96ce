/**
 * Text normalisation: one canonical form for digits, separators, invisible
 * characters and letter variants, so that the rest of the parser only ever sees
 * ASCII digits and a handful of separator characters.
 *
 * Why: members type on phones set to Arabic, Persian or Bengali keyboards, paste
 * text that carries right-to-left marks, and French keyboards insert narrow
 * no-break spaces inside numbers (`1 250 €`).
 * Example: `normaliseText("\u200Fبعت ٣ وجبات ب ٤٥ يورو")` → `"بعت 3 وجبات ب 45 يورو"`.
 */

/** Thousands separator that is never a decimal: the Arabic one, reused as the canonical "definitely thousands" mark. */
export const THOUSANDS_MARK = "\u066C"; // ٬
/** Decimal separator that is never a thousands separator (Arabic ٫). */
export const DECIMAL_MARK = "\u066B"; // ٫

// Bidi controls, zero-width space, word joiner, BOM, soft hyphen, Arabic letter
// mark, invisible operators, emoji variation selectors and the keycap combiner
// (so "3️⃣" reads as "3"). ZWNJ/ZWJ are handled separately: they matter inside
// Persian words but are noise elsewhere.
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFE00-\uFE0F\u20E3]|\uDB40[\uDD00-\uDDEF]/g;
// A ZWNJ/ZWJ not between two letters (e.g. inside an emoji sequence or a number).
const STRAY_JOINER = /(?<![\p{L}\p{M}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}])/gu;
// Arabic-Indic, Extended Arabic-Indic (Persian/Dari/Pashto), Devanagari, Bengali, fullwidth.
const FOREIGN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9\u0966-\u096F\u09E6-\u09EF\uFF10-\uFF19]/g;
const DIGIT_ZERO: readonly number[] = [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10];
// No-break, narrow no-break, thin and figure spaces between digit groups: French
// typography for thousands ("1 200"). Only when exactly three digits follow.
const SPACE_THOUSANDS = /(\d)[\u00A0\u202F\u2009\u2007](?=\d{3}(?!\d))/g;
// Arabic comma between digits is a decimal comma for many writers.
const ARABIC_COMMA_IN_NUMBER = /(\d)\u060C(?=\d)/g;
const APOSTROPHES = /[\u2019\u2018\u02BC\u02BB\u0060\u00B4\u2032]/g;

function asciiDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  for (const zero of DIGIT_ZERO) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return ch;
}

/**
 * Canonical form of a message: invisible characters removed, every digit
 * script mapped to ASCII, no-break spaces inside numbers turned into the
 * thousands mark, NFKC (Arabic presentation forms, fullwidth Latin), lower case,
 * and one apostrophe.
 */
/** The letter O typed for a zero inside a number or before its currency: "1O€", "2O5". */
const LETTER_O_IN_NUMBER = /(?<=\d)[oO](?=\d|\s?[€$£]|\s?(?:eur|euro)s?\b)/g;

export function normaliseText(text: string): string {
  return text
    .replace(INVISIBLE, "")
    .replace(STRAY_JOINER, "")
    .replace(FOREIGN_DIGIT, asciiDigit)
    .replace(LETTER_O_IN_NUMBER, "0")
    .replace(SPACE_THOUSANDS, `$1${THOUSANDS_MARK}`)
    .replace(ARABIC_COMMA_IN_NUMBER, "$1,")
    .normalize("NFKC")
    .toLowerCase()
    .replace(APOSTROPHES, "'");
}

const LATIN_CYRILLIC_ACCENTS = /[\u0300-\u036F]/g;
const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u0640\u200C\u200D]/g;
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  "\u0623": "\u0627", // أ → ا
  "\u0625": "\u0627", // إ → ا
  "\u0622": "\u0627", // آ → ا
  "\u0671": "\u0627", // ٱ → ا
  "\u0629": "\u0647", // ة → ه
  "\u0649": "\u064A", // ى → ي
  "\u06CC": "\u064A", // ی (Persian yeh) → ي
  "\u06D0": "\u064A", // ې (Pashto) → ي
  "\u06CD": "\u064A", // ۍ (Pashto) → ي
  "\u06A9": "\u0643", // ک (Persian kaf) → ك
  "\u06D5": "\u0647", // ە → ه
  "\u06BE": "\u0647", // ھ → ه
  "\u06C0": "\u0647", // ۀ → ه
  "\u06AB": "\u06AF", // ګ (Pashto gaf) → گ
  "\u0153": "oe",
  "\u00E6": "ae",
  "\u00DF": "ss",
};
const FOLDABLE = /[\u06AB\u0623\u0625\u0622\u0671\u0629\u0649\u06CC\u06D0\u06CD\u06A9\u06D5\u06BE\u06C0\u0153\u00E6\u00DF]/g;

/**
 * Matching key of a (normalised) word: accents, Arabic diacritics, tatweel and
 * joiners removed, and the letters people use interchangeably merged, so that
 * `dépensé`/`depense`, `اشتريت`/`إشتريت` and Persian `ی`/Arabic `ي` match the
 * same lexicon entry. Used only for matching; items keep their surface form.
 * Example: `foldKey("خریدم")` === `foldKey("خريدم")`.
 */
export function foldKey(word: string): string {
  return word
    .normalize("NFD")
    .replace(LATIN_CYRILLIC_ACCENTS, "")
    .normalize("NFC")
    .replace(ARABIC_DIACRITICS, "")
    .replace(FOLDABLE, (ch) => LETTER_FOLDS[ch] ?? ch);
}
