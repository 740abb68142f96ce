import type { i18n as I18n, TFunction } from "i18next";
import { choiceNumbers, formatDate, formatDateTime, formatMoney, languageOf, inDigitsOf } from "./format.ts";
import type { Intent } from "../core/intent.ts";
import type { Locale } from "../core/locales.ts";
import type { Reply, Say, SayParam } from "../engine/types.ts";
import { titleIn } from "../core/titles.ts";

function param(t: TFunction, value: SayParam): string | number {
  if (typeof value !== "object") return value;
  if ("t" in value) return t(value.t, value.count === undefined ? {} : { count: value.count }) as string;
  if ("money" in value) return formatMoney(value.money, value.currency, languageOf(t));
  if ("typed" in value) return inDigitsOf(value.typed, languageOf(t));
  if ("datetime" in value) return formatDateTime(t, value.datetime, value.zone);
  if ("text" in value) return titleIn({ title: value.text, titles: value.texts }, languageOf(t));
  return formatDate(t, value.date, "UTC", { year: value.year === true });
}

/**
 * Sentences without parameters, by translation function: the same key in the same language is the same
 * sentence, and the language menu alone asks for fifteen of them at every first message. Only functions
 * from `fixedT` (one per i18n instance and language, kept) are cached.
 */
const plain = new WeakMap<TFunction, Map<string, string>>();

/** One sentence in the reader's language; translated; numbers, money and dates are formatted for them (format.ts). */
export function say(t: TFunction, s: Say): string {
  const cache = s.params && Object.keys(s.params).length > 0 ? undefined : plain.get(t);
  const known = cache?.get(s.key);
  if (known !== undefined) return known;
  const params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, param(t, v)]));
  const text = t(s.key, params) as string;
  cache?.set(s.key, text);
  return text;
}

const fixed = new WeakMap<I18n, Map<string, TFunction>>();

/** The translation function of a language, made once per i18n instance (its sentences without parameters are then cached). */
export function fixedT(i18n: I18n, locale: string): TFunction {
  let byLocale = fixed.get(i18n);
  if (!byLocale) fixed.set(i18n, (byLocale = new Map()));
  let t = byLocale.get(locale);
  if (!t) {
    t = i18n.getFixedT(locale);
    byLocale.set(locale, t);
    plain.set(t, new Map());
  }
  return t;
}

function body(t: TFunction, reply: { say: Say; lines?: Say[] }): string {
  return [say(t, reply.say), ...(reply.lines ?? []).map((l) => say(t, l))].join("\n");
}

type Renderable = Extract<Reply, { type: "text" } | { type: "choices" }>;

/** Turns the engine's text and choice replies (keys) into neutral intents (sentences in the person's language). */
export function renderReply(t: TFunction, reply: Renderable): Intent {
  if (reply.type === "text") return { type: "text", text: body(t, reply) };
  return {
    type: "choices",
    text: body(t, reply),
    listButton: say(t, { key: "menu.button" }),
    numberHint: say(t, { key: "choices.reply_with_number" }),
    numbers: choiceNumbers(reply.choices.length, languageOf(t)),
    choices: reply.choices.map((c) => ({ id: c.id, label: c.label ?? (c.say ? say(t, c.say) : c.id) })),
  };
}

/** Renders a text or choices reply in the given language. */
export function renderFor(deps: { i18n: I18n }, locale: Locale, reply: Reply): Intent {
  if (reply.type !== "text" && reply.type !== "choices") throw new Error(`${reply.type} replies are rendered with their data (app/replies/)`);
  return renderReply(fixedT(deps.i18n, locale), reply);
}
