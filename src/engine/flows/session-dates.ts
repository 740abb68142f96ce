import { DateTime } from "luxon";
import { toAsciiDigits } from "../../core/text.ts";
import { findDay, resolveDay } from "../../understanding/slots/days.ts";
import type { Turn } from "../turn.ts";
import type { Say } from "../types.ts";
import { titleParam } from "../../core/titles.ts";

/* The day and time a coordinator types for a session: digits ("3/12 10:00") or words ("demain 10h"). */

/** Formats a coordinator may type a date and time in; read in the cohort's time zone. */
export const DATE_TIME_FORMATS = ["d/M/yyyy H:mm", "d/M/yyyy H'h'mm", "d/M/yyyy H'h'", "d/M H:mm", "d/M H'h'mm", "d/M H'h'", "yyyy-M-d H:mm"];

/** A date without a year already past is read as next year's only when that is this close (a cohort lasts five months). */
const NEXT_YEAR_WITHIN_MONTHS = 6;

/**
 * A date and time typed by a coordinator ("3/12 10:00", "03/12/2026 9h30", "2026-12-03 10:00"),
 * in the cohort's zone. A date without a year is this year's, or next year's when this year's has
 * passed and next year's is within six months; a date in the past is returned as it is (the caller refuses it).
 */
export function readDateTime(typed: string, zone: string, now: Date): Date | undefined {
  const cleaned = toAsciiDigits(typed).trim().replace(/\s+/g, " ").replace(/\s*(à|a|at)\s*/i, " ");
  for (const format of DATE_TIME_FORMATS) {
    let dt = DateTime.fromFormat(cleaned, format, { zone });
    if (!dt.isValid) continue;
    // "15/1" typed in December is next January; "1/12" typed on 7 December is a slip, not next December.
    if (!format.includes("yyyy") && dt < DateTime.fromJSDate(now).minus({ days: 1 }) && dt.plus({ years: 1 }) <= DateTime.fromJSDate(now).plus({ months: NEXT_YEAR_WITHIN_MONTHS })) {
      dt = dt.plus({ years: 1 });
    }
    return dt.toJSDate();
  }
  return undefined;
}

/** A time of day typed with a day in words: "15h", "9h30", "10:00", "3pm", "9:30 am". */
const TIME_24 = /(?<!\d)([01]?\d|2[0-3])\s*(?:h|:)\s*([0-5]\d)?(?!\d)/iu;
const TIME_12 = /(?<!\d)(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*(am|pm)\b/iu;

/** A date in digits ("31/02", "3.12") that could not be read: the time beside it is not a time alone. */
const DATE_IN_DIGITS = /(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)/u;

/** The time of day typed ("15h", "9h30", "3pm"), or undefined. */
function timeIn(typed: string): { hour: number; minute: number } | undefined {
  const ascii = toAsciiDigits(typed);
  const m12 = TIME_12.exec(ascii);
  const m24 = m12 ? undefined : TIME_24.exec(ascii);
  if (!m12 && !m24) return undefined;
  return { hour: m12 ? (Number(m12[1]) % 12) + (m12[3]!.toLowerCase() === "pm" ? 12 : 0) : Number(m24![1]), minute: Number((m12 ?? m24)![2] ?? 0) };
}

/** That day (ISO) at that time in `zone`, within the months a date without a year may reach. */
function onDayAt(turn: Turn, day: string, time: { hour: number; minute: number }, zone: string): Date | undefined {
  const dt = DateTime.fromISO(day, { zone }).set({ ...time, second: 0, millisecond: 0 });
  // The understanding reads a passed "29/11" as next year's: as above, only within six months.
  if (!dt.isValid || dt > DateTime.fromJSDate(turn.now).plus({ months: NEXT_YEAR_WITHIN_MONTHS })) return undefined;
  return dt.toJSDate();
}

/**
 * A date and time as typed ("3/12 10:00"), or a day in words with a time ("demain 10h", "mardi 15h",
 * "jeudi 17/12 à 14h", "tuesday 3pm"): the day as the understanding read it (`slots.day`, in the
 * person's zone), the time from the text, in `zone`. With `sameDayAs` (an ISO instant), a time typed
 * alone is on that day.
 */
export function readWhen(turn: Turn, typed: string, zone: string, sameDayAs?: string): Date | undefined {
  const exact = readDateTime(typed, zone, turn.now);
  if (exact) return exact;
  // A time alone ("non, 14h") at "Move … to …?" keeps the day asked about.
  const alone = sameDayAs && !DATE_IN_DIGITS.test(toAsciiDigits(typed));
  const day = turn.understood?.slots.day ?? (alone ? DateTime.fromISO(sameDayAs).setZone(zone).toISODate()! : undefined);
  const time = timeIn(typed);
  return day && time ? notPast(turn, onDayAt(turn, day, time, zone), typed, zone) : undefined;
}

/** "lundi 14h" typed on a Monday afternoon is next Monday: a weekday named is never today's past hour. */
function notPast(turn: Turn, at: Date | undefined, typed: string, zone: string): Date | undefined {
  const ref = at && at <= turn.now ? findDay(typed) : undefined;
  return ref && "weekday" in ref ? DateTime.fromJSDate(at!).setZone(zone).plus({ weeks: 1 }).toJSDate() : at;
}

/**
 * The new day and time of a session being moved, with `base` (the time asked about, or the session's
 * own) filling what is not said: a time alone ("14h") is on base's day, a day alone ("vendredi",
 * "à vendredi même heure") at base's time. `day` is the day named, the understanding's by default.
 */
export function readMovedWhen(turn: Turn, typed: string, zone: string, base: string, day = turn.understood?.slots.day): Date | undefined {
  const exact = readDateTime(typed, zone, turn.now);
  if (exact) return exact;
  const time = timeIn(typed);
  if (!day && (!time || DATE_IN_DIGITS.test(toAsciiDigits(typed)))) return undefined;
  const at = DateTime.fromISO(base).setZone(zone);
  return notPast(turn, onDayAt(turn, day ?? at.toISODate()!, time ?? { hour: at.hour, minute: at.minute }, zone), typed, zone);
}

/** Hours of the night at which a training day is most likely a slip ("4h" for "14h"): asked with a warning. */
const NIGHT = { from: 22, until: 7 };
/** Two sessions of the team closer than this are said to clash. */
const CLASH_MS = 90 * 60_000;

/** What to check at a new day and time: the night, another of the team's sessions then. */
export function toCheck(turn: Turn, startsAt: Date, zone: string, sessionId?: string): Say[] {
  const hour = DateTime.fromJSDate(startsAt).setZone(zone).hour;
  const clash = turn.context.nextSessions?.find((s) => s.id !== sessionId && Math.abs(new Date(s.startsAt).getTime() - startsAt.getTime()) < CLASH_MS);
  return [
    ...(hour >= NIGHT.from || hour < NIGHT.until ? [{ key: "manage.at_night" }] : []),
    ...(clash ? [{ key: "manage.clash", params: { title: titleParam(clash) } }] : []),
  ];
}

type Timed = { startsAt: string; timezone: string };

/** A session's day in its cohort's zone (ISO), as the understanding gives a day named. */
export const dayOf = (s: Timed): string => DateTime.fromISO(s.startsAt, { zone: s.timezone }).toISODate()!;

/** A session's day and time as a sentence's parameter, read in its cohort's zone. */
export const whenOf = (s: Timed) => ({ datetime: s.startsAt, zone: s.timezone });

/** "and" between days, in the team's and members' languages: "jeudi et dimanche", "jeudi, dimanche". */
export const AND_BETWEEN_DAYS = /\s(?:et|and|y|e|и|і|та|و|او|ও|এবং)\s|,/u;

/** The days the words name, split where `between` says, each once, as ISO dates in `zone`. */
export function daysNamed(text: string, now: Date, zone: string, between: RegExp = AND_BETWEEN_DAYS): string[] {
  const days = text
    .split(between)
    .map((part) => findDay(part))
    .filter((ref) => ref !== undefined)
    .map((ref) => resolveDay(ref, now, zone));
  return [...new Set(days)];
}
