import type { FireChanges } from "../fires/changes.ts";
import type { PostCommit } from "../outbox/post-commit.ts";
import type { AppDeps } from "../deps.ts";
import { deliverRoadmap, REACHABLE_IDENTITIES } from "../roadmap/deliver.ts";
import { CHECK_IN } from "./kinds.ts";
import { checkInAt, ensureFire } from "./plan.ts";
import type { Tx } from "../db/tx.ts";

/**
 * The end of a cohort: members become alumni, each receives their roadmap (section titles in their
 * language, the coordinators' words as written, and a document to keep), and their check-ins are
 * planned months ahead as scheduled fires. Idempotent: a second run finds the cohort ended.
 */
export async function endCohort(deps: AppDeps, tx: Tx, cohortId: string, after: PostCommit): Promise<void> {
  const now = deps.now();
  const cohort = await tx.cohort.findUnique({ where: { id: cohortId } });
  if (!cohort || cohort.endedAt) return;
  await tx.cohort.update({ where: { id: cohortId }, data: { endedAt: now } });
  const members = await tx.membership.findMany({
    where: { cohortId, role: "member", status: "active" },
    include: { person: { include: REACHABLE_IDENTITIES } },
  });
  // Every member's check-ins are armed together after the commit.
  const checkIns: FireChanges = { schedule: [], unschedule: [] };
  after.arm(checkIns);
  for (const m of members) {
    await tx.membership.update({ where: { id: m.id }, data: { status: "alumni" } });
    const person = m.person;
    if (person.erasedAt) continue;
    await tx.person.update({ where: { id: person.id }, data: { stage: "alumni" } });
    for (const offset of cohort.checkInOffsets) {
      const dueAt = checkInAt(now, offset, cohort.timezone);
      if (!dueAt) continue;
      const checkIn = await tx.checkIn.upsert({
        where: { personId_cohortId_offset: { personId: person.id, cohortId, offset } },
        create: { personId: person.id, cohortId, offset },
        update: {},
      });
      const fire = await ensureFire(tx, { kind: CHECK_IN, key: `${CHECK_IN}:${checkIn.id}`, personId: person.id, cohortId, dueAt, payload: { checkInId: checkIn.id } });
      if (fire.status === "pending") checkIns.schedule.push({ id: fire.id, dueAt: fire.dueAt });
    }
    const roadmap = await tx.roadmap.findUnique({ where: { personId_cohortId: { personId: person.id, cohortId } } });
    if (roadmap) await deliverRoadmap(deps, tx, roadmap, person, after);
  }
}
