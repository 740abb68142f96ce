import { normalise, toAsciiDigits } from "../../core/text.ts";
import type { Present } from "../types.ts";

/* Who came, as the team types it at the attendance sheet. */

/** "Everyone was there", in every supported language (the attendance sheet's shortcut). */
const ALL_WORDS = /^(tous|toutes|tout le monde|all|everyone|todos|todas|все|всі|الكل|الجميع|همه|ټول|ኩሎም|ኩሉ|সবাই|সব)$/u;

/** "Everyone except …" in every supported language: "tous sauf 2", "all but 3", "все кроме 1", "الكل ما عدا ٢". */
const EXCEPT_WORDS = /(?:^|[\s,])(sauf|excepte|hormis|except|but|apart from|menos|excepto|salvo|exceto|fora|кроме|крім|окрім|ما عدا|عدا|الا|إلا|ماعدا|غير|به جز|بجز|جز|پرته له|پرته|بې له|ብዘይካ|ছাড়া|বাদে|ছাড়|sivay)(?=$|[\s,:\d])/u;

/** Who was missing, named by their numbers: "1 absent", "manque 3", "2 missing", "faltó 1", "1 не было". */
const ABSENT_WORDS = /(?:^|[\s,])(absents?|absentes?|manque|manquent|manquait|manquaient|pas la|pas venue?s?|missing|absent|not there|not here|didn'?t come|ausentes?|falta|faltan|falto|faltou|faltaram|nao veio|отсутствует|отсутствуют|отсутствовал[аи]?|не было|не пришл[аи]?|не пришел|відсутн[іяй]+|не прийш[ол][ва]?|не було|غائب|غايب|غايبين|غائبون|غياب|ما جا|غایب|غیرحاضر|نیامد|نه دی راغلی|ناحاضر|ኣይመጸን|ኣይመጹን|ብዘይ|অনুপস্থিত|আসেনি)(?=$|[\s,.:\d])/u;

/** "Nobody came": everyone absent. */
const NOBODY_WORDS = /^(personne|aucun|nobody|no one|none|nadie|ninguno|ninguem|никто|ніхто|لا أحد|ولا واحد|ماحد|هیچ کس|هیچکس|هېڅوک|ማንም|ሓደ እኳ|কেউ না|কেউ আসেনি)$/u;

/**
 * Who came, as typed at the attendance sheet: numbers ("1 3 4"), everyone ("tous"), nobody
 * ("personne"), everyone except some numbers ("tous sauf 2", "all except 1 and 4"), the numbers of
 * those missing ("1 absent", "manque 3"), or the same by names ("awa et binta", "tous sauf awa", "awa
 * absente"). Undefined when it is none of these: a question, or "except" with nothing after it.
 */
export function presentFrom(typed: string): Present | undefined {
  const words = normalise(typed);
  const numbers = [...toAsciiDigits(typed).matchAll(/\d+/g)].map((m) => Number(m[0]));
  const except = EXCEPT_WORDS.test(words) || ABSENT_WORDS.test(words);
  if (ALL_WORDS.test(words)) return "all";
  if (NOBODY_WORDS.test(words)) return [];
  if (numbers.length) return except ? { except: numbers } : numbers;
  // "awa et binta", "tous sauf awa", "awa était absente": the members by their names (the sheet finds them).
  const names = namesIn(typed);
  return names.length && !QUESTION.test(typed) ? { names, except } : undefined;
}

/** A question typed at the sheet ("qui était là ?") names nobody. */
const QUESTION = /[?？؟]/u;

/** Words around names at the sheet: being there or not, "and", "except", "everyone". */
const NOT_A_NAME = new Set(
  [
    "etait", "etaient", "est", "sont", "la", "le", "les", "l", "present", "presente", "presents", "presentes", "venu", "venue", "venus", "venues", "aussi", "et", "ou", "y", "a", "avait", "il", "elle", "ils", "elles", "on", "de", "du", "des", "que", "qui", "juste", "seulement", "aujourd", "hui", "ce", "matin", "soir", "oui", "non", "oups", "pas", "mais", "avec",
    "and", "or", "was", "were", "is", "are", "here", "there", "came", "come", "only", "also", "today", "yes", "no", "not", "the",
    "estaba", "estuvo", "vino", "vinieron", "presentes", "solo", "tambien", "hoy", "veio", "vieram", "estava", "so", "tambem", "hoje",
    "sauf", "except", "excepte", "but", "menos", "excepto", "exceto", "absent", "absente", "absents", "absentes", "manque", "manquait", "missing", "ausente", "faltou", "tous", "toutes", "tout", "monde", "all", "everyone", "todos", "todas",
  ].map((w) => normalise(w)),
);

/** The names typed at the sheet, in order, each once. */
function namesIn(typed: string): string[] {
  const words = normalise(typed).replace(/[’']/gu, " ").split(/[^\p{L}]+/u).filter((w) => [...w].length >= 2 && !NOT_A_NAME.has(w));
  return [...new Set(words)];
}
