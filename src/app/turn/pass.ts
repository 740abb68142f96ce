import type { Address, ChannelName } from "../../core/inbound.ts";
import type { AppDeps } from "../../deps.ts";
import { PostCommit } from "../../outbox/post-commit.ts";
import { createOutbound, type NewOutbound } from "../../outbox/outbound.ts";
import type { Tx } from "../../db/tx.ts";
import { heldBack } from "../../voice/hold.ts";
import { loadBases } from "./context.ts";
import { payloadOf, runTurns, type AddressTurns } from "./run-turns.ts";
import { addressKey, createPeople, EMPTY_STORED, finishTurns, lockAddresses, peopleAt, waitingMessages, type Finished, type Waiting } from "./turn-store.ts";

/** The engine's turns of a pass give way to other work (webhooks) this often, in ms of running. */
const YIELD_EVERY_MS = 10;

/** Messages of one address handled in one pass, at most. */
export const BATCH = 50;

/** What one pass left: the replies to send (each person's in order) and the addresses to look at again. */
export interface Pass {
  replies: Map<ChannelName, string[]>;
  again: Address[];
}

/**
 * One pass over these addresses, in one transaction: each address locked, its waiting messages, people,
 * conversations and contexts read for all of them in a few statements, each person's turns run in
 * order, and every reply, state and outcome written in a few statements; the replies are returned to be
 * queued (the caller does it after the commit).
 */
export async function runPass(deps: AppDeps, addresses: Address[]): Promise<Pass> {
  const now = deps.now();
  const outcome = await deps.prisma.$transaction(
    async (tx) => {
      await lockAddresses(tx, addresses);
      const waiting = await waitingMessages(tx, addresses, BATCH);
      const byAddress = new Map<string, Waiting[]>();
      for (const m of waiting) {
        const key = addressKey(m);
        const list = byAddress.get(key);
        if (list) list.push(m);
        else byAddress.set(key, [m]);
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
      let ranSince = performance.now();
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
        // Turns that touch no table run back to back: now and then the webhooks waiting are let in.
        if (performance.now() - ranSince > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          ranSince = performance.now();
        }
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
