import type { Address, ChannelName, InboundPayload } from "../../core/inbound.ts";
import { type InboundMessage as InboundRow, type Person } from "../../db/generated/client.ts";
import { step } from "../../engine/engine.ts";
import { WorkloadNeeded } from "../../engine/workload.ts";
import type { EngineEvent, EngineResult, Reply } from "../../engine/types.ts";
import { offeredFrom, resolveTypedChoice, type OfferedChoice } from "./choices.ts";
import { loadBases, loadContext, loadWorkload, type BaseRow } from "./context.ts";
import { bridgeContext } from "../../bridge/notice.ts";
import type { AppDeps } from "../../deps.ts";
import { applyEffects } from "../effects/apply.ts";
import { PostCommit } from "../../outbox/post-commit.ts";
import { createOutbound, type NewOutbound } from "../../outbox/outbound.ts";
import { DEFAULT_FLOOD_LIMITS, floodTurn, floodVerdict } from "./flood.ts";
import { toPersonView } from "./person-view.ts";
import { localeOf } from "../../core/locales.ts";
import { renderReplies } from "../replies/render-replies.ts";
import {
  addressKey,
  createPeople,
  EMPTY_STORED,
  finishTurns,
  lockAddresses,
  peopleAt,
  recordHandled,
  waitingMessages,
  type Finished,
  type Handled,
  type Stored,
  type Waiting,
} from "./turn-store.ts";
import { renderFor } from "../../i18n/render.ts";
import type { Tx } from "../../db/tx.ts";
import { heldBack } from "../../voice/hold.ts";



/** Messages of one address handled in one pass, at most. */
const BATCH = 50;

/** Handles every waiting message of one address (the terminal demo, tests): a batch of one. */
export async function handleInbound(deps: AppDeps, address: Address): Promise<number> {
  return handleInboundBatch(deps, [address]);
}

/**
 * Handles every waiting message of these addresses, each address's oldest first, set-based: one
 * transaction per pass loads all their people and contexts in a few statements, runs the pure engine
 * for each message, and writes every new state, reply and outcome in a few statements. Each address is
 * locked for the pass, so one person's messages are answered in order and once, whichever worker or
 * process holds them. Replies are handed to the outbound queue in bulk after the commit. Returns the
 * number of replies queued.
 */
export async function handleInboundBatch(deps: AppDeps, addresses: readonly Address[]): Promise<number> {
  let todo = [...new Map(addresses.map((a) => [addressKey(a), { channel: a.channel, externalId: a.externalId }])).values()];
  let queued = 0;
  // Another pass only for addresses that filled one (or shared their person with another address).
  for (let round = 0; round < 20 && todo.length > 0; round++) {
    const pass = await handlePass(deps, todo);
    for (const [channel, ids] of pass.replies) if (ids.length) await deps.dispatcher.outbound(channel, ids);
    queued += [...pass.replies.values()].reduce((n, ids) => n + ids.length, 0);
    todo = pass.again;
  }
  return queued;
}

/** What one pass left: the replies to send (each person's in order) and the addresses to look at again. */
interface Pass {
  replies: Map<ChannelName, string[]>;
  again: Address[];
}

/**
 * One pass over the addresses, in one transaction. When it fails, one person's turn may be what broke
 * it: each address then gets a transaction of its own, so the others are answered, and an address whose
 * own transaction fails while the database answers gets the error answer, its messages kept as failed.
 */
async function handlePass(deps: AppDeps, addresses: Address[]): Promise<Pass> {
  try {
    return await runPass(deps, addresses);
  } catch (err) {
    if (addresses.length === 1 && !(await databaseAnswers(deps))) throw err;
    deps.log.warn({ err, addresses: addresses.length }, "an inbound batch failed: its addresses are handled one by one");
  }
  const merged: Pass = { replies: new Map(), again: [] };
  for (const address of addresses) {
    let pass: Pass;
    try {
      pass = await runPass(deps, [address]);
    } catch (err) {
      // The database is down: the job is retried later, nothing is marked.
      if (!(await databaseAnswers(deps))) throw err;
      pass = await failWaiting(deps, address, err);
    }
    for (const [channel, ids] of pass.replies) merged.replies.set(channel, [...(merged.replies.get(channel) ?? []), ...ids]);
    merged.again.push(...pass.again);
  }
  return merged;
}

async function databaseAnswers(deps: AppDeps): Promise<boolean> {
  return deps.prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
}

/** An address whose turn cannot be handled: its waiting messages are kept, marked failed with the error, and the person gets the error answer. */
async function failWaiting(deps: AppDeps, address: Address, err: unknown): Promise<Pass> {
  deps.log.error({ err, channel: address.channel }, "a turn failed: its messages are kept as failed and the person gets the error answer");
  const error = String((err as Error)?.message ?? err).slice(0, 500);
  const ids = await deps.prisma.$transaction(async (tx) => {
    await lockAddresses(tx, [address]);
    const waiting = await waitingMessages(tx, [address], BATCH);
    if (waiting.length === 0) return [];
    const known = (await peopleAt(tx, [address])).get(addressKey(address));
    await recordHandled(tx, waiting.map((m) => ({ id: m.id, status: "failed", error, personId: known?.person.id ?? null })), deps.now());
    const last = waiting[waiting.length - 1]!;
    return createOutbound(tx, [
      {
        idempotencyKey: `reply:${last.id}:failed`,
        personId: known?.person.id ?? null,
        channel: address.channel,
        externalId: address.externalId,
        intent: renderFor(deps, localeOf(known?.person ?? { locale: null }, deps.defaultLocale), { type: "text", say: { key: "errors.generic" } }),
      },
    ]);
  });
  return { replies: new Map([[address.channel, ids]]), again: [] };
}

/** The turns of one address in a pass, with what they need. */
interface AddressTurns {
  address: Address;
  messages: Waiting[];
  transcripts: Map<string, string>;
}

async function runPass(deps: AppDeps, addresses: Address[]): Promise<Pass> {
  const now = deps.now();
  const outcome = await deps.prisma.$transaction(
    async (tx) => {
      await lockAddresses(tx, addresses);
      const waiting = await waitingMessages(tx, addresses, BATCH);
      const byAddress = new Map<string, Waiting[]>();
      for (const m of waiting) {
        const key = addressKey(m);
        byAddress.set(key, [...(byAddress.get(key) ?? []), m]);
      }
      const again: Address[] = [];
      const turns: AddressTurns[] = [];
      for (const address of addresses) {
        const messages = byAddress.get(addressKey(address)) ?? [];
        if (messages.length === BATCH) again.push(address);
        // A voice note being transcribed holds itself and the messages after it, so they keep their order (voice/hold.ts).
        const voice = await heldBack(tx, messages, now, () => deps.voice?.count("gave_up"));
        if (voice.ready > 0) turns.push({ address, messages: messages.slice(0, voice.ready), transcripts: voice.transcripts });
      }
      if (turns.length === 0) return { rows: [] as [ChannelName, string[]][], again, after: new PostCommit() };
      const known = await peopleAt(tx, turns.map((t) => t.address));
      const created = await createPeople(
        tx,
        turns.filter((t) => !known.has(addressKey(t.address))).map((t) => ({ address: t.address, displayName: payloadOf(t.messages[0]!).displayName })),
        { timezone: deps.defaultTimezone, at: new Date() },
      );
      const bases = await loadBases(tx, [...[...known.values()].map((k) => k.person), ...created.values()], now);
      const after = new PostCommit();
      const outbound = new PendingOutbound(tx);
      const done: Finished[] = [];
      const seen = new Set<string>();
      for (const t of turns) {
        const key = addressKey(t.address);
        const start = known.get(key) ?? { person: created.get(key)!, stored: EMPTY_STORED };
        // One person at two addresses in one batch: the second waits for the next pass, after the first's state is written.
        if (seen.has(start.person.id)) {
          again.push(t.address);
          continue;
        }
        seen.add(start.person.id);
        const finished = await runTurns(deps, tx, t, start, bases.get(start.person.id), outbound, after);
        if (finished) done.push(finished);
      }
      await outbound.flush();
      await finishTurns(tx, done, deps.now());
      return { rows: outbound.ids, again, after };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  await outcome.after.run(deps);
  const replies = new Map<ChannelName, string[]>();
  for (const [channel, ids] of outcome.rows) replies.set(channel, [...(replies.get(channel) ?? []), ...ids]);
  return { replies, again: outcome.again };
}

/** The replies of a pass, written in one statement at its end (or before an erasure, which must see them). */
class PendingOutbound {
  readonly ids: [ChannelName, string[]][] = [];
  private rows: NewOutbound[] = [];
  constructor(private readonly tx: Tx) {}

  add(rows: NewOutbound[]): void {
    this.rows.push(...rows);
  }

  /** Writes the replies gathered so far, one statement per platform (each person's in order). */
  async flush(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    for (const channel of new Set(rows.map((r) => r.channel))) {
      this.ids.push([channel, await createOutbound(this.tx, rows.filter((r) => r.channel === channel))]);
    }
  }
}

/** The turns of one address, in order; returns how they ended, or null when the person erased their data. */
async function runTurns(
  deps: AppDeps,
  tx: Tx,
  t: AddressTurns,
  start: { person: Person; stored: Stored },
  base: BaseRow | undefined,
  outbound: PendingOutbound,
  after: PostCommit,
): Promise<Finished | null> {
  const { address } = t;
  let { person, stored } = start;
  let locale: Finished["locale"];
  const handled: Handled[] = [];
  const limits = deps.flood ?? DEFAULT_FLOOD_LIMITS;
  for (const [i, msg] of t.messages.entries()) {
    const flood = floodVerdict(stored.flood, msg.recentCount, msg.receivedAt, limits);
    // A flooded message is kept, marked "flood" (processed, not failed), and gets at most one reply.
    // The first turn uses the context read with the batch; later ones read it again (earlier turns may have changed it).
    const turn: { result: EngineResult; error?: string; note?: string } =
      flood.action === "normal"
        ? await runTurn(deps, tx, person, stored, msg, t.transcripts.get(msg.id), i === 0 ? base : undefined)
        : { result: floodTurn(flood.action, stored.conversation, msg.recentCount, limits), note: "flood" };
    if (turn.result.effects.some((e) => e.type === "erase_me")) {
      // An erasure scrubs the person's messages and replies: those of earlier turns are written first.
      await recordHandled(tx, handled.splice(0), deps.now());
      await outbound.flush();
    }
    const effects = await applyEffects({ deps, tx, inboundId: msg.id, address, deferLocale: true }, person, turn.result.effects, after);
    const replyLocale = localeOf(effects.erased ? person : effects.person, deps.defaultLocale);
    const rows = await renderReplies(
      deps,
      tx,
      {
        personId: effects.erased ? null : person.id,
        role: person.role,
        timezone: person.timezone ?? deps.defaultTimezone,
        locale: replyLocale,
        address,
        inboundId: msg.id,
        purpose: effects.erased ? "erasure_confirmation" : undefined,
      },
      person.id,
      turn.result.replies,
    );
    outbound.add(rows);
    if (effects.erased) {
      await recordHandled(tx, [{ id: msg.id, status: "processed", personId: null }], deps.now());
      return null;
    }
    if (effects.locale) locale = effects.locale;
    handled.push({ id: msg.id, status: turn.error ? "failed" : "processed", error: turn.error ?? turn.note, personId: person.id });
    person = effects.person;
    stored = {
      conversation: turn.result.conversation,
      offered: offeredFrom(turn.result.replies) ?? (turn.result.replies.length ? undefined : stored.offered),
      ...(flood.action === "normal" ? {} : { flood: flood.state }),
    };
  }
  return { handled, personId: person.id, stored, address, lastSentAt: t.messages[t.messages.length - 1]!.sentAt, ...(locale ? { locale } : {}) };
}

function payloadOf(row: InboundRow): InboundPayload {
  return (row.payload ?? {}) as InboundPayload;
}

function toEvent(deps: AppDeps, row: InboundRow, offered: OfferedChoice[] | undefined, transcript?: string): EngineEvent {
  const p = payloadOf(row);
  const typedChoice = !p.choiceId && row.text ? resolveTypedChoice(row.text, offered, deps.i18n) : undefined;
  return {
    type: "message",
    text: row.text ?? undefined,
    choiceId: p.choiceId ?? typedChoice,
    media: p.media ? { type: p.media.type, id: p.media.id } : undefined,
    ...(transcript ? { transcript } : {}),
    unsupported: row.kind === "unsupported",
    unsupportedType: p.unsupportedType,
    ...(p.unreadable ? { unreadable: true } : {}),
    ...(p.changedNumberTo ? { changedNumberTo: p.changedNumberTo } : {}),
    localeHint: p.localeHint,
  };
}

/** Runs the pure engine; a bug in a flow costs one apology, never the person's whole queue. */
async function runTurn(deps: AppDeps, tx: Tx, person: Person, stored: Stored, msg: InboundRow, transcript?: string, base?: BaseRow): Promise<{ result: EngineResult; error?: string }> {
  const replyTo = payloadOf(msg).replyToPlatformId;
  const now = deps.now();
  const context = await loadContext(tx, person, now, replyTo ? { channel: msg.channel, externalId: msg.externalId, platformId: replyTo } : undefined, base);
  const bridge = await bridgeContext(deps, tx, person);
  if (bridge) context.bridge = bridge;
  const input = { person: toPersonView(person, deps.defaultTimezone), conversation: stored.conversation, context, event: toEvent(deps, msg, stored.offered, transcript), now, defaultLocale: deps.defaultLocale };
  try {
    try {
      return { result: step(input, deps.reader) };
    } catch (err) {
      if (!(err instanceof WorkloadNeeded)) throw err;
      // A flow reads the coordinators' lists: load them, and take the same pure step again with them.
      await loadWorkload(tx, person, now, context);
      return { result: step(input, deps.reader) };
    }
  } catch (err) {
    deps.log.error({ err, inboundId: msg.id }, "engine failed on a message");
    const replies: Reply[] = [{ type: "text", say: { key: "errors.generic" } }];
    return { result: { conversation: stored.conversation, replies, effects: [] }, error: String((err as Error)?.message ?? err).slice(0, 500) };
  }
}

