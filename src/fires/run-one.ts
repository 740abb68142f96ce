import type { Prisma, ScheduledFire } from "../db/generated/client.ts";
import { release } from "./claims.ts";
import { EARLY_TOLERANCE_MS, type FireBase, type FireResult } from "./types.ts";

/**
 * Runs one fire whose work needs a transaction of its own (a cohort's end, a check-in, a forecast), at
 * most once: the row is claimed (pending → claimed) before anything; the work and the row's "sent"
 * commit together; what the work left for after the commit (messages to dispatch, fires to arm) runs
 * once it has committed (`afterCommit`). On failure the claim is given back and the error goes to the
 * caller (the queue retries).
 */
export async function runOneFire<T>(
  base: FireBase,
  fireId: string,
  kinds: readonly string[],
  work: (tx: Prisma.TransactionClient, fire: ScheduledFire) => Promise<T>,
  afterCommit: (result: T) => Promise<void>,
): Promise<FireResult> {
  const now = base.now();
  const claimed = await base.prisma.scheduledFire.updateMany({
    where: { id: fireId, status: "pending", kind: { in: [...kinds] }, dueAt: { lte: new Date(now.getTime() + EARLY_TOLERANCE_MS) } },
    data: { status: "claimed", claimedAt: now },
  });
  if (claimed.count === 0) {
    const row = await base.prisma.scheduledFire.findUnique({ where: { id: fireId }, select: { status: true, dueAt: true, kind: true } });
    return row?.status === "pending" && kinds.includes(row.kind) ? { outcome: "early", dueAt: row.dueAt } : { outcome: "skipped" };
  }
  let outcome: T;
  try {
    outcome = await base.prisma.$transaction(
      async (tx) => {
        const fire = await tx.scheduledFire.findUniqueOrThrow({ where: { id: fireId } });
        const result = await work(tx, fire);
        await tx.scheduledFire.update({ where: { id: fireId }, data: { status: "sent", doneAt: base.now() } });
        return result;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (err) {
    await release(base.prisma, [fireId]).catch(() => undefined);
    throw err;
  }
  await afterCommit(outcome);
  return { outcome: "done" };
}

/** A handler's `run` for fires done one at a time: each in its own transaction, in order. */
export async function eachInTurn(ids: readonly string[], one: (id: string) => Promise<FireResult>): Promise<Map<string, FireResult>> {
  const results = new Map<string, FireResult>();
  for (const id of ids) results.set(id, await one(id));
  return results;
}
