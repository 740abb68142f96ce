/**
 * Words that tell a unit price from a total, per language.
 *
 * Why positional classes: "à" means "per item" only right before an amount
 * ("3 plats à 12€") — elsewhere it is "à emporter", "à Paris". So:
 * - UNIT_BEFORE / TOTAL_BEFORE count only when directly before the amount
 *   (or before its currency symbol: "for £30");
 * - EACH counts within a few words on either side ("45€ chacun", "cada uno a 3€");
 * - PER_UNIT_AFTER counts only just after the amount ("12€ la pièce", "১২ ইউরো করে");
 * - TOTAL_WORDS mark an explicit total ("= 36€", "total 60 euros", "итого").
 * An amount with none of these is the total.
 * Example: "بسعر ١٠ يورو للواحد" is a unit price; "ب ٤٥ يورو" is a total.
 */

export const UNIT_BEFORE: readonly string[] = [
  "à", "a", "at", "@", "au prix de", "по", "بسعر", "بسعر الواحد", "ንሓደ", "ንሓንቲ",
];

export const TOTAL_BEFORE: readonly string[] = [
  "pour", "pr", "for", "for a total of", "pour un total de", "за", "на сумму", "por", "por un total de",
  "ب", "بـ", "b", "bi", "بمبلغ", "بقيمة", "بمجموع", "مقابل", "به", "په", "ብ", "በ",
];

export const EACH: readonly string[] = [
  "chacun", "chacune", "chaque", "each", "each one", "apiece", "cada", "cada uno", "cada una", "cada um", "cada uma",
  "каждый", "каждая", "каждое", "каждую", "каждой", "кожен", "кожна", "кожне", "кожну", "кожний",
  "كل واحد", "كل واحدة", "لكل واحد", "لكل واحدة", "كل حبة", "كل وحدة", "كل قطعة", "كل علبة", "كل صحن", "كل طبق", "كل وجبة", "كل كيس", "كل كيلو", "كل قنينة", "كل فستان", "كل حقيبة", "كل شنطة",
  "kol wa7da", "kul wa7da", "kol wa7ed", "kul wa7ed", "kol wahda", "kol wahed", "kol we7da",
  "هر", "هر کدام", "هرکدام", "هر کدوم", "هرکدوم", "هر دانه", "هر عدد", "هر یک", "هر تا", "هره", "هره دانه", "هر یو", "هره یوه", "فی دانه", "دانه ای", "دانهای", "عددی", "دانه یی",
  "প্রতিটি", "প্রতিটা", "প্রতি", "প্রতি পিস", "protiti", "protita", "proti", "ነፍሲ ወከፍ", "ንነፍሲ ወከፍ", "ነፍሲ ወከፉ", "ነፍሲ ወከፋ", "ንነፍሲ ወከፉ",
];

export const PER_UNIT_AFTER: readonly string[] = [
  "pièce", "piece", "la pièce", "la piece", "pce", "pc", "l'unité", "unité", "l'un", "l'une", "par pièce", "par unité",
  "le kilo", "le kg", "du kilo", "la part", "par part", "par personne", "la portion", "la boîte", "le pot", "le sac", "la douzaine",
  "per piece", "a piece", "per unit", "a unit", "per item", "ea", "a pop", "per kg", "a kilo",
  "por unidad", "la unidad", "c/u", "por pieza", "el kilo", "la pieza", "por unidade", "a unidade", "por peça", "a peça", "o quilo", "o kg",
  "за штуку", "за шт", "штука", "за единицу", "за кг", "за кило", "за порцию", "за одну", "за одну штуку", "за одну", "за одне", "за порцію",
  "للواحد", "للواحدة", "الواحد", "الواحدة", "lwa7da", "lwa7ed", "l wa7da", "el wa7da", "lwahda", "للحبة", "الحبة", "للقطعة", "القطعة", "للوحدة", "الوحدة", "للصحن", "للطبق", "للكيلو", "الكيلو", "للعلبة", "العلبة",
  "دانه", "یوه دانه",
  "করে", "পিস প্রতি", "প্রতি পিস", "কেজি প্রতি", "প্রতি কেজি", "kore", "kore kore", "prti pis", "proti pis",
  "ንሓደ", "ንሓንቲ", "ሓደ", "ሓንቲ",
];

export const TOTAL_WORDS: readonly string[] = [
  "total", "au total", "en tout", "tout compris", "soit", "le tout", "ensemble", "=",
  "in total", "altogether", "all together", "all for", "for all", "en total", "no total", "ao todo", "todo por",
  "итого", "всего", "в сумме", "общая сумма", "разом", "усього", "всього", "загалом",
  "المجموع", "مجموع", "بالمجموع", "الإجمالي", "اجمالي", "الكل", "كلهم", "كلها", "الجميع",
  "جمعا", "جمعاً", "مجموعا", "در مجموع", "همه", "همش", "کل", "مجموع کل", "ټول", "ټول ټال", "ټولې",
  "মোট", "সব মিলিয়ে", "ጠቕላላ", "ብጠቕላላ", "ድምር", "ኩሉ",
];

/** Multiplication signs between a quantity and a price: "3 x 12€", "x3". */
export const MULTIPLY: readonly string[] = ["x", "×", "*"];
