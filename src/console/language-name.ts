import { isLocale, LOCALE_NAMES } from "../core/locales.ts";
import { html, type Html } from "./html.ts";

/** A language by its own name, marked as that language (screen readers read "العربية" as Arabic). */
export const languageName = (locale: string | null): Html | string => (locale && isLocale(locale) ? html`<span lang="${locale}">${LOCALE_NAMES[locale]}</span>` : (locale ?? "—"));
