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
import { secondGuess } from "./second-guess.ts";
import { wordsOf } from "./words.ts";

/** The model's settings, chosen by cross-validation on the training part only (`npm run understand -- --tune`). */
export const MODEL_OPTIONS = { epochs: 25, rate: 3, l2: 1e-6, minCount: 2 };
/** The language model's settings: naive Bayes tells languages apart well from their letters. */
const LANGUAGE_OPTIONS = { alpha: 0.1, temperature: 0.55, minCount: 3 };

/** Emoji that say something on their own. */
const EMOJI_INTENTS: [RegExp, Intent][] = [
  [/🙏|👍|👌|❤|♥|😊|🥰|😍|🤗|💐|🌹|🌸|💯|🫶|👏|✅|☺/u, "thanks"],
  [/👋|🖐|✋|🤝/u, "greeting"],
];

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
    // The model's guess, second-guessed by what the words say in so many words.
    best = secondGuess(best, alternatives, { text, words, slots, sale });
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
