import type { Logger } from "../core/logger.ts";
import type { PrismaClient } from "../db/generated/client.ts";

/** A timer may wake a worker a little before the row's time (clocks of two machines): this much is fine. */
export const EARLY_TOLERANCE_MS = 1000;
/** When a due fire is held by another run at this instant, it is looked at again this much later. */
export const BUSY_RETRY_MS = 1000;

/** What became of one fire, whatever its kind. */
export type FireResult =
  /** Its work is done (a message made, a cohort ended…), committed with the row's "sent". */
  | { outcome: "done" }
  /** It will never do anything: its subject moved, left or is gone. */
  | { outcome: "cancelled"; reason: string }
  /** Came due too late to be of use (a reminder after the session began): recorded, nothing sent. */
  | { outcome: "missed" }
  /** Pending but not due yet (it was moved), or held by another run: the caller puts the timer back to `dueAt`. */
  | { outcome: "early"; dueAt: Date }
  /** Nothing to do: already done, handled by another run, or unknown. */
  | { outcome: "skipped" };

/**
 * What runs the fires of some kinds. `run` gets ids of its kinds only, may take other due fires of its
 * kinds along (`sweep`: a burst of reminders is drained in large batches), and answers for each id it
 * got and each one it took. At most once per fire, whatever the timer does: the row is claimed first.
 */
export interface FireHandler {
  readonly kinds: readonly string[];
  run(ids: readonly string[], opts: { sweep?: number }): Promise<Map<string, FireResult>>;
}

/** What the generic parts (worker, reconciler, claims) need from the app. */
export interface FireBase {
  prisma: PrismaClient;
  log: Logger;
  now: () => Date;
}

/** A fire to (re)arm: the ScheduledFire row's id and when it is due. */
export interface TimedFire {
  id: string;
  dueAt: Date;
  /** The row was just made: no job can exist for it yet, so no need to look before adding. */
  fresh?: boolean;
}
