import { GrammyError, type Api } from "grammy";
import type { Update } from "grammy/types";
import type { InboundMessage } from "../../core/inbound.ts";
import type { Logger } from "../../core/logger.ts";
import { grammySignal } from "./bot.ts";
import { blockedChatFrom, parseTelegramUpdate, unblockedChatFrom } from "./parse.ts";

/**
 * The update types we ask Telegram for (setWebhook and getUpdates): messages, button taps, and
 * membership changes (to learn when someone blocks the bot). Edits, reactions, polls… never come.
 */
export const TELEGRAM_ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

/** How long we wait for answerCallbackQuery before giving up on it (the message is kept either way). */
export const ANSWER_CALLBACK_TIMEOUT_MS = 5_000;

/** What the webhook and the poller need to handle an update; the app provides `ingest` and `onBlocked`. */
export interface TelegramUpdateDeps {
  /** `bot.api`, to answer callback queries. */
  api: Api;
  /** The app's ingest (app/ingest.ts): records the message once and wakes the person's worker. Throws when the database is down. */
  ingest: (batch: { messages: InboundMessage[] }) => Promise<unknown>;
  /** Marks a chat unreachable when the person blocks the bot. */
  onBlocked?: (externalId: string) => Promise<void>;
  /** Makes it reachable again when they unblock it. */
  onUnblocked?: (externalId: string) => Promise<void>;
  log: Logger;
  now?: () => Date;
}

/**
 * accepted: a new message was recorded; duplicate: a redelivery; blocked / unblocked: onBlocked / onUnblocked ran;
 * ignored: nothing for us (groups, bots, other update types); invalid: a shape parse.ts could not read.
 */
export type UpdateOutcome = "accepted" | "duplicate" | "blocked" | "unblocked" | "ignored" | "invalid";

/**
 * The one path every Telegram update takes, whether it came by webhook (routes.ts) or by long
 * polling (polling.ts):
 *
 * 1. a callback query is answered at once (Telegram shows a spinner on the button until we do), in
 *    parallel with the rest; a failed answer is only logged: the tap itself must not be lost;
 * 2. a block (`my_chat_member` → kicked) goes to `onBlocked`, an unblock (kicked → member) to `onUnblocked`;
 * 3. a person's message is parsed and handed to `ingest`, which deduplicates on `update:<id>`.
 *
 * Throws when `ingest` or `onBlocked` throws: the caller must then make Telegram deliver the update
 * again (webhook: answer 503; polling: do not advance the offset).
 */
export async function handleTelegramUpdate(update: Update, deps: TelegramUpdateDeps): Promise<UpdateOutcome> {
  const answering = update.callback_query ? answerCallback(deps, update.callback_query.id, update.update_id) : undefined;
  try {
    const blocked = blockedChatFrom(update);
    if (blocked !== undefined) {
      if (deps.onBlocked) await deps.onBlocked(blocked);
      deps.log.info({ channel: "telegram", externalId: blocked }, "person blocked the bot");
      return "blocked";
    }
    const unblocked = unblockedChatFrom(update);
    if (unblocked !== undefined) {
      if (deps.onUnblocked) await deps.onUnblocked(unblocked);
      deps.log.info({ channel: "telegram", externalId: unblocked }, "person unblocked the bot");
      return "unblocked";
    }
    let message: InboundMessage | null;
    try {
      message = parseTelegramUpdate(update, deps.now?.() ?? new Date());
    } catch (err) {
      // A shape we cannot read will not read better on redelivery: log it and let it go.
      deps.log.warn({ err, updateId: update.update_id }, "unreadable Telegram update dropped");
      return "invalid";
    }
    if (!message) return "ignored";
    const result = await deps.ingest({ messages: [message] });
    return isDuplicateOnly(result) ? "duplicate" : "accepted";
  } finally {
    await answering;
  }
}

/** Never rejects: an unanswered query costs a spinner for a few seconds, a lost tap costs the person's answer. */
async function answerCallback(deps: TelegramUpdateDeps, queryId: string, updateId: number): Promise<void> {
  try {
    await deps.api.answerCallbackQuery(queryId, {}, grammySignal(AbortSignal.timeout(ANSWER_CALLBACK_TIMEOUT_MS)));
  } catch (err) {
    // A redelivered update's query is often too old to answer (400): expected, hence only a debug line.
    const expected = err instanceof GrammyError && err.error_code === 400;
    deps.log[expected ? "debug" : "warn"]({ err: (err as Error).message, updateId }, "could not answer a Telegram callback query");
  }
}

/** app/ingest.ts returns counts; a batch that was all duplicates is a redelivery. */
function isDuplicateOnly(result: unknown): boolean {
  if (typeof result !== "object" || result === null) return false;
  const r = result as { accepted?: unknown; duplicates?: unknown };
  return r.accepted === 0 && typeof r.duplicates === "number" && r.duplicates > 0;
}
