import { DateTime } from "luxon";
import { toAsciiDigits } from "../../core/text.ts";
import { MONTHS, pastDay, plain } from "./days.ts";

/** A stretch of days a question about totals names, both ends included, as ISO dates in the reader's zone. */
export interface Period {
  from: string;
  to: string;
}

/** "last month" and "last week" as people say them, in every supported language (compared plain). */
const LAST_MONTH = [
  "mois dernier", "mois passe", "mois precedent", "last month", "previous month", "mes pasado", "mes anterior", "mes passado",
  "прошлом месяце", "прошлый месяц", "прошлого месяца", "минулого місяця", "минулий місяць", "минулому місяці",
  "الشهر الماضي", "الشهر اللي فات", "الشهر الفائت", "الشهر الفات", "ماه گذشته", "ماه پیش", "ماه قبل", "تېره میاشت", "تیره میاشت",
  "গত মাসে", "গত মাস", "ዝሓለፈ ወርሒ", "last mois",
];
const LAST_WEEK = [
  "semaine derniere", "semaine passee", "semaine precedente", "last week", "previous week", "semana pasada", "semana passada", "semana anterior",
  "прошлой неделе", "прошлая неделя", "прошлую неделю", "минулого тижня", "минулий тиждень", "минулому тижні",
  "الأسبوع الماضي", "الاسبوع الماضي", "السيمانة اللي فاتت", "السيمانة الماضية", "الجمعة الماضية", "هفته گذشته", "هفته پیش", "هفته قبل", "تېره اونۍ", "تیره اونۍ",
  "গত সপ্তাহে", "গত সপ্তাহ", "ዝሓለፈ ሰሙን",
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const phrases = (list: string[]) => new RegExp(`(?<![\\p{L}\\d])(?:${list.map((p) => escape(plain(p))).join("|")})(?![\\p{L}\\d])`, "u");
const LAST_MONTH_RE = phrases(LAST_MONTH);
const LAST_WEEK_RE = phrases(LAST_WEEK);

/**
 * Month names alone ("novembre", "november", "ноябрь"), with the endings Russian and Ukrainian give
 * them after "in" ("в ноябре", "у листопаді"). Not "may" (a verb) nor the short forms of three letters
 * but "nov", "dec", "oct", "sep", "feb", "jan", "aug", "apr" and their French and Spanish kin.
 */
const MONTH_ALONE = (() => {
  const names = [...MONTHS.keys()].filter((n) => n !== "may" && ([...n].length > 3 || /^(?:jan|feb|fev|apr|avr|abr|aug|aou|ago|sep|oct|out|nov|dec|dic|dez|ene)$/u.test(n)));
  const alternatives = names.map((n) => (/^\p{Script=Cyrillic}{5,}$/u.test(n) ? `${escape(n.slice(0, -1))}\\p{L}{0,2}` : escape(n)));
  return new RegExp(`(?<![\\p{L}\\d])(${alternatives.sort((a, b) => b.length - a.length).join("|")})(?![\\p{L}\\d])`, "u");
})();

/** The month a matched word names, its Cyrillic ending aside. */
function monthOf(word: string): number | undefined {
  const exact = MONTHS.get(word);
  if (exact) return exact;
  for (const [name, month] of MONTHS) if (/^\p{Script=Cyrillic}{5,}$/u.test(name) && word.startsWith(name.slice(0, -1))) return month;
  return undefined;
}

/**
 * The period a question about totals names, if any: a month by its name (the latest one, this month
 * included: "novembre" in December is last month, "janvier" is last January), "last month", "last week"
 * (Monday to Sunday), a past day ("hier", "samedi", within the last month). Nothing for "this month",
 * "this week" or today: the totals already show them; `today` makes today a day too (the team's totals have no "today" line),
 * `current` this month and this week (an export of them).
 * @example periodIn("combien en novembre", new Date("2026-12-07T10:00Z"), "Europe/Paris") // { from: "2026-11-01", to: "2026-11-30" }
 */
export function periodIn(text: string, now: Date, zone: string, options: { today?: boolean; current?: boolean } = {}): Period | undefined {
  const said = plain(toAsciiDigits(text));
  const today = DateTime.fromJSDate(now).setZone(zone).startOf("day");
  const range = (start: DateTime, unit: "month" | "week"): Period => ({ from: start.toISODate()!, to: start.endOf(unit).toISODate()! });
  if (LAST_MONTH_RE.test(said)) return range(today.startOf("month").minus({ months: 1 }), "month");
  if (LAST_WEEK_RE.test(said)) return range(today.startOf("week").minus({ weeks: 1 }), "week");
  // "send me the sales csv for this month": an export names this month or week too.
  if (options.current && THIS_MONTH_RE.test(said)) return range(today.startOf("month"), "month");
  if (options.current && THIS_WEEK_RE.test(said)) return range(today.startOf("week"), "week");
  const m = MONTH_ALONE.exec(said);
  const month = m ? monthOf(m[1]!) : undefined;
  if (!month) {
    // "combien hier", "ventes de samedi": that day (today's figures are always shown, but to the team with `today`).
    const day = pastDay(text, now, zone);
    return day && (options.today || day !== today.toISODate()) ? { from: day, to: day } : undefined;
  }
  const year = month <= today.month ? today.year : today.year - 1;
  return range(DateTime.fromObject({ year, month, day: 1 }, { zone }), "month");
}

/** "next week" and "this week" as people say them (compared plain), for the sessions to come. */
const NEXT_WEEK_RE = phrases([
  "semaine prochaine", "la semaine pro", "next week", "semana que viene", "proxima semana", "semana proxima", "semana que vem",
  "следующей неделе", "следующая неделя", "на той неделе", "наступного тижня", "наступному тижні", "наступний тиждень",
  "الأسبوع القادم", "الاسبوع القادم", "الأسبوع الجاي", "الاسبوع الجاي", "السيمانة الجاية", "هفته آینده", "هفته بعد", "هفته دیگر", "راتلونکې اونۍ", "بله اونۍ",
  "আগামী সপ্তাহে", "আগামী সপ্তাহ", "ዝመጽእ ሰሙን",
]);
const THIS_WEEK_RE = phrases([
  "cette semaine", "this week", "esta semana", "на этой неделе", "цього тижня", "на цьому тижні", "هذا الأسبوع", "هذا الاسبوع", "هاد السيمانة", "این هفته", "دا اونۍ", "এই সপ্তাহে", "ኣብዚ ሰሙን",
]);

const THIS_MONTH_RE = phrases([
  "ce mois", "ce mois ci", "this month", "este mes", "deste mes", "этот месяц", "этом месяце", "за месяц", "цей місяць", "цього місяця", "цьому місяці",
  "هذا الشهر", "الشهر هذا", "هاد الشهر", "این ماه", "دا میاشت", "এই মাস", "এই মাসে", "እዚ ወርሒ", "ኣብዚ ወርሒ",
]);

/**
 * The week a question about sessions to come names: "next week" (Monday to Sunday) or "this week"
 * (today to Sunday). Nothing otherwise.
 * @example weekAhead("qui vient la semaine prochaine ?", new Date("2026-12-07T10:00Z"), "Europe/Paris") // { from: "2026-12-14", to: "2026-12-20" }
 */
export function weekAhead(text: string, now: Date, zone: string): Period | undefined {
  const said = plain(toAsciiDigits(text));
  const today = DateTime.fromJSDate(now).setZone(zone).startOf("day");
  if (NEXT_WEEK_RE.test(said)) {
    const monday = today.startOf("week").plus({ weeks: 1 });
    return { from: monday.toISODate()!, to: monday.endOf("week").toISODate()! };
  }
  if (THIS_WEEK_RE.test(said)) return { from: today.toISODate()!, to: today.endOf("week").toISODate()! };
  return undefined;
}
