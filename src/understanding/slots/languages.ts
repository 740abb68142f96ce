import { LOCALES, LOCALE_NAMES, type Locale } from "../../core/locales.ts";
import { PhraseBook, wordsOf } from "../words.ts";

/**
 * Names people give our languages beyond what ICU knows (`Intl.DisplayNames` gives "anglais",
 * "الإنجليزية", "английский" in every language): adverbs ("по-русски", "بالعربي"), Latin-letter and
 * dialect spellings, the language of a country.
 */
const SPOKEN: Record<Locale, string[]> = {
  fr: ["francais", "fransais", "fransa", "fransi", "faransawi", "فرنسي", "فرنساوي", "بالفرنسيه", "فرانسه", "faransi", "french", "франц", "по французски", "frances", "frances", "ফরাসি", "ফরাসিতে", "ፈረንሳይ"],
  en: ["english", "inglish", "engilsh", "englais", "inglizi", "engliz", "anglais", "ingles", "ingliz", "englizi", "انجليزي", "انكليزي", "انگلیسی", "انګلیسي", "angliski", "по английски", "по англійськи", "ingreji", "ইংলিশ", "ইংরেজি", "ইংরেজিতে", "እንግሊዝ"],
  ar: ["arabe", "arabic", "arabi", "3arbi", "3arabi", "l3arbiya", "bel3arbi", "bil3arabi", "عربي", "عربى", "بالعربي", "arab", "араб", "arbi", "আরবি", "আরবিতে"],
  fa: ["dari", "farsi", "persian", "persan", "darí", "دری", "فارسی", "پارسی", "فارسي", "دري", "parsi", "fārsi", "дари", "фарси"],
  ps: ["pashto", "pachto", "pashtu", "pushto", "pakhto", "pukhto", "پښتو", "پشتو", "پختو", "پشتو", "pashtoo", "пушту"],
  ti: ["tigrinya", "tigrigna", "tigrina", "tigrignia", "tigrinia", "ትግርኛ", "ትግሪኛ", "tigray", "tigre", "تغرينية", "тигринья"],
  es: ["espagnol", "spanish", "espanol", "castellano", "español", "اسباني", "испанский", "spanyol"],
  pt: ["portugais", "portuguese", "portugues", "português", "portuges", "برتغالي", "португальский", "portugués"],
  ru: ["russe", "russian", "russkiy", "russki", "po russki", "po-russki", "по-русски", "по русски", "русском", "روسي", "rus", "ruso", "russo"],
  uk: ["ukrainien", "ukrainian", "ukrainskiy", "ukrainska", "по-українськи", "по українськи", "українською", "украинском", "по-украински", "ucraniano"],
  bn: ["bengali", "bangla", "bengla", "bangali", "বাংলা", "বাংলায়", "bengalí", "bangladesh", "بنغالي"],
};

function build(): PhraseBook<Locale> {
  const book = new PhraseBook<Locale>();
  for (const target of LOCALES) {
    book.add(LOCALE_NAMES[target], target);
    for (const locale of LOCALES) {
      const names = new Intl.DisplayNames([locale], { type: "language" });
      for (const code of target === "fa" ? ["fa", "prs"] : [target]) {
        const name = names.of(code);
        if (name && name !== code) book.add(name.replace(/\s*\(.*\)$/, ""), target);
      }
    }
    for (const name of SPOKEN[target]) book.add(name, target);
  }
  return book;
}

const LANGUAGES = build();

/** Pashto "three" (درې) folds into "دری" (Dari): in a sale it is a number, not a language. */
const PASHTO_THREE = /(?<!\p{L})درې(?!\p{L})/gu;

/** Words that say "not" before a language named ("je parle pas bien français, arabe svp"). */
const NOT = new Set(["pas", "not", "no", "nao", "não", "не", "ні", "لا", "مش", "ما", "نه", "نمی", "না", "ኣይ", "never", "jamais"]);

/** Words that say "not" after a language named ("বাংলায় না, ইংরেজিতে", "ትግርኛ ኣይኮነን"). */
const NOT_AFTER = new Set(["না", "নয়", "নয়", "ኣይኮነን"]);

/**
 * The language a text names, if any ("in English please" → "en", "بالعربي" → "ar"). Of two named, the
 * one not said after a "not": "je parle pas bien français, arabe svp" → "ar".
 */
export function findLanguage(text: string): Locale | undefined {
  const cleaned = text.replace(PASHTO_THREE, " ");
  const all = LANGUAGES.findAll(cleaned);
  if (new Set(all).size <= 1) return all[0];
  const words = wordsOf(cleaned);
  // A "not" counts up to three words before a language, and not across an earlier one ("pas bien français, arabe").
  let since = 0;
  const named = words.flatMap((w, i) => {
    const locale = LANGUAGES.find(w);
    if (!locale) return [];
    // "বাংলায় না": the "not" after it is this one's, not the next one's.
    const after = NOT_AFTER.has(words[i + 1] ?? "");
    const negated = words.slice(Math.max(since, i - 3), i).some((x) => NOT.has(x)) || after;
    since = i + (after ? 2 : 1);
    return [{ locale, negated }];
  });
  return (named.find((n) => !n.negated) ?? named[0])?.locale ?? all[0];
}
