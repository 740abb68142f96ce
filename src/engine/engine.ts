import { isLocale, localeFromHint } from "../core/locales.ts";
import { detectCommand, type Lexicon } from "./commands.ts";
import { languageMenu, mainMenu, text } from "./replies.ts";
import { typedNumber } from "./text.ts";
import type { Conversation, EngineInput, EngineResult, Reply } from "./types.ts";

const IDLE: Conversation = { flow: null, step: null, data: {} };

/**
 * The conversation engine: (state, event, now) → (new state, replies, effects). Pure: no I/O, no clock
 * but `now`, so every behaviour is a row in a table test.
 */
export function step(input: EngineInput, lexicon: Lexicon): EngineResult {
  const { person, event } = input;
  const choiceId = event.choiceId ?? choiceFromTypedNumber(input);
  const command = choiceId ? undefined : event.text ? detectCommand(event.text, lexicon) : undefined;

  if (person.optedOut && command !== "start") {
    // Nothing is said to someone who opted out, until they write "start".
    return { conversation: input.conversation, replies: [], effects: [] };
  }
  if (command === "stop") return done([text("optout.confirmed")], [{ type: "opt_out" }]);
  if (person.locale === null && !choiceId?.startsWith("lang:")) return firstContact(input);
  if (command === "start") {
    return done(person.optedOut ? [text("optout.resumed"), mainMenu()] : [mainMenu()], person.optedOut ? [{ type: "opt_in" }] : []);
  }
  if (command === "language") return done([languageMenu()]);
  if (command === "menu") return done([mainMenu()]);

  if (choiceId?.startsWith("lang:")) {
    const locale = choiceId.slice(5);
    if (isLocale(locale)) {
      return done([text("language.set"), mainMenu()], [{ type: "set_locale", locale, confirmed: true }]);
    }
  }
  if (choiceId?.startsWith("menu:")) return done([text("menu.not_ready"), mainMenu()]);

  if (event.unsupported) return done([text("fallback.unsupported"), mainMenu()]);
  if (event.media) return done([text("fallback.media"), mainMenu()]);
  return done([text("fallback.not_understood"), mainMenu()]);
}

/** First contact: take the platform's language hint when it names a language we speak, else ask. */
function firstContact(input: EngineInput): EngineResult {
  const hinted = localeFromHint(input.event.localeHint);
  if (hinted) return done([text("welcome.intro"), mainMenu()], [{ type: "set_locale", locale: hinted, confirmed: false }]);
  return done([text("welcome.intro"), languageMenu()], [{ type: "set_locale", locale: input.defaultLocale, confirmed: false }]);
}

function done(replies: Reply[], effects: EngineResult["effects"] = []): EngineResult {
  return { conversation: withChoices(replies), replies, effects };
}

/** Remembers the last choices offered, so a person can answer by typing their number. */
function withChoices(replies: Reply[]): Conversation {
  const last = [...replies].reverse().find((r) => r.type === "choices");
  return { ...IDLE, data: last && last.type === "choices" ? { choices: last.choices.map((c) => c.id) } : {} };
}

function choiceFromTypedNumber(input: EngineInput): string | undefined {
  const offered = input.conversation.data["choices"];
  if (!input.event.text || !Array.isArray(offered)) return undefined;
  const n = typedNumber(input.event.text);
  return n !== undefined && n >= 1 && n <= offered.length ? String(offered[n - 1]) : undefined;
}
