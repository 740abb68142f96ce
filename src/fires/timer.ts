import type { Job, Queue } from "bullmq";
import type { TimedFire } from "./types.ts";

export type { TimedFire };

/** What the timer holds for a fire. */
export type TimerEntry =
  /** No live job: never made, lost with Redis, or finished (a failed job kept for inspection counts as missing). */
  | { state: "missing" }
  /** Waiting for a worker or being worked on now. */
  | { state: "queued" }
  /** Sleeping until `runAt` (epoch ms). */
  | { state: "delayed"; runAt: number };

/**
 * The timer behind scheduled work. The database row is the truth (what, for whom, when, version);
 * the timer only wakes a worker at the right moment, keyed by the row's id, so a fire can be moved
 * or removed by id. Losing the timer loses nothing: `reconcile.ts` re-arms it from the rows.
 */
export interface FireTimer {
  /** Arms the fire for `dueAt` (now if past); moves it when it was armed for another time. */
  schedule(fireId: string, dueAt: Date): Promise<void>;
  /** Disarms the fire; a fire that is not armed is fine. */
  unschedule(fireId: string): Promise<void>;
  /** `schedule` for many fires, in batches: thousands of reminders land at once after an import. */
  scheduleMany(fires: readonly TimedFire[]): Promise<void>;
  unscheduleMany(fireIds: readonly string[]): Promise<void>;
  /** What the timer holds for each id, for the reconciler. */
  lookup(fireIds: readonly string[]): Promise<Map<string, TimerEntry>>;
}

/** Job data on the `fires` queue: the row id (everything else is read from the row when it runs). */
export interface FireJob {
  fireId: string;
  /** When the job was last armed to run (epoch ms): what `lookup` reports for a delayed job. */
  runAt?: number;
}

export const FIRE_JOB_NAME = "fire";
const BATCH = 1000;

/**
 * The timer on BullMQ's `fires` queue (queues/queues.ts): job id = fire id, delay = dueAt − now.
 *
 * Checked against BullMQ 6.7 here: adding a job whose id exists does nothing (even with another delay),
 * so a move cannot be a plain add. A delayed job is moved with `job.changeDelay` (atomic: no moment
 * without a job); a finished or waiting one is removed, then added. An active job cannot be removed
 * (`remove` answers 0): it is left alone, and the worker, finding the row not yet due, puts the job back
 * to sleep until the row's new time (see worker.ts). BullMQ is read through its API only: the time a
 * job is armed for is kept in its data (`runAt`), since `changeDelay` leaves the job's `timestamp`
 * as it was; a move that changed the delay but not yet the data shows as drift, which the reconciler
 * repairs.
 */
export function bullmqFireTimer(queue: Queue, clock: () => number = Date.now): FireTimer {
  const delayOf = (dueAt: Date) => Math.max(0, dueAt.getTime() - clock());

  async function scheduleBatch(fires: readonly TimedFire[]): Promise<void> {
    const states = await Promise.all(fires.map((f) => (f.fresh ? ("unknown" as const) : queue.getJobState(f.id))));
    const toAdd: TimedFire[] = [];
    await Promise.all(
      fires.map(async (fire, i) => {
        const state = states[i];
        const delay = delayOf(fire.dueAt);
        if (state === "unknown") toAdd.push(fire);
        else if (state === "active") return;
        else if (state === "delayed") {
          const moved = await queue
            .getJob(fire.id)
            .then((job) => (job ? job.changeDelay(delay).then(() => job.updateData({ fireId: fire.id, runAt: clock() + delay } satisfies FireJob)).then(() => true) : false))
            .catch(() => false);
          if (!moved && (await removeQuietly(queue, fire.id))) toAdd.push(fire);
        } else if ((state === "waiting" || state === "prioritized") && delay === 0) return;
        else if (await removeQuietly(queue, fire.id)) toAdd.push(fire);
      }),
    );
    if (toAdd.length === 0) return;
    const now = clock();
    await queue.addBulk(
      toAdd.map((f) => {
        const delay = Math.max(0, f.dueAt.getTime() - now);
        return { name: FIRE_JOB_NAME, data: { fireId: f.id, runAt: now + delay } satisfies FireJob, opts: { jobId: f.id, delay } };
      }),
    );
  }

  const timer: FireTimer = {
    schedule: (fireId, dueAt) => timer.scheduleMany([{ id: fireId, dueAt }]),
    unschedule: (fireId) => timer.unscheduleMany([fireId]),
    async scheduleMany(fires) {
      const unique = [...new Map(fires.map((f) => [f.id, f])).values()];
      for (let i = 0; i < unique.length; i += BATCH) await scheduleBatch(unique.slice(i, i + BATCH));
    },
    async unscheduleMany(fireIds) {
      for (let i = 0; i < fireIds.length; i += BATCH) {
        await Promise.all(fireIds.slice(i, i + BATCH).map((id) => queue.remove(id).catch(() => 0)));
      }
    },
    async lookup(fireIds) {
      const out = new Map<string, TimerEntry>();
      for (let i = 0; i < fireIds.length; i += BATCH) {
        const ids = fireIds.slice(i, i + BATCH);
        const jobs: Array<Job<FireJob> | undefined> = await Promise.all(ids.map((id) => queue.getJob(id)));
        const states = await Promise.all(jobs.map((job) => (job ? job.getState() : ("unknown" as const))));
        ids.forEach((id, j) => {
          const job = jobs[j];
          const state = states[j];
          if (job && state === "delayed") out.set(id, { state: "delayed", runAt: job.data.runAt ?? job.timestamp + job.delay });
          else if (!job || state === "unknown" || state === "completed" || state === "failed") out.set(id, { state: "missing" });
          else out.set(id, { state: "queued" });
        });
      }
      return out;
    },
  };
  return timer;
}

/** Removes a job if it can be (not while a worker holds it); true when no job of that id is left. */
async function removeQuietly(queue: Queue, id: string): Promise<boolean> {
  try {
    await queue.remove(id);
  } catch {
    // removal of a locked or vanished job: the state check below tells what is left
  }
  return (await queue.getJobState(id).catch(() => "unknown")) === "unknown";
}
