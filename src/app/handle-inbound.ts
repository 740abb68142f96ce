import type { ChannelName, InboundMedia } from "../core/inbound.ts";
import { Prisma, type InboundMessage as InboundRow, type Person } from "../db/generated/client.ts";
import { step } from "../engine/engine.ts";
import type { Conversation, EngineEvent, EngineResult, Reply } from "../engine/types.ts";
import { offeredFrom, resolveTypedChoice, type OfferedChoice } from "./choices.ts";
import { loadContext } from "./context.ts";
import type { AppDeps } from "./deps.ts";
import { applyEffects } from "./effects.ts";
import { createOutbound } from "./outbound.ts";
import { localeOf, toPersonView } from "./person-view.ts";
import { renderReplies } from "./render-replies.ts";
import { applyFireChanges, type FireChanges } from "../reminders/schedule.ts";

type Tx = Prisma.TransactionClient;
type Address = { channel: ChannelName; externalId: string };

interface StoredPayload {
  choiceId?: string;
  media?: InboundMedia;
  localeHint?: string;
  displayName?: string;
  unsupportedType?: string;
  replyToPlatformId?: string;
}

/** The conversation as stored: the flow's state plus the choices last offered (to read typed answers). */
interface Stored {
  conversation: Conversation;
  offered?: OfferedChoice[];
}

/**
 * Handles every waiting message of one address, oldest first, under a per-address lock, so one
 * person's messages are answered in order even when several workers run. The new state and the
 * replies are committed together; the replies are dispatched after the commit.
 */
export async function handleInbound(deps: AppDeps, address: Address): Promise<number> {
  // Messages that arrived while this ran are handled before the job ends (its id is then free again).
  // The person's own replies of every round go out as one job, in order.
  const own: string[] = [];
  for (let round = 0; round < 20; round++) {
    const ids = await handleWaiting(deps, address);
    if (!ids) break;
    own.push(...ids);
  }
  if (own.length) await deps.dispatcher.outbound(address.channel, own);
  return own.length;
}

/** One pass: the waiting messages of an address; returns the person's own replies to send, or null when nothing waited. */
async function handleWaiting(deps: AppDeps, address: Address): Promise<string[] | null> {
  const batches = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`in:${address.channel}:${address.externalId}`}))::text`;
      const pending = await tx.inboundMessage.findMany({
        where: { channel: address.channel, externalId: address.externalId, status: "received" },
        orderBy: [{ sentAt: "asc" }, { receivedAt: "asc" }],
        take: 50,
      });
      if (pending.length === 0) return null;
      let person = await ensurePerson(tx, deps, address, payloadOf(pending[0]!));
      let stored = await loadConversation(tx, person.id);
      const own: string[] = [];
      const out: { channel: ChannelName; ids: string[] }[] = [];
      const broadcasts: string[] = [];
      const fireChanges: FireChanges[] = [];
      for (const msg of pending) {
        const turn = await runTurn(deps, tx, person, stored, msg);
        const effects = await applyEffects({ deps, tx, inboundId: msg.id, address }, person, turn.result.effects);
        const locale = localeOf(effects.erased ? person : effects.person, deps.defaultLocale);
        const rows = await renderReplies(
          deps,
          tx,
          {
            personId: effects.erased ? null : person.id,
            role: person.role,
            timezone: person.timezone ?? deps.defaultTimezone,
            locale,
            address,
            inboundId: msg.id,
            purpose: effects.erased ? "erasure_confirmation" : undefined,
          },
          person.id,
          turn.result.replies,
        );
        own.push(...(await createOutbound(tx, rows)));
        out.push(...effects.others);
        broadcasts.push(...effects.broadcasts);
        fireChanges.push(...effects.fireChanges);
        await tx.inboundMessage.update({
          where: { id: msg.id },
          data: effects.erased
            ? { status: "processed", processedAt: deps.now() }
            : { status: turn.error ? "failed" : "processed", error: turn.error, personId: person.id, processedAt: deps.now() },
        });
        if (effects.erased) return { own, out, broadcasts, fireChanges };
        person = effects.person;
        stored = { conversation: turn.result.conversation, offered: offeredFrom(turn.result.replies) ?? (turn.result.replies.length ? undefined : stored.offered) };
      }
      await saveConversation(tx, person.id, stored);
      await tx.identity.update({
        where: { channel_externalId: address },
        data: { lastInboundAt: pending[pending.length - 1]!.sentAt, unreachableAt: null, unreachableReason: null },
      });
      await tx.person.update({ where: { id: person.id }, data: { lastSeenAt: deps.now() } });
      return { own, out, broadcasts, fireChanges };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!batches) return null;
  for (const id of batches.broadcasts) await deps.dispatcher.broadcast(id);
  if (deps.fires) for (const changes of batches.fireChanges) await applyFireChanges(deps.fires, changes);
  for (const b of batches.out) if (b.ids.length) await deps.dispatcher.outbound(b.channel, b.ids);
  return batches.own;
}

function payloadOf(row: InboundRow): StoredPayload {
  return (row.payload ?? {}) as StoredPayload;
}

function toEvent(deps: AppDeps, row: InboundRow, offered: OfferedChoice[] | undefined): EngineEvent {
  const p = payloadOf(row);
  const typedChoice = !p.choiceId && row.text ? resolveTypedChoice(row.text, offered, deps.i18n) : undefined;
  return {
    type: "message",
    text: row.text ?? undefined,
    choiceId: p.choiceId ?? typedChoice,
    media: p.media ? { type: p.media.type, id: p.media.id } : undefined,
    unsupported: row.kind === "unsupported",
    unsupportedType: p.unsupportedType,
    localeHint: p.localeHint,
  };
}

/** Runs the pure engine; a bug in a flow costs one apology, never the person's whole queue. */
async function runTurn(deps: AppDeps, tx: Tx, person: Person, stored: Stored, msg: InboundRow): Promise<{ result: EngineResult; error?: string }> {
  const replyTo = payloadOf(msg).replyToPlatformId;
  const context = await loadContext(tx, person, deps.now(), replyTo ? { channel: msg.channel, externalId: msg.externalId, platformId: replyTo } : undefined);
  try {
    const result = step(
      { person: toPersonView(person, deps.defaultTimezone), conversation: stored.conversation, context, event: toEvent(deps, msg, stored.offered), now: deps.now(), defaultLocale: deps.defaultLocale },
      deps.lexicon,
    );
    return { result };
  } catch (err) {
    deps.log.error({ err, inboundId: msg.id }, "engine failed on a message");
    const replies: Reply[] = [{ type: "text", say: { key: "errors.generic" } }];
    return { result: { conversation: stored.conversation, replies, effects: [] }, error: String((err as Error)?.message ?? err).slice(0, 500) };
  }
}

async function ensurePerson(tx: Tx, deps: AppDeps, address: Address, first: StoredPayload): Promise<Person> {
  const identity = await tx.identity.findUnique({ where: { channel_externalId: address }, include: { person: true } });
  if (identity) return identity.person;
  return tx.person.create({
    data: {
      timezone: deps.defaultTimezone,
      identities: { create: { channel: address.channel, externalId: address.externalId, displayName: first.displayName } },
    },
  });
}

async function loadConversation(tx: Tx, personId: string): Promise<Stored> {
  const row = await tx.conversationState.findUnique({ where: { personId } });
  if (!row) return { conversation: { flow: null, step: null, data: {} } };
  const data = (row.data ?? {}) as { flow?: Record<string, unknown>; offered?: OfferedChoice[] };
  return { conversation: { flow: row.flow, step: row.step, data: data.flow ?? {} }, offered: data.offered };
}

async function saveConversation(tx: Tx, personId: string, s: Stored): Promise<void> {
  const data = { flow: s.conversation.flow, step: s.conversation.step, data: { flow: s.conversation.data, offered: s.offered ?? null } as Prisma.InputJsonValue };
  await tx.conversationState.upsert({ where: { personId }, create: { personId, ...data }, update: data });
}
