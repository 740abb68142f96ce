import { setTimeout as sleep } from "node:timers/promises";
import { SendError } from "../core/errors.ts";
import type { Intent } from "../core/intent.ts";
import type { OutboundMessage, Prisma } from "../db/generated/client.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "../core/locales.ts";
import { settleTranslation } from "./translation.ts";
import { claimRows, recordSent, releaseRows, type Claimed } from "./claim.ts";

export type DeliveryOutcome = "sent" | "skipped" | "failed";
type Deps = Pick<AppDeps, "prisma" | "channels" | "log" | "now" | "i18n" | "defaultLocale" | "translate">;

/** Attempts at writing a send's result: the message is out, so this write must not be lost or undone. */
const RECORD_TRIES = 5;

/** What sending a job's rows came to. */
export interface BatchOutcome {
  sent: number;
  failed: number;
  /** Rows left queued behind an earlier reply to their address that another job holds: try again shortly. */
  blocked: number;
  /** A retryable platform failure: the job is tried again later; rows already sent are not sent again. */
  retry?: SendError;
  /** The platform asked the whole number or bot to slow down (with its wait). */
  throttled?: SendError;
}

/** Spaces sends to a platform's rate: `reserve(n)` books n consecutive slots and gives back a wait for each next one. */
export interface Pace {
  reserve(n: number): Promise<() => Promise<void>>;
}

/** Rows claimed at once when no pace is given: a crash loses at most one wave's sends (those in flight). */
const DEFAULT_WAVE = 50;

/**
 * Sends a job's rows, once each, set-based, in waves: a wave claims in one statement the next row of
 * each address (queued → sending; outbox/claim.ts), sends them side by side, and records what the
 * platform accepted in one statement; the next wave takes each address's following row. A person's
 * messages thus go in order, many people's at once, and a crash loses only the wave in flight (`wave`
 * rows at most: about a tenth of a second of the platform's pace), never rows claimed and not tried.
 * Until the platform is called, any failure gives a claim back. A retryable failure puts its row back
 * to queued and stops that address for this run (returned as `retry` for the queue to retry, or, on the
 * last attempt, recorded as failed); a permanent one is recorded with its reason. Once the platform
 * accepted a message, its result is written with retries and the row is never requeued.
 */
export async function deliverBatch(
  deps: Deps,
  ids: readonly string[],
  opts: { pace?: Pace; lastAttempt?: boolean; wave?: number } = {},
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, failed: 0, blocked: 0 };
  /** Addresses whose next row must wait for the queue's retry. */
  const stopped = new Set<string>();
  for (let waves = 0; waves <= ids.length; waves++) {
    const { rows, blocked } = await claimRows(deps, ids, { skip: [...stopped], limit: opts.wave ?? DEFAULT_WAVE });
    outcome.blocked = blocked;
    if (rows.length === 0) break;
    await sendWave(deps, rows, opts, outcome, stopped);
    if (outcome.throttled) break;
  }
  return outcome;
}

/** One wave: each row is the next of its address; sent side by side, recorded together. */
async function sendWave(deps: Deps, rows: Claimed[], opts: { pace?: Pace; lastAttempt?: boolean }, outcome: BatchOutcome, stopped: Set<string>): Promise<void> {
  const wait = opts.pace ? await opts.pace.reserve(rows.length) : async () => undefined;
  const accepted: { id: string; platformMessageId: string }[] = [];
  const release: string[] = [];
  let broken: unknown;
  const sendOne = async (row: Claimed) => {
    if (outcome.throttled || broken !== undefined) {
      release.push(row.id);
      return;
    }
    let intent: Intent;
    try {
      const prepared = await prepare(deps, row);
      if (typeof prepared === "string") {
        if (prepared === "failed") outcome.failed++;
        return;
      }
      intent = prepared;
    } catch (err) {
      broken = err;
      release.push(row.id);
      return;
    }
    try {
      // The platform's pace is kept right before the request, so requests arrive as evenly as they are let go.
      await wait();
      const address = { channel: row.channel, externalId: row.externalId };
      const { platformMessageId } = await deps.channels[row.channel]!.adapter.send(address, intent, { fromPart: row.partsSent });
      accepted.push({ id: row.id, platformMessageId });
    } catch (err) {
      const error = err instanceof SendError ? err : new SendError("retry", "send.unexpected", String((err as Error)?.message ?? err));
      if (error.errorClass === "retry" && !opts.lastAttempt) {
        await requeue(deps, row, error);
        // The address's later messages wait for this one.
        stopped.add(`${row.channel}:${row.externalId}`);
        if (error.global && error.retryAfterMs) outcome.throttled ??= error;
        else outcome.retry ??= error;
        return;
      }
      await onPermanentError(deps, row, error.errorClass === "retry" ? exhausted(error) : error);
      outcome.failed++;
    }
  };
  await Promise.all(rows.map(sendOne));
  outcome.sent += accepted.length;
  await withRetries(() => recordSent(deps, accepted)).catch((err: unknown) =>
    deps.log.error({ err, outboundIds: accepted.map((a) => a.id) }, "messages sent but their status could not be recorded"),
  );
  await releaseRows(deps, release).catch((err: unknown) => deps.log.warn({ err }, "claims could not be given back: the sweep will"));
  if (broken !== undefined) throw broken;
}

/** Sends one outbound row, once (the terminal demo's dispatcher): a batch of one, retryable failures thrown. */
export async function deliverOutbound(deps: Deps, id: string): Promise<DeliveryOutcome> {
  const r = await deliverBatch(deps, [id]);
  const retry = r.retry ?? r.throttled;
  if (retry) throw retry;
  return r.sent ? "sent" : r.failed ? "failed" : "skipped";
}

/** The intent to send: the row's, or the form the channel's rules allow outside its window (WhatsApp: a template); or a failure recorded. */
async function prepare(deps: Deps, row: Claimed): Promise<Intent | DeliveryOutcome> {
  const channel = deps.channels[row.channel];
  if (!channel) return fail(deps, row.id, "channel.disabled", `channel ${row.channel} is not configured`);
  // A relayed message waiting for its translation gets it now, before the platform's rules and pace
  // (outbox/translation.ts says why here): the original alone when the provider fails or is slow.
  const intent = await settleTranslation(deps, row);
  if (!channel.rules || intent.type === "template") return intent;
  if (!channel.rules.windowClosed(row.lastInboundAt, deps.now())) return intent;
  const templated = channel.rules.outsideWindow({ purpose: row.purpose, intent, locale: localeOf({ locale: row.locale }, deps.defaultLocale) }, deps.i18n);
  if (!templated) return fail(deps, row.id, `${row.channel}.window_closed`, `no template for "${row.purpose}" messages outside the 24-hour window`);
  // Another message altogether: any part sent of the free-form one does not count for it.
  await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { intent: templated as unknown as Prisma.InputJsonValue, partsSent: 0 } });
  row.partsSent = 0;
  return templated;
}

/** A retryable failure on the job's last attempt: recorded as failed for good, naming the last reason. */
function exhausted(error: SendError): SendError {
  const last = new SendError("permanent", "retries_exhausted", `${error.code}: ${error.message}`);
  return error.partsSent ? last.afterParts(error.partsSent) : last;
}

/** A retryable failure: the row goes back to the queue with its reason; parts the platform accepted are never sent again. */
async function requeue(deps: Deps, row: OutboundMessage, error: SendError): Promise<void> {
  const partsSent = Math.max(row.partsSent, error.partsSent ?? 0);
  await withRetries(() =>
    deps.prisma.outboundMessage.update({
      where: { id: row.id },
      data: { status: "queued", partsSent, errorCode: error.code, errorMessage: error.message.slice(0, 1000) },
    }),
  );
}

/** A failure for good: recorded with its reason; an address the platform says is gone is marked unreachable. */
async function onPermanentError(deps: Deps, row: OutboundMessage, error: SendError): Promise<void> {
  const partsSent = Math.max(row.partsSent, error.partsSent ?? 0);
  if (partsSent > row.partsSent) await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { partsSent } });
  if (error.errorClass === "unreachable") {
    await deps.prisma.identity.updateMany({
      where: { channel: row.channel, externalId: row.externalId },
      data: { unreachableAt: deps.now(), unreachableReason: error.code },
    });
  }
  await fail(deps, row.id, error.code, error.message);
}

async function withRetries<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= RECORD_TRIES) throw err;
      await sleep(200 * 2 ** attempt);
    }
  }
}

/** Records a failure for good: coordinators see it in `npm run admin -- failures`. */
export async function fail(deps: Pick<AppDeps, "prisma" | "log" | "now">, id: string, code: string, message: string): Promise<"failed"> {
  deps.log.warn({ outboundId: id, code, message }, "outbound message failed");
  await deps.prisma.outboundMessage.update({
    where: { id },
    data: { status: "failed", errorCode: code, errorMessage: message.slice(0, 1000), failedAt: deps.now() },
  });
  return "failed";
}
