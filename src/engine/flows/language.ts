import { localeFromHint, LOCALE_NAMES, type Locale } from "../../core/locales.ts";
import { detectLanguage, MIN_LETTERS } from "../language/detect.ts";
import type { Reader } from "../reader.ts";
import { choices, languageMenu, mainMenu, option, text } from "../replies.ts";
import { idle, type Turn } from "../turn.ts";
import type { EngineResult } from "../types.ts";
import { continueEnrolment, ENROL } from "./enrol.ts";

/**
 * A person's language: guessed at first contact (the platform's hint, the text, its script), offered
 * for confirmation, listed on request in the order the first contact showed, and set.
 */

/** Languages that share a script, for a first message too short to tell them apart. */
const SCRIPT_GROUPS: [RegExp, Locale[]][] = [
  // Letters only one language of a script writes: Persian's پ چ ژ گ and its ی (Arabic writes ي), Ukrainian's і ї є ґ.
  [/[پچژگی]/u, ["fa", "ps", "ar"]],
  [/\p{Script=Arabic}/u, ["ar", "fa", "ps"]],
  [/[іїєґІЇЄҐ]/u, ["uk", "ru"]],
  [/\p{Script=Cyrillic}/u, ["ru", "uk"]],
];

/**
 * Greetings that tell a Latin-script language where the script cannot ("hello" is English, "hola"
 * Spanish, "oi" Portuguese): the question comes in that language, with it first. Only a greeting
 * alone (with punctuation or an emoji); anything longer is for the detector.
 */
const GREETINGS: [RegExp, Locale[]][] = [
  [/^(?:hello|hi+|hey|hiya|good (?:morning|afternoon|evening))(?:\s+(?:there|everyone|all))?$/u, ["en"]],
  [/^(?:hola|buenas|buenos d[ií]as|buenas (?:tardes|noches))$/u, ["es", "pt"]],
  [/^(?:ol[aá]|oi+|bom dia|boa (?:tarde|noite))$/u, ["pt", "es"]],
  [/^(?:bonjour|bonsoir|salut|coucou)$/u, ["fr"]],
  // Russian, Ukrainian and Bengali greetings typed in Latin letters, as on a phone without their keyboard.
  [/^(?:privet|priwet|zdravstvuyte|zdravstvuite|zdrasti|dobryj den|dobriy den)$/u, ["ru", "uk"]],
  [/^(?:pryvit|pryvitannia|vitayu|dobryi den|dobrogo dnia)$/u, ["uk", "ru"]],
  [/^(?:nomoskar|nomoshkar|namaskar|adab)$/u, ["bn"]],
];

/** The greeting's languages, for a message that is only a greeting. */
function greetingGroup(typed: string): Locale[] | undefined {
  const bare = typed.toLowerCase().replace(/[^\p{L}\s]+/gu, " ").replace(/\s+/g, " ").trim();
  return GREETINGS.find(([greeting]) => greeting.test(bare))?.[1];
}

/**
 * The languages of a person's script, theirs first, as the first contact listed them: someone who
 * chose Arabic from "١. العربية" finds it first again when they ask for the list later.
 */
export function scriptGroupOf(locale: Locale | null): Locale[] {
  if (!locale) return [];
  const group = SCRIPT_GROUPS.map(([, g]) => g).find((g) => g.includes(locale));
  return group ? [locale, ...group.filter((l) => l !== locale)] : [];
}

/**
 * First contact: the platform's language hint, else the language of the text, else ask. Always
 * confirmable. A greeting too short to tell the language still tells its script: the question comes
 * in the first language of that script, with its languages first.
 */
export function firstContact(turn: Turn, reader: Reader): EngineResult {
  const typed = turn.event.text;
  const guess = localeFromHint(turn.event.localeHint) ?? (typed ? (detectLanguage(typed) ?? modelGuess(typed, reader)) : undefined);
  if (guess) {
    return idle(
      [text("welcome.intro"), choices("language.confirm", [option(`lang:${guess}`, "language.keep"), option("menu:language", "language.other")], { language: LOCALE_NAMES[guess] })],
      [{ type: "set_locale", locale: guess, confirmed: false }],
    );
  }
  const group = typed ? (greetingGroup(typed) ?? SCRIPT_GROUPS.find(([script]) => script.test(typed))?.[1]) : undefined;
  const first = group?.[0] ?? turn.defaultLocale;
  return idle([text("welcome.intro"), languageMenu(group ?? [])], [{ type: "set_locale", locale: first, confirmed: false }]);
}

/** The model's guess of a first message's language, when the message is long enough to say (as for `detectLanguage`). */
function modelGuess(typed: string, reader: Reader): Locale | undefined {
  if ([...typed.matchAll(/\p{L}/gu)].length < MIN_LETTERS) return undefined;
  return reader.understander.localeOf(typed) ?? undefined;
}

/** A language chosen: set, said, and the conversation taken up where it was (enrolment asks its question again). */
export function afterLanguage(turn: Turn, locale: NonNullable<Turn["person"]["locale"]>): EngineResult {
  const effects: EngineResult["effects"] = [{ type: "set_locale", locale, confirmed: true }];
  const isNew = turn.person.role === "participant" && turn.person.stage === "newcomer" && !turn.context.application;
  if (isNew && turn.conversation.flow !== ENROL) {
    return idle([text("language.set"), text("welcome.programme"), mainMenu(turn.person, turn.context)], effects);
  }
  if (turn.conversation.flow === ENROL) {
    // Changing language mid-enrolment: say so, and ask the current question again in the new language.
    const resumed = continueEnrolment({ ...turn, choiceId: "enrol:retry" });
    return { ...resumed, replies: [text("language.set"), ...resumed.replies], effects: [...effects, ...resumed.effects] };
  }
  return idle([text("language.set"), mainMenu(turn.person, turn.context)], effects);
}
