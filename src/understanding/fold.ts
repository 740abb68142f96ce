import { foldKey, normaliseText } from "./sales/digits.ts";

/**
 * The form every rule and the model compare: the sales parser's normalisation (digits of every script
 * to ASCII, invisible marks removed, lower case), then accents, Arabic diacritics and the letters people
 * use interchangeably merged (ي/ی/ى, ك/ک, ة/ه, أ/إ/آ/ا), and letters held down collapsed ("merciiii",
 * "سلاااام"), so that people are read however their phone lets them type.
 * @example fold("Mércìììì  بالعربیة") === "merci بالعربيه"
 */
export function fold(text: string): string {
  return foldKey(normaliseText(text))
    .replace(/(\p{L})\1{2,}/gu, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Letters (Latin) on both sides of a digit: Arabic written in Latin letters, "b3t", "s7on", "ma3a". */
const DIGIT_AS_LETTER = /(?<=[a-z])([235679])(?=[a-z])|(?<=^|[^a-z0-9])([35679])(?=[a-z]{2,})/g;
const ARABIZI_LETTERS: Readonly<Record<string, string>> = { "2": "a", "3": "a", "5": "kh", "6": "t", "7": "h", "9": "q" };
/** Words that only Arabic written in Latin letters has: a message with one is read as such. */
const ARABIZI_MARK = /(?<=[a-z])[2379](?=[a-z])/;

/**
 * Arabic written in Latin letters uses digits as letters (3 for ع, 7 for ح, 9 for ق): turns those into
 * letters so that the numbers left are numbers. Only in a text that has such a word inside it, so
 * "3plats" in French keeps its quantity.
 * @example lettersForDigits("b3t 3 s7on b 12 euro") === "bat 3 shon b 12 euro"
 */
export function lettersForDigits(text: string): string {
  const lower = text.toLowerCase();
  if (!ARABIZI_MARK.test(lower)) return text;
  return lower.replace(DIGIT_AS_LETTER, (d) => ARABIZI_LETTERS[d] ?? d);
}
