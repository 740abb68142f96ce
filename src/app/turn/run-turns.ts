import type { Address, InboundPayload } from "../../core/inbound.ts";
import type { InboundMessage as InboundRow, Person } from "../../db/generated/client.ts";
import { step } from "../../engine/engine.ts";
import { WorkloadNeeded } from "../../engine/workload.ts";
import type { EngineEvent, EngineResult, Reply } from "../../engine/types.ts";
import { offeredAfter, resolveTypedChoice, type OfferedChoice } from "./choices.ts";
import { typedNumber } from "../../core/text.ts";
import { loadContext, loadWorkload, type BaseRow } from "./context.ts";
import { bridgeContext } from "../../bridge/notice.ts";
import type { AppDeps } from "../../deps.ts";
import { applyEffects } from "../effects/apply.ts";
import type { PostCommit } from "../../outbox/post-commit.ts";
import type { NewOutbound } from "../../outbox/outbound.ts";
import { DEFAULT_FLOOD_LIMITS, floodTurn, floodVerdict } from "./flood.ts";
import { toPersonView } from "./person-view.ts";
import { localeOf } from "../../core/locales.ts";
import { renderReplies } from "../replies/render-replies.ts";
import { recordHandled, type Finished, type Handled, type Stored, type Waiting } from "./turn-store.ts";
import type { Tx } from "../../db/tx.ts";

/** The turns of one address in a pass, with what they need. */
export interface AddressTurns {
  address: Address;
  messages: Waiting[];
  transcripts: Map<string, string>;
}

/** Where a pass gathers its replies: written together at its end, or at once before an erasure. */
export interface ReplySink {
  add(rows: NewOutbound[]): void;
  flush(): Promise<void>;
}

/** The turns of one address, in order; returns how they ended, or null when the person erased their data. */
export async function runTurns(
  deps: AppDeps,
  tx: Tx,
  t: AddressTurns,
  start: { person: Person; stored: Stored },
  base: BaseRow | undefined,
  outbound: ReplySink,
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
    const { rows, shown } = await renderReplies(
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
      offered: offeredAfter(shown, stored.offered),
      ...(flood.action === "normal" ? {} : { flood: flood.state }),
    };
  }
  return { handled, personId: person.id, stored, address, lastSentAt: t.messages[t.messages.length - 1]!.sentAt, ...(locale ? { locale } : {}) };
}

/** What the platform told of a logged message besides its text. */
export function payloadOf(row: InboundRow): InboundPayload {
  return (row.payload ?? {}) as InboundPayload;
}

function toEvent(deps: AppDeps, row: InboundRow, offered: OfferedChoice[] | undefined, transcript?: string): EngineEvent {
  const p = payloadOf(row);
  const typedChoice = !p.choiceId && row.text ? resolveTypedChoice(row.text, offered, deps.i18n) : undefined;
  const strayNumber = !p.choiceId && !typedChoice && offered?.length && row.text && typedNumber(row.text) !== undefined;
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
    ...(strayNumber ? { choicesOffered: offered!.length } : {}),
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
