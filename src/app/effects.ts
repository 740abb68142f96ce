import type { ChannelName } from "../core/inbound.ts";
import { Prisma, type Person } from "../db/generated/client.ts";
import type { Effect, Reply } from "../engine/types.ts";
import type { AppDeps } from "./deps.ts";
import { audienceWhere } from "./broadcast/audience.ts";
import { erasePerson } from "./erase.ts";
import { allCoordinators, answerThread, relayToCoordinators, whoLabel } from "./relay.ts";
import { applySessionEffect } from "./sessions.ts";
import { planForecasts } from "../followup/forecast.ts";
import { syncPersonReminders, syncSessionReminders, type FireChanges } from "../reminders/schedule.ts";
import { notifyPeople } from "./notify-people.ts";

type Tx = Prisma.TransactionClient;

export interface EffectsOutcome {
  person: Person;
  erased: boolean;
  /** Outbound rows for other people (coordinators, the applicant of a decision), to dispatch after commit. */
  others: { channel: ChannelName; ids: string[] }[];
  /** Broadcasts confirmed in this turn, to fan out after commit. */
  broadcasts: string[];
  /** Reminder fires planned, moved or cancelled in this turn, to arm or disarm after commit. */
  fireChanges: FireChanges[];
}

interface Ctx {
  deps: AppDeps;
  tx: Tx;
  inboundId: string;
  address: { channel: ChannelName; externalId: string };
}

/** Applies the engine's effects to the database, inside the turn's transaction. */
export async function applyEffects(ctx: Ctx, person: Person, effects: Effect[]): Promise<EffectsOutcome> {
  const { tx, deps } = ctx;
  const now = deps.now();
  const out: EffectsOutcome = { person, erased: false, others: [], broadcasts: [], fireChanges: [] };
  let n = 0;
  /** The row an action created (a broadcast), named by the audit entry that follows it. */
  let lastSubject: string | undefined;
  for (const effect of effects) {
    n++;
    switch (effect.type) {
      case "set_locale":
        out.person = await tx.person.update({ where: { id: person.id }, data: { locale: effect.locale, localeConfirmed: effect.confirmed } });
        break;
      case "opt_out":
        out.person = await tx.person.update({ where: { id: person.id }, data: { optedOutAt: now } });
        out.fireChanges.push(await syncPersonReminders(tx, person.id, now));
        break;
      case "move_address": {
        // Only when the new number is nobody's yet: otherwise two people would share one address.
        const taken = await tx.identity.findUnique({ where: { channel_externalId: { channel: ctx.address.channel, externalId: effect.to } } });
        if (taken) ctx.deps.log.warn({ channel: ctx.address.channel }, "number change not applied: the new number already belongs to someone");
        else await tx.identity.update({ where: { channel_externalId: ctx.address }, data: { externalId: effect.to } });
        break;
      }
      case "opt_in":
        out.person = await tx.person.update({ where: { id: person.id }, data: { optedOutAt: null } });
        out.fireChanges.push(await syncPersonReminders(tx, person.id, now));
        break;
      case "give_consent":
        await tx.consent.create({ data: { personId: person.id, version: effect.version, givenAt: now } });
        break;
      case "save_answer": {
        const application = await draftApplication(tx, person.id);
        await tx.enrolmentAnswer.upsert({
          where: { applicationId_questionKey: { applicationId: application.id, questionKey: effect.key } },
          create: { applicationId: application.id, questionKey: effect.key, value: effect.value, answeredAt: now },
          update: { value: effect.value, answeredAt: now },
        });
        if (effect.key === "first_name") out.person = await tx.person.update({ where: { id: person.id }, data: { firstName: effect.value } });
        break;
      }
      case "submit_application": {
        const application = await draftApplication(tx, person.id);
        await tx.application.update({ where: { id: application.id }, data: { status: "submitted", submittedAt: now } });
        out.person = await tx.person.update({ where: { id: person.id }, data: { stage: "applicant" } });
        break;
      }
      case "decide_application":
        out.others.push(...(await decide(ctx, person, effect, out)));
        break;
      case "notify_coordinators":
        out.others.push(...(await notifyCoordinators(ctx, out.person, effect.reply, n)));
        break;
      case "record_transaction": {
        const membership = await tx.membership.findFirst({ where: { personId: person.id, role: "member" }, orderBy: { joinedAt: "desc" } });
        const t = effect.transaction;
        await tx.transaction.create({
          data: {
            personId: person.id,
            cohortId: membership?.cohortId ?? null,
            kind: t.kind,
            item: t.item,
            quantity: t.quantity,
            unitPriceCents: t.unitPriceCents,
            amountCents: t.amountCents,
            currency: t.currency,
            originalText: t.text,
            occurredOn: new Date(`${t.occurredOn}T00:00:00Z`),
            recordedAt: now,
          },
        });
        break;
      }
      case "undo_transaction":
        await tx.transaction.updateMany({ where: { id: effect.id, personId: person.id, undoneAt: null }, data: { undoneAt: now } });
        break;
      case "record_rsvp": {
        const session = await tx.trainingSession.findUnique({ where: { id: effect.sessionId }, select: { id: true } });
        if (session) {
          await tx.rsvp.upsert({
            where: { sessionId_personId: { sessionId: session.id, personId: person.id } },
            create: { sessionId: session.id, personId: person.id, answer: effect.answer, late: effect.late ?? false, answeredAt: now },
            update: { answer: effect.answer, late: effect.late ?? false, answeredAt: now },
          });
        }
        break;
      }
      case "checkin_answer": {
        const checkIn = await tx.checkIn.findFirst({ where: { id: effect.checkInId, personId: person.id } });
        if (!checkIn) break;
        const data: Prisma.CheckInUpdateInput = { answeredAt: checkIn.answeredAt ?? now };
        if (effect.field === "activityStatus") data.activityStatus = effect.value;
        else if (effect.field === "needsHelp") data.needsHelp = effect.value === "yes";
        else if (effect.field.startsWith("step:")) {
          data.stepAnswers = { ...(checkIn.stepAnswers as Record<string, string>), [effect.field.slice(5)]: effect.value };
        }
        await tx.checkIn.update({ where: { id: checkIn.id }, data });
        break;
      }
      case "roadmap_lines": {
        const membership = await tx.membership.findFirst({ where: { personId: effect.personId, role: "member" }, orderBy: { joinedAt: "desc" } });
        if (!membership) break;
        const key = { personId_cohortId: { personId: effect.personId, cohortId: membership.cohortId } };
        const existing = await tx.roadmap.findUnique({ where: key });
        const data: Prisma.RoadmapUpdateInput = { writtenById: person.id };
        if (effect.section === "partners") {
          // "name — contact — why", as the coordinator typed it.
          const partners = effect.lines.map((l) => {
            const [name = l, contact = "", why = ""] = l.split(/\s+[—–-]\s+/);
            return { name, contact, why };
          });
          data.partners = [...((existing?.partners ?? []) as object[]), ...partners] as Prisma.InputJsonValue;
        } else if (effect.section === "next_steps") {
          const steps = (existing?.nextSteps ?? []) as { key: string; text: string }[];
          data.nextSteps = [...steps, ...effect.lines.map((l, i) => ({ key: `s${steps.length + i + 1}`, text: l }))] as Prisma.InputJsonValue;
        } else {
          data[effect.section] = [...(existing?.[effect.section] ?? []), ...effect.lines];
        }
        await tx.roadmap.upsert({ where: key, create: { personId: effect.personId, cohortId: membership.cohortId, ...(data as object) } as Prisma.RoadmapUncheckedCreateInput, update: data });
        await tx.auditLog.create({ data: { actorId: person.id, action: "roadmap.written", subject: effect.personId, at: now } });
        break;
      }
      case "move_session":
      case "cancel_session":
      case "add_session":
      case "record_attendance": {
        const { batches, changed } = await applySessionEffect(deps, tx, effect, person.id);
        out.others.push(...batches);
        if (changed.length) {
          const changes = await syncSessionReminders(tx, changed, now);
          changes.schedule.push(...(await planForecasts(tx, changed, now)));
          out.fireChanges.push(changes);
        }
        break;
      }
      case "relay":
        out.others.push(...(await relayToCoordinators(deps, tx, out.person, ctx.address, effect)));
        break;
      case "relay_answer":
        out.others.push(...(await answerThread(deps, tx, person, effect.threadId, effect.text)));
        break;
      case "create_broadcast": {
        const { audience, originalLocale, texts } = effect.draft;
        const broadcast = await tx.broadcast.create({
          data: { createdById: person.id, audience: audience as Prisma.InputJsonValue, originalLocale, texts: texts as Prisma.InputJsonValue, status: "sending", confirmedAt: now },
        });
        const people = await tx.person.findMany({ where: audienceWhere(audience), select: { id: true, locale: true } });
        await tx.broadcastRecipient.createMany({
          data: people.map((p) => ({ broadcastId: broadcast.id, personId: p.id, locale: p.locale ?? ctx.deps.defaultLocale })),
        });
        out.broadcasts.push(broadcast.id);
        lastSubject = broadcast.id;
        break;
      }
      case "audit":
        await tx.auditLog.create({ data: { actorId: person.id, action: effect.action, subject: effect.subject ?? lastSubject ?? null, at: now } });
        break;
      case "erase_me":
        await erasePerson(tx, person.id, now);
        await tx.auditLog.create({ data: { actorId: null, action: "person.erased", subject: person.id, at: now } });
        out.erased = true;
        break;
    }
  }
  return out;
}

async function draftApplication(tx: Tx, personId: string) {
  const existing = await tx.application.findFirst({ where: { personId, status: "draft" }, orderBy: { createdAt: "desc" } });
  return existing ?? tx.application.create({ data: { personId } });
}

/** Sends a reply to every coordinator, each in their own language, with who is asking. */
async function notifyCoordinators(ctx: Ctx, about: Person, reply: Reply, n: number) {
  const coordinators = await allCoordinators(ctx.tx);
  const who = await whoLabel(ctx.tx, about, ctx.address);
  const withWho: Reply = reply.type === "text" || reply.type === "choices" ? { ...reply, say: { ...reply.say, params: { ...reply.say.params, who } } } : reply;
  return notifyPeople(ctx.deps, ctx.tx, coordinators, {
    reply: withWho,
    purpose: "coordinator_alert",
    key: (_, identity) => `notify:${ctx.inboundId}:${n}:${identity.id}`,
  });
}

/** Records a coordinator's decision and tells the applicant, in the applicant's language. */
async function decide(ctx: Ctx, coordinator: Person, effect: Extract<Effect, { type: "decide_application" }>, out: EffectsOutcome) {
  const { tx, deps } = ctx;
  const now = deps.now();
  const application = await tx.application.findUnique({ where: { id: effect.applicationId }, include: { person: { include: { identities: true } } } });
  if (!application || application.status !== "submitted") return [];
  await tx.application.update({
    where: { id: application.id },
    data: { status: effect.decision, decidedAt: now, decidedById: coordinator.id, cohortId: effect.cohortId ?? null },
  });
  let cohortName = "";
  if (effect.decision === "accepted" && effect.cohortId) {
    const cohort = await tx.cohort.findUniqueOrThrow({ where: { id: effect.cohortId } });
    cohortName = cohort.name;
    await tx.membership.upsert({
      where: { cohortId_personId: { cohortId: cohort.id, personId: application.personId } },
      create: { cohortId: cohort.id, personId: application.personId, role: "member" },
      update: { status: "active", leftAt: null },
    });
    await tx.person.update({ where: { id: application.personId }, data: { stage: "member" } });
    // A new member gets the reminders of the cohort's future sessions.
    out.fireChanges.push(await syncPersonReminders(tx, application.personId, now));
  }
  const applicant = application.person;
  const reply: Reply =
    effect.decision === "accepted" ? { type: "text", say: { key: "application.accepted", params: { cohort: cohortName } } } : { type: "text", say: { key: "application.declined" } };
  if (applicant.optedOutAt || applicant.erasedAt) return [];
  return notifyPeople(deps, tx, [applicant], { reply, purpose: "application_decision", key: (_, identity) => `decision:${application.id}:${identity.id}` });
}
