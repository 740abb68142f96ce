import type { FireTimer } from "./timer.ts";
import type { TimedFire } from "./types.ts";

/** What the timer must do after rows were planned, moved or cancelled: arm (or move) these fires, disarm those. */
export interface FireChanges {
  schedule: TimedFire[];
  unschedule: string[];
}

/** Passes the changes to the timer: moved and new fires armed, cancelled ones disarmed. */
export async function applyFireChanges(timer: FireTimer, changes: FireChanges): Promise<void> {
  if (changes.unschedule.length) await timer.unscheduleMany(changes.unschedule);
  if (changes.schedule.length) await timer.scheduleMany(changes.schedule);
}
