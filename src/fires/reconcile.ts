import { recoverStuckClaims } from "./claims.ts";
import { runFires, type FireRegistry } from "./registry.ts";
import type { FireTimer } from "./timer.ts";
import type { TimedFire } from "./types.ts";

/** A delayed job this far from its row's time is re-armed (a move the timer missed). */
export const DRIFT_MS = 1000;
const PAGE = 1000;
/** Due fires run together, as the worker does (each kind by its handler). */
const RUN_NOW_BATCH = 200;

export interface ReconcileCounts {
  /** Future fires whose job was missing or at the wrong time, now armed. */
  scheduled: number;
  /** Fires that came due with no job to run them, sent now (still before the session). */
  ranNow: number;
  /** Fires that came due with no job, too late: the session had begun. */
  missed: number;
  /** Fires stuck in `claimed` by a dead worker, given back (and run or armed in the same pass). */
  recovered: number;
}

/**
 * Makes the timer agree with the database, which is the truth: after Redis lost its data, after an
 * import made in another process, after a crash. Stuck claims are given back first; then every
 * pending fire of a kind the registry knows, a page at a time, is looked up in the timer: a future one
 * without a job (or with a job at another time) is armed; a due one without a job is run here and now
 * by its kind's handler, which decides (a reminder before its session is sent, after its start it is
 * recorded as missed). Safe alongside the workers: each handler claims a fire before running it.
 */
export async function reconcileFires(registry: FireRegistry, timer: FireTimer, now: Date = registry.now()): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { scheduled: 0, ranNow: 0, missed: 0, recovered: await recoverStuckClaims(registry, now) };
  let after = "";
  for (;;) {
    const page = await registry.prisma.scheduledFire.findMany({
      where: { status: "pending", kind: { in: [...registry.kinds] }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, dueAt: true, sendFrom: true, kind: true },
    });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const entries = await timer.lookup(page.map((f) => f.id));
    const toArm: TimedFire[] = [];
    // Missing and due: run here, in batches.
    const due: TimedFire[] = [];
    for (const row of page) {
      // A crowded reminder goes from its sendFrom (reminders/pace.ts): that is the time the timer holds.
      const fire: TimedFire = { id: row.id, dueAt: row.sendFrom ?? row.dueAt };
      const entry = entries.get(fire.id) ?? { state: "missing" as const };
      const isDue = fire.dueAt.getTime() <= now.getTime();
      if (entry.state === "missing") (isDue ? due : toArm).push(fire);
      else if (entry.state === "delayed") {
        const target = Math.max(fire.dueAt.getTime(), now.getTime());
        if (entry.runAt - target > DRIFT_MS || (!isDue && target - entry.runAt > DRIFT_MS)) toArm.push(fire);
      }
    }
    for (let i = 0; i < due.length; i += RUN_NOW_BATCH) {
      const results = await runFires(registry, due.slice(i, i + RUN_NOW_BATCH).map((f) => f.id));
      for (const [id, result] of results) {
        if (result.outcome === "done") counts.ranNow++;
        else if (result.outcome === "missed") counts.missed++;
        else if (result.outcome === "early") toArm.push({ id, dueAt: result.dueAt });
      }
    }
    if (toArm.length) await timer.scheduleMany(toArm);
    counts.scheduled += toArm.length;
  }
  return counts;
}

export interface Reconciler {
  /** Runs a pass now (after the one in progress, if any) and returns its counts. */
  runNow(): Promise<ReconcileCounts>;
  /** Stops the period and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Reconciles at start and then every `everyMs` (5 minutes by default), one pass at a time.
 * One worker process at a time runs it (leader/periodic.ts); two would agree through the claims.
 */
export function startReconciler(registry: FireRegistry, timer: FireTimer, opts: { everyMs?: number } = {}): Reconciler {
  const log = registry.log;
  let current: Promise<ReconcileCounts> | undefined;
  const pass = (): Promise<ReconcileCounts> => {
    const run = (current ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => reconcileFires(registry, timer))
      .then((counts) => {
        if (counts.scheduled || counts.ranNow || counts.missed || counts.recovered) log.info(counts, "scheduled fires reconciled");
        return counts;
      });
    current = run;
    void run.finally(() => {
      if (current === run) current = undefined;
    }).catch(() => undefined);
    return run;
  };
  const tick = () => {
    if (current) return;
    pass().catch((err: unknown) => log.warn({ err }, "fire reconciliation failed; next pass will retry"));
  };
  tick();
  const interval = setInterval(tick, opts.everyMs ?? 5 * 60_000);
  interval.unref();
  return {
    runNow: pass,
    async stop() {
      clearInterval(interval);
      await current?.catch(() => undefined);
    },
  };
}
