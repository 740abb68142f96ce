import { DateTime } from "luxon";
import type { AppDeps } from "../deps.ts";
import { createOutbound } from "../outbox/outbound.ts";
import { localeOf } from "../core/locales.ts";
import { renderFor } from "../i18n/render.ts";
import { monthsOf } from "./plan.ts";
import { statusQuestion } from "../engine/flows/checkin.ts";
import type { Reply } from "../engine/types.ts";
import type { PostCommit } from "../outbox/post-commit.ts";
import { CHECK_IN_NUDGE, NUDGE_AFTER_DAYS } from "./kinds.ts";
import { ensureFire } from "./plan.ts";
import type { Tx } from "../db/tx.ts";


/**
 * Sends an alumni check-in (or its one gentle reminder a week later, if still unanswered): where is
 * your activity now, with buttons. Outside WhatsApp's window the check-in template goes instead, and
 * its "Yes, let's go" button brings the questions.
 */
export async function sendCheckIn(deps: AppDeps, tx: Tx, checkInId: string, nudge: boolean, after: PostCommit): Promise<void> {
  const now = deps.now();
  const checkIn = await tx.checkIn.findUnique({
    where: { id: checkInId },
    include: { person: { include: { identities: { where: { unreachableAt: null }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } } } } } },
  });
  if (!checkIn) return;
  const person = checkIn.person;
  if (person.erasedAt || person.optedOutAt || (nudge && checkIn.answeredAt)) return;
  const identity = person.identities[0];
  if (!identity) return;
  const replies: Reply[] = [
    ...(nudge ? [{ type: "text" as const, say: { key: "checkin.nudge" } }] : []),
    statusQuestion(checkIn.id, person.firstName ?? "", monthsOf(checkIn.offset)),
  ];
  const locale = localeOf(person, deps.defaultLocale);
  const ids = await createOutbound(
    tx,
    replies.map((r, i) => ({
      idempotencyKey: `${nudge ? "nudge" : "checkin"}:${checkIn.id}:${i}`,
      personId: person.id,
      channel: identity.channel,
      externalId: identity.externalId,
      purpose: i === 0 ? "check_in" : "reply",
      intent: renderFor(deps, locale, r),
    })),
  );
  after.send([{ channel: identity.channel, ids }]);
  if (nudge) {
    await tx.checkIn.update({ where: { id: checkIn.id }, data: { nudgedAt: now } });
    return;
  }
  await tx.checkIn.update({ where: { id: checkIn.id }, data: { sentAt: now } });
  const dueAt = DateTime.fromJSDate(now).plus({ days: NUDGE_AFTER_DAYS }).toJSDate();
  const fire = await ensureFire(tx, { kind: CHECK_IN_NUDGE, key: `${CHECK_IN_NUDGE}:${checkIn.id}`, personId: person.id, cohortId: checkIn.cohortId, dueAt, payload: { checkInId: checkIn.id } });
  if (fire.status === "pending") after.arm({ schedule: [{ id: fire.id, dueAt: fire.dueAt }], unschedule: [] });
}
