/**
 * Words that are never the product: counters, measures, linking words and
 * everyday filler (pronouns, auxiliaries, time words, "client"), per language.
 *
 * Why: the item is what is left once these are removed, and a number counts as
 * a quantity only when a real word (or a counter/measure) follows it, so
 * "vendu 3 plats" has a quantity but "le 12 vendu…" does not.
 * Example: in "j'ai vendu 3 kg d'oignons", "j'ai" is filler, "kg" a measure,
 * and the item is "oignons".
 */

/** Counters written after a number: "3 pièces", "۴ تا", "৫টা", "10 шт". */
export const CLASSIFIERS: readonly string[] = [
  "pièces", "pieces", "pcs", "pc", "unités", "units", "piezas", "unidades", "peças",
  "шт", "штук", "штуки", "штуку", "штука",
  "حبات", "حبة", "قطع", "قطعة", "عدد", "تا", "دانه", "دانې", "ټوټې", "ټوټه", "عدده",
  "টা", "টি", "টো", "টে", "খানা", "খানি", "পিস", "ta", "ti", "pis",
];

/** Units of measure: the count is then a weight/volume, and "à N€" is per unit of it. */
export const MEASURES: readonly string[] = [
  "kg", "kgs", "kilo", "kilos", "g", "gr", "grammes", "grams", "l", "litre", "litres", "liter", "liters", "lb", "lbs",
  "douzaine", "douzaines", "dozen", "dozens", "docena", "docenas", "dúzia", "dúzias", "дюжина", "дюжины",
  "кг", "кило", "килограмм", "г", "гр", "л", "литр", "литра", "литров", "літр", "літри",
  "كيلو", "كغ", "كلغ", "كيلوغرام", "غرام", "لتر", "کیلو", "کیلوگرام", "گرام", "لیتر", "سیر",
  "কেজি", "কিলো", "গ্রাম", "লিটার", "ኪሎ", "ሊትሮ",
];

/** Linking words that may sit inside an item ("tartes au citron", "jars of honey"). */
export const LINKS: readonly string[] = [
  "de", "d", "du", "des", "au", "aux", "à la", "of", "del", "do", "da", "dos", "das", "et", "and", "y", "e", "и", "і", "та", "و", "د",
];

/** Filler that ends or precedes an item but is never part of it. */
export const STOPWORDS: readonly string[] = [
  // fr
  "je", "j'ai", "jai", "j", "ai", "il", "elle", "on", "nous", "vous", "ils", "elles", "a", "ont", "avons", "avez", "est", "sont", "le", "la", "les", "l",
  "un", "une", "mon", "ma", "mes", "ton", "ta", "son", "sa", "ses", "notre", "nos", "ce", "cet", "cette", "ces", "en", "dans", "sur", "avec", "chez", "par",
  "aujourd'hui", "auj", "aujourdhui", "hier", "demain", "matin", "soir", "midi", "ce matin", "ce soir", "cet après-midi", "semaine", "jour", "journée", "du jour", "marché", "au marché",
  "client", "cliente", "clients", "clientes", "quelqu'un", "aussi", "encore", "tout", "tous", "toutes", "merci", "svp", "stp", "bonjour", "salut", "ok", "voilà", "voila",
  "qui", "que", "qu", "ou", "mais", "donc", "car", "ne", "pas", "rien", "plus", "très", "bien", "m'a", "m'ont", "me", "moi", "lui", "leur", "y",
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  // en
  "i", "i've", "we", "we've", "he", "she", "they", "you", "have", "has", "had", "did", "do", "just", "today", "yesterday", "tonight", "this", "that", "morning",
  "evening", "afternoon", "the", "an", "some", "to", "on", "in", "my", "our", "your", "his", "her", "their", "customer", "customers", "client", "also", "again",
  "nothing", "day", "week", "thanks", "thank", "please", "hi", "hello", "me", "it", "them", "with", "from", "at", "market", "got", "was", "were", "is", "are", "been",
  // es / pt
  "yo", "eu", "he", "hemos", "hoy", "hoje", "ayer", "ontem", "el", "lo", "los", "las", "o", "os", "as", "uno", "um", "en", "em", "no", "na", "nos", "nas",
  "mi", "mis", "meu", "minha", "meus", "minhas", "para", "pra", "con", "com", "esta", "este", "esa", "esse", "essa", "mañana", "manhã", "tarde", "noche",
  "cliente", "clientes", "también", "também", "gracias", "obrigado", "obrigada", "hola", "olá", "me", "le", "se", "nada", "mercado", "feira",
  "tengo", "tenho",
  // ru / uk
  "я", "мы", "ми", "он", "она", "они", "вони", "сегодня", "сьогодні", "вчера", "вчора", "завтра", "на", "в", "у", "во", "с", "з", "із", "для", "от", "від",
  "меня", "мене", "мне", "мені", "мой", "моя", "мои", "мій", "моя", "клиенту", "клиентке", "клієнту", "клиент", "клієнт", "ещё", "ще", "тоже", "також",
  "спасибо", "дякую", "привет", "привіт", "утром", "вечером", "рынке", "базаре", "ринку", "маю", "есть",
  // ar
  "انا", "أنا", "احنا", "نحن", "اليوم", "امبارح", "البارحة", "أمس", "امس", "في", "من", "على", "الى", "إلى", "مع", "عن", "هذا", "هذه", "هاد", "هادي",
  "زبون", "زبونة", "الزبون", "الزبونة", "للزبون", "عندي", "عندنا", "كمان", "ايضا", "شكرا", "السلام", "عليكم", "مرحبا", "الصبح", "المسا", "السوق", "لي",
  // fa / ps
  "من", "ما", "تو", "او", "امروز", "دیروز", "فردا", "را", "رو", "در", "از", "با", "برای", "بخاطر", "هم", "این", "آن", "اون", "یک", "مشتری", "بازار",
  "کردم", "کردیم", "شد", "است", "بود", "دارم", "داریم", "مې", "مو", "یې", "زه", "نن", "پرون", "له", "ته", "سره", "کې", "لپاره", "زما", "کړل", "کړې", "کړه",
  // bn
  "আমি", "আমরা", "আমার", "আজ", "আজকে", "গতকাল", "কাল", "আর", "ও", "এবং", "করলাম", "করেছি", "করেছিলাম", "করি", "করে", "হয়েছে", "দিয়ে", "জন্য", "থেকে",
  "ami", "amra", "amar", "aj", "ajke", "gotokal", "korlam", "korsi", "korechi", "korchi", "kori", "hoise", "hoyeche", "diye", "jonno", "theke",
  "আছে", "কাস্টমার", "বাজারে", "দিলাম", "হলো",
  // ti
  "ኣነ", "ንሕና", "ሎሚ", "ትማሊ", "ጽባሕ", "ኣብ", "ካብ", "ምስ", "ናይ", "ን", "እዩ", "ነይሩ", "ኣሎ", "ዓሚል", "ዕዳጋ", "ኣለዉኒ", "ኣለኒ",
];
