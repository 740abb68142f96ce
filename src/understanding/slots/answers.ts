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
  "هو", "هوکې", "سمه", "سمه ده", "ښه", "howkay", "hoo", "sama", "sha", "kho",
  "እወ", "እወን", "ሕራይ", "ጽቡቕ", "ewe", "iwe", "hray", "hrai", "tsbuq",
  "si", "sí", "claro", "vale", "dale", "de acuerdo", "sim", "claro que sim", "certo", "isso", "beleza", "pode ser",
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
