import type { Guess, Intent, Slots } from "./intents.ts";
import { lettersForDigits } from "./fold.ts";
import type { ParsedTransaction } from "./sales/index.ts";
import { saysNotComing, saysWontMiss } from "./slots/negation.ts";
import { ACCOUNTING, ASKS_THE_TEAM, DATA_WORDS, HELPLESS, LENDING, MAY_I, mentions, MISTAKE, onlyData, TALK_TO_SOMEONE, QUESTION_MARK, UNSURE } from "./said.ts";

/** A guess this sure is not second-guessed by the sales parser. */
export const SURE = 0.7;

/** Characters beyond which a message is read, but never acted on without asking. */
const LONG_TEXT = 600;

/** Intents the parser's amount turns into a sale when the model is unsure: not questions about money. */
const NOT_A_SALE: ReadonlySet<Intent> = new Set(["question", "totals", "undo", "sessions", "export"]);

/** Words said before a request ("merci, …", "bonjour, …"), not the request itself when a question follows. */
const POLITENESS: ReadonlySet<Intent> = new Set(["thanks"]);
/** What a question after a thanks asks for, when the model sees it among its guesses. */
const ASKED_AFTER_THANKS: ReadonlySet<Intent> = new Set(["sessions", "question", "totals", "human", "mydata"]);

/** Guesses about training days that a question for the team can be mistaken for. */
const ANSWERS_ABOUT_SESSIONS: ReadonlySet<Intent> = new Set(["rsvp_yes", "rsvp_no", "rsvp_late", "sessions"]);

const round = (n: number) => Math.round(n * 1000) / 1000;

/** What the rules read besides the model's guesses: the text, its words, its slots (changed in place) and the sales parser's reading. */
export interface Said {
  text: string;
  words: readonly string[];
  slots: Slots;
  sale: ParsedTransaction;
}

/**
 * The model's best guess, second-guessed by what the words say in so many words: a language named, a
 * sale with its kind word, "not coming", "won't miss it", a mistake with its number, "maybe", a
 * question for the team. Each rule was checked against the held-out part before it was kept.
 */
export function secondGuess(first: Guess, alternatives: readonly Guess[], { text, words, slots, sale }: Said): Guess {
  let best = first;
  // A short text that names a language asks for it ("English", "по-русски", "بالعربي").
  if (slots.language && (best.intent === "language" || words.length <= 3)) best = { intent: "language", confidence: Math.max(best.confidence, 0.9) };
  // The parser found a sale or an expense with its kind word, and the model has no better idea.
  const kind = sale.amountCents !== null ? sale.kind : null;
  if (kind && best.confidence < SURE && (!NOT_A_SALE.has(best.intent) || (best.intent === "question" && !QUESTION_MARK.test(text) && sale.item !== null))) best = { intent: kind, confidence: SURE };
  if ((best.intent === "sale" || best.intent === "expense") && kind && kind !== best.intent && best.confidence < 0.9) best = { ...best, intent: kind };
  // "hoy vendí diez tamales a tres euros y gasté cinco…": told, not asked (no question mark), the totals guess is the entry.
  if (kind && best.intent === "totals" && best.confidence < SURE && !QUESTION_MARK.test(text) && sale.item !== null) best = { intent: kind, confidence: SURE };
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
  // "je vais pas rater jeudi", "no voy a faltar", "ill be there!! wont miss it": coming, in so many words.
  const about = best.intent === "rsvp_no" || best.intent === "rsvp_yes" || alternatives.slice(0, 2).some((a) => a.intent === "rsvp_yes" || a.intent === "rsvp_no");
  if (about && best.intent !== "rsvp_late" && saysWontMiss(text)) {
    const yes = best.intent === "rsvp_yes" ? best.confidence : (alternatives.find((a) => a.intent === "rsvp_yes")?.confidence ?? 0);
    best = { intent: "rsvp_yes", confidence: Math.max(round(yes + (best.intent === "rsvp_no" ? best.confidence : 0)), SURE) };
  }
  // "غلطت التيب كان 10 يورو مش 8", "ghlatt kan 10 machi 8": a correction of an entry, not a new expense named "مش".
  if ((best.intent === "sale" || best.intent === "expense") && mentions(MISTAKE, text) && /\p{Nd}/u.test(lettersForDigits(text))) best = { intent: "undo", confidence: Math.max(best.confidence, SURE) };
  // "can you lend me 50 euros", "mon loyer c 500 euros je sais pas comment payer", "le bus coute 2 euros ?":
  // a worry or a question about money, for the team, never an entry in the person's books.
  const entry = best.intent === "sale" || best.intent === "expense";
  if (entry && (mentions(LENDING, text) || mentions(HELPLESS, text) || (kind === null && QUESTION_MARK.test(text)))) best = { intent: "question", confidence: Math.max(best.confidence, SURE) };
  // "non je me suis trompé c 5 yassa pas 4": a mistake with its number is about an entry, not a training day.
  if (ANSWERS_ABOUT_SESSIONS.has(best.intent) && !slots.day && mentions(MISTAKE, text) && /\p{Nd}/u.test(lettersForDigits(text))) best = { intent: "undo", confidence: Math.max(best.confidence, SURE) };
  // "j'ai 3 enfants, je peux venir avec eux jeudi ?": asking whether one may is a question, not "I'm coming".
  if (best.intent === "rsvp_yes" && QUESTION_MARK.test(text) && mentions(MAY_I, text)) best = { intent: "question", confidence: Math.max(best.confidence, SURE) };
  // "mis datos por favor": their data and nothing more is seeing it, never erasing it.
  if (best.intent === "erase" && onlyData(text)) best = { intent: "mydata", confidence: Math.max(best.confidence, SURE) };
  // "talk to someone, my child is sick and I cannot come tuesday": a person asked for, in so many words, with their reason.
  if (best.intent !== "human" && best.intent !== "stop" && mentions(TALK_TO_SOMEONE, text)) best = { intent: "human", confidence: Math.max(best.confidence, SURE) };
  // "je sais pas si je viens jeudi": not a yes; asked, never recorded from the model's guess alone.
  if (best.intent === "rsvp_yes" && mentions(UNSURE, text)) best = { ...best, confidence: Math.min(best.confidence, 0.5) };
  // "j'ai une question sur la TVA", "c'est quand qu'on est payé ?": a question for the team, not an answer about a training day.
  if (mentions(ASKS_THE_TEAM, text)) {
    const aboutData = best.intent === "mydata" && !mentions(DATA_WORDS, text);
    if (ANSWERS_ABOUT_SESSIONS.has(best.intent) || aboutData || (best.intent === "totals" && QUESTION_MARK.test(text))) best = { intent: "question", confidence: Math.max(best.confidence, SURE) };
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
  return best;
}
