import { Prisma } from "../../../db/generated/client.ts";
import type { Tx } from "../../../db/tx.ts";
import { peopleIn, type Scope } from "../../scope.ts";

/**
 * Unread, for a team: the person's messages in an open thread that no coordinator has read or answered
 * yet. The mark is the thread's, shared by the team (RelayThread.readAt): one coordinator opening the
 * thread in the console reads it for all, as one answer from the chat or the console answers it for all
 * (a message followed by an answer is not unread). A closed thread has nothing unread.
 *
 * Example: in, in, out, in → 1 unread; then a coordinator opens the thread → 0.
 */
export async function unreadByThread(db: Tx, threadIds: string[]): Promise<Map<string, number>> {
  return threadIds.length === 0 ? new Map() : unreadIn(db, Prisma.sql`AND t.id = ANY(${threadIds}::text[])`);
}

/**
 * How many open threads within the scope hold unread messages: the badge on the navigation's Inbox link,
 * on every page. Cheap: the unread threads are found from the index on (threadId, direction, createdAt),
 * two lookups per open thread, and only those few are matched against the scope.
 */
export async function unreadThreadCount(db: Tx, scope: Scope): Promise<number> {
  const unread = await unreadIn(db, Prisma.empty);
  if (unread.size === 0) return 0;
  return db.relayThread.count({ where: { id: { in: [...unread.keys()] }, person: { ...peopleIn(scope), erasedAt: null } } });
}

/** Unread messages per open thread (those with none left out): after the thread's read mark and after its last answer. */
async function unreadIn(db: Tx, threads: Prisma.Sql): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT t.id, u.n
    FROM "RelayThread" t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM "RelayMessage" m
      WHERE m."threadId" = t.id AND m.direction = 'in'
        AND m."createdAt" > GREATEST(
          COALESCE(t."readAt", '-infinity'::timestamptz),
          COALESCE((SELECT max(o."createdAt") FROM "RelayMessage" o WHERE o."threadId" = t.id AND o.direction = 'out'), '-infinity'::timestamptz))
    ) u
    WHERE t."closedAt" IS NULL ${threads} AND u.n > 0`;
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** The team has read the thread up to `upTo` (the newest message shown); a mark never moves back. */
export async function markRead(db: Tx, threadId: string, upTo: Date): Promise<void> {
  await db.relayThread.updateMany({ where: { id: threadId, OR: [{ readAt: null }, { readAt: { lt: upTo } }] }, data: { readAt: upTo } });
}
