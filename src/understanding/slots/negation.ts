import { normalise } from "../../core/text.ts";

/**
 * Whether words say "I am not coming" in so many words ("je viens pas", "لن أحضر", "نمیام", "আসতে পারব না",
 * "ኣይክመጽእን"): coming, or being there, with its negation, in every supported language. Narrow on
 * purpose: "je ne vais pas rater ça" and "no me la pierdo" say the opposite, and stay as the model reads them.
 */
export function saysNotComing(text: string): boolean {
  const plain = spaced(text);
  return NOT_COMING.test(withoutWontMiss(plain)) && !BUT_COMING.test(plain);
}

/**
 * Whether words say "I won't miss it" ("je vais pas rater jeudi", "no voy a faltar", "не пропущу"): a
 * negation that means coming. Only ever read next to a "not coming" guess, never alone.
 */
export function saysWontMiss(text: string): boolean {
  const plain = spaced(text);
  return WONT_MISS.test(plain) && !NOT_COMING.test(withoutWontMiss(plain));
}

/** "no voy a faltar" holds "no voy": the "won't miss" phrases are taken out before "not coming" is looked for. */
function withoutWontMiss(plain: string): string {
  return plain.replace(new RegExp(WONT_MISS.source, "gu"), " ");
}

function spaced(text: string): string {
  return ` ${normalise(text).replace(/[’']/gu, " ").replace(/[?？؟!.,;:]/gu, " ").replace(/\s+/gu, " ")} `;
}

function phrases(list: readonly string[]): RegExp {
  return new RegExp(` (?:${list.map((p) => normalise(p).replace(/[’']/gu, " ")).join("|")})(?= )`, "u");
}

const NOT_COMING = phrases([
    // fr
    "viens pas", "viendrai pas", "venir pas", "pas venir", "serai pas la", "serai pas present", "serai pas presente", "vais pas venir", "pourrai pas venir", "pourrais pas venir", "peux pas venir", "peu pas venir", "pourrai pas etre la", "peux pas etre la", "vais pas pouvoir venir", "pas pouvoir venir", "ne viendrai", "serai absent", "serai absente",
    // en
    "can t come", "cant come", "cannot come", "can not come", "won t come", "wont come", "not coming", "won t be there", "wont be there", "will not be there", "will not come", "can t make it", "cant make it", "cannot make it", "not be able to come", "unable to come",
    // es, pt
    "no puedo ir", "no podre ir", "no voy a ir", "no voy", "no vengo", "no ire", "no asistire", "no estare", "no podre asistir", "no puedo asistir", "nao posso ir", "nao vou", "nao venho", "nao vou poder", "nao posso vir", "nao vou conseguir ir", "nao estarei",
    // ru, uk
    "не смогу", "не приду", "не прийду", "не зможу", "не буду на", "не получится прийти", "не вийде прийти", "меня не будет", "мене не буде",
    // ar (MSA and dialects)
    "لن أحضر", "لن احضر", "لن آتي", "لن اتي", "لن أستطيع الحضور", "لن استطيع الحضور", "ما نقدرش نجي", "ما نجيش", "مانجيش", "ما نقدرش", "مانقدرش", "مش هقدر", "مش جاي", "مش جاية", "مش حاجي", "ما رح اجي", "ما رح قدر", "مارح اجي", "ما اقدر اجي", "ما اقدر احضر",
    // fa, ps
    "نمیام", "نمی ام", "نمی آیم", "نمیایم", "نمی توانم بیایم", "نمیتونم بیام", "نمی تونم بیام", "نمیتوانم بیایم", "نمیرسم", "نشم راتلی", "نه شم راتلی", "نه راځم", "نشم تللی", "نه شم تللی",
    // bn, ti
    "আসতে পারব না", "আসতে পারবো না", "আসব না", "আসবো না", "যেতে পারব না", "যেতে পারবো না", "থাকতে পারব না", "থাকতে পারবো না", "ኣይክመጽእን", "ክመጽእ ኣይክእልን", "ኣይመጽእን", "ክመጽእ ኣይኽእልን",
  ]);

const WONT_MISS = phrases([
  // fr
  "vais pas rater", "rate pas", "raterai pas", "vais pas manquer", "manquerai pas", "manque pas", "vais pas louper", "louperai pas", "peux pas rater", "peux pas manquer",
  // en
  "won t miss", "wont miss", "will not miss", "wouldn t miss", "wouldnt miss", "not going to miss", "not gonna miss",
  // es, pt
  "no voy a faltar", "no faltare", "no falto", "no me lo pierdo", "no me la pierdo", "no me pierdo", "no me lo voy a perder", "nao vou faltar", "nao falto", "nao vou perder", "nao perco",
  // ru, uk
  "не пропущу", "не пропустлю",
  // ar, fa, bn
  "لن أفوت", "لن افوت", "لن أتغيب", "لن اتغيب", "ما رح غيب", "مش هغيب", "ما نغيبش", "ما نفوتش", "از دست نمیدم", "غیبت نمی کنم", "মিস করব না", "মিস করবো না",
]);
/** "I can't come at the start, but I'll come", "আসবো না কেন, অবশ্যই আসবো": late, or coming after all. */
const BUT_COMING = / (?:mais je viens|mais je viendrai|but i ll come|but i will come|pero voy|pero llego|mas vou|но приду|але прийду|لكن سأحضر|بس رح اجي|ولی میام|খন আসবো|অবশ্যই আসবো|অবশ্যই আছি|পরে ঢুকবো|পরে আসবো|ግን ክመጽእ|en retard|late|tarde|опозда\S*|запізн\S*|متأخر|متاخر|دیر|ناوخته|দেরি|ክድንጒ|ክድንጉ) /u;
