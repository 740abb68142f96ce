import { normalise } from "../../core/text.ts";
import { saysNotComing } from "../../understanding/slots/negation.ts";
import { mainMenu } from "../replies.ts";
import { IDLE, reply, type Turn } from "../turn.ts";
import { answeredAbout, rsvpEffect, rsvpSaidBack, whichSession } from "./understood.ts";
import { dayOf, daysNamed } from "./session-dates.ts";
import type { Effect, EngineResult, Reply } from "../types.ts";

/* One message that answers for several training days: "je viens jeudi mais pas mardi", "I'll come tuesday and thursday". */

type Answer = "yes" | "no" | "late";

/** "but", in every supported language: each side may answer for its own days. */
const BUT = / (?:mais|but|pero|mas|но|а|але|проте|لكن|لاكن|ولكن|بس|ولی|اما|خو|مګر|কিন্তু|তবে|ግን|ግና) /u;
/** Between days of the same answer: "mardi et jeudi", "tuesday or thursday", "ni mardi ni jeudi". */
const BETWEEN_DAYS = / (?:et|and|y|e|ou|or|o|ni|nor|neither|и|і|та|й|ни|ні|و|یا|او|ও|এবং|আর) |,/u;
/** A "not" said in a part ("pas mardi", "not thursday", "না", "نمیام"). */
const NOT = / (?:pas|not|cannot|cant|can t|won t|wont|no|nao|не|ні|ни|لا|ما|مش|مو|نه|না|নয়)(?= )|(?:^| )(?:نمی|ኣይ)\S*/u;
/** "Neither … nor …": not coming on any of the days. */
const NEITHER = / (?:ni|neither|nor|ни|ні) .+ (?:ni|nor|ни|ні) /u;
/** "late", in every supported language. */
const LATE = /retard|late|tarde|atras|опозда|запізн|متأخر|متاخر|دیر|ناوخته|দেরি|ክድንጉ|ክድንጒ/u;

/** The days a part names, each at most once, as ISO dates in the person's zone. */
const daysIn = (part: string, turn: Turn) => daysNamed(part, turn.now, turn.person.timezone, BETWEEN_DAYS);

/** A part's own answer, when the parts of a "but" answer differently. */
function answerOf(part: string): Answer {
  if (saysNotComing(part) || NOT.test(part)) return "no";
  return LATE.test(part) ? "late" : "yes";
}

/**
 * The answer for each day the words name, when they name more than one: each side of a "but" with
 * its own answer ("je viens jeudi mais pas mardi"), else every day with the answer understood ("je
 * viens mardi et jeudi", "ni mardi ni jeudi"). Undefined for one day or none.
 */
export function answersByDay(turn: Turn, understood: Answer): Map<string, Answer> | undefined {
  const said = ` ${normalise(turn.event.text ?? "").replace(/[’']/gu, " ").replace(/[?？؟!.;:]/gu, " ").replace(/\s+/gu, " ")} `;
  const parts = said.split(BUT).map((p) => ` ${p.trim()} `);
  const byDay = new Map<string, Answer>();
  // One part: the answer understood, but "ni mardi ni jeudi" is a no whatever the model read.
  const whole = NEITHER.test(said) ? "no" : understood;
  for (const part of parts) for (const day of daysIn(part, turn)) if (!byDay.has(day)) byDay.set(day, parts.length > 1 ? answerOf(part) : whole);
  return byDay.size > 1 ? byDay : undefined;
}

/**
 * Records each day's answer for the one session that day; a day with none, or with several, is asked
 * with the sessions to choose from (its answer kept), after what was recorded.
 */
export function rsvpForDays(turn: Turn, answers: Map<string, Answer>): EngineResult {
  const sessions = turn.context.nextSessions ?? [];
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  let asked: Reply | undefined;
  for (const [day, answer] of answers) {
    const that = sessions.filter((s) => dayOf(s) === day);
    if (that.length === 1) {
      replies.push({ type: "text", say: rsvpSaidBack(that[0]!, answer) });
      effects.push(rsvpEffect(that[0]!.id, answer));
      continue;
    }
    // One question at a time: the first day that needs one.
    asked ??= whichSession(that.length ? that : sessions, answer, that.length ? undefined : day);
  }
  // The one session they come to is the one "late" or "where is it?" will be about next.
  const coming = effects.filter((e) => e.type === "record_rsvp" && e.answer === "yes");
  const next = coming.length === 1 && !asked && coming[0]!.type === "record_rsvp" ? answeredAbout(coming[0]!.sessionId) : IDLE;
  return reply(next, [...replies, asked ?? mainMenu(turn.person, turn.context)], effects);
}
