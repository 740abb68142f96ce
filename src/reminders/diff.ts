import type { PlannedFire } from "./plan.ts";

/** A ScheduledFire row as the sync compares it with the plan. */
export interface ExistingFire {
  id: string;
  dedupeKey: string;
  dueAt: Date;
  version: number;
  status: "pending" | "claimed" | "sent" | "missed" | "cancelled";
}

export interface FireDiff {
  /** Reminders with no row yet, due in the future. */
  create: PlannedFire[];
  /** Rows to set to this time and version, and back to pending (moved session, member back, opt-in). */
  update: Array<{ id: string; dueAt: Date; version: number }>;
  /** Pending or claimed rows that must not fire any more. */
  cancel: string[];
}

/**
 * What to change so the rows match the plan. Pure, so each rule is easy to test:
 *
 * - a sent fire is never touched (the reminder went out; a new time is news for an announcement);
 * - a row whose time and version match the plan is left as it is, even if its time just passed:
 *   its job is about to run it, and cancelling it would lose the reminder;
 * - a row whose plan changed gets the new time and version and is pending again, when the new time is
 *   still ahead; when the new time has already passed (a session moved much earlier), it is cancelled;
 * - a cancelled row whose plan is unchanged and still ahead is revived (a member back, an opt-in);
 *   a missed row stays missed;
 * - a pending or claimed row that is no longer in the plan is cancelled (member left or opted out,
 *   session cancelled, offset removed).
 *
 * `slots` is every reminder the session should have, past ones included (`reminderSlots`).
 */
export function diffFires(slots: readonly PlannedFire[], existing: readonly ExistingFire[], now: Date): FireDiff {
  const byKey = new Map(existing.map((f) => [f.dedupeKey, f]));
  const planned = new Set<string>();
  const out: FireDiff = { create: [], update: [], cancel: [] };
  const ahead = (d: Date) => d.getTime() > now.getTime();
  for (const slot of slots) {
    planned.add(slot.dedupeKey);
    const row = byKey.get(slot.dedupeKey);
    if (!row) {
      if (ahead(slot.dueAt)) out.create.push(slot);
      continue;
    }
    if (row.status === "sent") continue;
    const same = row.dueAt.getTime() === slot.dueAt.getTime() && row.version === slot.version;
    if (same) {
      if (row.status === "cancelled" && ahead(slot.dueAt)) out.update.push({ id: row.id, dueAt: slot.dueAt, version: slot.version });
      continue;
    }
    if (ahead(slot.dueAt)) out.update.push({ id: row.id, dueAt: slot.dueAt, version: slot.version });
    else if (row.status === "pending" || row.status === "claimed") out.cancel.push(row.id);
  }
  for (const row of existing) {
    if (!planned.has(row.dedupeKey) && (row.status === "pending" || row.status === "claimed")) out.cancel.push(row.id);
  }
  return out;
}
