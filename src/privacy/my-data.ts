import type { Tx } from "../db/tx.ts";


/**
 * Everything stored about a person, for "my data": the same facts as a readable summary and as a
 * JSON document they can keep.
 */
export async function collectMyData(tx: Tx, personId: string) {
  const person = await tx.person.findUniqueOrThrow({
    where: { id: personId },
    include: {
      identities: { select: { channel: true, externalId: true, displayName: true, createdAt: true } },
      consents: { select: { kind: true, version: true, givenAt: true, withdrawnAt: true } },
      applications: { select: { status: true, submittedAt: true, decidedAt: true, answers: { select: { questionKey: true, value: true } } } },
      memberships: { select: { role: true, status: true, joinedAt: true, cohort: { select: { name: true } } } },
      rsvps: { select: { answer: true, answeredAt: true, session: { select: { title: true, startsAt: true } } } },
      attendances: { select: { present: true, session: { select: { title: true } } } },
      transactions: { where: { undoneAt: null }, select: { kind: true, item: true, quantity: true, amountCents: true, currency: true, occurredOn: true } },
      roadmaps: { select: { strengths: true, improvements: true, resources: true, partners: true, nextSteps: true } },
      checkIns: { select: { offset: true, answeredAt: true, activityStatus: true, needsHelp: true } },
    },
  });
  const messages = await tx.inboundMessage.count({ where: { personId } });
  return {
    exportedAt: new Date().toISOString(),
    person: {
      firstName: person.firstName,
      language: person.locale,
      role: person.role,
      stage: person.stage,
      optedOut: person.optedOutAt !== null,
      createdAt: person.createdAt,
    },
    addresses: person.identities,
    consents: person.consents,
    applications: person.applications.map((a) => ({ ...a, answers: Object.fromEntries(a.answers.map((x) => [x.questionKey, x.value])) })),
    cohorts: person.memberships.map((m) => ({ cohort: m.cohort.name, role: m.role, status: m.status, joinedAt: m.joinedAt })),
    rsvps: person.rsvps,
    attendance: person.attendances,
    sales: person.transactions,
    roadmaps: person.roadmaps,
    checkIns: person.checkIns,
    messagesReceived: messages,
  };
}

export type MyData = Awaited<ReturnType<typeof collectMyData>>;
