/* What words say in so many words, in every supported language: lists the understanding checks the model's guess against. */

/** Accounting and taxes, in every supported language: questions for the team. */
export const ACCOUNTING = /[\s'’](?:compta|comptabilite|comptabilité|comptable|tva|impots|impôts|urssaf|accounting|accountant|bookkeeping|tax|taxes|vat|contabilidad|contable|iva|impuestos|contabilidade|contabilista|impostos|бухгалтер\S*|налог\S*|податк\S*|المحاسبة|محاسبة|الضريبة|ضريبة|الضرائب|حسابداری|مالیات|حساب کتاب|مالیه|হিসাবরক্ষণ|হিসাবরক্ষক|ভ্যাট|ሕሳብ|ግብሪ)(?=[\s?？؟!.,]|$)/u;

/** Whether a text has one of a list's words: the lists below start with a space or an apostrophe and end before a space or a stop. */
export const mentions = (words: RegExp, text: string) => words.test(` ${text.toLowerCase()} `);

/** "I made a mistake", in every supported language and in Arabic in Latin letters. */
export const MISTAKE = /[\s'’](?:trompe|trompé|trompée|erreur|mistake|wrong|error|equivoque|equivoqué|me equivoqué|errei|enganei|ошиблась|ошибся|ошибка|помилилась|помилився|помилка|غلطت|غلط|خطأ|أخطأت|اخطأت|ghlatt|ghlat|ghalat|ghalta|اشتباه|اشتباهی|غلطي|ভুল|ጌጋ|ተጋገየ\S*|ተጋጊየ)(?=[\s?？؟!.,]|$)/u;

/** "I don't know if I'm coming", "maybe", in every supported language. */
export const UNSURE = /[\s'’](?:sais pas|sait pas|sais plus|peut-etre|peut-être|peut etre|pas sur|pas sûr|pas sure|pas sûre|not sure|don t know|dont know|don't know|maybe|perhaps|no se|no sé|quizas|quizás|tal vez|a lo mejor|talvez|nao sei|não sei|не знаю|может быть|может|можливо|не впевнен\S*|ما عرفتش|مش عارف|مش عارفة|لا أعرف|لا اعرف|يمكن|ربما|نمی دانم|نمیدانم|نمی‌دانم|شاید|نه پوهېږم|نه پوهیږم|ښايي|জানি না|হয়তো|ኣይፈልጥን|ምናልባት)(?=[\s?？؟!.,]|$)/u;

/** Their data, in every supported language: "a question about my data" is "my data". */
export const DATA_WORDS = /[\s'’](?:data|donnees|données|datos|dados|данные|данных|дані|даних|بيانات|بياناتي|معلومات|معلوماتي|داده|داده‌ها|اطلاعات|معلومات|ډاټا|তথ্য|ডেটা|ሓበሬታ|ዳታ)(?=[\s?？؟!.,]|$)/u;

/** A question mark of any of our scripts (Latin, Arabic, Ge'ez): a "question" the model guesses without one, about an item sold, may be a sale. */
export const QUESTION_MARK = /[?？؟፧]/u;

/** The word "question", or being paid, in every supported language: what the team answers. */
export const ASKS_THE_TEAM = /[\s'’](?:questions?|pregunta|preguntas|pergunta|perguntas|вопрос|вопросы|питання|سؤال|سؤالي|سوال|سوالی|پوښتنه|প্রশ্ন|ሕቶ|payée?s?|paye|paie|salaire|rémunérée?|remuneree?|get paid|salary|cobrar|cobro|sueldo|salário|salario|receber|зарплат\S*|заробітн\S*|راتب|رواتب|حقوق|تنخوا|বেতন|ደሞዝ)(?=[\s?？؟!.,]|$)/u;

/** Borrowing or lending money, in every supported language: the team's matter, never a sale. */
export const LENDING = /[\s'’](?:lend|loan|borrow|prete|prête|prêter|preter|pretez|prêtez|emprunt\S*|prestar|prestame|préstame|prestamo|préstamo|emprestar|empresta|empréstimo|emprestimo|одолж\S*|займ\S*|в долг|позич\S*|в борг|سلف|سلفة|سلفني|تسلفني|قرض|قرض بده|قرض بدین|پور|ধার|ሊቓሕ|ልቓሕ)(?=[\s?？؟!.,]|$)/u;

/** "I don't know how (to pay)", "help me", in every supported language: a worry for the team, not an entry. */
export const HELPLESS = /[\s'’](?:sais pas comment|sait pas comment|sais pas quoi faire|don t know how|dont know how|don't know how|no se como|no sé cómo|no se que hacer|no sé qué hacer|nao sei como|não sei como|не знаю как|не знаю що|не знаю як|ما بعرف كيف|ما نعرفش كيفاش|مش عارف ازاي|مش عارفة ازاي|لا أعرف كيف|نمیدونم چطور|نمی دانم چطور|نمیدانم چگونه|نه پوهېږم څنګه|জানি না কিভাবে|কিভাবে দিব জানি না|ከመይ ከም ዝኸፍል ኣይፈልጥን)(?=[\s?？؟!.,]|$)/u;

/** Asking whether one may ("je peux venir avec eux ?", "can I bring…?"): a question, when asked with its mark. */
export const MAY_I = /[\s'’](?:je peux|j peux|jpeux|puis-je|puis je|on peut|peut-on|can i|may i|could i|can we|puedo|se puede|podemos|posso|podemos|pode-se|можно|могу ли|можна|чи можу|ممكن|يمكنني|أقدر|اقدر|نقدر|میتونم|می‌توانم|میتوانم|کولای شم|کولی شم|পারি|পারবো|ይኽእል|ክኢል)(?=[\s?？؟!.,]|$)/u;

/** Words beside "my data" that ask nothing more: "mis datos por favor", "my data pls", "mes données svp". */
const DATA_FILLER = /(?<=\s)(?:my|mes|ma|mon|mis|mi|meus|minhas|meu|minha|os|as|los|las|les|the|all|toutes|tous|todos|todas|мои|мої|все|всі|моих|please|pls|plz|svp|stp|s il vous plait|s il te plait|por favor|porfa|porfavor|пожалуйста|будь ласка|لو سمحت|من فضلك|لطفا|لطفاً|مهرباني|দয়া করে|ብኽብረትኩም|merci|thanks|thank you|gracias|obrigado|obrigada|спасибо|дякую|شكرا|مرسی|ধন্যবাদ|hello|bonjour|hola|ola|olá|привет|привіт|سلام|السلام عليكم|salam|ሰላም)(?=\s)/gu;

/** Whether the words are "my data" and nothing more (politeness, "my", "all" aside). */
export function onlyData(text: string): boolean {
  if (!mentions(DATA_WORDS, text)) return false;
  const plain = ` ${text.toLowerCase().replace(/[?？؟!.,:;'’]/gu, " ").replace(/\s+/gu, " ")} `;
  const rest = plain.replace(new RegExp(DATA_WORDS.source, "gu"), " ").replace(DATA_FILLER, " ");
  return rest.trim() === "";
}

/** "The last one", in every supported language. */
export const LAST = / (?:dernier|derniere|last|latest|ultima|ultimo|última|último|последн\S*|останн\S*|الأخيرة|الاخيرة|الأخير|الاخير|آخر|اخر|آخرین|اخرین|وروستی|وروستۍ|শেষ\S*|መወዳእታ) /u;

/** Asking for a person in so many words: what follows ("…, my child is sick") is for the team to read. */
export const TALK_TO_SOMEONE = /[\s'’](?:parler a quelqu un|parler à quelqu'un|parler à quelqu un|parler avec quelqu un|parler avec quelqu'un|talk to someone|speak to someone|talk to a person|talk to somebody|hablar con alguien|falar com alguém|falar com alguem|поговорить с кем-то|поговорить с кем нибудь|поговорити з кимось|اتكلم مع حد|أتكلم مع شخص|أتحدث مع شخص|با کسی صحبت|با یک نفر صحبت|له چا سره خبرې|কারো সাথে কথা|ምስ ሰብ ክዛረብ)(?=[\s?？؟!.,]|$)/u;
