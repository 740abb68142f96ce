import { DateTime, Duration } from "luxon";

/** The `kind` of a ScheduledFire row that reminds one member of one training session. */
export const REMINDER_KIND = "session_reminder";

export interface SessionForPlan {
  id: string;
  startsAt: Date;
  /** Only "scheduled" sessions get reminders; a cancelled one plans nothing. */
  status: string;
  version: number;
}

export interface CohortForPlan {
  /** IANA zone the session's wall-clock time belongs to, e.g. "Europe/Paris". */
  timezone: string;
  /** ISO-8601 durations before the start, e.g. ["-P1D", "-PT2H"]. */
  reminderOffsets: readonly string[];
}

/** One reminder to one member for one session: what a ScheduledFire row holds. */
export interface PlannedFire {
  dedupeKey: string;
  personId: string;
  sessionId: string;
  dueAt: Date;
  version: number;
  /** The offset the fire was planned from, as written in the cohort ("-P1D"). */
  offset: string;
}

/**
 * The reminders a session needs now: one per (active member, offset), skipping those already due.
 * Pure, so the rules are tested as tables; `schedule.ts` turns the plan into rows and jobs.
 *
 * Offsets are applied in the cohort's zone, with luxon's calendar arithmetic, so `-P1D` means
 * "the same local wall time the day before", whatever daylight-saving change lies between.
 *
 * @example
 * planReminders({ id: "s", startsAt: new Date("2027-03-29T07:30:00Z"), status: "scheduled", version: 1 },
 *   { timezone: "Europe/Paris", reminderOffsets: ["-P1D"] }, ["p"], new Date("2027-03-01T00:00:00Z"))
 * // → [{ dedupeKey: "reminder:s:p:-P1D", dueAt: 2027-03-28T07:30:00Z (09:30 Paris, summer time), … }]
 */
export function planReminders(session: SessionForPlan, cohort: CohortForPlan, memberIds: readonly string[], now: Date): PlannedFire[] {
  return reminderSlots(session, cohort, memberIds).filter((f) => f.dueAt.getTime() > now.getTime());
}

/**
 * Every reminder the session should have, whether or not its time has passed. The sync needs the past
 * ones too: a fire whose plan is unchanged but just came due must be left to run, not cancelled.
 */
export function reminderSlots(session: SessionForPlan, cohort: CohortForPlan, memberIds: readonly string[]): PlannedFire[] {
  if (session.status !== "scheduled") return [];
  const times = reminderTimes(session.startsAt, cohort);
  const out: PlannedFire[] = [];
  const seen = new Set<string>();
  for (const personId of memberIds) {
    for (const { offset, dueAt } of times) {
      const dedupeKey = reminderKey(session.id, personId, offset);
      if (seen.has(dedupeKey)) continue;
      seen.add(dedupeKey);
      out.push({ dedupeKey, personId, sessionId: session.id, dueAt, version: session.version, offset });
    }
  }
  return out;
}

/** `reminder:<sessionId>:<personId>:<offset>`: one row per logical reminder, so re-planning updates it. */
export function reminderKey(sessionId: string, personId: string, offset: string): string {
  return `reminder:${sessionId}:${personId}:${offset}`;
}

/**
 * When each offset falls for a session starting at `startsAt`. Offsets that cannot be read, or that
 * do not fall before the start (a reminder after the session began is useless), are left out.
 */
export function reminderTimes(startsAt: Date, cohort: CohortForPlan): Array<{ offset: string; dueAt: Date }> {
  const start = DateTime.fromJSDate(startsAt, { zone: cohort.timezone });
  if (!start.isValid) return [];
  const out: Array<{ offset: string; dueAt: Date }> = [];
  for (const offset of cohort.reminderOffsets) {
    const duration = parseOffset(offset);
    if (!duration) continue;
    const due = start.plus(duration);
    if (!due.isValid || due.toMillis() >= start.toMillis()) continue;
    out.push({ offset, dueAt: due.toJSDate() });
  }
  return out;
}

/** Reads "-P1D" or "-PT2H" (a leading minus negates every unit); undefined when it is not a duration. */
export function parseOffset(offset: string): Duration | undefined {
  const negative = offset.startsWith("-");
  const duration = Duration.fromISO(negative ? offset.slice(1) : offset);
  if (!duration.isValid) return undefined;
  return negative ? duration.negate() : duration;
}
