import type { Address } from "../../core/inbound.ts";
import type { AppDeps } from "../../deps.ts";
import { createOutbound } from "../../outbox/outbound.ts";
import { localeOf } from "../../core/locales.ts";
import { renderFor } from "../../i18n/render.ts";
import { BATCH, runPass, type Pass } from "./pass.ts";
import { payloadOf } from "./run-turns.ts";
import { addressKey, createPeople, lockAddresses, openWindow, peopleAt, recordHandled, waitingMessages } from "./turn-store.ts";

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

/**
 * An address whose turn cannot be handled: its waiting messages are kept, marked failed with the error,
 * and the person gets the error answer. Only what that needs is written (the messages' outcome, the
 * address's window, so the answer may go as free text; a newcomer's person), never the conversation,
 * whose write may be what fails.
 */
async function failWaiting(deps: AppDeps, address: Address, err: unknown): Promise<Pass> {
  deps.log.error({ err, channel: address.channel }, "a turn failed: its messages are kept as failed and the person gets the error answer");
  const error = String((err as Error)?.message ?? err).slice(0, 500);
  const ids = await deps.prisma.$transaction(async (tx) => {
    await lockAddresses(tx, [address]);
    const waiting = await waitingMessages(tx, [address], BATCH);
    if (waiting.length === 0) return [];
    const key = addressKey(address);
    const now = deps.now();
    const person =
      (await peopleAt(tx, [address])).get(key)?.person ??
      (await createPeople(tx, [{ address, displayName: payloadOf(waiting[0]!).displayName }], { timezone: deps.defaultTimezone, at: now })).get(key)!;
    const last = waiting[waiting.length - 1]!;
    await recordHandled(tx, waiting.map((m) => ({ id: m.id, status: "failed", error, personId: person.id })), now);
    await openWindow(tx, address, last.sentAt);
    return createOutbound(tx, [
      {
        idempotencyKey: `reply:${last.id}:failed`,
        personId: person.id,
        channel: address.channel,
        externalId: address.externalId,
        intent: renderFor(deps, localeOf(person, deps.defaultLocale), { type: "text", say: { key: "errors.generic" } }),
      },
    ]);
  });
  return { replies: new Map([[address.channel, ids]]), again: [] };
}
