/**
 * The understanding layer between a person's text and the engine: which intent, how sure, which facts
 * (a language, a day, a yes or no, an amount, what a question asks), which language it is written in.
 * @example loadUnderstander().understand("c'est quand la prochaine formation ?", { now, timezone }).intent === "sessions"
 */
export { ACT_AT, ASK_AT, certainty, COORDINATOR_INTENTS, INTENTS, isIntent, type Certainty, type Guess, type Intent, type Slots, type Topic, type Understanding } from "./intents.ts";
export { Understander, type UnderstandOptions } from "./understand.ts";
export { fold, lettersForDigits } from "./fold.ts";
