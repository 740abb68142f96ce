/** Every language the assistant speaks. French is the reference. */
export const LOCALES = ["fr", "en", "ar", "fa", "ps", "ti", "es", "pt", "ru", "uk", "bn"] as const;
export type Locale = (typeof LOCALES)[number];

/** Languages written right to left. */
export const RTL_LOCALES: ReadonlySet<Locale> = new Set(["ar", "fa", "ps"]);

/** Each language named in itself, for the language menu. */
export const LOCALE_NAMES: Record<Locale, string> = {
  fr: "Français",
  en: "English",
  ar: "العربية",
  fa: "دری",
  ps: "پښتو",
  ti: "ትግርኛ",
  es: "Español",
  pt: "Português",
  ru: "Русский",
  uk: "Українська",
  bn: "বাংলা",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform language hint ("pt-BR", "prs", "uk") to a supported locale, if any. */
export function localeFromHint(hint: string | undefined | null): Locale | undefined {
  if (!hint) return undefined;
  const base = hint.toLowerCase().split(/[-_]/)[0] ?? "";
  if (base === "prs") return "fa";
  return isLocale(base) ? base : undefined;
}

/** A person's language when it is one of ours, else the fallback (the deployment's default). */
export function localeOf(person: { locale: string | null }, fallback: Locale): Locale {
  return isLocale(person.locale) ? person.locale : fallback;
}
