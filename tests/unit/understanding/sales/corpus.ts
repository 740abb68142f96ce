/**
 * Labelled corpus of chat messages for the sales/expense parser, in the 11
 * languages of the Migracoop cohorts. Two sets:
 *
 * - `holdout`: written from the requirements BEFORE the parser existed and
 *   never tuned against. If a case here fails, fix the parser generically (a
 *   rule any speaker would agree on) or accept the miss — never special-case it.
 * - `development`: used while building the parser.
 *
 * Labels follow the documented contract (see src/understanding/sales/parse.ts):
 * - amountCents is the transaction total; an amount with no currency is EUR;
 * - no amount at all → everything null;
 * - no sale/expense word → kind "sale" only with currency + quantity + item,
 *   otherwise kind null (the amount is still reported).
 */

export type Lang = "fr" | "en" | "ar" | "fa" | "ps" | "ti" | "es" | "pt" | "ru" | "uk" | "bn";
export type Currency = "EUR" | "GBP" | "USD";

export interface CorpusCase {
  readonly lang: Lang;
  readonly text: string;
  readonly kind: "sale" | "expense" | null;
  readonly amountCents: number | null;
  readonly currency: Currency | null;
  readonly quantity: number | null;
}

function sale(lang: Lang, text: string, amountCents: number, quantity: number | null, currency: Currency = "EUR"): CorpusCase {
  return { lang, text, kind: "sale", amountCents, currency, quantity };
}

function expense(lang: Lang, text: string, amountCents: number, quantity: number | null, currency: Currency = "EUR"): CorpusCase {
  return { lang, text, kind: "expense", amountCents, currency, quantity };
}

/** An amount but no clear sale/expense reading: kind null, amount still reported. */
function unknown(lang: Lang, text: string, amountCents: number, quantity: number | null, currency: Currency = "EUR"): CorpusCase {
  return { lang, text, kind: null, amountCents, currency, quantity };
}

/** No amount: nothing to log, every field null. */
function none(lang: Lang, text: string): CorpusCase {
  return { lang, text, kind: null, amountCents: null, currency: null, quantity: null };
}

// ---------------------------------------------------------------------------
// HOLDOUT — frozen; do not edit to make the parser pass.
// ---------------------------------------------------------------------------
export const holdout: readonly CorpusCase[] = [
  // French
  sale("fr", "Vendu 4 tartes au citron à 6€ 🍋", 2400, 4),
  sale("fr", "vente 10 samoussas pour 15 euros", 1500, 10),
  expense("fr", "achat huile 8,90 €", 890, null),
  expense("fr", "jai acheté 2 sacs de riz a 18€ piece", 3600, 2),
  sale("fr", "aujourd'hui j'ai vendu trois boubous 45€ chacun", 13500, 3),
  expense("fr", "dépense loyer atelier 1 200 €", 120000, null),
  none("fr", "rdv demain à 14h avec la cliente"),
  none("fr", "j'ai vendu 2 colliers"),
  sale("fr", "✅ vendu 2 plats 🍲 à 12 €", 2400, 2),
  sale("fr", "VENDU 5 GATEAUX 3,50E", 350, 5),
  expense("fr", "achat tissu 1.250,00 €", 125000, null),
  sale("fr", "2 sacs wax 30€", 3000, 2),

  // English
  sale("en", "sold 5 cupcakes @ £2.50", 1250, 5, "GBP"),
  expense("en", "Bought flour and sugar for 23.40 eur", 2340, null),
  sale("en", "sold twelve candles 60 euros total", 6000, 12),
  expense("en", "spent $45 on fabric", 4500, null, "USD"),
  sale("en", "sold 3 dresses at 25 each", 7500, 3),
  expense("en", "paid 1,000 euros rent", 100000, null),
  none("en", "I have 2 kids"),
  sale("en", "sold 1,000 stickers at $0.50", 50000, 1000, "USD"),

  // Spanish
  sale("es", "vendí 6 arepas a 3€", 1800, 6),
  expense("es", "compré harina por 7,50 euros", 750, null),
  expense("es", "gasté 20 € en gasolina", 2000, null),
  sale("es", "vendimos diez camisetas por 80€", 8000, 10),
  sale("es", "venta de 3 pasteles a 4,50 cada uno", 1350, 3),
  none("es", "tengo 4 hijos"),
  sale("es", "vendí 3 tortillas a 5,5€ c/u", 1650, 3),

  // Portuguese
  sale("pt", "vendi 8 coxinhas a 1,50€ cada", 1200, 8),
  expense("pt", "comprei tecido por 35 euros", 3500, null),
  expense("pt", "gastei 12,30€ no mercado", 1230, null),
  sale("pt", "vendi duas bolsas por 40€", 4000, 2),
  expense("pt", "paguei 150 € de aluguel", 15000, null),
  none("pt", "vendi cinco pulseiras"),

  // Arabic
  sale("ar", "بعت ٥ صحون كسكس بسعر ١٠ يورو للواحد", 5000, 5),
  expense("ar", "اشتريت خضرة ب ٢٣٫٥٠ يورو", 2350, null),
  sale("ar", "بعت عشرة كيكات ب 30 يورو", 3000, 10),
  expense("ar", "دفعت ايجار المحل ٨٠٠ يورو", 80000, null),
  sale("ar", "بعت 2 فساتين ب 70€", 7000, 2),
  none("ar", "عندي ٣ اولاد"),
  sale("ar", "بعت ثلاث علب حلويات بسعر ١٢ يورو للعلبة", 3600, 3),
  sale("ar", "\u200Fبعت ٤ وجبات ب ٤٠ يورو\u200F", 4000, 4),
  unknown("ar", "١٢٫٥ يورو", 1250, null),

  // Dari / Persian
  sale("fa", "۴ تا بولانی فروختم هر کدام ۵ یورو", 2000, 4),
  sale("fa", "امروز ۳ دستمال فروختم به ۲۴ یورو", 2400, 3),
  expense("fa", "آرد خریدم ۱۵ یورو", 1500, null),
  expense("fa", "۲۰ یورو برای تاکسی پرداختم", 2000, null),
  sale("fa", "فروش ۶ عدد سمبوسه ۱۲ یورو", 1200, 6),
  none("fa", "من دو تا پسر دارم"),
  expense("fa", "خرچ کرایه ۴۵۰ یورو", 45000, null),
  unknown("fa", "۵ یورو", 500, null),

  // Pashto
  sale("ps", "نن مې ۵ بولانۍ په ۲۰ یورو وپلورلې", 2000, 5),
  expense("ps", "۳ کیلو اوړه مې واخیستل ۶ یورو", 600, 3),
  sale("ps", "ما ۱۰ ټوټې ټوکر خرڅ کړل هره یوه ۴ یورو", 4000, 10),
  expense("ps", "د دوکان کرایه مې ورکړه ۳۰۰ یورو", 30000, null),
  none("ps", "زه درې ماشومان لرم"),
  sale("ps", "۲ چپنې مې وپلورلې ۹۰ یورو", 9000, 2),

  // Tigrinya
  sale("ti", "4 ባኒ ሸጥኩ ብ 12 ዩሮ", 1200, 4),
  sale("ti", "ሓሙሽተ ጠርሙዝ ጸባ ሸጥኩ ንሓደ 3 ዩሮ", 1500, 5),
  expense("ti", "ሽኮር ዓደግኩ 9 ዩሮ", 900, null),
  expense("ti", "ንታክሲ 15 ዩሮ ከፈልኩ", 1500, null),
  sale("ti", "ክልተ ቀሚሽ ሸጥኩ 50 ዩሮ", 5000, 2),
  none("ti", "ሰለስተ ቆልዑ ኣለዉኒ"),

  // Russian
  sale("ru", "продала 6 пирожков по 2 евро", 1200, 6),
  expense("ru", "купил муку за 9,80 евро", 980, null),
  expense("ru", "потратила 35€ на ткань", 3500, null),
  sale("ru", "продал три сумки за 60 евро", 6000, 3),
  sale("ru", "продажа 10 шт. блинов 25€", 2500, 10),
  none("ru", "у меня 2 детей"),

  // Ukrainian
  sale("uk", "продала 5 порцій вареників по 7 євро", 3500, 5),
  expense("uk", "купила тканину за 40 євро", 4000, null),
  expense("uk", "витратила 12,5 євро на таксі", 1250, null),
  sale("uk", "продав дві сорочки за 50€", 5000, 2),
  expense("uk", "заплатила 600 євро за оренду", 60000, null),
  none("uk", "маю трьох дітей"),

  // Bengali
  sale("bn", "আজ ৫টা শাড়ি বিক্রি করলাম ৪০ ইউরো করে", 20000, 5),
  expense("bn", "৩ কেজি চাল কিনলাম ৬ ইউরো", 600, 3),
  expense("bn", "দোকান ভাড়া খরচ ৫০০ ইউরো", 50000, null),
  sale("bn", "১০টা সমুচা বিক্রি ১৫ ইউরো", 1500, 10),
  sale("bn", "দুইটা ব্যাগ বিক্রি করেছি ৩০ ইউরোতে", 3000, 2),
  none("bn", "আমার ২টা বাচ্চা আছে"),
];

// ---------------------------------------------------------------------------
// DEVELOPMENT
// ---------------------------------------------------------------------------
export const development: readonly CorpusCase[] = [
  // French
  sale("fr", "vendu 3 plats à 12€", 3600, 3),
  expense("fr", "acheté farine 12,50€", 1250, null),
  none("fr", "j'ai 3 enfants"),
  sale("fr", "Vendu 2 boubous 80 euros", 8000, 2),
  sale("fr", "vente: 15 samoussas à 1€50", 2250, 15),
  sale("fr", "jai vendu une robe wax 35e", 3500, 1),
  expense("fr", "dépensé 42,30 € au marché", 4230, null),
  expense("fr", "payé le loyer 650€", 65000, null),
  expense("fr", "achat 3 kg d'oignons à 2€ le kilo", 600, 3),
  sale("fr", "vendu 10 bissap pour 20€ 😊", 2000, 10),
  sale("fr", "3 plats à 12€", 3600, 3),
  sale("fr", "vendu douze beignets 6 €", 600, 12),
  sale("fr", "Vendu 3 plats à 12€ = 36€", 3600, 3),
  expense("fr", "facture atelier 1 200,50 €", 120050, null),
  sale("fr", "un client m'a acheté 2 sacs à 25€", 5000, 2),
  none("fr", "demain je vends au marché"),
  none("fr", "vendu 4 gâteaux"),
  expense("fr", "j'ai acheté du tissu pour 60 €", 6000, null),
  sale("fr", "✨VENDU✨ 3 plats à 12€ 🙏🏾", 3600, 3),
  expense("fr", "loyer payé 1\u202F250,00\u00A0€", 125000, null),
  sale("fr", "ven\u200Bdu 2 tartes 16€", 1600, 2),
  sale("fr", "vendu 3 plats à 12€, acheté farine 5€", 3600, 3),
  expense("fr", "acheté 2 sacs farine à 15€ et vendu 10 pains à 2€", 3000, 2),
  sale("fr", "vendu 2 robes 30€ et 1 sac 15€", 4500, null),
  unknown("fr", "1.200,50 €", 120050, null),
  sale("fr", "vendu 5 gâteaux 3,5€ pièce", 1750, 5),
  sale("fr", "VENDU 2 PLATS A 12", 2400, 2),
  expense("fr", "achat 10€ de sucre", 1000, null),
  sale("fr", "vendu 6 yassa poulet 10 € l'unité", 6000, 6),
  unknown("fr", "taxi 15€", 1500, null),

  // English
  sale("en", "sold 2 bags for £30", 3000, 2, "GBP"),
  sale("en", "Sold 4 cakes at 5 each", 2000, 4),
  expense("en", "bought fabric 25.99 EUR", 2599, null),
  expense("en", "spent 12€ on taxi", 1200, null),
  sale("en", "sold three necklaces for 45 euros", 4500, 3),
  expense("en", "paid rent £450", 45000, null, "GBP"),
  sale("en", "sale: 6 jars of honey @ €7", 4200, 6),
  sale("en", "sold 10 x 2.50", 2500, 10),
  sale("en", "customer paid me 40€", 4000, null),
  unknown("en", "20 euros", 2000, null),
  none("en", "I sold nothing today"),
  sale("en", "sold 2 dresses at $25", 5000, 2, "USD"),
  sale("en", "sold 3 cakes 4.5 each", 1350, 3),

  // Spanish
  sale("es", "vendí cinco empanadas a 2,50 €", 1250, 5),
  sale("es", "vendi 4 tamales por 10 euros", 1000, 4),
  expense("es", "compré verduras 15,20€", 1520, null),
  expense("es", "gasté 8 euros en el metro", 800, null),
  sale("es", "venta 12 alfajores a 1,50", 1800, 12),
  expense("es", "pagué el alquiler 500€", 50000, null),
  sale("es", "vendí dos vestidos por 60€", 6000, 2),
  sale("es", "hoy vendí 7 arepas 21 €", 2100, 7),
  sale("es", "me compraron 3 collares a 10€ cada uno", 3000, 3),
  none("es", "tengo 2 hermanos"),

  // Portuguese
  sale("pt", "vendi 6 pastéis a 2€", 1200, 6),
  sale("pt", "vendi três bolos por 45 euros", 4500, 3),
  expense("pt", "comprei farinha 9,90€", 990, null),
  expense("pt", "gastei 30 euros em transporte", 3000, null),
  expense("pt", "paguei a luz 85,40 €", 8540, null),
  sale("pt", "venda de 10 brigadeiros a 1€ cada", 1000, 10),
  sale("pt", "vendi uma bolsa 25€", 2500, 1),
  sale("pt", "vendemos 20 salgados por 30€", 3000, 20),
  none("pt", "tenho 3 filhos"),

  // Arabic
  sale("ar", "بعت ٣ وجبات ب ٤٥ يورو", 4500, 3),
  sale("ar", "بعت ٤ صحون كسكس بسعر ١٢ يورو للواحد", 4800, 4),
  expense("ar", "اشتريت طحين ب ١٥ يورو", 1500, null),
  sale("ar", "بعت خمس كيكات ب 25 يورو", 2500, 5),
  expense("ar", "دفعت ٣٠ يورو للتاكسي", 3000, null),
  sale("ar", "بعت 2 عباية ب 120€", 12000, 2),
  expense("ar", "صرفت ٢٠٫٥٠ يورو على الخضرة", 2050, null),
  sale("ar", "وبعت ستة فطاير بسعر ٣ يورو للحبة", 1800, 6),
  sale("ar", "مبيعات اليوم ٨٠ يورو", 8000, null),
  none("ar", "عندي ٣ بنات"),
  sale("ar", "بعت ١٠ قطع حلويات ب ٢٠ يورو", 2000, 10),
  sale("ar", "\u202Bبعت ٣ وجبات ب ٤٥ يورو\u202C", 4500, 3),
  sale("ar", "بعت ٢ كيلو كعك ب ١٬٥٠٠ يورو", 150000, 2),

  // Dari / Persian
  sale("fa", "۳ تا بولانی فروختم به ۱۵ یورو", 1500, 3),
  sale("fa", "امروز ۵ دستمال فروختم هر کدام ۸ یورو", 4000, 5),
  expense("fa", "برنج خریدم ۲۲ یورو", 2200, null),
  expense("fa", "۱۲٫۵ یورو برای نان پرداختم", 1250, null),
  sale("fa", "فروش ۴ عدد کیک ۲۰ یورو", 2000, 4),
  expense("fa", "خرید پارچه ۳۵ یورو", 3500, null),
  sale("fa", "سه تا لباس فروختم ۶۰ یورو", 6000, 3),
  none("fa", "من ۲ تا بچه دارم"),
  sale("fa", "می‌فروشم ۲ تا ظرف به ۱۰ یورو", 1000, 2),
  sale("fa", "۳ تا بولانی 15€", 1500, 3),

  // Pashto
  sale("ps", "ما ۴ بولانۍ په ۱۲ یورو وپلورلې", 1200, 4),
  expense("ps", "۲ کیلو غوښه مې واخیستله ۱۸ یورو", 1800, 2),
  sale("ps", "پنځه ډوډۍ مې خرڅې کړې هره دانه ۲ یورو", 1000, 5),
  expense("ps", "د ټکسي لپاره ۱۵ یورو ورکړل", 1500, null),
  sale("ps", "نن مې ۳ جامې وپلورلې ۴۵ یورو", 4500, 3),
  expense("ps", "لګښت ۲۵ یورو", 2500, null),
  none("ps", "زما ۲ ورونه دي"),
  sale("ps", "۶ دانې سموسې مې وپلورلې په ۹ یورو", 900, 6),

  // Tigrinya
  sale("ti", "3 ባኒ ሸጥኩ ብ 9 ዩሮ", 900, 3),
  sale("ti", "ክልተ ጸሊም ቀሚሽ ሸጥኩ ንሓደ 25 ዩሮ", 5000, 2),
  expense("ti", "ሽኮርን ጸባን ዓደግኩ 14 ዩሮ", 1400, null),
  sale("ti", "ኣርባዕተ እንጀራ ሸጥኩ 12 ዩሮ", 1200, 4),
  expense("ti", "ን ገዛ ክራይ 400 ዩሮ ከፊለ", 40000, null),
  sale("ti", "ሎሚ 5 ቡን ሸጥኩ ነፍሲ ወከፍ 2 ዩሮ", 1000, 5),
  none("ti", "ክልተ ቆልዑ ኣለዉኒ"),
  sale("ti", "ዓሰርተ ሳምቡሳ ሸጥኩ ብ 15 ዩሮ", 1500, 10),

  // Russian
  sale("ru", "продала 5 пирожков по 3 евро", 1500, 5),
  sale("ru", "продал 2 сумки за 50€", 5000, 2),
  expense("ru", "купила муку 4,50 евро", 450, null),
  expense("ru", "потратил 20 евро на бензин", 2000, null),
  sale("ru", "продажа: 8 блинов по 2,5 евро", 2000, 8),
  expense("ru", "заплатила за аренду 700 €", 70000, null),
  sale("ru", "продала три платья за 90 евро", 9000, 3),
  sale("ru", "купили у меня 4 торта по 15 евро", 6000, 4),
  none("ru", "у меня трое детей"),

  // Ukrainian
  sale("uk", "продала 6 пиріжків по 2 євро", 1200, 6),
  sale("uk", "продав 3 сумки за 75 євро", 7500, 3),
  expense("uk", "купила борошно 6,20 євро", 620, null),
  expense("uk", "витратила 15 євро на проїзд", 1500, null),
  expense("uk", "заплатив 1 200 євро за оренду", 120000, null),
  sale("uk", "продала дві сукні по 40€", 8000, 2),
  sale("uk", "сьогодні продала 10 вареників 20 євро", 2000, 10),
  none("uk", "маю двох синів"),

  // Bengali
  sale("bn", "৫টা সমুচা বিক্রি করলাম ১০ ইউরো", 1000, 5),
  sale("bn", "আজ ৩টা শাড়ি বিক্রি করেছি ৫০ ইউরো করে", 15000, 3),
  expense("bn", "চাল কিনলাম ১২ ইউরো", 1200, null),
  expense("bn", "বাজার খরচ ৩৫.৫০ ইউরো", 3550, null),
  sale("bn", "দুটো ব্যাগ বিক্রি ৪০ ইউরোতে", 4000, 2),
  expense("bn", "২ কেজি মাছ কিনলাম ১৮ ইউরো", 1800, 2),
  sale("bn", "৪টা পিঠা বিক্রি করলাম প্রতিটি ৩ ইউরো", 1200, 4),
  none("bn", "আমার ৩টা ছেলে আছে"),
  sale("bn", "১০ টা রুটি বেচলাম ৫ ইউরো", 500, 10),
];
