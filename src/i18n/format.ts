import type { TFunction } from "i18next";
import { isLocale, type Locale } from "../core/locales.ts";

/**
 * The digits each language is read in, one rule everywhere (counts, quantities, amounts, dates, times):
 * Arabic-Indic for Arabic, Persian for Dari and Pashto, Bengali for Bengali, Latin for the others.
 * Written out, so a newer ICU changing a default does not change what people read.
 */
const DIGITS: Partial<Record<Locale, string>> = { ar: "arab", fa: "arabext", ps: "arabext", bn: "beng" };

/**
 * How each language reads the clock. The service is in France, where the day has 24 hours, and most of
 * our languages write it so; English readers expect "2:30 PM", Bengali readers a word for the part of
 * the day before the hour ("দুপুর ২:৩০").
 */
const CLOCK: Partial<Record<Locale, "am-pm" | "day-part">> = { en: "am-pm", bn: "day-part" };

/** Where a language's names (months, days) are those of one country: Dari is Afghan ("دسمبر", not Iran's "دسامبر"). */
const REGION: Partial<Record<Locale, string>> = { fa: "fa-AF", ps: "ps-AF" };

/** The BCP 47 tag Intl reads a language in, with its digits. */
export function intlTag(locale: string): string {
  const digits = isLocale(locale) ? DIGITS[locale] : undefined;
  const tag = (isLocale(locale) && REGION[locale]) || locale;
  return digits ? `${tag}-u-nu-${digits}` : tag;
}

/**
 * Something to type, as the reader writes it: each Latin digit in the language's digits ("14/12 10:00"
 * → "١٤/١٢ ١٠:٠٠" in Arabic); the rest as it is. The understanding reads every kind of digits back.
 */
export function inDigitsOf(typed: string, locale: string): string {
  return typed.replace(/[0-9]/g, (d) => formatNumber(Number(d), locale));
}

/** Intl formatters are slow to build and cheap to use: one per language and kind (zone, currency), kept. */
const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function keep<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = kept.get(key) as F | undefined;
  if (!f) kept.set(key, (f = make()));
  return f;
}

/** A count or quantity in the reader's digits; 2026 stays 2026, 12345 is grouped the reader's way. */
export function formatNumber(n: number, locale: string): string {
  const tag = intlTag(locale);
  return keep(`n ${tag}`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 2, useGrouping: "min2" } as Intl.NumberFormatOptions)).format(n);
}

/** The numbers of numbered choices, in the reader's digits ("١.", "২."). */
export function choiceNumbers(count: number, locale: string): string[] {
  return Array.from({ length: count }, (_, i) => formatNumber(i + 1, locale));
}

/**
 * Money in the reader's format: `formatMoney(3600, "EUR", "fr")` is "36,00 €", in Arabic "٣٦٫٠٠ €".
 * Amounts are integer cents; only the display divides.
 */
export function formatMoney(cents: number, currency: string, locale: string): string {
  const tag = intlTag(locale);
  return keep(`m ${tag} ${currency}`, () => new Intl.NumberFormat(tag, { style: "currency", currency, currencyDisplay: "narrowSymbol" })).format(cents / 100);
}

/** The parts of a date each formatter below reads. */
const DATE_PARTS = {
  dayMonth: { day: "numeric", month: "long" },
  dayMonthYear: { day: "numeric", month: "long", year: "numeric" },
  weekday: { weekday: "long" },
  time24: { hour: "numeric", minute: "2-digit", hourCycle: "h23" },
  time12: { hour: "numeric", minute: "2-digit", hour12: true },
  time12DayPart: { hour: "numeric", minute: "2-digit", hour12: true, dayPeriod: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function parts(date: Date, zone: string, locale: string, kind: keyof typeof DATE_PARTS): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const tag = intlTag(locale);
  // Always the Gregorian calendar: a Dari or Pashto locale would otherwise print a Solar Hijri date.
  const format = keep(`d ${tag} ${zone} ${kind}`, () => new Intl.DateTimeFormat(tag, { timeZone: zone, calendar: "gregory", ...DATE_PARTS[kind] }));
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A calendar day ("2026-12-07") or a moment seen in a zone. */
function asDate(value: string | Date, zone: string): { date: Date; zone: string } {
  if (value instanceof Date) return { date: value, zone };
  // A bare day is read at noon UTC, so no zone moves it to the day before or after.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? { date: new Date(`${value}T12:00:00Z`), zone: "UTC" } : { date: new Date(value), zone };
}

export interface DateOptions {
  weekday?: boolean;
  year?: boolean;
}

/**
 * A date in the reader's words and digits. The names come from ICU (so Russian months are in the form a
 * day takes: "7 декабря"); the order and the separators come from the language's texts (`dates.*`), so a
 * Pashto line has a Pashto comma and no stray words: "دوشنبه، ۷ دسمبر".
 */
export function formatDate(t: TFunction, value: string | Date, zone = "UTC", options: DateOptions = {}): string {
  const locale = languageOf(t);
  const at = asDate(value, zone);
  const p = parts(at.date, at.zone, locale, options.year ? "dayMonthYear" : "dayMonth");
  const date = options.year
    ? t("dates.day_month_year", { day: p.day, month: p.month, year: p.year })
    : t("dates.day_month", { day: p.day, month: p.month });
  if (!options.weekday) return date;
  return t("dates.weekday_date", { weekday: parts(at.date, at.zone, locale, "weekday").weekday, date });
}

/** A time of day on the reader's clock, in the zone where it happens. */
export function formatTime(t: TFunction, value: Date | string, zone: string): string {
  const locale = languageOf(t);
  const date = typeof value === "string" ? new Date(value) : value;
  const clock = isLocale(locale) ? CLOCK[locale] : undefined;
  if (!clock) {
    const p = parts(date, zone, locale, "time24");
    return `${p.hour}:${p.minute}`;
  }
  const p = parts(date, zone, locale, clock === "day-part" ? "time12DayPart" : "time12");
  return t("dates.time_12h", { time: `${p.hour}:${p.minute}`, period: p.dayPeriod ?? "" }).trim();
}

/**
 * When something happens, in the zone where it happens (the cohort's, not the phone's).
 * @example formatDateTime(t, "2027-03-29T07:30:00Z", "Europe/Paris") // French: "lundi 29 mars à 09:30"
 */
export function formatDateTime(t: TFunction, value: string | Date, zone: string): string {
  return t("dates.date_time", { date: formatDate(t, value, zone, { weekday: true }), time: formatTime(t, value, zone) });
}

/** The language a fixed translator writes in (i18next sets `lng` on it). */
export function languageOf(t: TFunction): string {
  return (t as TFunction & { lng?: string }).lng ?? "fr";
}
