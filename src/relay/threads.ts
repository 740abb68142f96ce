import type { Address } from "../core/inbound.ts";
import type { Person } from "../db/generated/client.ts";
import { threadCode } from "../engine/flows/relay.ts";
import { VOICE_MARK } from "../engine/flows/enrol.ts";
import type { Reply, Say } from "../engine/types.ts";
import type { AppDeps } from "../deps.ts";
import type { OutboundBatch } from "../core/outbound-batch.ts";
import { notifyPeople } from "../outbox/notify-people.ts";
import { NAME_FIELDS, personName, type Nameable } from "../core/person-name.ts";
import type { Tx } from "../db/tx.ts";


/** A thread stays open this long after its last message; later messages open a new one. */
export const THREAD_OPEN_MS = 48 * 3600_000;

export async function openThreadOf(tx: Tx, personId: string, now: Date) {
  return tx.relayThread.findFirst({
    where: { personId, closedAt: null, messages: { some: { createdAt: { gte: new Date(now.getTime() - THREAD_OPEN_MS) } } } },
    orderBy: { openedAt: "desc" },
  });
}

const REACHABLE = { identities: { where: { unreachableAt: null } } } as const;
const LISTENING = { erasedAt: null, optedOutAt: null } as const;

/** Every coordinator and admin still listening, with their reachable addresses. */
export function allCoordinators(tx: Tx) {
  return tx.person.findMany({ where: { ...LISTENING, role: { in: ["coordinator", "admin"] } }, include: REACHABLE });
}

/** How coordinators are told who someone is: first name (else the name their platform shows), platform and address. */
export async function whoLabel(tx: Tx, person: Nameable, address: Address): Promise<string> {
  const identity = await tx.identity.findUnique({ where: { channel_externalId: address }, select: { displayName: true } });
  const name = personName({ ...person, identities: [{ displayName: identity?.displayName ?? null, ...address }] });
  const where = `${address.channel} ${address.externalId}`;
  return name === where ? where : `${name} — ${where}`;
}

/** The coordinators who hear from a person: those of their cohorts, or every coordinator for others. */
async function coordinatorsFor(tx: Tx, personId: string) {
  const cohorts = await tx.membership.findMany({ where: { personId, role: "member" }, select: { cohortId: true } });
  if (cohorts.length) {
    const own = await tx.person.findMany({
      where: { ...LISTENING, memberships: { some: { role: "coordinator", cohortId: { in: cohorts.map((c) => c.cohortId) } } } },
      include: REACHABLE,
    });
    if (own.length) return own;
  }
  return allCoordinators(tx);
}

/**
 * Forwards a person's message to their coordinators, with who they are, their language and the
 * thread's code; the thread keeps every message in and out.
 */
export async function relayToCoordinators(
  deps: AppDeps,
  tx: Tx,
  person: Person,
  address: Address,
  effect: { kind: "request" | "message" | "voice"; text: string | null; mediaId?: string; language: string },
  /** The message that asked for it: a voice note's audio is kept with it (voice/). */
  inboundId?: string,
): Promise<OutboundBatch[]> {
  const now = deps.now();
  const thread = (await openThreadOf(tx, person.id, now)) ?? (await tx.relayThread.create({ data: { personId: person.id, openedAt: now } }));
  // A voice note with a transcript (voice/) reaches the team as its words; without one, as "call back".
  const heard = effect.kind === "voice" && effect.text ? effect.text : undefined;
  const body = heard !== undefined ? `${VOICE_MARK}${heard}` : effect.kind === "voice" ? `🎤 (${effect.mediaId ?? "voice"})` : (effect.text ?? "");
  // Its audio, when kept (voice/), for the team to listen to in the console.
  const audio = effect.kind === "voice" && inboundId ? await tx.media.findFirst({ where: { inboundId, content: { not: null } }, select: { id: true } }) : null;
  const message = await tx.relayMessage.create({ data: { threadId: thread.id, direction: "in", authorId: person.id, text: body, createdAt: now, ...(audio ? { mediaId: audio.id } : {}) } });
  const code = threadCode(thread.id);
  const who = await whoLabel(tx, person, address);
  const notice: Say = { key: heard !== undefined ? "relay.notify_voice_transcript" : `relay.notify_${effect.kind}`, params: { who, language: effect.language, code, text: heard ?? body } };
  const howToAnswer: Say = { key: "relay.how_to_answer", params: { code } };
  const reply: Reply = { type: "text", say: notice, lines: [howToAnswer] };
  // Only the words go to a translation provider; who wrote them stays here. A voice note's are its transcript, if any.
  const words = heard ?? (effect.kind === "voice" ? "" : (effect.text ?? ""));
  return notifyPeople(deps, tx, await coordinatorsFor(tx, person.id), {
    reply,
    purpose: "relay",
    key: (_, identity) => `relay:${thread.id}:${message.id}:${identity.id}`,
    translation: {
      text: words,
      from: languageOfText(deps, words, person.locale),
      ownerId: person.id,
      // Translated: the coordinator's answer will be too, unless she starts it with "=" (send as written).
      translated: { type: "text", say: notice, lines: [{ key: "relay.auto_translation" }, howToAnswer, { key: "relay.as_written_hint" }] },
    },
  });
}

/**
 * A coordinator's answer reaches the person, in the coordinator's words under a header in the person's
 * language; translated into it at sending time unless `asWritten` (the coordinator's choice, "send as
 * written") or the person refused translation.
 */
export async function answerThread(deps: AppDeps, tx: Tx, coordinator: Person, threadId: string, text: string, options: { asWritten?: boolean } = {}): Promise<OutboundBatch[]> {
  const thread = await tx.relayThread.findUnique({ where: { id: threadId }, include: { person: { include: { identities: { where: { unreachableAt: null }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } } } } } } });
  // Someone who wrote "stop" gets nothing, a person's answer included (the chat and the console say so before this).
  if (!thread || thread.person.erasedAt || thread.person.optedOutAt) return [];
  const message = await tx.relayMessage.create({ data: { threadId, direction: "out", authorId: coordinator.id, text, createdAt: deps.now() } });
  const reply: Reply = { type: "text", say: { key: "relay.from_team", params: { text } } };
  // Only to the identity the person last wrote from.
  const person = { ...thread.person, identities: thread.person.identities.slice(0, 1) };
  return notifyPeople(deps, tx, [person], {
    reply,
    purpose: "relay_answer",
    key: () => `relay-answer:${message.id}`,
    // In the person's language, the coordinator's words below (the thread's data: erased with the person).
    ...(options.asWritten
      ? {}
      : {
          translation: {
            text,
            from: languageOfText(deps, text, coordinator.locale),
            ownerId: thread.personId,
            writerId: coordinator.id,
            translated: { type: "text", say: { key: "relay.from_team_translated", params: { text } } },
          },
        }),
  });
}

/** The language a text is written in: the local guess when sure (people mix languages), else the writer's locale. */
function languageOfText(deps: AppDeps, text: string, writerLocale: string | null): string {
  return deps.translate?.guessLanguage(text) ?? writerLocale ?? deps.defaultLocale;
}

/** The thread a coordinator's reply refers to, from the platform id of the forwarded message they replied to. */
export async function threadOfReply(tx: Tx, address: Address, replyToPlatformId: string) {
  const forwarded = await tx.outboundMessage.findFirst({
    where: { channel: address.channel, externalId: address.externalId, platformMessageId: replyToPlatformId, purpose: "relay" },
    select: { idempotencyKey: true },
  });
  const threadId = forwarded?.idempotencyKey.split(":")[1];
  if (!threadId) return null;
  const thread = await tx.relayThread.findUnique({ where: { id: threadId }, include: { person: { select: { ...NAME_FIELDS, optedOutAt: true } } } });
  return thread ? { threadId: thread.id, name: personName(thread.person), stopped: thread.person.optedOutAt !== null } : null;
}
