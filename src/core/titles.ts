import { isLocale, type Locale } from "./locales.ts";

/** A session's title in other languages than its main one. */
export type Titles = Partial<Record<Locale, string>>;

/** What the database holds in `TrainingSession.titles`, kept only where it is a language and a text. */
export function readTitles(value: unknown): Titles {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => isLocale(k) && typeof v === "string" && v.trim())) as Titles;
}

/** The title a reader sees: theirs when the coordinator gave one, else the main (French) one. */
export function titleIn(session: { title: string; titles?: unknown }, locale: string | null | undefined): string {
  return (locale && readTitles(session.titles)[locale as Locale]) || session.title;
}

/**
 * A title given in several languages (the programme file's `{"fr": "Fixer ses prix", "ar": "…"}`):
 * French is the main one, else the first given; the others are kept beside it.
 */
export function splitTitles(given: string | Titles): { title: string; titles: Titles | null } {
  if (typeof given === "string") return { title: given.trim(), titles: null };
  const entries = Object.entries(given).filter(([, v]) => v?.trim()) as [Locale, string][];
  const main = entries.find(([l]) => l === "fr") ?? entries[0];
  if (!main) return { title: "", titles: null };
  const others = entries.filter(([l]) => l !== main[0]).map(([l, v]) => [l, v.trim()]);
  return { title: main[1].trim(), titles: others.length ? Object.fromEntries(others) : null };
}

/**
 * A title typed in the chat, one line per language: a line "ar: تحديد الأسعار" gives the Arabic one,
 * the first line without a language (or "fr: …") the main one.
 * @example parseTypedTitles("Fixer ses prix\nen: Setting your prices") // { title: "Fixer ses prix", titles: { en: "Setting your prices" } }
 */
export function parseTypedTitles(text: string): { title: string; titles: Titles | null } {
  const given: Titles = {};
  let plain: string | undefined;
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const m = /^([a-z]{2})\s*[:：]\s*(.+)$/i.exec(line);
    const locale = m?.[1]?.toLowerCase();
    if (m && isLocale(locale)) given[locale] ??= m[2]!.trim().slice(0, 200);
    else plain ??= line.slice(0, 200);
  }
  if (plain !== undefined && !given.fr) given.fr = plain;
  return splitTitles(given);
}

/** A session's title as a sentence parameter: each reader sees it in their language (i18n/render.ts). */
export function titleParam(session: { title: string; titles?: unknown }): { text: string; texts: Titles } {
  return { text: session.title, texts: readTitles(session.titles) };
}
