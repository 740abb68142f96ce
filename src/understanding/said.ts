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
