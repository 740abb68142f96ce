import { LOCALES, LOCALE_NAMES } from "../core/locales.ts";
import type { Reply, ReplyChoice } from "./types.ts";

/** The main menu: what a person can do. Ids are stable; labels are translation keys. */
export const MAIN_MENU_ITEMS = ["enrol", "sessions", "sale", "mydata", "human"] as const;

export function mainMenu(): Reply {
  return {
    type: "choices",
    say: { key: "menu.title" },
    choices: MAIN_MENU_ITEMS.map((id): ReplyChoice => ({ id: `menu:${id}`, say: { key: `menu.items.${id}` } })),
  };
}

/** Every language named in itself, so a person finds theirs without reading any other. */
export function languageMenu(): Reply {
  return {
    type: "choices",
    say: { key: "language.choose" },
    choices: LOCALES.map((l): ReplyChoice => ({ id: `lang:${l}`, label: LOCALE_NAMES[l] })),
  };
}

export function text(key: string, params?: Record<string, string | number>): Reply {
  return { type: "text", say: { key, params } };
}
