import { describe, expect, it } from "vitest";
import {
  multiplyCents,
  normaliseText,
  parseNumeral,
  parseTransaction,
  readNumberWords,
  toCents,
  type ParsedTransaction,
} from "../../../../src/understanding/sales/index.ts";
import { rng } from "../../../support/rng.ts";
import { type CorpusCase, development, holdout, type Lang } from "./corpus.ts";

type Expect = Partial<ParsedTransaction>;

const NULLS: ParsedTransaction = { kind: null, amountCents: null, currency: null, quantity: null, item: null, unitPriceCents: null };

describe("examples from the issue", () => {
  it.each<[string, Expect]>([
    ["vendu 3 plats à 12€", { kind: "sale", amountCents: 3600, currency: "EUR", quantity: 3, item: "plats", unitPriceCents: 1200 }],
    ["بعت ٣ وجبات ب ٤٥ يورو", { kind: "sale", amountCents: 4500, currency: "EUR", quantity: 3, item: "وجبات" }],
    ["sold 2 bags for £30", { kind: "sale", amountCents: 3000, currency: "GBP", quantity: 2, item: "bags" }],
    ["acheté farine 12,50€", { kind: "expense", amountCents: 1250, currency: "EUR", quantity: null, item: "farine" }],
    ["vendí cinco empanadas a 2,50 €", { kind: "sale", amountCents: 1250, currency: "EUR", quantity: 5, item: "empanadas" }],
  ])("%s", (text, expected) => {
    expect(parseTransaction(text)).toMatchObject(expected);
  });

  it.each<[string, Expect]>([
    ["vendi 3 bolos a 4 reais", { kind: "sale", amountCents: 1200, currency: "EUR", quantity: 3, item: "bolos", habitCurrency: "reais" }],
    ["বিক্রি করলাম ৫টা সমুচা ২০০ টাকা", { kind: "sale", amountCents: 20000, currency: "EUR", habitCurrency: "টাকা" }],
    ["vendu 3 plats à 12 dh", { kind: "sale", amountCents: 3600, currency: "EUR", habitCurrency: "dh" }],
    ["продала 5 пирожков по 40 грн", { kind: "sale", amountCents: 20000, currency: "EUR", quantity: 5, habitCurrency: "грн" }],
  ])("a currency of home typed from habit is read in euros, and named: %s", (text, expected) => {
    expect(parseTransaction(text)).toMatchObject(expected);
  });

  it.each<[string, Expect]>([
    // Digits as letters inside a word ("bi3t" بعت) were read as quantities: "3 × t".
    ["bi3t 10 ftayer b 2 euro", { kind: "sale", amountCents: 200, quantity: 10, item: "ftayer" }],
    ["bi3t 5 msemen kol wa7da b 1.5 euro", { kind: "sale", amountCents: 750, quantity: 5, item: "msemen", unitPriceCents: 150 }],
    ["bi3t 4 khobz 1 euro lwa7da", { kind: "sale", amountCents: 400, quantity: 4, item: "khobz" }],
    ["chrit 2 kilo lhem b 20 euro", { kind: "expense", amountCents: 2000 }],
    // A digit first is still a number glued to its word.
    ["vendu 3plats a 2€", { kind: "sale", amountCents: 600, quantity: 3, item: "plats" }],
  ])("Arabic in Latin letters: %s", (text, expected) => {
    expect(parseTransaction(text)).toMatchObject(expected);
  });

  it("names no currency of home for euros, pounds or dollars", () => {
    for (const text of ["vendu 3 plats à 12€", "sold 2 bags for £30", "sold 3 plates for 12 dollars", "بعت ٣ وجبات ب ٤٥ يورو"]) expect(parseTransaction(text).habitCurrency, text).toBeUndefined();
  });

  // Found by trying the bot in each language: "each" said with the thing's name, and a number word
  // with its preposition glued on (Arabic "ب", Tigrinya "ብ").
  it.each<[string, Expect]>([
    ["بعت ٣ أطباق، كل طبق بـ١٢ يورو", { kind: "sale", amountCents: 3600, quantity: 3, item: "أطباق" }],
    ["بعت ثلاثة أطباق باثني عشر يورو", { kind: "sale", amountCents: 1200, quantity: 3, item: "أطباق" }],
    ["بعت خمسة أطباق بعشرين يورو للطبق", { kind: "sale", amountCents: 10000, quantity: 5, item: "أطباق" }],
    ["ሓሙሽተ እንጀራ ነፍሲ ወከፉ ብ3 ዩሮ ሸጥኩ", { kind: "sale", amountCents: 1500, quantity: 5, item: "እንጀራ" }],
    ["ሰለስተ ሸሓኒ ብዓሰርተ ክልተ ዩሮ ሸጥኩ", { kind: "sale", amountCents: 1200, quantity: 3, item: "ሸሓኒ" }],
    // Eritrean "I sold" (ሸጢጠ) is not part of the item; "10 € one" (ሓደ after the amount) is each.
    ["3 ሽሮ ሸጢጠ ብ 10 ዩሮ ሓደ", { kind: "sale", amountCents: 3000, quantity: 3, item: "ሽሮ" }],
    // Bengali in Latin letters: "4 ta" (four pieces), "bikri korsi" (I sold), "8 euro kore" (each), "kinlam" (bought).
    ["ami 4 ta plate bikri korsi 8 euro kore", { kind: "sale", amountCents: 3200, quantity: 4, item: "plate" }],
    ["20 euro diye bazar kinlam", { kind: "expense", amountCents: 2000, item: "bazar" }],
    // The letter O typed for a zero; the Cyrillic е and є glued to a number are the euro, like the Latin e.
    ["vendu 3 plats à 1O€", { kind: "sale", amountCents: 3000, quantity: 3, item: "plats" }],
    ["продала платье 25е", { kind: "sale", amountCents: 2500, item: "платье" }],
    ["продала вишиванку 40є", { kind: "sale", amountCents: 4000, item: "вишиванку" }],
  ])("%s", (text, expected) => {
    expect(parseTransaction(text)).toMatchObject(expected);
  });

  it("j'ai 3 enfants → all null", () => {
    expect(parseTransaction("j'ai 3 enfants")).toEqual(NULLS);
  });
});

describe("numerals → integer cents", () => {
  it.each<[string, number | null]>([
    ["12", 1200],
    ["12,50", 1250],
    ["12.50", 1250],
    ["12,5", 1250],
    ["19.99", 1999], // 19.99 * 100 is 1998.9999… in floating point
    ["0.29", 29],
    ["1,000", 100000], // a single group of three digits is thousands
    ["1.200", 120000],
    ["1.200,50", 120050],
    ["1,200.50", 120050],
    ["1.200.000", 120000000],
    ["0,500", 50], // …unless the integer part is 0
    ["12,345", 1234500],
    ["0,505", 51], // half-up at the cent
    ["12\u066B5", 1250], // Arabic decimal separator
    ["1\u066C200", 120000], // Arabic thousands separator
    ["1\u066C200,50", 120050],
    ["12.03.2024", null], // a date, not a number
    ["1.2.3", null],
    ["99999999999", null], // absurdly large
  ])("%s → %s", (raw, cents) => {
    expect(parseNumeral(raw)?.cents ?? null).toBe(cents);
  });

  it("keeps integers: cents are never fractional", () => {
    for (const raw of ["0.1", "0.2", "0.3", "1.005", "2,675", "33,33", "4.35", "1,15"]) {
      expect(Number.isInteger(parseNumeral(raw)?.cents)).toBe(true);
    }
    expect(toCents("0", "1")! + toCents("0", "2")!).toBe(toCents("0", "3"));
  });

  it("multiplies quantity × unit price exactly, including fractional quantities", () => {
    expect(multiplyCents(300, 1200)).toBe(3600);
    expect(multiplyCents(150, 1200)).toBe(1800); // 1,5 kg à 12€
    expect(multiplyCents(100_000_000, 1_000_000_000_000)).toBeNull();
  });
});

describe("digit scripts, separators and invisible characters", () => {
  it.each<[string, number, number | null]>([
    ["بعت ٣ وجبات ب ٤٥ يورو", 4500, 3], // Arabic-Indic
    ["۳ تا بولانی فروختم به ۱۵ یورو", 1500, 3], // Persian
    ["৫টা সমুচা বিক্রি করলাম ১০ ইউরো", 1000, 5], // Bengali
    ["اشتريت خضرة ب ٢٣٫٥٠ يورو", 2350, null], // ٫ decimal
    ["دفعت ١٬٢٠٠ يورو ايجار", 120000, null], // ٬ thousands
    ["بعت 3 وجبات ب ٤٥ يورو", 4500, 3], // mixed scripts
    ["vendu ３ plats à １２€", 3600, 3], // fullwidth
    ["payé 1 200 € de loyer", 120000, null], // plain space, next to a currency
    ["payé 1\u202F200 € de loyer", 120000, null], // narrow no-break space
    ["payé 1\u00A0200,50\u00A0€ de loyer", 120050, null], // no-break space
    ["payé 1.200,50 € de loyer", 120050, null],
    ["paid 1,000 euros rent", 100000, null],
    ["vente: 15 samoussas à 1€50", 2250, 15], // euros then cents
    ["купила овощи на 23 евро 50", 2350, null],
    ["\u200Fبعت ٤ وجبات ب ٤٠ يورو\u200F", 4000, 4], // RTL marks
    ["\u202Bبعت ٣ وجبات ب ٤٥ يورو\u202C", 4500, 3], // bidi embedding
    ["\u2067vendu 3 plats à 12€\u2069", 3600, 3], // bidi isolate
    ["ven\u200Bdu 3 pl\u200Dats à 1\u200B2€", 3600, 3], // zero-width
    ["\uFEFFvendu 3️⃣ plats à 12€", 3600, 3], // BOM, keycap digit
    ["✨VENDU✨ 3 plats 🍲 à 12€ 🙏🏾", 3600, 3], // emoji
    ["می‌فروشم ۲ تا ظرف به ۱۰ یورو", 1000, 2], // ZWNJ inside a Persian word
  ])("%s", (text, amountCents, quantity) => {
    expect(parseTransaction(text)).toMatchObject({ amountCents, quantity });
  });

  it("normalises to ASCII digits and strips bidi controls", () => {
    expect(normaliseText("\u200Fبعت ٣ وجبات ب ٤٥ يورو")).toBe("بعت 3 وجبات ب 45 يورو");
    expect(normaliseText("১২৩ ۴۵۶ ٧٨٩")).toBe("123 456 789");
  });
});

describe("currencies", () => {
  it.each<[string, "EUR" | "GBP" | "USD", number]>([
    ["vendu 3 plats 36€", "EUR", 3600],
    ["vendu 3 plats €36", "EUR", 3600],
    ["vendu 3 plats 36 EUR", "EUR", 3600],
    ["vendu 3 plats 36eur", "EUR", 3600],
    ["vendu 3 plats 36 euros", "EUR", 3600],
    ["vendu 3 plats 36e", "EUR", 3600],
    ["vendu 3 plats 36 balles", "EUR", 3600],
    ["بعت ٣ وجبات ب ٣٦ يورو", "EUR", 3600],
    ["۳ تا غذا فروختم ۳۶ یورو", "EUR", 3600],
    ["продала 3 пирога за 36 евро", "EUR", 3600],
    ["продала 3 пироги за 36 євро", "EUR", 3600],
    ["৩টা প্লেট বিক্রি ৩৬ ইউরো", "EUR", 3600],
    ["3 ባኒ ሸጥኩ 36 ዩሮ", "EUR", 3600],
    ["sold 3 bags £36", "GBP", 3600],
    ["sold 3 bags 36 pounds", "GBP", 3600],
    ["sold 3 bags $36", "USD", 3600],
    ["sold 3 bags 36 dollars", "USD", 3600],
    ["vendu 3 plats 36", "EUR", 3600], // no currency → EUR
  ])("%s → %s", (text, currency, amountCents) => {
    expect(parseTransaction(text)).toMatchObject({ currency, amountCents });
  });
});

const TWENTY: Readonly<Record<"fr" | "en" | "es" | "pt" | "ar", readonly string[]>> = {
  fr: ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"],
  en: ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"],
  es: ["uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte"],
  pt: ["um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove", "vinte"],
  ar: ["واحد", "اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "أحد عشر", "اثنا عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر", "ثمانية عشر", "تسعة عشر", "عشرين"],
};
const TEMPLATES: Readonly<Record<keyof typeof TWENTY, (n: string) => string>> = {
  fr: (n) => `vendu ${n} plats à 2€`,
  en: (n) => `sold ${n} cakes at £2`,
  es: (n) => `vendí ${n} empanadas a 2€`,
  pt: (n) => `vendi ${n} bolos a 2€`,
  ar: (n) => `بعت ${n} كيكات بسعر ٢ يورو`,
};

describe("number words", () => {
  const rows = (Object.keys(TWENTY) as (keyof typeof TWENTY)[]).flatMap((lang) =>
    TWENTY[lang].map((word, i) => [lang, word, i + 1] as const),
  );
  it.each(rows)("%s %s = %i", (lang, word, n) => {
    expect(parseTransaction(TEMPLATES[lang](word))).toMatchObject({ quantity: n, amountCents: n * 200 });
  });

  it.each<[string, number]>([
    ["продала три пирога по 2 евро", 3],
    ["продала двенадцать пирогов по 2 евро", 12],
    ["продала двадцать два пирожка по 2 евро", 22],
    ["продала п'ять пиріжків по 2 євро", 5],
    ["продала пʼять пиріжків по 2 євро", 5],
    ["продала дві сукні по 2 євро", 2],
    ["продала одинадцять пиріжків по 2 євро", 11],
    ["سه تا نان فروختم هر کدام ۲ یورو", 3],
    ["دوازده تا نان فروختم هر کدام ۲ یورو", 12],
    ["بیست و پنج تا نان فروختم هر کدام ۲ یورو", 25],
    ["پنځه ډوډۍ مې وپلورلې هره دانه ۲ یورو", 5],
    ["لس ډوډۍ مې وپلورلې هره دانه ۲ یورو", 10],
    ["তিনটা শাড়ি বিক্রি করলাম ২ ইউরো করে", 3],
    ["দুটো শাড়ি বিক্রি করলাম ২ ইউরো করে", 2],
    ["দশ শাড়ি বিক্রি করলাম ২ ইউরো করে", 10],
    ["ሰለስተ ባኒ ሸጥኩ ንሓደ 2 ዩሮ", 3],
    ["ዓሰርተ ሓደ ባኒ ሸጥኩ ንሓደ 2 ዩሮ", 11],
    ["፭ ባኒ ሸጥኩ ንሓደ 2 ዩሮ", 5],
    ["vendu vingt-deux samoussas à 2€", 22],
    ["vendu vingt et un samoussas à 2€", 21],
    ["sold twenty one cakes at 2€", 21],
    ["vendí veinte y dos empanadas a 2€", 22],
    ["بعت خمسة وعشرين قطعة كيك بسعر ٢ يورو", 25],
  ])("%s → %i", (text, n) => {
    expect(parseTransaction(text)).toMatchObject({ quantity: n, amountCents: n * 200 });
  });

  it("reads compounds without swallowing what follows", () => {
    expect(readNumberWords(["veinte", "y", "dos"], 0)).toEqual({ value: 22, length: 3 });
    expect(readNumberWords(["trois", "plats"], 0)).toEqual({ value: 3, length: 1 });
    expect(readNumberWords(["plats"], 0)).toBeNull();
  });
});

describe("unit price versus total", () => {
  it.each<[string, number, number | null]>([
    // unit price: total = quantity × price
    ["vendu 3 plats à 12€", 3600, 1200],
    ["vendu 3 plats a 12 euros", 3600, 1200],
    ["sold 3 cakes at £4", 1200, 400],
    ["sold 5 cupcakes @ £2.50", 1250, 250],
    ["sold 3 dresses 25€ each", 7500, 2500],
    ["sold 3 dresses for 25€ each", 7500, 2500],
    ["vendu 5 gâteaux 3,5€ pièce", 1750, 350],
    ["vendu 5 gâteaux 3,5€ la pièce", 1750, 350],
    ["vendu 6 yassa 10 € l'unité", 6000, 1000],
    ["vendu 3 boubous 45€ chacun", 13500, 4500],
    ["vendu 4 pots 5€/pièce", 2000, 500],
    ["vendu 3 plats × 12€", 3600, 1200],
    ["vendu 3 x 12€", 3600, 1200],
    ["продала 6 пирожков по 2 евро", 1200, 200],
    ["продала 6 пирожков 2 евро за штуку", 1200, 200],
    ["vendí 6 arepas a 3€", 1800, 300],
    ["vendí 3 tortillas a 5,5€ c/u", 1650, 550],
    ["vendi 8 coxinhas a 1,50€ cada", 1200, 150],
    ["بعت ٥ صحون بسعر ١٠ يورو للواحد", 5000, 1000],
    ["بعت ٥ صحون ب ١٠ يورو للواحد", 5000, 1000],
    ["۴ تا بولانی فروختم هر کدام ۵ یورو", 2000, 500],
    ["আজ ৫টা শাড়ি বিক্রি করলাম ৪০ ইউরো করে", 20000, 4000],
    ["৪টা পিঠা বিক্রি করলাম প্রতিটি ৩ ইউরো", 1200, 300],
    ["ሓሙሽተ ጠርሙዝ ጸባ ሸጥኩ ንሓደ 3 ዩሮ", 1500, 300],
    // total
    ["vendu 3 plats pour 36€", 3600, 1200],
    ["vendu 3 plats 36€", 3600, 1200],
    ["sold 2 bags for £30", 3000, 1500],
    ["продал три сумки за 60 евро", 6000, 2000],
    ["vendimos diez camisetas por 80€", 8000, 800],
    ["بعت ٣ وجبات ب ٤٥ يورو", 4500, 1500],
    ["امروز ۳ دستمال فروختم به ۲۴ یورو", 2400, 800],
    ["نن مې ۵ بولانۍ په ۲۰ یورو وپلورلې", 2000, 400],
    ["4 ባኒ ሸጥኩ ብ 12 ዩሮ", 1200, 300],
    ["দুইটা ব্যাগ বিক্রি করেছি ৩০ ইউরোতে", 3000, 1500],
    ["vendu 3 plats pour 10€", 1000, null], // 10/3 is not a whole number of cents
    // an explicit total wins over the unit price
    ["vendu 3 plats à 12€ = 36€", 3600, 1200],
    ["sold 4 meals at €8.50 each = €34", 3400, 850],
    ["sold twelve candles 60 euros total", 6000, 500],
    // unit price then a restated total
    ["vendu 3 plats 12€ 36€", 3600, 1200],
    // a count written as a multiplication prices each item
    ["Sold: 3 x samosa £1.50", 450, 150],
    ["vente 3x plats 12€", 3600, 1200],
    // "total" before an amount belongs to that amount, not to the previous one
    ["vendu 3 plats à 12€ et 2 jus à 2,50€ total 41€", 4100, null],
  ])("%s → %i", (text, amountCents, unitPriceCents) => {
    expect(parseTransaction(text)).toMatchObject({ amountCents, unitPriceCents });
  });

  it("adds up several priced lines", () => {
    expect(parseTransaction("vendu 2 robes 30€ et 1 sac 15€")).toMatchObject({ kind: "sale", amountCents: 4500, quantity: null, item: "robes + sac" });
    expect(parseTransaction("acheté farine 12€ sucre 5€")).toMatchObject({ kind: "expense", amountCents: 1700 });
  });

  it("multiplies fractional quantities exactly", () => {
    expect(parseTransaction("acheté 1,5 kg de viande à 12€ le kilo")).toMatchObject({ amountCents: 1800, quantity: null, item: "viande" });
  });
});

describe("sale versus expense words", () => {
  it.each<[Lang, string, "sale" | "expense"]>([
    ["fr", "vendu gâteau 10€", "sale"],
    ["fr", "vente gâteau 10€", "sale"],
    ["fr", "j'ai vendu un gâteau 10€", "sale"],
    ["fr", "un client m'a acheté un gâteau 10€", "sale"],
    ["fr", "acheté farine 10€", "expense"],
    ["fr", "achat farine 10€", "expense"],
    ["fr", "dépense farine 10€", "expense"],
    ["fr", "dépensé 10€ en farine", "expense"],
    ["fr", "payé 10€ le taxi", "expense"],
    ["fr", "achetter farine 10€", "expense"], // one typo away
    ["en", "sold a cake 10€", "sale"],
    ["en", "sale cake 10€", "sale"],
    ["en", "customer paid me 10€", "sale"],
    ["en", "bought flour 10€", "expense"],
    ["en", "spent 10€ on flour", "expense"],
    ["en", "paid 10€ for flour", "expense"],
    ["es", "vendí una torta 10€", "sale"],
    ["es", "compré harina 10€", "expense"],
    ["es", "gasté 10€ en harina", "expense"],
    ["es", "me compraron una torta 10€", "sale"],
    ["pt", "vendi um bolo 10€", "sale"],
    ["pt", "comprei farinha 10€", "expense"],
    ["pt", "gastei 10€ em farinha", "expense"],
    ["ru", "продал торт 10 евро", "sale"],
    ["ru", "продала торт 10 евро", "sale"],
    ["ru", "купил муку 10 евро", "expense"],
    ["ru", "купила муку 10 евро", "expense"],
    ["ru", "потратил 10 евро на муку", "expense"],
    ["ru", "потратила 10 евро на муку", "expense"],
    ["ru", "купили у меня торт 10 евро", "sale"],
    ["uk", "продав торт 10 євро", "sale"],
    ["uk", "продала торт 10 євро", "sale"],
    ["uk", "купила борошно 10 євро", "expense"],
    ["uk", "витратила 10 євро на борошно", "expense"],
    ["ar", "بعت كيكة ب ١٠ يورو", "sale"],
    ["ar", "بيع كيكة ١٠ يورو", "sale"],
    ["ar", "وبعت كيكة ب ١٠ يورو", "sale"],
    ["ar", "اشتريت طحين ب ١٠ يورو", "expense"],
    ["ar", "دفعت ١٠ يورو للتاكسي", "expense"],
    ["fa", "کیک فروختم ۱۰ یورو", "sale"],
    ["fa", "فروش کیک ۱۰ یورو", "sale"],
    ["fa", "آرد خریدم ۱۰ یورو", "expense"],
    ["fa", "خرچ تاکسی ۱۰ یورو", "expense"],
    ["ps", "ډوډۍ مې وپلورلې ۱۰ یورو", "sale"],
    ["ps", "ډوډۍ مې خرڅې کړې ۱۰ یورو", "sale"],
    ["ps", "اوړه مې واخیستل ۱۰ یورو", "expense"],
    ["ps", "لګښت ۱۰ یورو", "expense"],
    ["bn", "শাড়ি বিক্রি করলাম ১০ ইউরো", "sale"],
    ["bn", "রুটি বেচলাম ১০ ইউরো", "sale"],
    ["bn", "চাল কিনলাম ১০ ইউরো", "expense"],
    ["bn", "খরচ ১০ ইউরো", "expense"],
    ["ti", "ባኒ ሸጥኩ 10 ዩሮ", "sale"],
    ["ti", "ሽኮር ዓደግኩ 10 ዩሮ", "expense"],
    ["ti", "10 ዩሮ ከፈልኩ", "expense"],
  ])("%s: %s → %s", (_lang, text, kind) => {
    expect(parseTransaction(text)).toMatchObject({ kind, amountCents: 1000 });
  });

  it("takes the first clause's kind when a message mixes both", () => {
    expect(parseTransaction("vendu 3 plats à 12€, acheté farine 5€")).toMatchObject({ kind: "sale", amountCents: 3600 });
    expect(parseTransaction("vendu 3 plats à 12€ acheté farine 5€")).toMatchObject({ kind: "sale", amountCents: 3600 });
    expect(parseTransaction("acheté farine 5€ vendu 3 plats à 12€")).toMatchObject({ kind: "expense", amountCents: 500, quantity: null });
    expect(parseTransaction("۳ غذا به ۴۵ یورو فروختم ۲ کیلو آرد ۵ یورو خریدم")).toMatchObject({ kind: "sale", amountCents: 4500 });
  });
});

describe("messages without a sale/expense word", () => {
  it.each<[string, Expect]>([
    // quantity + item + written currency: clearly a sale
    ["3 plats à 12€", { kind: "sale", amountCents: 3600, quantity: 3 }],
    ["2 sacs wax 30€", { kind: "sale", amountCents: 3000, quantity: 2 }],
    ["۳ تا بولانی 15€", { kind: "sale", amountCents: 1500, quantity: 3 }],
    // an amount alone: reported, kind unknown
    ["12€", { kind: null, amountCents: 1200, currency: "EUR", quantity: null }],
    ["taxi 15€", { kind: null, amountCents: 1500, item: "taxi" }],
    ["١٢٫٥ يورو", { kind: null, amountCents: 1250 }],
    // a question is not a report
    ["combien pour 3 plats à 12€ ?", { kind: null, amountCents: 3600 }],
    // bare numbers without a sale word are not money
    ["3 plats à 12", NULLS],
  ])("%s", (text, expected) => {
    expect(parseTransaction(text)).toMatchObject(expected);
  });
});

describe("no amount → nothing to log", () => {
  it.each([
    "j'ai 3 enfants",
    "vendu 4 gâteaux",
    "I have 2 kids",
    "tengo 4 hijos",
    "عندي ٣ اولاد",
    "من دو تا پسر دارم",
    "у меня 2 детей",
    "আমার ২টা বাচ্চা আছে",
    "rdv demain à 14h avec la cliente",
    "la formation est le 12 mars à 10h",
    "mon numéro : 06 12 34 56 78",
    "réduction de 20% sur tout",
    "встреча в 15:00",
    "",
    "   ",
    "👍",
  ])("%j", (text) => {
    expect(parseTransaction(text)).toEqual(NULLS);
  });
});

describe("items", () => {
  it.each<[string, string | null]>([
    ["vendu 3 plats à 12€", "plats"],
    ["achat 3 kg d'oignons à 2€ le kilo", "oignons"],
    ["sale: 6 jars of honey @ €7", "jars of honey"],
    ["Vendu 4 tartes au citron à 6€", "tartes au citron"],
    ["plats x3 à 12€", "plats"],
    ["spent $45 on fabric", "fabric"],
    ["gasté 20 € en gasolina", "gasolina"],
    ["۴ تا بولانی فروختم هر کدام ۵ یورو", "بولانی"],
    ["آرد خریدم ۱۵ یورو", "آرد"],
    ["৫টা সমুচা বিক্রি করলাম ১০ ইউরো", "সমুচা"],
    ["продажа 10 шт. блинов 25€", "блинов"],
    ["customer paid me 40€", null],
  ])("%s → %s", (text, item) => {
    expect(parseTransaction(text).item).toBe(item);
  });
});

// ---------------------------------------------------------------------------
// Corpus accuracy
// ---------------------------------------------------------------------------
function fullMatch(c: CorpusCase): boolean {
  const r = parseTransaction(c.text);
  return r.kind === c.kind && r.amountCents === c.amountCents && r.currency === c.currency && r.quantity === c.quantity;
}

function measure(name: string, cases: readonly CorpusCase[]): number {
  const perLang = new Map<Lang, { ok: number; total: number }>();
  const failures: string[] = [];
  for (const c of cases) {
    const stat = perLang.get(c.lang) ?? { ok: 0, total: 0 };
    stat.total++;
    if (fullMatch(c)) stat.ok++;
    else failures.push(`  ✗ [${c.lang}] ${c.text} → ${JSON.stringify(parseTransaction(c.text))}`);
    perLang.set(c.lang, stat);
  }
  const ok = cases.filter(fullMatch).length;
  const accuracy = ok / cases.length;
  const langs = [...perLang].map(([lang, s]) => `${lang} ${s.ok}/${s.total}`).join(", ");
  console.log(`[sales corpus] ${name}: ${ok}/${cases.length} = ${(accuracy * 100).toFixed(1)}% (${langs})`);
  if (failures.length > 0) console.log(failures.join("\n"));
  return accuracy;
}

describe("labelled corpus", () => {
  it("is large enough and covers the eleven languages", () => {
    expect(development.length + holdout.length).toBeGreaterThanOrEqual(150);
    expect(holdout.length).toBeGreaterThanOrEqual(60);
    const langs: Lang[] = ["fr", "en", "ar", "fa", "ps", "ti", "es", "pt", "ru", "uk", "bn"];
    for (const lang of langs) {
      expect(development.some((c) => c.lang === lang)).toBe(true);
      expect(holdout.some((c) => c.lang === lang)).toBe(true);
    }
    const devTexts = new Set(development.map((c) => c.text));
    expect(holdout.filter((c) => devTexts.has(c.text))).toEqual([]);
  });

  it("development set ≥ 98% full match", () => {
    expect(measure("development", development)).toBeGreaterThanOrEqual(0.98);
  });

  it("holdout set ≥ 95% full match", () => {
    expect(measure("holdout", holdout)).toBeGreaterThanOrEqual(0.95);
  });
});

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

const PIECES: readonly string[] = [
  ..."0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹০১২৩৪৫৬৭৮৯",
  ".", ",", "٫", "٬", "،", " ", "  ", "\n", "\t", "\u00A0", "\u202F", "\u2009", "'", "’", "-", "/", ":", "=", "@", "x", "×", "%", "+",
  "€", "£", "$", "eur", "euros", "e", "يورو", "یورو", "евро", "євро", "ইউরো", "ዩሮ",
  "vendu", "acheté", "sold", "bought", "vendí", "comprei", "продала", "купила", "بعت", "اشتريت", "فروختم", "خریدم", "وپلورلې", "واخیستل", "বিক্রি", "কিনলাম", "ሸጥኩ", "ዓደግኩ",
  "à", "a", "at", "for", "pour", "por", "за", "по", "ب", "بسعر", "به", "په", "ብ", "each", "chacun", "cada", "للواحد", "করে", "ንሓደ", "total", "soit",
  "plats", "bags", "وجبات", "بولانی", "শাড়ি", "ባኒ", "trois", "twelve", "cinco", "ثلاثة", "سه", "তিনটা", "ሰለስተ", "vingt-", "dix",
  "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C",
  "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\uFE0F", "\u20E3", "\u0301", "\u064B", "\u0640",
  "😀", "🙏🏾", "👩‍🍳", "🇫🇷", "❤️", "3️⃣", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\u0000", "\u0007", "\uFFFD", "\uFFFF", "ﷺ", "ﻻ", "𝟙𝟚",
];

function randomText(next: () => number, maxLength: number): string {
  const target = Math.floor(next() * maxLength);
  let s = "";
  while (s.length < target) {
    const roll = next();
    if (roll < 0.7) s += PIECES[Math.floor(next() * PIECES.length)];
    else s += String.fromCharCode(Math.floor(next() * 0x10000)); // any UTF-16 unit, lone surrogates included
  }
  return s;
}

function expectWellFormed(r: ParsedTransaction): void {
  expect(Object.keys(r)).toEqual(["kind", "amountCents", "currency", "quantity", "item", "unitPriceCents"]);
  expect([null, "sale", "expense"]).toContain(r.kind);
  expect([null, "EUR", "GBP", "USD"]).toContain(r.currency);
  for (const v of [r.amountCents, r.unitPriceCents]) {
    if (v !== null) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  }
  if (r.quantity !== null) expect(Number.isSafeInteger(r.quantity) && r.quantity > 0).toBe(true);
  if (r.item !== null) expect(typeof r.item).toBe("string");
  expect(r.amountCents === null).toBe(r.currency === null);
}

describe("robustness", () => {
  it("never throws and stays well-formed on 2,000 random Unicode strings", () => {
    const next = rng(20240611);
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next, i % 50 === 0 ? 4000 : 160);
      let result: ParsedTransaction | undefined;
      expect(() => {
        result = parseTransaction(text);
      }, JSON.stringify(text)).not.toThrow();
      expectWellFormed(result as ParsedTransaction);
    }
  });

  it.each<[string, string]>([
    ["4,000 chars of a real message", "vendu 3 plats à 12€ ".repeat(200)],
    ["4,000 digits and dots", "1.".repeat(2000)],
    ["4,000 digits and spaces", "1 ".repeat(2000) + "€"],
    ["thousands groups", "1 000 ".repeat(700) + "€"],
    ["apostrophes", "a'".repeat(2000)],
    ["hyphens", "vingt-".repeat(700)],
    ["emoji", "😀🙏🏾❤️".repeat(800)],
    ["bidi soup", "\u202A\u202B\u202C\u2066\u2069\u200B\u200C\u200D".repeat(600)],
    ["combining marks", "e\u0301\u0302\u0303".repeat(1000)],
    ["lone surrogates", "\uD800\uDC00\uD800".repeat(1300)],
    ["typo-like words", "vendux achetex depensex ".repeat(170)],
    ["number words", "vingt et un ".repeat(400)],
    ["mixed kinds", "vendu acheté 1€ ".repeat(270)],
    ["RTL sales", "\u200Fبعت ٣ وجبات ب ٤٥ يورو\u200F ".repeat(110)],
    ["50,000 chars", "x".repeat(50_000)],
  ])("handles %s", (_name, text) => {
    expectWellFormed(parseTransaction(text));
  });

  it("returns null fields for non-string input at runtime", () => {
    expect(parseTransaction(undefined as unknown as string)).toEqual(NULLS);
    expect(parseTransaction(42 as unknown as string)).toEqual(NULLS);
  });
});
