import { DateTime } from "luxon";
import { LOCALES } from "../../core/locales.ts";
import { toAsciiDigits } from "../../core/text.ts";
import { PhraseBook } from "../words.ts";

/** A day as people name it: relative to today, a weekday (1 = Monday, as ISO), or a day and month. */
export type DayRef = { days: number } | { weekday: number } | { day: number; month: number } | { dayOfMonth: number };

/**
 * Words people use for days that the platform's own calendar data (ICU) does not give: dialect,
 * Latin-letter spellings, short forms. Weekday names and "today / tomorrow / the day after" in every
 * language come from ICU (`Intl`), so this list is only what people add to them.
 */
const SPOKEN: Record<string, DayRef> = {
  // today
  aujourdhui: { days: 0 }, auj: { days: 0 }, ajd: { days: 0 }, ajrd: { days: 0 }, "ce soir": { days: 0 }, tonight: { days: 0 }, "this morning": { days: 0 },
  lyoum: { days: 0 }, lyom: { days: 0 }, "el yom": { days: 0 }, elyoum: { days: 0 }, النهارده: { days: 0 }, النهاردة: { days: 0 }, ليوم: { days: 0 }, اليوما: { days: 0 },
  emroz: { days: 0 }, emruz: { days: 0 }, aazke: { days: 0 },
  "hoje mesmo": { days: 0 }, segodnya: { days: 0 }, сёдня: { days: 0 }, седня: { days: 0 }, сьогодня: { days: 0 }, lomi: { days: 0 }, ሎሚ: { days: 0 },
  // tomorrow
  dem1: { days: 1 }, dmain: { days: 1 }, "demain matin": { days: 1 }, tmrw: { days: 1 }, tmr: { days: 1 }, tomoro: { days: 1 }, "tomorrow morning": { days: 1 },
  bokra: { days: 1 }, bukra: { days: 1 }, bokhra: { days: 1 }, ghodwa: { days: 1 }, ghedwa: { days: 1 }, ghadan: { days: 1 }, ghda: { days: 1 }, bacher: { days: 1 },
  بكرة: { days: 1 }, بكره: { days: 1 }, بكرا: { days: 1 }, غدوة: { days: 1 }, غدوه: { days: 1 }, غدا: { days: 1 }, غدوا: { days: 1 }, بعدين: { days: 1 },
  farda: { days: 1 }, fardaa: { days: 1 }, saba: { days: 1 }, sabaa: { days: 1 }, sahar: { days: 1 }, "kal ke": { days: 1 }, agamikal: { days: 1 }, kal: { days: 1 }, kalke: { days: 1 }, kaal: { days: 1 },
  কাল: { days: 1 }, কালকে: { days: 1 }, সকালে: { days: 1 }, tsbah: { days: 1 }, tsibah: { days: 1 }, ጽባሕ: { days: 1 },
  manana: { days: 1 }, amanha: { days: 1 }, zavtra: { days: 1 }, zavtr: { days: 1 }, завтро: { days: 1 },
  // yesterday
  "hier soir": { days: -1 }, vchera: { days: -1 }, vchora: { days: -1 }, вчора: { days: -1 }, البارح: { days: -1 }, امبارح: { days: -1 }, "lbareh": { days: -1 }, lbarah: { days: -1 },
  embareh: { days: -1 }, imbareh: { days: -1 }, ams: { days: -1 }, dirooz: { days: -1 }, diruz: { days: -1 }, parun: { days: -1 }, gotokal: { days: -1 }, gotkal: { days: -1 }, timali: { days: -1 },
  // the day after tomorrow
  "apres demain": { days: 2 }, "day after tomorrow": { days: 2 }, "ba3d bokra": { days: 2 }, "بعد بكرة": { days: 2 }, "بعد بكره": { days: 2 }, "بعد غدوة": { days: 2 },
  "pas farda": { days: 2 }, "پس فردا": { days: 2 }, "bel saba": { days: 2 }, "بل سبا": { days: 2 }, porshu: { days: 2 }, পরশু: { days: 2 },
  poslezavtra: { days: 2 }, "pasado manana": { days: 2 }, "depois de amanha": { days: 2 },
  // weekdays people shorten or spell in Latin letters
  lundi: { weekday: 1 }, itnin: { weekday: 1 }, "el etnin": { weekday: 1 }, tnin: { weekday: 1 }, دوشنبه: { weekday: 1 }, doshanbe: { weekday: 1 },
  mardi: { weekday: 2 }, tlata: { weekday: 2 }, tlat: { weekday: 2 }, "se shanbe": { weekday: 2 }, seshanbe: { weekday: 2 }, "سه شنبه": { weekday: 2 },
  mercredi: { weekday: 3 }, larb3a: { weekday: 3 }, arba3: { weekday: 3 }, chaharshanbe: { weekday: 3 }, "چهار شنبه": { weekday: 3 },
  jeudi: { weekday: 4 }, khmis: { weekday: 4 }, khamis: { weekday: 4 }, lkhmis: { weekday: 4 }, panjshanbe: { weekday: 4 }, "پنج شنبه": { weekday: 4 }, thu: { weekday: 4 }, thurs: { weekday: 4 },
  vendredi: { weekday: 5 }, jom3a: { weekday: 5 }, jem3a: { weekday: 5 }, juma: { weekday: 5 }, jumma: { weekday: 5 }, jomeh: { weekday: 5 }, fri: { weekday: 5 },
  samedi: { weekday: 6 }, sebt: { weekday: 6 }, sabt: { weekday: 6 }, shanbe: { weekday: 6 },
  dimanche: { weekday: 7 }, lyekshanbe: { weekday: 7 }, "یک شنبه": { weekday: 7 },
  tue: { weekday: 2 }, tues: { weekday: 2 }, wed: { weekday: 3 },
  lunes: { weekday: 1 }, martes: { weekday: 2 }, miercoles: { weekday: 3 }, jueves: { weekday: 4 }, viernes: { weekday: 5 }, sabado: { weekday: 6 }, domingo: { weekday: 7 },
  segunda: { weekday: 1 }, terca: { weekday: 2 }, quarta: { weekday: 3 }, quinta: { weekday: 4 }, sexta: { weekday: 5 },
  ponedelnik: { weekday: 1 }, vtornik: { weekday: 2 }, sreda: { weekday: 3 }, chetverg: { weekday: 4 }, pyatnica: { weekday: 5 }, subbota: { weekday: 6 }, voskresenye: { weekday: 7 },
  понеділка: { weekday: 1 }, вівторка: { weekday: 2 }, середу: { weekday: 3 }, четверга: { weekday: 4 }, пятницю: { weekday: 5 }, "п'ятницю": { weekday: 5 }, суботу: { weekday: 6 }, неділю: { weekday: 7 },
  среду: { weekday: 3 }, пятницу: { weekday: 5 }, субботу: { weekday: 6 }, воскресенье: { weekday: 7 },
  shombar: { weekday: 1 }, mongolbar: { weekday: 2 }, budhbar: { weekday: 3 }, brihospotibar: { weekday: 4 }, bishudbar: { weekday: 4 }, shukrobar: { weekday: 5 }, shonibar: { weekday: 6 }, robibar: { weekday: 7 },
  senuy: { weekday: 1 }, selus: { weekday: 2 }, rebu: { weekday: 3 }, hamus: { weekday: 4 }, arbi: { weekday: 5 }, qedam: { weekday: 6 }, sanbet: { weekday: 7 },
};

/** Monday 2026-11-30 and the six days after it, to read weekday names from ICU. */
const A_WEEK = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 10, 30 + i, 12)));

function build(): PhraseBook<DayRef> {
  const book = new PhraseBook<DayRef>();
  for (const locale of LOCALES) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    for (const days of [-2, -1, 0, 1, 2]) {
      const phrase = relative.format(days, "day");
      if (!/\d/.test(phrase)) book.add(phrase, { days });
    }
    for (const style of ["long", "short"] as const) {
      const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: "UTC" });
      A_WEEK.forEach((date, i) => {
        const name = format.format(date).replace(/\.$/, "");
        // Short names of three letters or less are words of their own elsewhere ("mar", "sun").
        if (style === "long" || [...name].length > 3) book.add(name, { weekday: i + 1 });
        // "segunda-feira" is said "segunda"; "الاثنين" without its article is in the prefix rule.
        const first = name.split(/[-\s]/)[0];
        if (first && first !== name && [...first].length > 3) book.add(first, { weekday: i + 1 });
      });
    }
  }
  for (const [phrase, ref] of Object.entries(SPOKEN)) book.add(phrase, ref);
  return book;
}

const DAYS = build();

/** Strips accents and case, so "Décembre" and "decembre" compare equal. */
export const plain = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/gu, "").toLowerCase();

/**
 * Month names of every supported language, from ICU (Gregorian calendar, as written beside a day and
 * alone: "décembre", "декабря" and "декабрь"), with the short forms people type ("dec", "déc", "dic").
 */
function monthNames(): Map<string, number> {
  const names = new Map<string, number>();
  for (const locale of LOCALES) {
    const inDate = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { day: "numeric", month: "long", timeZone: "UTC" });
    const alone = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-latn`, { month: "long", timeZone: "UTC" });
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2026, month - 1, 15));
      const said = plain(inDate.format(date)).replace(/\d+/gu, "").replace(/(?:^|\s)de(?:\s|$)/u, " ").trim();
      for (const name of [said, plain(alone.format(date))]) if (name) names.set(name, month);
      const short = plain(alone.format(date)).slice(0, 3);
      if (/^[a-z]{3}$/u.test(short) && !["mar", "mai", "may", "jun", "jul"].includes(short)) names.set(short, month);
    }
  }
  return names;
}

/** Every month name and short form people type, plain (see `plain`), to its month (1–12). */
export const MONTHS: ReadonlyMap<string, number> = monthNames();
const MONTH_NAMES = [...MONTHS.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("|");
/** "15 décembre", "15 de diciembre", "December 15th", "15 декабря", "دسمبر 15". */
const MONTH_DATE = new RegExp(`(?<![\\p{L}\\d])(?:(\\d{1,2})(?:er|st|nd|rd|th)?\\s+(?:de\\s+)?(${MONTH_NAMES})|(${MONTH_NAMES})\\s+(\\d{1,2})(?:st|nd|rd|th)?)(?![\\p{L}\\d])`, "u");

/** "le 15", "the 15th", "el 15", "mardi 15", "mardi 15 10h": a day of the month without its month, not a time ("jeudi 4h") nor an amount. */
const DAY_NUMBER = /(?:^|\s)(\p{L}+)\s+(\d{1,2})(?:er|st|nd|rd|th)?(?!\d|\s*(?:h|:|\d+(?!\d|\s*(?:h|:|am|pm))|am|pm|a\.m|p\.m|heure|hour|hora|час|[€$£]|e(?:\s|$)|eur))/gu;
const THE = new Set(["le", "the", "el", "dia", "on", "au", "al"]);

function dayOfMonth(text: string): DayRef | undefined {
  for (const m of plain(toAsciiDigits(text)).matchAll(DAY_NUMBER)) {
    const n = Number(m[2]);
    if (n < 1 || n > 31) continue;
    const before = DAYS.find(m[1]!, { typos: false });
    if (THE.has(m[1]!) || (before && "weekday" in before)) return { dayOfMonth: n };
  }
  return undefined;
}

/** A day written with its month's name, if the text has one the month has. */
function monthDate(text: string): DayRef | undefined {
  const m = MONTH_DATE.exec(plain(toAsciiDigits(text)));
  if (!m) return undefined;
  const day = Number(m[1] ?? m[4]);
  const month = MONTHS.get(m[2] ?? m[3]!)!;
  return day >= 1 && day <= DateTime.local(2024, month).daysInMonth! ? { day, month } : undefined;
}
const DATE = /(?<!\d)(\d{1,2})\s?[/.-]\s?(\d{1,2})(?![\d,]|\s?(?:€|e\b|eur|euro|\$))/u;

/** The day a text names, if it names one: a date "12/3" (day first), then day words. */
export function findDay(text: string, options: { typos?: boolean } = {}): DayRef | undefined {
  const date = DATE.exec(toAsciiDigits(text));
  if (date) {
    const day = Number(date[1]);
    const month = Number(date[2]);
    // A day the month has (29/02 allowed): "31/02" is a typo, not 3 March.
    if (month >= 1 && month <= 12 && day >= 1 && day <= DateTime.local(2024, month).daysInMonth!) return { day, month };
  }
  return monthDate(text) ?? dayOfMonth(text) ?? DAYS.find(text, options);
}

/** How far back a sale or an expense may be dated by its words ("samedi", "le 2/12"); older ones are today's. */
const PAST_DAYS = 31;

/**
 * The day a sale or an expense happened, when its text names one in the last month: "hier", "avant-hier",
 * "samedi" (the last one, today included), "le 5/12". A day to come, or older, is not one (the entry is
 * today's). Dates are read with a slash only: "2.12" is a price.
 * @example pastDay("hier j'ai vendu 5 bissap", new Date("2026-12-07T10:00Z"), "Europe/Paris") === "2026-12-06"
 */
export function pastDay(text: string, now: Date, zone: string): string | undefined {
  // Words as written, no typo allowed: a sale's words are many, and "الواحد" (each) is one letter from "الأحد" (Sunday).
  const ref = findDay(toAsciiDigits(text).replace(/(\d)\s?[.-]\s?(\d)/gu, "$1 $2"), { typos: false });
  if (!ref) return undefined;
  const today = DateTime.fromJSDate(now).setZone(zone).startOf("day");
  let day: DateTime;
  if ("days" in ref) day = today.plus({ days: ref.days });
  else if ("weekday" in ref) day = today.minus({ days: (today.weekday - ref.weekday + 7) % 7 });
  else if ("dayOfMonth" in ref) day = monthsAround(today, ref.dayOfMonth, -1).find((d) => d <= today) ?? today.plus({ days: 1 });
  else {
    day = DateTime.fromObject({ year: today.year, month: ref.month, day: ref.day }, { zone });
    if (day > today) day = day.minus({ years: 1 });
  }
  if (!day.isValid || day > today || today.diff(day, "days").days > PAST_DAYS) return undefined;
  return day.toISODate()!;
}

/** That day of the month in this month and the next (or the previous) ones that have it, in order. */
function monthsAround(today: DateTime, dayOfMonth: number, step: 1 | -1): DateTime[] {
  const out: DateTime[] = [];
  for (let i = 0; i < 4; i++) {
    const month = today.startOf("month").plus({ months: i * step });
    if (dayOfMonth <= month.daysInMonth!) out.push(month.set({ day: dayOfMonth }));
  }
  return out;
}

/**
 * The ISO date a day reference means from `now` in `zone`: a weekday is the next one (today included),
 * a date without a year is this year's, or next year's once it has passed.
 * @example resolveDay({ weekday: 4 }, new Date("2026-12-06T10:00Z"), "Europe/Paris") === "2026-12-10"
 */
export function resolveDay(ref: DayRef, now: Date, zone: string): string {
  const today = DateTime.fromJSDate(now).setZone(zone).startOf("day");
  if ("days" in ref) return today.plus({ days: ref.days }).toISODate()!;
  if ("weekday" in ref) return today.plus({ days: (ref.weekday - today.weekday + 7) % 7 }).toISODate()!;
  if ("dayOfMonth" in ref) return monthsAround(today, ref.dayOfMonth, 1).find((d) => d >= today)!.toISODate()!;
  // The next such day from today (a 29 February waits for a leap year).
  for (let year = today.year; year < today.year + 8; year++) {
    const date = DateTime.fromObject({ year, month: ref.month, day: ref.day }, { zone });
    if (date.isValid && date >= today) return date.toISODate()!;
  }
  throw new RangeError(`no ${ref.day}/${ref.month} in eight years`); // findDay returns only days a month has
}
