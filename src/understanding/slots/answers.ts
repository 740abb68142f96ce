import { foldKey, normaliseText } from "../sales/digits.ts";
import { readNumberWords } from "../sales/numbers.ts";
import { PhraseBook } from "../words.ts";

/**
 * Yes and no, as people write them in our languages, in their script and in Latin letters, for the
 * questions that ask one (consent, "is it right?", "did you mean …?"). Words, not messages: the text
 * may say more ("oui c'est bon merci").
 */
const YES = [
  "oui", "ouais", "ouai", "wi", "ok", "okay", "oki", "okey", "dac", "d'accord", "daccord", "bien sur", "c'est bon", "cest bon", "exact", "voila", "parfait", "valider", "confirmer",
  "yes", "yeah", "yep", "yup", "ya", "sure", "correct", "right", "alright", "fine", "good", "confirm",
  "نعم", "ايوه", "ايوا", "اه", "آه", "اي", "إي", "واخا", "صح", "تمام", "موافق", "أكيد", "اكيد", "طيب", "ماشي", "naam", "na3am", "aywa", "iwa", "wakha", "ah", "saha", "tamam", "mouwafi9",
  "بله", "آری", "هو", "هاو", "درسته", "درست", "باشه", "بلی", "خوب", "bale", "bali", "areh", "ha", "haw", "ho", "dorost", "bashe", "khob",
  "هو", "هوکې", "سمه", "سمه ده", "سم دی", "سم", "ښه", "howkay", "hoo", "sama", "sha", "kho", "صحيح", "صحیح", "مضبوط",
  "እወ", "እወን", "ሕራይ", "ጽቡቕ", "ቅኑዕ", "ewe", "iwe", "hray", "hrai", "tsbuq",
  "si", "sí", "claro", "vale", "dale", "de acuerdo", "sim", "claro que sim", "certo", "ta certo", "tá certo", "esta certo", "está certo", "isso", "beleza", "pode ser",
  "да", "ага", "угу", "конечно", "верно", "правильно", "хорошо", "ок", "da", "aga", "так", "звісно", "добре", "авжеж", "tak",
  "হ্যাঁ", "হা", "হুম", "ঠিক", "ঠিক আছে", "আচ্ছা", "ji", "jee", "han", "ha", "hya", "thik ache", "accha", "thik",
  "👍", "✅", "👌", "✔️", "☑️", "🆗",
];
const NO = [
  "non", "nan", "pas du tout", "jamais", "annuler", "no", "nope", "nah", "never", "not really", "cancel",
  "لا", "لأ", "لاء", "مش", "ابدا", "la2", "lla", "lah",
  "نه", "نخیر", "na", "nakheir", "nakhair", "نا", "نه نه", "nah",
  "ኣይፋል", "ኣይኮነን", "aykonen", "ayfal",
  "nunca", "nada", "não", "nao", "нет", "не", "неа", "ні", "нє",
  "না", "নাহ", "না না",
  "👎", "❌", "✖️",
];

const ANSWERS = new PhraseBook<"yes" | "no">();
for (const word of YES) ANSWERS.add(word, "yes");
for (const word of NO) ANSWERS.add(word, "no");

/** "yes" or "no" when the text says one of them first; typos are not guessed, a wrong yes costs too much. */
export function findAnswer(text: string): "yes" | "no" | undefined {
  const emoji = /👍|✅|👌|✔|☑|🆗/u.test(text) ? "yes" : /👎|❌|✖/u.test(text) ? "no" : undefined;
  return ANSWERS.find(text, { typos: false }) ?? emoji;
}

/** How much: "a little" ("un peu", "شوية", "немного") or "a lot" ("beaucoup", "زاف", "много"). */
const DEGREES = new PhraseBook<"little" | "lot">();
for (const word of [
  "un peu", "un petit peu", "peu", "pas beaucoup", "a bit", "a little", "little", "bit", "not much", "kind of",
  "شوية", "شويه", "شوي", "قليل", "شويا", "chwiya", "shwaya", "chouia", "kamel", "کمی", "کم", "یک کم", "kami", "kam", "لږ", "لږه", "lag", "ቁሩብ", "qurub",
  "un poco", "poco", "um pouco", "pouco", "немного", "чуть", "чуть-чуть", "трохи", "трошки", "একটু", "অল্প", "ektu", "olpo",
]) DEGREES.add(word, "little");
for (const word of [
  "beaucoup", "longtemps", "des annees", "a lot", "lots", "many years", "long time", "very much",
  "بزاف", "زاف", "كثير", "ياسر", "برشا", "bzaf", "bezzaf", "barcha", "ktir", "ziad", "خیلی", "زیاد", "khaili", "ziyad", "ډېر", "der", "ብዙሕ", "bzuh",
  "mucho", "muchos años", "muito", "muitos anos", "много", "долго", "багато", "довго", "অনেক", "onek",
]) DEGREES.add(word, "lot");

export function findDegree(text: string): "little" | "lot" | undefined {
  return DEGREES.find(text, { typos: false });
}

const YEAR_WORDS = /(\d+(?:[.,]\d+)?)\s*(?:ans?|annees?|years?|yrs?|anos?|años|سن[هةوات]*|سنين|عام|اعوام|سال|ساله|کال|کاله|год[аы]?|лет|р[іо]к|роки|років|বছর|ዓመት|ዓመታት|sana|sanawat|sal|kal|bochor|let|god)/u;
const MONTH_WORDS = /(\d+)\s*(?:mois|months?|meses|شهر|شهور|اشهر|ماه|میاشت|месяц|місяц|মাস|ወርሒ)/u;

/** Numbers written in words, as digits: "trois ans" → "3 ans", "ثلاث سنوات" → "3 سنوات". */
export function numbersAsDigits(text: string): string {
  const words = normaliseText(text).split(/\s+/).filter(Boolean);
  const keys = words.map((w) => foldKey(w.replace(/[^\p{L}\p{M}\p{N}]/gu, "")));
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const match = readNumberWords(keys, i);
    out.push(match ? String(match.value) : words[i]!);
    i += match ? match.length : 1;
  }
  return out.join(" ");
}

/** A duration of experience in years, from "3 ans", "ثلاث سنوات", "6 mois". */
export function findYears(text: string): number | undefined {
  const plain = foldKey(numbersAsDigits(text));
  const years = YEAR_WORDS.exec(plain);
  if (years) return Number(years[1]!.replace(",", "."));
  const months = MONTH_WORDS.exec(plain);
  return months ? Number(months[1]) / 12 : undefined;
}
