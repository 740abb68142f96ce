import type { ChannelName, InboundMedia } from "../core/inbound.ts";
import type { InboundMessage as InboundRow, Person, Prisma } from "../db/generated/client.ts";
import { step } from "../engine/engine.ts";
import type { Conversation, Effect, EngineEvent, Reply } from "../engine/types.ts";
import { renderReply } from "../i18n/render.ts";
import type { AppDeps } from "./deps.ts";
import { createOutbound, type NewOutbound } from "./outbound.ts";
import { localeOf, toPersonView } from "./person-view.ts";

type Tx = Prisma.TransactionClient;

interface StoredPayload {
  choiceId?: string;
  media?: InboundMedia;
  localeHint?: string;
  displayName?: string;
  unsupportedType?: string;
}

/**
 * Handles every waiting message of one address, oldest first, under a per-address lock, so one
 * person's messages are answered in order even when several workers run. The new state and the
 * replies are committed together; the replies are dispatched after the commit.
 */
export async function handleInbound(deps: AppDeps, address: { channel: ChannelName; externalId: string }): Promise<number> {
  const outIds = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`in:${address.channel}:${address.externalId}`}))::text`;
      const pending = await tx.inboundMessage.findMany({
        where: { channel: address.channel, externalId: address.externalId, status: "received" },
        orderBy: [{ sentAt: "asc" }, { receivedAt: "asc" }],
        take: 50,
      });
      if (pending.length === 0) return [];
      const first = pending[0]!;
      let person = await ensurePerson(tx, deps, address, payloadOf(first));
      let conversation = await loadConversation(tx, person.id);
      const ids: string[] = [];
      for (const msg of pending) {
        const outcome = runEngine(deps, person, conversation, msg);
        person = await applyEffects(tx, person, outcome.effects, deps.now());
        conversation = outcome.conversation;
        ids.push(...(await createOutbound(tx, renderAll(deps, person, address, msg.id, outcome.replies))));
        await tx.inboundMessage.update({
          where: { id: msg.id },
          data: { status: outcome.error ? "failed" : "processed", error: outcome.error, personId: person.id, processedAt: deps.now() },
        });
      }
      await saveConversation(tx, person.id, conversation);
      const last = pending[pending.length - 1]!;
      await tx.identity.update({
        where: { channel_externalId: { channel: address.channel, externalId: address.externalId } },
        data: { lastInboundAt: last.sentAt, unreachableAt: null, unreachableReason: null },
      });
      await tx.person.update({ where: { id: person.id }, data: { lastSeenAt: deps.now() } });
      return ids;
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (outIds.length > 0) await deps.dispatcher.outbound(address.channel, outIds);
  return outIds.length;
}

function payloadOf(row: InboundRow): StoredPayload {
  return (row.payload ?? {}) as StoredPayload;
}

function toEvent(row: InboundRow): EngineEvent {
  const p = payloadOf(row);
  return {
    type: "message",
    text: row.text ?? undefined,
    choiceId: p.choiceId,
    media: p.media ? { type: p.media.type } : undefined,
    unsupported: row.kind === "unsupported",
    localeHint: p.localeHint,
  };
}

/** Runs the pure engine; a bug in a flow costs one apology, never the person's whole queue. */
function runEngine(deps: AppDeps, person: Person, conversation: Conversation, msg: InboundRow) {
  try {
    const result = step(
      { person: toPersonView(person), conversation, event: toEvent(msg), now: deps.now(), defaultLocale: deps.defaultLocale },
      deps.lexicon,
    );
    return { ...result, error: undefined as string | undefined };
  } catch (err) {
    deps.log.error({ err, inboundId: msg.id }, "engine failed on a message");
    const replies: Reply[] = [{ type: "text", say: { key: "errors.generic" } }];
    return { conversation, replies, effects: [] as Effect[], error: String((err as Error).message ?? err).slice(0, 500) };
  }
}

function renderAll(
  deps: AppDeps,
  person: Person,
  address: { channel: ChannelName; externalId: string },
  inboundId: string,
  replies: Reply[],
): NewOutbound[] {
  const t = deps.i18n.getFixedT(localeOf(person, deps.defaultLocale));
  return replies.map((reply, i) => ({
    idempotencyKey: `reply:${inboundId}:${i}`,
    personId: person.id,
    channel: address.channel,
    externalId: address.externalId,
    intent: renderReply(t, reply),
  }));
}

async function ensurePerson(tx: Tx, deps: AppDeps, address: { channel: ChannelName; externalId: string }, first: StoredPayload): Promise<Person> {
  const identity = await tx.identity.findUnique({
    where: { channel_externalId: { channel: address.channel, externalId: address.externalId } },
    include: { person: true },
  });
  if (identity) return identity.person;
  return tx.person.create({
    data: {
      timezone: deps.defaultTimezone,
      identities: { create: { channel: address.channel, externalId: address.externalId, displayName: first.displayName } },
    },
  });
}

async function applyEffects(tx: Tx, person: Person, effects: Effect[], now: Date): Promise<Person> {
  if (effects.length === 0) return person;
  const data: Prisma.PersonUpdateInput = {};
  for (const effect of effects) {
    if (effect.type === "set_locale") {
      data.locale = effect.locale;
      data.localeConfirmed = effect.confirmed;
    } else if (effect.type === "opt_out") data.optedOutAt = now;
    else if (effect.type === "opt_in") data.optedOutAt = null;
  }
  return tx.person.update({ where: { id: person.id }, data });
}

async function loadConversation(tx: Tx, personId: string): Promise<Conversation> {
  const row = await tx.conversationState.findUnique({ where: { personId } });
  return row ? { flow: row.flow, step: row.step, data: (row.data ?? {}) as Record<string, unknown> } : { flow: null, step: null, data: {} };
}

async function saveConversation(tx: Tx, personId: string, c: Conversation): Promise<void> {
  const data = { flow: c.flow, step: c.step, data: c.data as Prisma.InputJsonValue };
  await tx.conversationState.upsert({ where: { personId }, create: { personId, ...data }, update: data });
}
