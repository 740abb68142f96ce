import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { ensureBotInfo, grammySignal } from "./bot.ts";
import { handleTelegramUpdate, TELEGRAM_ALLOWED_UPDATES, type TelegramUpdateDeps } from "./handle.ts";

/** Long-polling wait per getUpdates call; below TELEGRAM_API_TIMEOUT_SECONDS (bot.ts). */
export const POLL_TIMEOUT_SECONDS = 30;
/** First pause after a failure (ingest or getUpdates); doubles up to the maximum. */
export const POLL_RETRY_DELAY_MS = 1_000;
export const POLL_MAX_RETRY_DELAY_MS = 60_000;
/** Time allowed, when stopping, to tell Telegram which updates we have recorded. */
const CONFIRM_TIMEOUT_MS = 3_000;

export interface PollingOptions extends Omit<TelegramUpdateDeps, "api"> {
  timeoutSeconds?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface Polling {
  /**
   * Stops polling, waits for the update in hand, and confirms what was recorded. With
   * `{ confirm: false }` (the polling lock was lost: another process may be polling already) no
   * further call reaches getUpdates; what was recorded comes back to the next poller and is deduplicated.
   */
  stop(opts?: { confirm?: boolean }): Promise<void>;
  /** Settles when the loop has ended (after stop()). */
  readonly done: Promise<void>;
}

/**
 * Long polling, for when no webhook secret is configured (a laptop, a small server without HTTPS).
 * Same path as the webhook: `handleTelegramUpdate` (handle.ts).
 *
 * Why our own loop around `bot.api.getUpdates` instead of grammY's `bot.start()`: grammY records an
 * update as done *before* running the middleware (`lastTriedUpdateId`), and when the middleware
 * throws, its default error handler calls `bot.stop()`, which confirms `lastTriedUpdateId + 1` to
 * Telegram; a custom `bot.catch` keeps polling and the next getUpdates confirms it too. Either way
 * an update whose ingest failed (database down) would be lost. Here the offset moves past an update
 * only once `ingest` has returned; until then the same update is retried with back-off, and on
 * stop it stays on Telegram's side for the next start. Like `bot.start()`, we first delete any
 * webhook (keeping pending updates: `drop_pending_updates: false`), or getUpdates would fail with 409.
 *
 * Updates are handled one at a time, in order; at our volume (a few hundred people) that is plenty.
 */
export function startPolling(bot: Bot, opts: PollingOptions): Polling {
  const controller = new AbortController();
  const { signal } = controller;
  const { log } = opts;
  const deps: TelegramUpdateDeps = { api: bot.api, ingest: opts.ingest, onBlocked: opts.onBlocked, onUnblocked: opts.onUnblocked, log, now: opts.now };
  const firstDelay = opts.retryDelayMs ?? POLL_RETRY_DELAY_MS;
  const maxDelay = opts.maxRetryDelayMs ?? POLL_MAX_RETRY_DELAY_MS;
  let delay = firstDelay;
  /** Sleeps after a failure; false when stopped meanwhile. */
  const backOff = async (err: unknown, what: string): Promise<boolean> => {
    const retryAfter = err instanceof GrammyError ? err.parameters?.retry_after : undefined;
    const wait = retryAfter !== undefined ? retryAfter * 1000 : delay;
    const fatal = err instanceof GrammyError && (err.error_code === 401 || err.error_code === 409);
    log[fatal ? "error" : "warn"]({ err: (err as Error)?.message ?? String(err), retryInMs: wait }, what);
    delay = Math.min(delay * 2, maxDelay);
    return sleep(wait, signal);
  };

  /** The next update_id to ask for: every update below it is recorded. */
  let offset: number | undefined;
  let confirmOnStop = true;
  /** The offset Telegram last saw (getUpdates confirms every update below the offset it is given). */
  let confirmed: number | undefined;

  const handleUntilDone = async (update: Update): Promise<boolean> => {
    for (;;) {
      try {
        await handleTelegramUpdate(update, deps);
        delay = firstDelay;
        return true;
      } catch (err) {
        if (!(await backOff(err, `telegram update ${update.update_id} not recorded; retrying`))) return false;
      }
    }
  };

  const loop = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        const me = await ensureBotInfo(bot, signal);
        await bot.api.deleteWebhook({ drop_pending_updates: false }, grammySignal(signal));
        log.info({ bot: me.username }, "telegram long polling started");
        break;
      } catch (err) {
        if (signal.aborted || !(await backOff(err, "telegram polling could not start; retrying"))) return;
      }
    }
    delay = firstDelay;
    while (!signal.aborted) {
      let updates: Update[];
      try {
        const timeout = opts.timeoutSeconds ?? POLL_TIMEOUT_SECONDS;
        updates = await bot.api.getUpdates({ offset, timeout, allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] }, grammySignal(signal));
        confirmed = offset;
        delay = firstDelay;
      } catch (err) {
        if (signal.aborted || !(await backOff(err, "telegram getUpdates failed; retrying"))) return;
        continue;
      }
      for (const update of updates) {
        if (!(await handleUntilDone(update))) return;
        offset = update.update_id + 1;
      }
    }
  };

  const done = loop()
    .catch((err: unknown) => log.error({ err }, "telegram polling stopped on an unexpected error"))
    .then(() => (confirmOnStop ? confirm(bot, offset, confirmed, log) : undefined));

  return {
    done,
    async stop(stopOpts) {
      if (stopOpts?.confirm === false) confirmOnStop = false;
      controller.abort();
      await done;
    },
  };
}

/**
 * Tells Telegram which updates we recorded since the last getUpdates, so a restart does not fetch
 * them again (harmless if it did: ingest deduplicates on update_id). Any update this call returns
 * is not confirmed by it and will come back next time.
 */
async function confirm(bot: Bot, offset: number | undefined, confirmed: number | undefined, log: PollingOptions["log"]): Promise<void> {
  if (offset === undefined || offset === confirmed) return;
  try {
    await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }, grammySignal(AbortSignal.timeout(CONFIRM_TIMEOUT_MS)));
  } catch (err) {
    log.debug({ err: (err as Error).message }, "could not confirm telegram updates; they will be deduplicated");
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
