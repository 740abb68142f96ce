import type { PrismaClient } from "../db/generated/client.ts";
import { sendBudget } from "../core/send-limit.ts";
import { REMINDER_KIND } from "./plan.ts";
import type { TimedFire } from "../fires/timer.ts";

type Db = Pick<PrismaClient, "$queryRaw">;

/** Reminders never start going more than this before their time (beyond it, a programme needs a faster number). */
export const MAX_EARLY_MS = 30 * 60_000;
/** Reminders of other kinds and other programmes around the ones just planned are paced with them. */
const NEIGHBOURHOOD_MS = 2 * 3600_000;
/** Share of a platform's sustained pace counted on for reminders: replies and announcements go out too. */
const SHARE = 0.9;


/**
 * `paceReminders` around each group of changed times: one person's opt-out touches reminders months
 * apart, and pacing everything between them would read every reminder of the programme. Times more
 * than two neighbourhoods apart are paced separately (what lies between is out of both windows).
 */
export async function paceAround(db: Db, times: readonly number[]): Promise<TimedFire[]> {
  const sorted = [...times].sort((a, b) => a - b);
  const out: TimedFire[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]! - sorted[j]! <= 2 * NEIGHBOURHOOD_MS) j++;
    out.push(...(await paceReminders(db, new Date(sorted[i]!), new Date(sorted[j]!))));
    i = j + 1;
  }
  return out;
}

/**
 * Spreads reminders that come due together. A platform takes so many messages a second (WhatsApp 80),
 * so 10,000 reminders due in the same minute would reach it over two minutes and more. Instead, per
 * channel, reminders are ordered by time and each may start going at
 *   sendFrom(k) = min over j ≥ k of ( dueAt(j) − (j − k) / rate ),
 * the latest moment that still lets it and everything due after it go out on time at that pace (a
 * suffix minimum over the ordered rows: a running minimum in reverse order, one window function). A reminder that is not crowded keeps
 * sendFrom null (it goes at its time). Only pending reminders within two hours of `[from, to]` are
 * looked at. Returns the fires whose time to go changed, with that time, for the timer.
 *
 * The channel of a fire is its person's first reachable address; the pace is the platform's default
 * (a WhatsApp number upgraded to 1,000 messages/s is paced as if at 80: reminders go a little earlier).
 */
export async function paceReminders(db: Db, from: Date, to: Date): Promise<TimedFire[]> {
  const lo = new Date(from.getTime() - NEIGHBOURHOOD_MS);
  const hi = new Date(to.getTime() + NEIGHBOURHOOD_MS);
  const rates = { whatsapp: sendBudget("whatsapp") * SHARE, telegram: sendBudget("telegram") * SHARE, console: sendBudget("console") };
  return db.$queryRaw<TimedFire[]>`
    WITH f AS (
      SELECT f."id", f."dueAt", f."sendFrom",
             coalesce((SELECT i."channel"::text FROM "Identity" i WHERE i."personId" = f."personId" AND i."unreachableAt" IS NULL
                       ORDER BY i."createdAt" LIMIT 1), 'whatsapp') AS channel
      FROM "ScheduledFire" f
      WHERE f."kind" = ${REMINDER_KIND} AND f."status" = 'pending' AND f."dueAt" BETWEEN ${lo} AND ${hi}
    ), r AS (
      SELECT f.*, CASE f.channel WHEN 'telegram' THEN ${rates.telegram}::float8 WHEN 'console' THEN ${rates.console}::float8 ELSE ${rates.whatsapp}::float8 END AS rate,
             row_number() OVER (PARTITION BY f.channel ORDER BY f."dueAt", f."id") AS k
      FROM f
    ), paced AS (
      SELECT r."id", r."dueAt", r."sendFrom",
             k / rate + min(extract(epoch FROM r."dueAt") - k / rate)
               OVER (PARTITION BY r.channel ORDER BY r."dueAt" DESC, r."id" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS go
      FROM r
    ), target AS (
      SELECT "id", "sendFrom",
             CASE WHEN go < extract(epoch FROM "dueAt") - 0.5
                  THEN date_trunc('milliseconds', greatest(to_timestamp(go), "dueAt" - make_interval(secs => ${MAX_EARLY_MS / 1000})))
             END AS "want"
      FROM paced
    ), free AS (
      -- Rows another transaction is changing are left to it (it paces them when it commits its own
      -- changes): waiting for them could deadlock two coordinators moving sessions at once.
      SELECT s."id", t."want" FROM "ScheduledFire" s JOIN target t ON t."id" = s."id"
      WHERE t."want" IS DISTINCT FROM t."sendFrom" FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE "ScheduledFire" s SET "sendFrom" = free."want", "updatedAt" = now()
    FROM free
    WHERE s."id" = free."id" AND s."status" = 'pending'
    RETURNING s."id", coalesce(s."sendFrom", s."dueAt") AS "dueAt"`;
}
