import { LOCALES, type Locale } from "../core/locales.ts";
import type { Example } from "./corpus.ts";
import { features } from "./features.ts";
import { lettersForDigits } from "./fold.ts";
import { INTENTS, type Guess, type Intent, type Slots, type Understanding } from "./intents.ts";
import { NaiveBayes, type ModelState } from "./naive-bayes.ts";
import { Softmax } from "./softmax.ts";
import { parseTransaction } from "./sales/index.ts";
import { findAnswer, findDegree, findYears } from "./slots/answers.ts";
import { findDay, resolveDay } from "./slots/days.ts";
import { findLanguage } from "./slots/languages.ts";
import { findTopic } from "./slots/topic.ts";
import { saysNotComing, saysWontMiss } from "./slots/negation.ts";
import { wordsOf } from "./words.ts";

/** The model's settings, chosen by cross-validation on the training part only (`npm run understand -- --tune`). */
export const MODEL_OPTIONS = { epochs: 25, rate: 3, l2: 1e-6, minCount: 2 };
/** The language model's settings: naive Bayes tells languages apart well from their letters. */
const LANGUAGE_OPTIONS = { alpha: 0.1, temperature: 0.55, minCount: 3 };

/** A guess this sure is not second-guessed by the sales parser. */
const SURE = 0.7;

/** Characters beyond which a message is read, but never acted on without asking. */
const LONG_TEXT = 600;

/** Emoji that say something on their own. */
const EMOJI_INTENTS: [RegExp, Intent][] = [
  [/🙏|👍|👌|❤|♥|😊|🥰|😍|🤗|💐|🌹|🌸|💯|🫶|👏|✅|☺/u, "thanks"],
  [/👋|🖐|✋|🤝/u, "greeting"],
];

/** Intents the parser's amount turns into a sale when the model is unsure: not questions about money. */
const NOT_A_SALE: ReadonlySet<Intent> = new Set(["question", "totals", "undo", "sessions", "export"]);

/** Words said before a request ("merci, …", "bonjour, …"), not the request itself when a question follows. */
const POLITENESS: ReadonlySet<Intent> = new Set(["thanks"]);
/** What a question after a thanks asks for, when the model sees it among its guesses. */
const ASKED_AFTER_THANKS: ReadonlySet<Intent> = new Set(["sessions", "question", "totals", "human", "mydata"]);

/** Guesses about training days that a question for the team can be mistaken for. */
const ANSWERS_ABOUT_SESSIONS: ReadonlySet<Intent> = new Set(["rsvp_yes", "rsvp_no", "rsvp_late", "sessions"]);
/** The word "question", or being paid, in every supported language: what the team answers. */
const ASKS_THE_TEAM = /[\s'’](?:questions?|pregunta|preguntas|pergunta|perguntas|вопрос|вопросы|питання|سؤال|سؤالي|سوال|سوالی|پوښتنه|প্রশ্ন|ሕቶ|payée?s?|paye|paie|salaire|rémunérée?|remuneree?|get paid|salary|cobrar|cobro|sueldo|salário|salario|receber|зарплат\S*|заробітн\S*|راتب|رواتب|حقوق|تنخوا|বেতন|ደሞዝ)(?=[\s?？؟!.,]|$)/u;

/** Accounting and taxes, in every supported language: questions for the team. */
const ACCOUNTING = /[\s'’](?:compta|comptabilite|comptabilité|comptable|tva|impots|impôts|urssaf|accounting|accountant|bookkeeping|tax|taxes|vat|contabilidad|contable|iva|impuestos|contabilidade|contabilista|impostos|бухгалтер\S*|налог\S*|податк\S*|المحاسبة|محاسبة|الضريبة|ضريبة|الضرائب|حسابداری|مالیات|حساب کتاب|مالیه|হিসাবরক্ষণ|হিসাবরক্ষক|ভ্যাট|ሕሳብ|ግብሪ)(?=[\s?？؟!.,]|$)/u;

/** Whether a text has one of a list's words: the lists below start with a space or an apostrophe and end before a space or a stop. */
const mentions = (words: RegExp, text: string) => words.test(` ${text.toLowerCase()} `);

/** "I made a mistake", in every supported language and in Arabic in Latin letters. */
const MISTAKE = /[\s'’](?:trompe|trompé|trompée|erreur|mistake|wrong|error|equivoque|equivoqué|me equivoqué|errei|enganei|ошиблась|ошибся|ошибка|помилилась|помилився|помилка|غلطت|غلط|خطأ|أخطأت|اخطأت|ghlatt|ghlat|ghalat|ghalta|اشتباه|اشتباهی|غلطي|ভুল|ጌጋ|ተጋገየ\S*|ተጋጊየ)(?=[\s?？؟!.,]|$)/u;

/** "I don't know if I'm coming", "maybe", in every supported language. */
const UNSURE = /[\s'’](?:sais pas|sait pas|sais plus|peut-etre|peut-être|peut etre|pas sur|pas sûr|pas sure|pas sûre|not sure|don t know|dont know|don't know|maybe|perhaps|no se|no sé|quizas|quizás|tal vez|a lo mejor|talvez|nao sei|não sei|не знаю|может быть|может|можливо|не впевнен\S*|ما عرفتش|مش عارف|مش عارفة|لا أعرف|لا اعرف|يمكن|ربما|نمی دانم|نمیدانم|نمی‌دانم|شاید|نه پوهېږم|نه پوهیږم|ښايي|জানি না|হয়তো|ኣይፈልጥን|ምናልባት)(?=[\s?？؟!.,]|$)/u;

/** Their data, in every supported language: "a question about my data" is "my data". */
const DATA_WORDS = /[\s'’](?:data|donnees|données|datos|dados|данные|данных|дані|даних|بيانات|بياناتي|معلومات|معلوماتي|داده|داده‌ها|اطلاعات|معلومات|ډاټا|তথ্য|ডেটা|ሓበሬታ|ዳታ)(?=[\s?？؟!.,]|$)/u;

/** A question mark of any of our scripts (Latin, Arabic, Ge'ez): a "question" the model guesses without one, about an item sold, may be a sale. */
const QUESTION_MARK = /[?？؟፧]/u;

export interface UnderstanderState {
  intents: ModelState;
  locales: ModelState;
}

export interface UnderstandOptions {
  now: Date;
  /** IANA zone in which "tomorrow" is read. */
  timezone: string;
}

/**
 * The understanding layer: a linear model (softmax) over character n-grams and words, built once from the
 * labelled corpus of every language, for the intent, and naive Bayes for the language; small rule sets for
 * the facts inside it (a language named, a day, a yes or no, an amount, what a question asks).
 */
export class Understander {
  private readonly intents: Softmax<Intent>;
  private readonly locales: NaiveBayes<Locale>;

  private constructor(intents: Softmax<Intent>, locales: NaiveBayes<Locale>) {
    this.intents = intents;
    this.locales = locales;
  }

  /** Learns both models from the labelled corpus (a few seconds for eleven languages). */
  static learn(corpus: readonly Example[], options = MODEL_OPTIONS): Understander {
    const prepared = corpus.map((e) => ({ e, features: features(e.text) }));
    return new Understander(
      new Softmax(INTENTS, prepared.map(({ e, features }) => ({ label: e.intent, features })), options),
      new NaiveBayes(LOCALES, prepared.map(({ e, features }) => ({ label: e.locale, features })), LANGUAGE_OPTIONS),
    );
  }

  /** The learnt models, to keep in a file. */
  state(): UnderstanderState {
    return { intents: this.intents.state(), locales: this.locales.state() };
  }

  static restore(state: UnderstanderState): Understander {
    return new Understander(Softmax.restore(INTENTS, state.intents), NaiveBayes.restore(LOCALES, state.locales, LANGUAGE_OPTIONS));
  }

  /** Features and bytes of both models. */
  get size(): { features: number; bytes: number } {
    const a = this.intents.size;
    const b = this.locales.size;
    return { features: a.features + b.features, bytes: a.bytes + b.bytes };
  }

  understand(text: string, options: UnderstandOptions): Understanding {
    // The sales parser reads Arabic in Latin letters with its digits as letters ("b3t 3 s7on").
    const sale = parseTransaction(lettersForDigits(text));
    const slots = this.slotsOf(text, options, sale.amountCents);
    const seen = features(text);
    const locale = this.localeOf(text, seen);
    const words = wordsOf(text);
    if (!words.length) {
      const emoji = EMOJI_INTENTS.find(([pattern]) => pattern.test(text));
      return { intent: emoji?.[1] ?? "unknown", confidence: emoji ? 0.9 : 0.2, slots, locale, alternatives: [] };
    }
    const ranked = this.intents.rank(seen).map((s): Guess => ({ intent: s.label, confidence: round(s.probability) }));
    let [best, ...alternatives] = ranked as [Guess, ...Guess[]];
    // A short text that names a language asks for it ("English", "по-русски", "بالعربي").
    if (slots.language && (best.intent === "language" || words.length <= 3)) best = { intent: "language", confidence: Math.max(best.confidence, 0.9) };
    // The parser found a sale or an expense with its kind word, and the model has no better idea.
    const kind = sale.amountCents !== null ? sale.kind : null;
    if (kind && best.confidence < SURE && (!NOT_A_SALE.has(best.intent) || (best.intent === "question" && !QUESTION_MARK.test(text) && sale.item !== null))) best = { intent: kind, confidence: SURE };
    if ((best.intent === "sale" || best.intent === "expense") && kind && kind !== best.intent && best.confidence < 0.9) best = { ...best, intent: kind };
    // "Thanks! When is the first meeting?": the thanks is politeness before a question, which is the request.
    if (POLITENESS.has(best.intent) && QUESTION_MARK.test(text) && words.length >= 4) {
      best = alternatives.find((a) => ASKED_AFTER_THANKS.has(a.intent)) ?? { intent: "question", confidence: best.confidence };
      best = { ...best, confidence: Math.max(best.confidence, SURE) };
    }
    // "je viens pas", "لن أحضر يوم الخميس": coming is never recorded from words that say not.
    if (best.intent === "rsvp_yes" && saysNotComing(text)) {
      const no = alternatives.find((a) => a.intent === "rsvp_no");
      best = { intent: "rsvp_no", confidence: round(best.confidence + (no?.confidence ?? 0)) };
    }
    // "je vais pas rater jeudi", "no voy a faltar": a negation that says coming.
    if (best.intent === "rsvp_no" && saysWontMiss(text)) {
      const yes = alternatives.find((a) => a.intent === "rsvp_yes");
      best = { intent: "rsvp_yes", confidence: round(best.confidence + (yes?.confidence ?? 0)) };
    }
    // "غلطت التيب كان 10 يورو مش 8", "ghlatt kan 10 machi 8": a correction of an entry, not a new expense named "مش".
    if ((best.intent === "sale" || best.intent === "expense") && mentions(MISTAKE, text) && /\p{Nd}/u.test(lettersForDigits(text))) best = { intent: "undo", confidence: Math.max(best.confidence, SURE) };
    // "je sais pas si je viens jeudi": not a yes; asked, never recorded from the model's guess alone.
    if (best.intent === "rsvp_yes" && mentions(UNSURE, text)) best = { ...best, confidence: Math.min(best.confidence, 0.5) };
    // "j'ai une question sur la TVA", "c'est quand qu'on est payé ?": a question for the team, not an answer about a training day.
    if (mentions(ASKS_THE_TEAM, text)) {
      const aboutData = best.intent === "mydata" && !mentions(DATA_WORDS, text);
      if (ANSWERS_ABOUT_SESSIONS.has(best.intent) || aboutData) best = { intent: "question", confidence: Math.max(best.confidence, SURE) };
      // "quand" here asks about the pay, not a training day's time.
      delete slots.topic;
    }
    // "comment ça marche la compta ?", "how do taxes work": the team's subject, not the menu's.
    if (best.intent === "menu" && mentions(ACCOUNTING, text)) {
      best = { intent: "question", confidence: Math.max(best.confidence, SURE) };
      delete slots.topic;
    }
    // A pasted page is not a request the bot can be sure of.
    if (text.length > LONG_TEXT) best = { ...best, confidence: Math.min(best.confidence, 0.3) };
    alternatives = alternatives.filter((a) => a.intent !== best.intent).slice(0, 3);
    return { ...best, slots, locale, alternatives };
  }

  private slotsOf(text: string, options: UnderstandOptions, amountCents: number | null): Slots {
    const slots: Slots = {};
    const language = findLanguage(text);
    if (language) slots.language = language;
    const day = findDay(text);
    if (day) slots.day = resolveDay(day, options.now, options.timezone);
    const topic = findTopic(text);
    if (topic) slots.topic = topic;
    const answer = findAnswer(text);
    if (answer) slots.answer = answer;
    const degree = findDegree(text);
    if (degree) slots.degree = degree;
    const years = findYears(text);
    if (years !== undefined) slots.years = years;
    if (amountCents !== null) slots.amountCents = amountCents;
    return slots;
  }

  /** The language of the text: a script only one of ours uses, else the model when it is sure. */
  localeOf(text: string, seen = features(text)): Locale | null {
    if (/\p{Script=Ethiopic}/u.test(text)) return "ti";
    if (/\p{Script=Bengali}/u.test(text)) return "bn";
    if (/[ټډړښږځڅګڼۍې]/u.test(text)) return "ps";
    const [best] = this.locales.rank(seen);
    return best && best.probability >= 0.6 ? best.label : null;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
