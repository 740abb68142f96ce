import { fold, lettersForDigits } from "./fold.ts";

/** Character n-grams taken inside each word, padded with a space at both ends. */
const GRAM_SIZES = [2, 3, 4] as const;
/** Longest text read: the model needs the start of a message, not a pasted page. */
const MAX_CHARS = 300;

/**
 * Negation, which turns "I'm coming" into "I can't come" and "send me messages" into "don't send":
 * one shared feature for the ways each language says it, so what one language teaches the model
 * about negation helps the others. Matched on the folded text.
 */
const NEGATION = new RegExp(
  [
    "\\b(?:pas|plus|jamais|ne|n|not|no|never|cant|cannot|dont|wont|isnt|nao|nunca|nem|ni|nada)\\b",
    "n't|n t\\b",
    "(?:^|\\s)(?:mch|mich|mosh|mush|msh|lan|lam|mashi|machi)\\s",
    "\\bma\\s?\\w+(?:ch|sh)\\b",
    "(?:^|\\s)(?:ما|مش|مو|لا|لن|لم|ماشي|مكانش|ماني|نه|نمی|نمي|نتان|نشم|نه شم|نشي|نه شي|نشو|نمیتانم|نمیتوانم|nemi|nami|na|nah|nashi|nasham|nemitanam)",
    "(?:^|\\s)(?:не|ні|нет|ни|ne|net|ni)\\s",
    "না|নাই|নেই|পারব না|পারবো না|\\bna\\b|\\bnai\\b|\\bparbo na\\b",
    "ኣይ|ኣይኮነን|ኣይክእልን|\\bay\\w+",
    "\\p{L}{2,}ش(?=\\s|$)",
  ].join("|"),
  "u",
);

/** Words: letters and digits, with the marks of Arabic, Bengali and Ge'ez scripts. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;

/**
 * What the model sees of a message: its words, the pairs of words next to each other, the character
 * n-grams of each word (so "formations", "formation" and "fromation" share most features), a mark for
 * each number (numbers differ, their presence matters), and its emoji. Every feature is a string;
 * duplicates count once, so a long message does not outweigh a short one.
 * @example features("Merci 🙏") includes "w:merci", "c: me", "c:rci ", "e:🙏"
 */
export function features(text: string): string[] {
  const folded = lettersForDigits(fold([...text].slice(0, MAX_CHARS).join("")));
  const out = new Set<string>();
  const words = (folded.match(WORD) ?? []).map((w) => (/^\d+$/.test(w) ? "#" : w));
  let previous = "^";
  for (const word of words) {
    out.add(`w:${word}`);
    out.add(`b:${previous} ${word}`);
    previous = word;
    if (word === "#") continue;
    const padded = ` ${word} `;
    const chars = [...padded];
    for (const n of GRAM_SIZES) {
      for (let i = 0; i + n <= chars.length; i++) out.add(`c:${chars.slice(i, i + n).join("")}`);
    }
  }
  if (words.length) out.add(`b:${previous} $`);
  for (const emoji of folded.match(EMOJI) ?? []) out.add(`e:${emoji}`);
  if (NEGATION.test(` ${folded} `)) out.add("neg");
  if (!words.length && !out.size) out.add("empty");
  return [...out];
}
