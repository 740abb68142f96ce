import { DateTime } from "luxon";
import type { AppDeps } from "../deps.ts";
import { erasePerson } from "./erase.ts";
import { TRANSLATION_MAX_AGE_MS } from "./retention-rules.ts";

export const RETENTION_EVERY_MS = 24 * 3600_000;

/**
 * People who left the programme (alumni, or left) are kept only so long after their last contact
 * with it — their last check-in answered or sent, else the end of their cohort — then erased like a
 * "delete my data", keeping anonymous counts. Returns the ids erased (or that would be, on a dry run).
 */
export async function applyRetention(deps: Pick<AppDeps, "prisma" | "now" | "log" | "translate">, months: number, opts: { dryRun?: boolean } = {}): Promise<string[]> {
  const cutoff = DateTime.fromJSDate(deps.now()).minus({ months }).toJSDate();
  const people = await deps.prisma.person.findMany({
    where: { erasedAt: null, role: "participant", stage: { in: ["alumni", "left"] } },
    select: {
      id: true,
      checkIns: { select: { answeredAt: true, sentAt: true } },
      memberships: { select: { leftAt: true, cohort: { select: { endedAt: true, endsOn: true } } } },
    },
  });
  const expired = people
    .filter((p) => {
      const dates = [
        ...p.checkIns.flatMap((c) => [c.answeredAt, c.sentAt]),
        ...p.memberships.flatMap((m) => [m.leftAt, m.cohort.endedAt ?? m.cohort.endsOn]),
      ].filter((d): d is Date => d !== null);
      const last = dates.length ? Math.max(...dates.map((d) => d.getTime())) : undefined;
      return last !== undefined && last < cutoff.getTime();
    })
    .map((p) => p.id);
  if (opts.dryRun) return expired;
  for (const id of expired) {
    await deps.prisma.$transaction(async (tx) => {
      await erasePerson(tx, id, deps.now());
      await tx.auditLog.create({ data: { action: "person.erased", subject: id, details: { reason: "retention", months } } });
    });
  }
  // Machine translations are kept a few months at most, whoever they belong to (bridge/db-cache.ts).
  await deps.prisma.translation.deleteMany({ where: { storedAt: { lt: new Date(deps.now().getTime() - TRANSLATION_MAX_AGE_MS) } } });
  if (expired.length) deps.log.info({ count: expired.length, months }, "personal data past retention erased");
  return expired;
}

export function startRetention(deps: AppDeps, months: number): { stop(): void } {
  const run = () => void applyRetention(deps, months).catch((err: unknown) => deps.log.warn({ err }, "retention pass failed"));
  const timer = setInterval(run, RETENTION_EVERY_MS);
  timer.unref();
  const first = setTimeout(run, 60_000);
  first.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}
