import type { AppDeps } from "../app/deps.ts";
import { EARLY_TOLERANCE_MS } from "../reminders/fire.ts";
import { release } from "../reminders/fire-store.ts";
import { endCohort, type FollowupOutcome } from "./end-cohort.ts";
import { sendCheckIn } from "./check-in.ts";
import { sendForecast } from "./forecast.ts";
import { ATTENDANCE_FORECAST, CHECK_IN, CHECK_IN_NUDGE, COHORT_END, FOLLOWUP_KINDS } from "./kinds.ts";

export type FollowupResult = { outcome: "done" } | { outcome: "early"; dueAt: Date } | { outcome: "skipped" };

/**
 * Runs one follow-up fire (cohort end, check-in, nudge) at most once: the row is claimed
 * (pending → claimed) before anything; the work and the row's "sent" commit together; the messages
 * are dispatched and the new fires armed after the commit. On failure the claim is given back.
 */
export async function handleFollowupFire(deps: AppDeps, fireId: string): Promise<FollowupResult> {
  const now = deps.now();
  const claimed = await deps.prisma.scheduledFire.updateMany({
    where: { id: fireId, status: "pending", kind: { in: [...FOLLOWUP_KINDS] }, dueAt: { lte: new Date(now.getTime() + EARLY_TOLERANCE_MS) } },
    data: { status: "claimed", claimedAt: now },
  });
  if (claimed.count === 0) {
    const row = await deps.prisma.scheduledFire.findUnique({ where: { id: fireId }, select: { status: true, dueAt: true, kind: true } });
    return row?.status === "pending" && (FOLLOWUP_KINDS as readonly string[]).includes(row.kind) ? { outcome: "early", dueAt: row.dueAt } : { outcome: "skipped" };
  }
  let outcome: FollowupOutcome;
  try {
    outcome = await deps.prisma.$transaction(
      async (tx) => {
        const fire = await tx.scheduledFire.findUniqueOrThrow({ where: { id: fireId } });
        const payload = fire.payload as { checkInId?: string };
        const result =
          fire.kind === COHORT_END && fire.cohortId
            ? await endCohort(deps, tx, fire.cohortId)
            : fire.kind === CHECK_IN && payload.checkInId
              ? await sendCheckIn(deps, tx, payload.checkInId, false)
              : fire.kind === CHECK_IN_NUDGE && payload.checkInId
                ? await sendCheckIn(deps, tx, payload.checkInId, true)
                : fire.kind === ATTENDANCE_FORECAST
                  ? await sendForecast(deps, tx, fire)
                  : { batches: [], arm: [] };
        await tx.scheduledFire.update({ where: { id: fireId }, data: { status: "sent", doneAt: deps.now() } });
        return result;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (err) {
    await release(deps.prisma, [fireId]).catch(() => undefined);
    throw err;
  }
  await dispatchFollowup(deps, outcome);
  return { outcome: "done" };
}

export async function dispatchFollowup(deps: AppDeps, outcome: FollowupOutcome): Promise<void> {
  for (const b of outcome.batches) if (b.ids.length) await deps.dispatcher.outbound(b.channel, b.ids);
  if (deps.fires && outcome.arm.length) await deps.fires.scheduleMany(outcome.arm);
}
