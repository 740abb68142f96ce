import type { AppDeps } from "../app/deps.ts";
import { handleFollowupFire } from "../followup/fire.ts";
import { FOLLOWUP_KINDS } from "../followup/kinds.ts";
import { handleFires } from "./fire.ts";
import { REMINDER_KIND } from "./plan.ts";
import type { FireTimer, TimedFire } from "./timer.ts";

/** A claim older than this belongs to a worker that died between claim and commit. */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;
/** A delayed job this far from its row's time is re-armed (a move the timer missed). */
export const DRIFT_MS = 1000;
const PAGE = 1000;
/** Due fires run together, as the worker does. */
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
 * pending reminder, a page at a time, is looked up in the timer: a future one without a job (or with a
 * job at another time) is armed; a due one without a job is run here and now, and `handleFires`
 * decides: before the session it is sent, after its start it is recorded as missed.
 * Safe alongside the workers: the claim in `handleFires` makes every fire run once.
 */
export async function reconcileFires(deps: AppDeps, timer: FireTimer, now: Date = deps.now()): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { scheduled: 0, ranNow: 0, missed: 0, recovered: await recoverStuckClaims(deps, now) };
  let after = "";
  for (;;) {
    const page = await deps.prisma.scheduledFire.findMany({
      where: { status: "pending", kind: { in: [REMINDER_KIND, ...FOLLOWUP_KINDS] }, id: { gt: after } },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, dueAt: true, sendFrom: true, kind: true },
    });
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const entries = await timer.lookup(page.map((f) => f.id));
    const toArm: TimedFire[] = [];
    // Missing and due: run here, reminders in batches, the others (src/followup/) one by one.
    const reminders: TimedFire[] = [];
    const followups: TimedFire[] = [];
    for (const row of page) {
      // A crowded reminder goes from its sendFrom (reminders/pace.ts): that is the time the timer holds.
      const fire: TimedFire = { id: row.id, dueAt: row.sendFrom ?? row.dueAt };
      const entry = entries.get(fire.id) ?? { state: "missing" as const };
      const due = fire.dueAt.getTime() <= now.getTime();
      if (entry.state === "missing") (due ? (row.kind === REMINDER_KIND ? reminders : followups) : toArm).push(fire);
      else if (entry.state === "delayed") {
        const target = Math.max(fire.dueAt.getTime(), now.getTime());
        if (entry.runAt - target > DRIFT_MS || (!due && target - entry.runAt > DRIFT_MS)) toArm.push(fire);
      }
    }
    for (const fire of followups) {
      const result = await handleFollowupFire(deps, fire.id);
      if (result.outcome === "done") counts.ranNow++;
      else if (result.outcome === "early") toArm.push({ id: fire.id, dueAt: result.dueAt });
    }

    for (let i = 0; i < reminders.length; i += RUN_NOW_BATCH) {
      const results = await handleFires(deps, reminders.slice(i, i + RUN_NOW_BATCH).map((f) => f.id));
      for (const [id, result] of results) {
        if (result.outcome === "sent") counts.ranNow++;
        else if (result.outcome === "missed") counts.missed++;
        else if (result.outcome === "early") toArm.push({ id, dueAt: result.dueAt });
      }
    }
    if (toArm.length) await timer.scheduleMany(toArm);
    counts.scheduled += toArm.length;
  }
  return counts;
}

/**
 * Gives back fires claimed longer than CLAIM_TIMEOUT_MS ago. The reminder's message is created in the
 * same statement that marks the fire sent (fire-store.ts markSent), so a claimed fire without its
 * message sent nothing: back to pending. (One with its message cannot exist; it would be marked sent.)
 */
async function recoverStuckClaims(deps: Pick<AppDeps, "prisma" | "log">, now: Date): Promise<number> {
  const rows = await deps.prisma.$queryRaw<Array<{ status: string }>>`
    UPDATE "ScheduledFire" AS f
    SET "status" = CASE WHEN o."id" IS NULL THEN 'pending'::"FireStatus" ELSE 'sent'::"FireStatus" END,
        "claimedAt" = NULL,
        "doneAt" = CASE WHEN o."id" IS NULL THEN NULL ELSE ${now}::timestamptz END,
        "updatedAt" = now()
    FROM "ScheduledFire" AS s
    LEFT JOIN "OutboundMessage" AS o ON o."idempotencyKey" = 'fire:' || s."id"
    WHERE f."id" = s."id" AND f."status" = 'claimed' AND f."claimedAt" < ${new Date(now.getTime() - CLAIM_TIMEOUT_MS)}
    RETURNING f."status"::text AS "status"`;
  if (rows.length) deps.log.warn({ count: rows.length }, "reminder fires recovered from a dead worker's claim");
  return rows.filter((r) => r.status === "pending").length;
}

export interface Reconciler {
  /** Runs a pass now (after the one in progress, if any) and returns its counts. */
  runNow(): Promise<ReconcileCounts>;
  /** Stops the period and waits for the pass in progress. */
  stop(): Promise<void>;
}

/**
 * Reconciles at start and then every `everyMs` (5 minutes by default), one pass at a time.
 * Every worker process may run one: they agree through the database claims.
 */
export function startReconciler(deps: AppDeps, timer: FireTimer, opts: { everyMs?: number } = {}): Reconciler {
  let current: Promise<ReconcileCounts> | undefined;
  const pass = (): Promise<ReconcileCounts> => {
    const run = (current ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => reconcileFires(deps, timer))
      .then((counts) => {
        if (counts.scheduled || counts.ranNow || counts.missed || counts.recovered) deps.log.info(counts, "reminder fires reconciled");
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
    pass().catch((err: unknown) => deps.log.warn({ err }, "reminder reconciliation failed; next pass will retry"));
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
