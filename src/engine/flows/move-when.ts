import { DateTime } from "luxon";
import { normalise, toAsciiDigits } from "../../core/text.ts";
import { findDay, resolveDay } from "../../understanding/slots/days.ts";
import type { Turn } from "../turn.ts";
import { dayOf, readMovedWhen } from "./session-dates.ts";

/* The new day and time of a session being moved, as the team says it: "à vendredi", "au 17", "jeudi prochain", "d'une semaine". */

type Moved = { startsAt: string; timezone: string };

/** "to", "à", "au", "para", "на"…: what comes after it, in a move, may be the new day and time. */
const TO = /\s(?:a|à|au|to|till|until|para|pour|для|на|إلى|الى|لـ|به|تا|ته|ናብ|ክሳብ|তে)\s+/gu;

/** "A week later", in every supported language: "à la semaine prochaine", "d'une semaine", "next week", "на неделю". */
const A_WEEK_LATER = new RegExp(
  `(?:^|\\s)(?:${[
    "semaine prochaine", "semaine d apres", "d une semaine", "dune semaine", "une semaine plus tard", "next week", "a week later", "by a week", "by one week", "one week later",
    "semana que viene", "proxima semana", "una semana", "semana que vem", "uma semana", "следующую неделю", "на неделю", "через неделю", "наступний тиждень", "на тиждень", "через тиждень",
    "الأسبوع القادم", "الاسبوع القادم", "الاسبوع الجاي", "بأسبوع", "باسبوع", "هفته بعد", "یک هفته", "بله اونۍ", "یوه اونۍ", "আগামী সপ্তাহে", "এক সপ্তাহ", "ዝመጽእ ሰሙን", "ሓደ ሰሙን",
  ].join("|")})(?=\\s|$)`,
  "u",
);

/** A week after the session, at the time typed ("la semaine prochaine à 10h") or at its own. */
function weekLater(turn: Turn, typed: string, s: Moved): Date | undefined {
  const day = DateTime.fromISO(dayOf(s)).plus({ weeks: 1 }).toISODate()!;
  return readMovedWhen(turn, typed, s.timezone, s.startsAt, day);
}

/**
 * The day a part of the words names for the move: "au 17" and "à jeudi 17" that date; a weekday that is
 * the session's own ("déplace jeudi à jeudi prochain") the one after it.
 */
function dayNamed(words: string, turn: Turn, s: Moved): string | undefined {
  const ref = findDay(words);
  if (!ref) return undefined;
  const day = resolveDay(ref, turn.now, s.timezone);
  // "à jeudi 16h" for Thursday's session is that day at 16:00; "à jeudi prochain", or "à jeudi" alone, the next one.
  const next = NEXT.test(` ${normalise(words).replace(/[’']/gu, " ")} `) || !/\d\s*(?:h|:|am|pm)/iu.test(toAsciiDigits(words));
  return "weekday" in ref && day === dayOf(s) && next ? DateTime.fromISO(day).plus({ weeks: 1 }).toISODate()! : day;
}

/** "Next" said of a weekday ("jeudi prochain", "next thursday", "el próximo jueves"). */
const NEXT = /\s(?:prochain|prochaine|next|proximo|proxima|siguiente|que vem|следующ\S*|наступн\S*|القادم|الجاي|الجاية|بعد|راتلونکی|راتلونکې|আগামী|ዝመጽእ)\s/u;

/**
 * The new day and time of a move said in the same words as the move, after a "to" or as "a week
 * later": in the future, or undefined. What is not said is the session's: "à vendredi" keeps its time,
 * "à 15h" its day.
 */
export function moveSaidWith(turn: Turn, s: Moved): Date | undefined {
  const typed = turn.event.text ?? "";
  if (A_WEEK_LATER.test(normalise(typed).replace(/[’']/gu, " "))) {
    const at = weekLater(turn, typed.slice(typed.search(TO) + 1), s);
    return at && at > turn.now ? at : undefined;
  }
  for (const m of typed.matchAll(TO)) {
    // The day read from these words only, with their "au" (the sentence's first day is the session's).
    const said = typed.slice(m.index + 1);
    const at = readMovedWhen(turn, typed.slice(m.index + m[0].length), s.timezone, s.startsAt, dayNamed(said, turn, s));
    if (at && at > turn.now) return at;
  }
  return undefined;
}

/** The words before the move's "to" ("déplace jeudi" of "déplace jeudi à jeudi 17"): where the session is named. */
export function beforeTo(typed: string): string {
  const at = typed.search(TO);
  return at > 0 ? typed.slice(0, at) : typed;
}

/** The new day and time typed alone at "which day?" (or at "Move … to …?"): as `readMovedWhen`, and "a week later". */
export function moveTyped(turn: Turn, typed: string, s: Moved, base: string): Date | undefined {
  if (A_WEEK_LATER.test(normalise(typed).replace(/[’']/gu, " "))) return weekLater(turn, typed, s);
  const day = findDay(typed) ? dayNamed(typed, turn, s) : undefined;
  return readMovedWhen(turn, typed, s.timezone, base, day);
}
