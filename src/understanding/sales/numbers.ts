/**
 * Number words ("trois", "cinco", "ثلاثة", "سه", "তিনটা", "ሰለስተ"…) → integers.
 *
 * Why: members often spell small quantities out ("vendí cinco empanadas").
 * Covers 1–20 and the tens up to 50–90 in all eleven languages, plus compounds
 * ("vingt-deux", "twenty one", "двадцать два", "بیست و پنج", "خمسة وعشرين",
 * Arabic "ثلاثة عشر", French "dix sept", Tigrinya "ዓሰርተ ሓደ") and Ethiopic
 * numerals (፭, ፲፪).
 * Example: `readNumberWords(["veinte", "y", "dos"], 0)` → `{ value: 22, length: 3 }`.
 *
 * Deliberately absent: Persian/Dari "نه" (9, also "no") and Bengali "নয়"
 * (9, also "is not"), and Arabic "زوج" (a pair).
 */
import { foldKey } from "./digits.ts";

const WORDS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  fr: [["un", 1], ["une", 1], ["deux", 2], ["trois", 3], ["quatre", 4], ["cinq", 5], ["six", 6], ["sept", 7], ["huit", 8], ["neuf", 9], ["dix", 10], ["onze", 11], ["douze", 12], ["treize", 13], ["quatorze", 14], ["quinze", 15], ["seize", 16], ["vingt", 20], ["trente", 30], ["quarante", 40], ["cinquante", 50], ["soixante", 60]],
  en: [["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5], ["six", 6], ["seven", 7], ["eight", 8], ["nine", 9], ["ten", 10], ["eleven", 11], ["twelve", 12], ["thirteen", 13], ["fourteen", 14], ["fifteen", 15], ["sixteen", 16], ["seventeen", 17], ["eighteen", 18], ["nineteen", 19], ["twenty", 20], ["thirty", 30], ["forty", 40], ["fifty", 50], ["sixty", 60], ["seventy", 70], ["eighty", 80], ["ninety", 90]],
  es: [["uno", 1], ["una", 1], ["dos", 2], ["tres", 3], ["cuatro", 4], ["cinco", 5], ["seis", 6], ["siete", 7], ["ocho", 8], ["nueve", 9], ["diez", 10], ["once", 11], ["doce", 12], ["trece", 13], ["catorce", 14], ["quince", 15], ["dieciséis", 16], ["diecisiete", 17], ["dieciocho", 18], ["diecinueve", 19], ["veinte", 20], ["veintiuno", 21], ["veintiuna", 21], ["veintidós", 22], ["veintitrés", 23], ["veinticuatro", 24], ["veinticinco", 25], ["veintiséis", 26], ["veintisiete", 27], ["veintiocho", 28], ["veintinueve", 29], ["treinta", 30], ["cuarenta", 40], ["cincuenta", 50], ["sesenta", 60], ["setenta", 70], ["ochenta", 80], ["noventa", 90]],
  pt: [["um", 1], ["uma", 1], ["dois", 2], ["duas", 2], ["três", 3], ["quatro", 4], ["sete", 7], ["oito", 8], ["nove", 9], ["dez", 10], ["onze", 11], ["doze", 12], ["treze", 13], ["quatorze", 14], ["dezesseis", 16], ["dezasseis", 16], ["dezessete", 17], ["dezassete", 17], ["dezoito", 18], ["dezenove", 19], ["dezanove", 19], ["vinte", 20], ["trinta", 30], ["quarenta", 40], ["cinquenta", 50], ["sessenta", 60], ["setenta", 70], ["oitenta", 80], ["noventa", 90]],
  ru: [["один", 1], ["одна", 1], ["одно", 1], ["одну", 1], ["два", 2], ["две", 2], ["двое", 2], ["три", 3], ["трое", 3], ["четыре", 4], ["четверо", 4], ["пять", 5], ["пятеро", 5], ["шесть", 6], ["семь", 7], ["восемь", 8], ["девять", 9], ["десять", 10], ["одиннадцать", 11], ["двенадцать", 12], ["тринадцать", 13], ["четырнадцать", 14], ["пятнадцать", 15], ["шестнадцать", 16], ["семнадцать", 17], ["восемнадцать", 18], ["девятнадцать", 19], ["двадцать", 20], ["тридцать", 30], ["сорок", 40], ["пятьдесят", 50]],
  uk: [["одне", 1], ["дві", 2], ["двох", 2], ["трьох", 3], ["чотири", 4], ["п'ять", 5], ["шість", 6], ["сім", 7], ["вісім", 8], ["дев'ять", 9], ["одинадцять", 11], ["дванадцять", 12], ["тринадцять", 13], ["чотирнадцять", 14], ["п'ятнадцять", 15], ["шістнадцять", 16], ["сімнадцять", 17], ["вісімнадцять", 18], ["дев'ятнадцять", 19], ["двадцять", 20], ["тридцять", 30], ["п'ятдесят", 50]],
  ar: [["واحد", 1], ["واحدة", 1], ["وحدة", 1], ["أحد", 1], ["إحدى", 1], ["اثنين", 2], ["اثنان", 2], ["اثنتين", 2], ["اتنين", 2], ["تنين", 2], ["جوج", 2], ["اثنا", 2], ["اثني", 2], ["ثلاث", 3], ["ثلاثة", 3], ["تلات", 3], ["تلاتة", 3], ["تلاثة", 3], ["أربع", 4], ["أربعة", 4], ["خمس", 5], ["خمسة", 5], ["ست", 6], ["ستة", 6], ["سبع", 7], ["سبعة", 7], ["ثمان", 8], ["ثماني", 8], ["ثمانية", 8], ["تمن", 8], ["تمنية", 8], ["تمانية", 8], ["تسع", 9], ["تسعة", 9], ["عشر", 10], ["عشرة", 10], ["حداش", 11], ["حداعش", 11], ["احدعش", 11], ["اطناش", 12], ["اتناش", 12], ["طناش", 12], ["تلتاش", 13], ["تلطاش", 13], ["اربعتاش", 14], ["اربعطاش", 14], ["خمستاش", 15], ["خمسطاش", 15], ["ستاش", 16], ["سطاش", 16], ["سبعتاش", 17], ["سبعطاش", 17], ["تمنتاش", 18], ["تمنطاش", 18], ["تسعتاش", 19], ["تسعطاش", 19], ["عشرين", 20], ["عشرون", 20], ["ثلاثين", 30], ["تلاتين", 30], ["أربعين", 40], ["خمسين", 50]],
  fa: [["یک", 1], ["یه", 1], ["دو", 2], ["سه", 3], ["چهار", 4], ["چار", 4], ["پنج", 5], ["شش", 6], ["شیش", 6], ["هفت", 7], ["هشت", 8], ["ده", 10], ["یازده", 11], ["دوازده", 12], ["سیزده", 13], ["چهارده", 14], ["چارده", 14], ["پانزده", 15], ["پونزده", 15], ["شانزده", 16], ["شونزده", 16], ["هفده", 17], ["هفتده", 17], ["هجده", 18], ["هیجده", 18], ["هژده", 18], ["نوزده", 19], ["بیست", 20], ["سی", 30], ["چهل", 40], ["پنجاه", 50]],
  ps: [["یو", 1], ["یوه", 1], ["دوه", 2], ["درې", 3], ["څلور", 4], ["پنځه", 5], ["شپږ", 6], ["اووه", 7], ["اوه", 7], ["اته", 8], ["نهه", 9], ["لس", 10], ["یوولس", 11], ["دولس", 12], ["دیارلس", 13], ["څوارلس", 14], ["پنځلس", 15], ["شپاړس", 16], ["اوولس", 17], ["اتلس", 18], ["نولس", 19], ["شل", 20], ["دېرش", 30], ["پنځوس", 50]],
  bn: [["এক", 1], ["দুই", 2], ["দু", 2], ["তিন", 3], ["চার", 4], ["পাঁচ", 5], ["ছয়", 6], ["ছয়", 6], ["ছ", 6], ["সাত", 7], ["আট", 8], ["দশ", 10], ["এগারো", 11], ["এগার", 11], ["বারো", 12], ["তেরো", 13], ["তের", 13], ["চৌদ্দ", 14], ["চোদ্দ", 14], ["পনেরো", 15], ["পনের", 15], ["ষোলো", 16], ["ষোল", 16], ["সতেরো", 17], ["সতের", 17], ["আঠারো", 18], ["আঠার", 18], ["উনিশ", 19], ["বিশ", 20], ["কুড়ি", 20], ["ত্রিশ", 30], ["চল্লিশ", 40], ["পঞ্চাশ", 50]],
  ti: [["ሓደ", 1], ["ሓንቲ", 1], ["ክልተ", 2], ["ሰለስተ", 3], ["ኣርባዕተ", 4], ["ሓሙሽተ", 5], ["ሽዱሽተ", 6], ["ሸውዓተ", 7], ["ሸሞንተ", 8], ["ትሽዓተ", 9], ["ዓሰርተ", 10], ["ዕስራ", 20], ["ሰላሳ", 30], ["ኣርብዓ", 40], ["ሓምሳ", 50]],
};
// Shared spellings (es/pt "cinco", "seis", "quinze"; ru/uk "один", "три"…) listed once.
const SHARED: readonly (readonly [string, number])[] = [["cinco", 5], ["seis", 6], ["quinze", 15], ["catorze", 14], ["один", 1], ["одна", 1], ["одну", 1], ["два", 2], ["три", 3], ["десять", 10], ["сорок", 40]];

const VALUES: ReadonlyMap<string, number> = new Map(
  [...Object.values(WORDS).flat(), ...SHARED].map(([word, value]) => [foldKey(word), value] as const),
);
/** Words joining tens and units: "vingt et un", "veinte y dos", "twenty and one", "بیست و پنج". */
const CONNECTORS: ReadonlySet<string> = new Set(["et", "y", "e", "and", "и", "і", "й", "та", "و"]);
const ARABIC_TEEN = new Set([foldKey("عشر"), foldKey("عشرة")]);
// Bengali classifier suffixes glued to number words: তিনটা, দুটো, পাঁচটি, একখানা.
const BENGALI_SUFFIX = /(?:টা|টি|টো|টে|খানা|খানি)$/u;
const ETHIOPIC: Readonly<Record<string, number>> = {
  "፩": 1, "፪": 2, "፫": 3, "፬": 4, "፭": 5, "፮": 6, "፯": 7, "፰": 8, "፱": 9,
  "፲": 10, "፳": 20, "፴": 30, "፵": 40, "፶": 50, "፷": 60, "፸": 70, "፹": 80, "፺": 90,
};

function isTens(v: number | null): v is number {
  return v !== null && v >= 20 && v <= 90 && v % 10 === 0;
}

function isUnit(v: number | null): v is number {
  return v !== null && v >= 1 && v <= 9;
}

/** Ethiopic numerals are additive below 100 (tens then units): ፲፪ = 12. */
function ethiopicValue(key: string): number | null {
  const chars = [...key];
  if (chars.length === 0 || chars.length > 2) return null;
  const values = chars.map((c) => ETHIOPIC[c]);
  if (values.some((v) => v === undefined)) return null;
  const [a = 0, b = 0] = values as number[];
  if (chars.length === 2 && !(a >= 10 && b < 10)) return null;
  return a + b;
}

/** Value of one token key, including hyphenated compounds and Bengali suffixes. */
function tokenValue(key: string): number | null {
  const direct = VALUES.get(key);
  if (direct !== undefined) return direct;
  if (key.includes("-")) {
    const parts = key.split("-");
    const m = readNumberWords(parts, 0);
    return m !== null && m.length === parts.length ? m.value : null;
  }
  const stem = key.replace(BENGALI_SUFFIX, "");
  if (stem !== key) return VALUES.get(stem) ?? null;
  return ethiopicValue(key);
}

/**
 * Arabic "ب" and Tigrinya "ብ" ("for", "at") are written glued to the word after them: "باثني عشر",
 * "بعشرين", "ብዓሰርተ ክልተ". The number is read without it (its sense, a price, is the amount's), and
 * only among its own language's number words: Dari "بست" ("closed") is not "for six".
 */
const GLUED_PREPOSITIONS: readonly (readonly [string, ReadonlySet<string>])[] = [
  ["ب", new Set(WORDS.ar!.map(([w]) => foldKey(w)))],
  ["ብ", new Set(WORDS.ti!.map(([w]) => foldKey(w)))],
];
const NOT_GLUED = new Set(["بست"].map(foldKey));

function afterGluedPreposition(key: string): number | null {
  if (NOT_GLUED.has(key)) return null;
  for (const [prefix, words] of GLUED_PREPOSITIONS) {
    const rest = key.slice(prefix.length);
    if (key.startsWith(prefix) && words.has(rest)) return VALUES.get(rest) ?? null;
  }
  return null;
}

export interface NumberWordMatch {
  readonly value: number;
  /** How many keys the number spans. */
  readonly length: number;
}

/** Reads a (possibly multi-word) number starting at `keys[start]`; null if none. */
export function readNumberWords(keys: readonly string[], start: number): NumberWordMatch | null {
  const first = keys[start];
  if (first === undefined) return null;
  const v1 = tokenValue(first) ?? afterGluedPreposition(first);
  if (v1 === null) return null;
  const k2 = keys[start + 1];
  if (k2 === undefined) return { value: v1, length: 1 };
  const v2 = tokenValue(k2);
  if (isTens(v1)) {
    if (isUnit(v2)) return { value: v1 + v2, length: 2 };
    const k3 = keys[start + 2];
    const v3 = k3 === undefined ? null : tokenValue(k3);
    if (CONNECTORS.has(k2) && isUnit(v3)) return { value: v1 + v3, length: 3 };
  }
  if (isUnit(v1)) {
    if (ARABIC_TEEN.has(k2)) return { value: 10 + v1, length: 2 }; // ثلاثة عشر
    // Arabic unit-first compounds: "خمسة وعشرين" = 25 (و glued to the tens).
    if (k2.startsWith("و")) {
      const tens = tokenValue(k2.slice(1));
      if (isTens(tens)) return { value: v1 + tens, length: 2 };
    }
  }
  if (v1 === 10 && isUnit(v2)) return { value: 10 + v2, length: 2 }; // dix sept, ዓሰርተ ሓደ
  return { value: v1, length: 1 };
}
