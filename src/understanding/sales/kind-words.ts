/**
 * Words that say a message logs a sale or an expense, per language.
 *
 * Why lists rather than stems: stems over-match ("vend…" would catch
 * "vendredi"). Entries are folded with `foldKey`, so accents and Arabic letter
 * variants need not be repeated; Latin/Cyrillic typos one edit away are caught
 * by the fuzzy match in `lexicon.ts`. Multi-word entries are phrases.
 * Example: "اشتريت" and "إشتريت" both hit the Arabic expense entry.
 */

/**
 * Languages whose verb ends the clause ("۳ غذا به ۴۵ یورو فروختم"): there the
 * sale/expense word follows its amount, elsewhere it precedes it.
 */
export const VERB_FINAL_LANGUAGES: readonly string[] = ["fa", "ps", "bn", "ti"];

export const SALE_WORDS: Readonly<Record<string, readonly string[]>> = {
  fr: ["vendu", "vendus", "vendue", "vendues", "vendre", "vends", "vend", "vendons", "vendez", "vendent", "vendais", "vendait", "vendions", "vente", "ventes", "vandu", "vandus", "encaissé", "encaissée", "encaissés", "recette", "recettes"],
  en: ["sold", "sell", "sells", "selling", "sale", "sales", "soldd"],
  es: ["vendí", "vendimos", "vendido", "vendida", "vendidos", "vendidas", "vendo", "vende", "vendió", "venta", "ventas", "vender", "vendieron"],
  pt: ["vendi", "vendemos", "vendeu", "venda", "vendas", "venderam"],
  ru: ["продал", "продала", "продали", "продано", "продаю", "продаём", "продажа", "продажи", "продажу", "продать", "продавала", "продавал"],
  uk: ["продав", "продало", "продаж", "продажі", "продати", "продаємо"],
  ar: ["بعت", "بعنا", "باع", "باعت", "بيع", "البيع", "مبيعات", "المبيعات", "بعتها", "بعتهم", "بعته", "بعتلها", "بعتله", "بعتلهم", "بعتلو", "بيعت", "نبيع", "ابيع", "بعناها", "bi3t", "b3t", "ba3t", "bi3it", "bi3na", "b3na", "bi3ena", "be3t", "bi3thom", "b3thom"],
  fa: ["فروختم", "فروختیم", "فروخت", "فروختند", "فروختن", "فروش", "فروشم", "میفروشم", "می فروشم", "فروختمش", "بفروختم", "فروخته"],
  ps: ["وپلورل", "وپلورلې", "وپلورله", "وپلورلو", "وپلورلي", "وپلوره", "پلورل", "پلورلي", "پلورلې", "پلور", "خرڅ", "خرڅې", "خرڅه", "خرڅول", "خرڅلاو", "وپلورلل"],
  ti: ["ሸጥኩ", "ሸጥና", "ሸይጠ", "ሸይጥና", "ሸጠት", "ሸጠ", "ሸይጠዮ", "ሸይጣ", "ሽያጥ", "መሸጣ", "ተሸይጡ", "ሸጢ", "ሸጥክዎ", "ሸጢጠ", "ሸጢጥና", "ሸጢጣ", "ሸጢጦ"],
  bn: ["বিক্রি", "বিক্রী", "বিক্রয়", "বেচলাম", "বেচেছি", "বেচা", "বেচি", "বিক্রির", "bikri", "bikkri", "bechlam", "becchi", "bechechi"],
};

export const EXPENSE_WORDS: Readonly<Record<string, readonly string[]>> = {
  fr: ["acheté", "achetée", "achetés", "achetées", "achète", "achètes", "acheter", "achat", "achats", "dépense", "dépenses", "dépensé", "dépensée", "dépensés", "dépensées", "payé", "payée", "payés", "payer", "paye", "paie", "réglé", "réglée", "facture", "frais", "courses", "depence", "achter"],
  en: ["bought", "buy", "buying", "purchase", "purchased", "purchases", "spent", "spend", "spending", "paid", "pay", "paying", "expense", "expenses", "payed"],
  es: ["compré", "compramos", "compra", "compras", "comprado", "comprada", "gasté", "gastamos", "gasto", "gastos", "gastado", "pagué", "pagamos", "pago", "pagado", "factura"],
  pt: ["comprei", "compraram", "gastei", "paguei", "despesa", "despesas", "conta"],
  ru: ["купил", "купила", "купили", "куплено", "купить", "покупка", "покупки", "покупку", "потратил", "потратила", "потратили", "заплатил", "заплатила", "заплатили", "оплатил", "оплатила", "оплатили", "расход", "расходы", "трата", "траты", "затраты", "оплата"],
  uk: ["купив", "купівля", "витратив", "витратила", "витратили", "витрата", "витрати", "заплатив", "оплатив", "сплатив", "сплатила", "сплатили", "придбала", "придбав"],
  ar: ["اشتريت", "شريت", "اشترينا", "شرينا", "شراء", "الشراء", "مشتريات", "المشتريات", "دفعت", "دفعنا", "صرفت", "صرفنا", "مصروف", "مصاريف", "المصاريف", "مصروفات", "نفقة", "نفقات", "اشتريتها", "chrit", "shrit", "chrina", "shrina", "chrit", "chritha", "dfa3t", "khallast", "khlast"],
  fa: ["خریدم", "خریدیم", "خرید", "خریدی", "خریداری", "پرداختم", "پرداختیم", "پرداخت", "خرج", "خرچ", "مصرف", "هزینه", "هزینه ها", "خرجی", "پول دادم"],
  ps: ["واخیستل", "واخیست", "واخیستې", "واخیسته", "واخیستله", "واخیستلې", "اخیستل", "اخیستي", "اخیستی", "رانیول", "رانیولي", "رانیولې", "ورکړل", "ورکړه", "ورکړې", "لګښت", "لګښتونه", "لګول", "ولګول", "ولګولې", "تادیه"],
  ti: ["ዓደግኩ", "ዓዲገ", "ዓዲግና", "ዓደግና", "ገዛእኩ", "ገዚአ", "ከፈልኩ", "ከፊለ", "ከፊልና", "ከፈልና", "ወጻኢ", "ኣውጻእኩ", "ኣውጺአ", "ክፍሊት"],
  bn: ["কিনলাম", "কিনেছি", "কিনেছিলাম", "কেনা", "কিনি", "কিনলাম", "খরচ", "পরিশোধ", "পেমেন্ট", "কেনাকাটা", "kinlam", "kinsi", "kinechi", "khoroch", "khoros"],
};

/**
 * Phrases where a customer bought from / paid the member: a sale, although
 * they contain an expense verb ("un client m'a acheté…", "купили у меня…").
 */
export const SALE_BY_CUSTOMER: Readonly<Record<string, readonly string[]>> = {
  fr: ["m'a acheté", "m'ont acheté", "m'a payé", "m'ont payé", "m'a réglé", "m'a pris"],
  en: ["paid me", "bought from me", "customer bought", "customer paid", "client bought", "client paid"],
  es: ["me compró", "me compraron", "me pagó", "me pagaron"],
  pt: ["me comprou", "me compraram", "comprou-me", "compraram-me", "me pagou", "pagou-me"],
  ru: ["купил у меня", "купила у меня", "купили у меня", "заплатил мне", "заплатила мне", "заплатили мне"],
  uk: ["купив у мене", "купила у мене", "купили у мене", "купили в мене", "заплатили мені", "заплатив мені", "заплатила мені"],
  ar: ["اشترى مني", "اشترت مني", "اشتروا مني", "شرى مني", "دفع لي", "دفعوا لي"],
  fa: ["از من خرید", "از من خریدند", "ازم خرید", "ازم خریدن", "ازم خریدند"],
  ps: ["له ما یې واخیستل", "زما نه یې واخیستل"],
  ti: [],
  bn: ["আমার থেকে কিনেছে", "আমার কাছ থেকে কিনেছে"],
};
