import type { Address, InboundPayload } from "../../core/inbound.ts";
import { type InboundMessage as InboundRow, type Person } from "../../db/generated/client.ts";
import { step } from "../../engine/engine.ts";
import { WorkloadNeeded } from "../../engine/workload.ts";
import type { EngineEvent, EngineResult, Reply } from "../../engine/types.ts";
import { offeredFrom, resolveTypedChoice, type OfferedChoice } from "./choices.ts";
import { loadContext, loadWorkload } from "./context.ts";
import { bridgeContext } from "../../bridge/notice.ts";
import type { AppDeps } from "../../deps.ts";
import { applyEffects } from "../effects/apply.ts";
import { PostCommit } from "../../outbox/post-commit.ts";
import { createOutbound } from "../../outbox/outbound.ts";
import { DEFAULT_FLOOD_LIMITS, floodTurn, floodVerdict } from "./flood.ts";
import { toPersonView } from "./person-view.ts";
import { localeOf } from "../../core/locales.ts";
import { renderReplies } from "../replies/render-replies.ts";
import { createPerson, finishTurn, lockAddress, personAt, recordHandled, waitingMessages, type Handled, type Stored } from "./turn-store.ts";
import type { Tx } from "../../db/tx.ts";
import { heldBack } from "../../voice/hold.ts";



/** Messages of one address handled in one transaction, at most. */
const BATCH = 50;

/**
 * Handles every waiting message of one address, oldest first, under a per-address lock, so one
 * person's messages are answered in order even when several workers run. The new state and the
 * replies are committed together; the replies are dispatched after the commit.
 */
export async function handleInbound(deps: AppDeps, address: Address): Promise<number> {
  // Every message has its own job, so one that arrives while this runs is handled by its own (or found
  // here first); another pass is needed only when a full batch was taken. The person's own replies of
  // every pass go out as one job, in order.
  const own: string[] = [];
  for (let round = 0; round < 20; round++) {
    const pass = await handleWaiting(deps, address);
    if (!pass) break;
    own.push(...pass.own);
    if (pass.handled < BATCH) break;
  }
  if (own.length) await deps.dispatcher.outbound(address.channel, own);
  return own.length;
}

/** One pass: the waiting messages of an address; returns the person's own replies to send, or null when nothing waited. */
async function handleWaiting(deps: AppDeps, address: Address): Promise<{ own: string[]; handled: number } | null> {
  const batches = await deps.prisma.$transaction(
    async (tx) => {
      await lockAddress(tx, address);
      const waiting = await waitingMessages(tx, address, BATCH);
      // A voice note being transcribed holds itself and the messages after it, so they keep their order (voice/hold.ts).
      const voice = await heldBack(tx, waiting, deps.now(), () => deps.voice?.count("gave_up"));
      const pending = waiting.slice(0, voice.ready);
      if (pending.length === 0) return null;
      const known = await personAt(tx, address);
      let person = known?.person ?? (await createPerson(tx, address, { timezone: deps.defaultTimezone, displayName: payloadOf(pending[0]!).displayName, at: new Date() }));
      let stored = known?.stored ?? { conversation: { flow: null, step: null, data: {} } };
      const own: string[] = [];
      const after = new PostCommit();
      const handled: Handled[] = [];
      const result = () => ({ own, after, handled: pending.length });
      const limits = deps.flood ?? DEFAULT_FLOOD_LIMITS;
      for (const msg of pending) {
        const flood = floodVerdict(stored.flood, msg.recentCount, msg.receivedAt, limits);
        // A flooded message is kept, marked "flood" (processed, not failed), and gets at most one reply.
        const turn: { result: EngineResult; error?: string; note?: string } =
          flood.action === "normal" ? await runTurn(deps, tx, person, stored, msg, voice.transcripts.get(msg.id)) : { result: floodTurn(flood.action, stored.conversation, msg.recentCount, limits), note: "flood" };
        // An erasure scrubs the person's messages: those handled before it are recorded first.
        if (turn.result.effects.some((e) => e.type === "erase_me")) await recordHandled(tx, handled.splice(0), deps.now());
        const effects = await applyEffects({ deps, tx, inboundId: msg.id, address }, person, turn.result.effects, after);
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
        if (effects.erased) {
          await recordHandled(tx, [{ id: msg.id, status: "processed", personId: null }], deps.now());
          return result();
        }
        handled.push({ id: msg.id, status: turn.error ? "failed" : "processed", error: turn.error ?? turn.note, personId: person.id });
        person = effects.person;
        stored = {
          conversation: turn.result.conversation,
          offered: offeredFrom(turn.result.replies) ?? (turn.result.replies.length ? undefined : stored.offered),
          ...(flood.action === "normal" ? {} : { flood: flood.state }),
        };
      }
      await finishTurn(tx, { handled, personId: person.id, stored, address, lastSentAt: pending[pending.length - 1]!.sentAt, now: deps.now() });
      return result();
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
  if (!batches) return null;
  await batches.after.run(deps);
  return { own: batches.own, handled: batches.handled };
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
async function runTurn(deps: AppDeps, tx: Tx, person: Person, stored: Stored, msg: InboundRow, transcript?: string): Promise<{ result: EngineResult; error?: string }> {
  const replyTo = payloadOf(msg).replyToPlatformId;
  const now = deps.now();
  const context = await loadContext(tx, person, now, replyTo ? { channel: msg.channel, externalId: msg.externalId, platformId: replyTo } : undefined);
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

