import type { TFunction } from "i18next";
import { DateTime } from "luxon";
import type { Intent } from "../core/intent.ts";
import type { Reply, Say, SayParam } from "../engine/types.ts";

/** The language a fixed translator writes in (i18next sets `lng` on it). */
function languageOf(t: TFunction): string {
  return (t as TFunction & { lng?: string }).lng ?? "fr";
}

/**
 * Money in the reader's format: `formatMoney(3600, "EUR", "fr")` is "36,00 €", in Arabic "٣٦٫٠٠ €".
 * Amounts are integer cents; only the display divides.
 */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" }).format(cents / 100);
}

/** A date in the reader's words, on the Gregorian calendar: "30 novembre" in French, "30 листопада" in Ukrainian. */
export function formatDate(isoDate: string, locale: string): string {
  return DateTime.fromISO(isoDate).reconfigure({ locale, outputCalendar: "gregory" }).toLocaleString({ day: "numeric", month: "long" });
}

/**
 * A date and time written the reader's way, in the zone where it happens (the cohort's, not the phone's),
 * always on the Gregorian calendar (a Persian locale would otherwise print a Solar Hijri date).
 * @example formatDateTime("2027-03-29T07:30:00Z", "Europe/Paris", "fr") // "lundi 29 mars à 09:30"
 */
export function formatDateTime(iso: string | Date, zone: string, locale: string): string {
  const dt = typeof iso === "string" ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone });
  return dt
    .reconfigure({ locale, outputCalendar: "gregory" })
    .toLocaleString({ weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" });
}

function param(t: TFunction, value: SayParam): string | number {
  if (typeof value !== "object") return value;
  if ("t" in value) return t(value.t) as string;
  if ("money" in value) return formatMoney(value.money, value.currency, languageOf(t));
  if ("datetime" in value) return formatDateTime(value.datetime, value.zone, languageOf(t));
  return formatDate(value.date, languageOf(t));
}

/** One sentence in the reader's language; translated, money and date parameters are formatted for them. */
export function say(t: TFunction, s: Say): string {
  const params = Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, param(t, v)]));
  return t(s.key, params) as string;
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
    listButton: t("menu.button") as string,
    numberHint: t("choices.reply_with_number") as string,
    choices: reply.choices.map((c) => ({ id: c.id, label: c.label ?? (c.say ? say(t, c.say) : c.id) })),
  };
}
