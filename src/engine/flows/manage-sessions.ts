import { DateTime } from "luxon";
import { choices, mainMenu, option, text } from "../replies.ts";
import { normalise, wordCount } from "../../core/text.ts";
import { IDLE, idle, reply, type Turn } from "../turn.ts";
import { refuse } from "./refuse.ts";
import type { EngineResult, Reply, Say } from "../types.ts";
import { ADD_WORDS, CANCEL_WORDS, MOVE_WORDS, says, saysStop, titleTyped } from "./team-words.ts";
import { presentFrom } from "./attendance-words.ts";
import { dayOf, readWhen, toCheck, whenOf as when } from "./session-dates.ts";
import { beforeTo, moveSaidWith, moveTyped } from "./move-when.ts";
import { cancelSeveral, confirmCancelSeveral, sessionsNamedByDays } from "./cancel-several.ts";
import { findDay, resolveDay } from "../../understanding/slots/days.ts";
import { parseTypedTitles, titleParam, type Titles } from "../../core/titles.ts";
import { workload } from "../workload.ts";
import { sessionLabels } from "./session-labels.ts";

export { MANAGE } from "./manage-flow.ts";
import { MANAGE } from "./manage-flow.ts";

/** The choice that picks the cohort a new session goes in: `ss:in:<cohort id>`. */
const ADD_IN = "ss:in:";


/** The steps that take her words as they are: a title, a day and time, a place. */
const WRITTEN_STEPS: ReadonlySet<string> = new Set(["add_title", "add_when", "add_place", "move_when", "attendance"]);

/** At "which title?", this few words that read as a day and time ("non 11h", "plutôt vendredi 14h") change the time, not the title. */
const WHEN_ONLY_WORDS = 4;


/** The example in "which day and time?": a week from today at 10:00, so it is never a day already past. */
const whenExample = (turn: Turn, zone: string) => ({ example: { typed: `${DateTime.fromJSDate(turn.now).setZone(zone).plus({ days: 7 }).toFormat("d/M")} 10:00` } });

/** A session read back after a change: its title and its day and time, as the members will read them. */
const sessionLine = (s: { title: string; titles?: Titles }, startsAt: string, timezone: string): Say => ({
  key: "manage.line",
  params: { title: titleParam(s), when: when({ startsAt, timezone }) },
});


/** What can be done with a session: before it starts, move or cancel; once started, take attendance. */
function sessionActions(turn: Turn, s: NonNullable<Turn["context"]["nextSessions"]>[number]): EngineResult {
  const started = new Date(s.startsAt) <= turn.now;
  const actions = started ? [option(`ss:attendance:${s.id}`, "manage.attendance")] : [option(`ss:move:${s.id}`, "manage.move"), option(`ss:cancel:${s.id}`, "manage.cancel")];
  return idle([choices("manage.what", actions, { title: titleParam(s), when: when(s) })]);
}

/**
 * The one session the team's words name: by its title ("décale fixer ses prix …"), or by its day when
 * that day has one ("annule jeudi"). Undefined when they name none, or several.
 */
export function sessionNamed(turn: Turn, day = turn.understood?.slots.day): NonNullable<Turn["context"]["nextSessions"]>[number] | undefined {
  const sessions = turn.context.nextSessions ?? [];
  const words = normalise(turn.event.text ?? "");
  const titled = sessions.filter((s) => [s.title, ...Object.values(s.titles ?? {})].some((t) => typeof t === "string" && normalise(t).length >= 5 && words.includes(normalise(t))));
  if (titled.length) return titled.length === 1 ? titled[0] : undefined;
  const onDay = day ? sessions.filter((s) => dayOf(s) === day) : [];
  return onDay.length === 1 ? onDay[0] : undefined;
}


/**
 * "Annule jeudi", "décale fixer ses prix", "move the thursday training": a session named with what to
 * do with it goes straight to that question (cancelling is still asked, moving asks the new day).
 */
export function changeNamed(turn: Turn): EngineResult | undefined {
  const cancel = says(CANCEL_WORDS, turn.event.text);
  const move = says(MOVE_WORDS, turn.event.text);
  if (cancel === move) return undefined;
  // "déplace jeudi à jeudi 17": the session is named before the "to", the new day after it.
  const head = move ? findDay(beforeTo(turn.event.text ?? "")) : undefined;
  // "annule jeudi et dimanche": both, in one question.
  const both = cancel ? sessionsNamedByDays(turn) : undefined;
  if (both) return confirmCancelSeveral(both);
  const s = sessionNamed(turn, head ? resolveDay(head, turn.now, turn.person.timezone) : turn.understood?.slots.day);
  if (!s || new Date(s.startsAt) <= turn.now) return undefined;
  // "décale la formation de mardi à mercredi 14h": the new day and time said too, asked at once.
  const to = move ? moveSaidWith(turn, s) : undefined;
  if (to) return confirmMove(turn, s.id, to);
  return onManage({ ...turn, command: undefined, understood: undefined, choiceId: `ss:${cancel ? "cancel" : "move"}:${s.id}` });
}

/**
 * Coordinators: the next sessions, each to move, cancel, or take attendance of. Words that name a day
 * with one session ("annule la séance de jeudi", "move tomorrow's session") go straight to that session.
 */
export function listSessionsToManage(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "sessions.manage");
  // "ajoute une formation …", "add a session": the addition starts at once.
  if (!turn.choiceId && says(ADD_WORDS, turn.event.text)) return onManage({ ...turn, choiceId: "ss:add" });
  const sessions = turn.context.nextSessions ?? [];
  const named = turn.choiceId ? undefined : sessionNamed(turn);
  if (named) return sessionActions(turn, named);
  const lines: Say[] = sessions.map((s) => ({ key: "manage.line", params: { title: titleParam(s), when: when(s) } }));
  // "annule la formation de mercredi" with none on Wednesday: said, before the list.
  const day = turn.choiceId ? undefined : turn.understood?.slots.day;
  const noneThatDay = day && !sessions.some((s) => dayOf(s) === day) ? [text("manage.none_that_day", { day: { date: day } })] : [];
  return idle([
    ...noneThatDay,
    choices(
      sessions.length ? "manage.choose" : "manage.none",
      [...sessionLabels(sessions, turn.person.locale).map((label, i) => ({ id: `ss:${sessions[i]!.id}`, label })), option("ss:add", "manage.add")],
      {},
      lines,
    ),
  ]);
}

/**
 * "Move … to …? Members will be told", with what to check: a time in the night, another session at
 * that time. Nothing is moved or sent before the yes.
 */
function confirmMove(turn: Turn, sessionId: string, startsAt: Date): EngineResult {
  const moved = turn.context.nextSessions?.find((s) => s.id === sessionId);
  const zone = moved?.timezone ?? turn.person.timezone;
  // Its own day and time: nothing to move, and members are never told of a change that is none.
  if (moved && Date.parse(moved.startsAt) === startsAt.getTime()) {
    return reply({ flow: MANAGE, step: "move_when", data: { sessionId } }, [text("manage.same_when", { title: titleParam(moved), when: when(moved), ...whenExample(turn, zone) })]);
  }
  const warnings = toCheck(turn, startsAt, zone, sessionId);
  const params = { title: moved ? titleParam(moved) : "", when: when({ startsAt: startsAt.toISOString(), timezone: zone }) };
  return reply({ flow: MANAGE, step: "move_confirm", data: { sessionId, startsAt: startsAt.toISOString() } }, [
    choices("manage.move_confirm", [option(`ss:moveok:${sessionId}`, "manage.move_yes"), option("ss:keep", "manage.keep")], params, warnings),
  ]);
}


type Adding = { cohortId?: string; title?: string; titles?: Titles | null; startsAt?: string; location?: string };

/** "Add « Compta », Thursday 14:00, at the office? Members will be told", with what to check: nothing is added or sent before the yes. */
function confirmAdd(turn: Turn, data: Adding, location: string): EngineResult {
  const zone = turn.person.timezone;
  const params = { title: titleParam({ title: data.title ?? "", titles: data.titles ?? undefined }), when: when({ startsAt: data.startsAt!, timezone: zone }), place: location };
  return reply({ flow: MANAGE, step: "add_confirm", data: { ...data, location } }, [
    choices("manage.add_confirm", [option("ss:addok", "manage.add_yes"), option("ss:keep", "manage.keep")], params, toCheck(turn, new Date(data.startsAt!), zone)),
  ]);
}

function addSession(turn: Turn, data: Adding): EngineResult {
  const added = sessionLine({ title: data.title ?? "", titles: data.titles ?? undefined }, data.startsAt!, turn.person.timezone);
  return idle([{ type: "text", say: { key: "manage.added", params: { title: data.title ?? "" } }, lines: [added] }], [
    { type: "add_session", cohortId: data.cohortId!, title: data.title!, titles: data.titles ?? null, startsAt: data.startsAt!, location: data.location! },
    { type: "audit", action: "session.added", subject: data.title },
  ]);
}

function moveSession(turn: Turn, sessionId: string, startsAt: string): EngineResult {
  const moved = turn.context.nextSessions?.find((s) => s.id === sessionId);
  const readBack = moved ? [sessionLine(moved, startsAt, moved.timezone)] : [];
  return idle([{ type: "text", say: { key: "manage.moved" }, lines: readBack }], [
    { type: "move_session", sessionId, startsAt },
    { type: "audit", action: "session.moved", subject: sessionId },
  ]);
}

function cancelSession(sessionId: string): EngineResult {
  return idle([text("manage.cancelled")], [{ type: "cancel_session", sessionId }, { type: "audit", action: "session.cancelled", subject: sessionId }]);
}

/** Handles the session choices and the manage flow (move: new date; add: title, date, place). */
export function onManage(turn: Turn): EngineResult {
  if (turn.person.role === "participant") return refuse(turn, "sessions.manage");
  const id = turn.choiceId ?? "";
  const data = turn.conversation.data as Adding & { sessionId?: string };
  // A typed answer to "Cancel …?" or "Move … to …?": yes (or "annuler", the question's own word, to a cancellation) does it, no keeps it.
  const typedAnswer = id ? undefined : turn.understood?.slots.answer;
  if (turn.conversation.step === "cancel_confirm" && data.sessionId && (typedAnswer === "yes" || turn.command === "undo")) return cancelSession(data.sessionId);
  const several = turn.conversation.step === "cancel_confirm" ? (data as { sessionIds?: string[] }).sessionIds : undefined;
  if (several?.length && (id === "ss:yesall" || typedAnswer === "yes" || turn.command === "undo")) return cancelSeveral(several);
  if (turn.conversation.step === "add_confirm" && data.location && (id === "ss:addok" || (typedAnswer === "yes" && !readWhen(turn, turn.event.text ?? "", turn.person.timezone, data.startsAt)))) return addSession(turn, data);
  if (turn.conversation.step === "move_confirm" && data.sessionId && data.startsAt && typedAnswer === "yes" && !readWhen(turn, turn.event.text ?? "", turn.person.timezone, data.startsAt)) {
    return moveSession(turn, data.sessionId, data.startsAt);
  }
  // "Annuler" while a change is being written, or "non" to its question, changes nothing ("non, 14h" is a new time).
  const newTime = /\p{Nd}/u.test(turn.event.text ?? "");
  if (turn.command === "undo" || (typedAnswer === "no" && turn.conversation.step?.endsWith("_confirm") && !newTime)) return idle([text("manage.stopped"), mainMenu(turn.person, turn.context)]);
  // "annule", "oups non", "laisse tomber" where a title, a day or a place is asked: never taken as one.
  if (!id && WRITTEN_STEPS.has(turn.conversation.step ?? "") && saysStop(turn.event.text ?? "", typedAnswer)) return idle([text("manage.stopped"), mainMenu(turn.person, turn.context)]);
  const session = (sid: string | undefined) => turn.context.nextSessions?.find((s) => s.id === sid);
  const started = (s: { startsAt: string }) => new Date(s.startsAt) <= turn.now;
  const at = (step: string, extra: Record<string, unknown>) => ({ flow: MANAGE, step, data: { ...data, ...extra } });
  const askTitle = (cohort: { id: string; name: string }, startsAt?: Date) =>
    reply(at("add_title", { cohortId: cohort.id, ...(startsAt ? { startsAt: startsAt.toISOString() } : {}) }), [text("manage.ask_title", { cohort: `(${cohort.name})` })]);
  if (id === "ss:add") {
    // Only in a cohort she coordinates (an admin: any open one); asked which when there are several.
    const own = workload(turn.context).ownCohorts;
    if (own.length === 0) return idle([text(turn.person.role === "admin" ? "review.no_cohort" : "manage.no_own_cohort")]);
    // "ajoute une formation le 15/12 à 10h": the day and time typed with it are kept, not asked again.
    const typedWhen = turn.event.text ? readWhen(turn, turn.event.text, turn.person.timezone) : undefined;
    const startsAt = typedWhen && typedWhen > turn.now ? typedWhen : undefined;
    // "ajoute une formation compta le 15/12 à 10h": its title too, read back at "Add …?".
    const title = says(ADD_WORDS, turn.event.text) ? titleTyped(turn.event.text!) : undefined;
    if (own.length === 1 && title) {
      const given = { cohortId: own[0]!.id, title, titles: null, ...(startsAt ? { startsAt: startsAt.toISOString() } : {}) };
      return startsAt ? reply(at("add_place", given), [text("manage.ask_place")]) : reply(at("add_when", given), [text("manage.ask_when", whenExample(turn, turn.person.timezone))]);
    }
    if (own.length === 1) return askTitle(own[0]!, startsAt);
    return idle([choices("manage.pick_cohort", own.map((c) => ({ id: `${ADD_IN}${c.id}`, label: c.name })))]);
  }
  if (id.startsWith(ADD_IN)) {
    const cohort = workload(turn.context).ownCohorts.find((c) => c.id === id.slice(ADD_IN.length));
    if (!cohort) return idle([text("review.gone")]);
    return askTitle(cohort);
  }
  if (id === "ss:keep") return idle([text("manage.stopped"), mainMenu(turn.person, turn.context)]);
  const pick = /^ss:(moveok|move|cancel|attendance|yes)?:?(.+)$/.exec(id);
  if (pick && !pick[1]) {
    const s = session(pick[2]);
    return s ? sessionActions(turn, s) : idle([text("review.gone")]);
  }
  if (pick?.[1] === "move") {
    // The session being moved is named above the question: "décale dimanche" said which one only to her.
    const moved = session(pick[2]);
    const asked: Reply = { type: "text", say: { key: "manage.ask_when", params: whenExample(turn, moved?.timezone ?? turn.person.timezone) }, lines: moved ? [sessionLine(moved, moved.startsAt, moved.timezone)] : [] };
    return reply(at("move_when", { sessionId: pick[2] }), [asked]);
  }
  if (pick?.[1] === "cancel") {
    const s = session(pick[2]);
    if (!s) return idle([text("review.gone")]);
    return reply(at("cancel_confirm", { sessionId: s.id }), [choices("manage.cancel_confirm", [option(`ss:yes:${s.id}`, "manage.cancel_yes"), option("menu:sessions", "manage.keep")], { title: titleParam(s), when: when(s) })]);
  }
  if (pick?.[1] === "yes" && turn.conversation.step === "cancel_confirm") return cancelSession(pick[2]!);
  if (pick?.[1] === "moveok" && turn.conversation.step === "move_confirm" && data.startsAt) return moveSession(turn, pick[2]!, data.startsAt);
  if (pick?.[1] === "attendance") {
    const s = session(pick[2]);
    if (!s) return idle([text("review.gone")]);
    if (!started(s)) return idle([text("manage.not_started", { title: titleParam(s), when: when(s) })]);
    return reply(at("attendance", { sessionId: s.id }), [{ type: "attendance_sheet", sessionId: s.id }]);
  }
  const typed = turn.event.text?.trim() ?? "";
  const zone = turn.person.timezone;
  // A few words that read as a day and time, at a question of an addition: the time changed, "Noted: …", and the same question again.
  const retime = (step: string, again: Reply): EngineResult | undefined => {
    const newWhen = wordCount(typed) <= WHEN_ONLY_WORDS ? readWhen(turn, typed, zone, data.startsAt) : undefined;
    if (!newWhen || newWhen <= turn.now) return undefined;
    const startsAt = newWhen.toISOString();
    return reply(at(step, { startsAt }), [text("manage.when_noted", { when: when({ startsAt, timezone: zone }) }), again]);
  };
  switch (turn.conversation.step) {
    case "move_when":
    case "move_confirm": {
      // At "Move … to …?", a new day and time typed ("non, 14h") is asked again the same way.
      const moved = session(data.sessionId);
      // Another change asked for ("annule la formation de jeudi"): this move stops, that one is asked.
      const other = says(CANCEL_WORDS, typed) || says(MOVE_WORDS, typed) ? changeNamed({ ...turn, conversation: { flow: null, step: null, data: {} } }) : undefined;
      if (other) return other;
      // What is not typed is the time asked about, or the session's own: "vendredi" keeps its time, "15h" its day.
      const base = turn.conversation.step === "move_confirm" ? data.startsAt : moved?.startsAt;
      const startsAt = moved && base ? moveTyped(turn, typed, moved, base) : readWhen(turn, typed, zone);
      // "oups annule": no date, and no other change named.
      if (!startsAt && says(CANCEL_WORDS, typed)) return idle([text("manage.stopped"), mainMenu(turn.person, turn.context)]);
      if (!startsAt || startsAt <= turn.now) return reply(at("move_when", {}), [text("manage.bad_when", whenExample(turn, moved?.timezone ?? zone))]);
      return confirmMove(turn, data.sessionId!, startsAt);
    }
    case "add_title":
      if (!typed) return reply(turn.conversation, [text("manage.ask_title", { cohort: "" })]);
    {
      // "non 11h" after "ajoute une formation jeudi 10h": a new day or time, and the title still asked.
      const retimed = retime("add_title", text("manage.ask_title", { cohort: "" }));
      if (retimed) return retimed;
      // One line per language: "Fixer ses prix", "en: Setting your prices", "ar: …".
      const given = parseTypedTitles(turn.event.text ?? typed);
      if (!given.title) return reply(turn.conversation, [text("manage.ask_title", { cohort: "" })]);
      if (data.startsAt) return reply(at("add_place", given), [text("manage.ask_place")]);
      return reply(at("add_when", given), [text("manage.ask_when", whenExample(turn, zone))]);
    }
    case "add_when": {
      const startsAt = readWhen(turn, typed, zone);
      if (!startsAt || startsAt <= turn.now) return reply(turn.conversation, [text("manage.bad_when", whenExample(turn, zone))]);
      return reply(at("add_place", { startsAt: startsAt.toISOString() }), [text("manage.ask_place")]);
    }
    case "add_place": {
      if (!typed) return reply(turn.conversation, [text("manage.ask_place")]);
      // "non 11h", "lundi 14 à 14h" at "where?": a new day or time, the place still asked.
      const retimed = retime("add_place", text("manage.ask_place"));
      if (retimed) return retimed;
      return confirmAdd(turn, data, typed.slice(0, 300));
    }
    case "add_confirm": {
      // A new day or time typed at "Add …?" ("non, 14h") is asked again with it.
      const startsAt = typed ? readWhen(turn, typed, zone, data.startsAt) : undefined;
      return confirmAdd(turn, startsAt && startsAt > turn.now ? { ...data, startsAt: startsAt.toISOString() } : data, data.location ?? "");
    }
    case "attendance": {
      const present = presentFrom(typed);
      if (!present) return reply(turn.conversation, [text("manage.attendance_how")]);
      // Names are found on the sheet after this turn: the sheet stays open, to fix a name or answer again.
      const after = typeof present === "object" && "names" in present ? turn.conversation : IDLE;
      return reply(after, [{ type: "attendance_saved", sessionId: data.sessionId!, present }], [
        { type: "record_attendance", sessionId: data.sessionId!, present },
        { type: "audit", action: "attendance.recorded", subject: data.sessionId! },
      ]);
    }
    default:
      return listSessionsToManage(turn);
  }
}
