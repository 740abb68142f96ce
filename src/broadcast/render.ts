import type { i18n as I18n } from "i18next";
import type { TextIntent } from "../core/intent.ts";
import type { Locale } from "../core/locales.ts";

/**
 * What one recipient reads: the version in their language, or else the original under a short
 * header in their language ("Message from your coordinator:").
 */
export function broadcastIntent(i18n: I18n, texts: Partial<Record<Locale, string>>, originalLocale: Locale, locale: Locale): TextIntent {
  const own = texts[locale];
  if (own) return { type: "text", text: own };
  const header = i18n.getFixedT(locale)("broadcast.header") as string;
  return { type: "text", text: `${header}\n\n${texts[originalLocale] ?? ""}` };
}
