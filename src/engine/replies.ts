import { LOCALES, LOCALE_NAMES, type Locale } from "../core/locales.ts";
import type { EngineContext, PersonView, Reply, ReplyChoice, Say, SayParam } from "./types.ts";

export function text(key: string, params?: Record<string, SayParam>): Reply {
  return { type: "text", say: { key, params } };
}

export function choices(key: string, items: ReplyChoice[], params?: Record<string, SayParam>, lines?: Say[]): Reply {
  return { type: "choices", say: { key, params }, choices: items, lines };
}

/** A choice whose label is a translation key. */
export function option(id: string, key: string, params?: Record<string, SayParam>): ReplyChoice {
  return { id, say: { key, params } };
}

/**
 * The main menu: what this person can do now. Newcomers enrol; members see their sessions and sales;
 * coordinators see applications. Ids are stable; labels are translation keys.
 */
export function mainMenu(person: PersonView, context: EngineContext): Reply {
  const items: string[] = [];
  if (person.role !== "participant") items.push("broadcast", "applications", "sessions", "roadmap", "totals", "export", "console");
  else if (person.stage === "member" || person.stage === "alumni") items.push("sessions", "sale", "totals");
  else if (person.role === "participant") items.push(context.application?.status === "submitted" ? "application" : "enrol");
  items.push("mydata", "language", "human");
  return choices("menu.title", items.map((id) => option(`menu:${id}`, `menu.items.${id}`)));
}

/**
 * Every language named in itself, so a person finds theirs without reading any other; `first` comes
 * first (the languages of the script the person wrote in).
 */
export function languageMenu(first: readonly Locale[] = []): Reply {
  const ordered = [...first, ...LOCALES.filter((l) => !first.includes(l))];
  return choices(
    "language.choose",
    ordered.map((l): ReplyChoice => ({ id: `lang:${l}`, label: LOCALE_NAMES[l] })),
  );
}
