import { SendError } from "../core/errors.ts";
import type { Intent } from "../core/intent.ts";
import type { OutboundMessage, Prisma } from "../db/generated/client.ts";
import type { AppDeps } from "../deps.ts";
import { localeOf } from "../core/locales.ts";
import { settleTranslation } from "./translation.ts";

export type DeliveryOutcome = "sent" | "skipped" | "failed";
type Deps = Pick<AppDeps, "prisma" | "channels" | "log" | "now" | "i18n" | "defaultLocale" | "translate">;

/** Attempts at writing a send's result: the message is out, so this write must not be lost or undone. */
const RECORD_TRIES = 5;

/**
 * Sends one outbound row, once. The row is claimed (queued → sending) and read in one statement
 * before the platform is called, so a job that runs twice sends once. Until the platform is called,
 * any failure gives the claim back. A retryable platform failure puts the row back to queued and
 * rethrows the SendError for the queue to retry; `pace` waits for the platform's rate (queues/pacer.ts); a permanent one is recorded with its reason. Once the
 * platform accepted the message, its result is written with retries and the row is never requeued.
 */
export async function deliverOutbound(deps: Deps, id: string, pace?: () => Promise<void>): Promise<DeliveryOutcome> {
  const { prisma } = deps;
  // The address's window and the person's language come with the claim: a template may be needed.
  const [row] = await prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboundMessage" o SET "status" = 'sending', "attempts" = o."attempts" + 1, "claimedAt" = ${deps.now()}
    WHERE o."id" = ${id} AND o."status" = 'queued'
    RETURNING o.*,
      (SELECT i."lastInboundAt" FROM "Identity" i WHERE i."channel" = o."channel" AND i."externalId" = o."externalId") AS "lastInboundAt",
      (SELECT p."locale" FROM "Identity" i JOIN "Person" p ON p."id" = i."personId" WHERE i."channel" = o."channel" AND i."externalId" = o."externalId") AS "locale"`;
  if (!row) return "skipped";
  let intent: Intent;
  try {
    const prepared = await prepare(deps, row);
    if (typeof prepared === "string") return prepared;
    intent = prepared;
  } catch (err) {
    await prisma.outboundMessage.updateMany({ where: { id, status: "sending" }, data: { status: "queued" } }).catch(() => undefined);
    throw err;
  }
  let platformMessageId: string;
  try {
    // The platform's pace is kept right before the request, so requests arrive as evenly as they are let go.
    await pace?.();
    const address = { channel: row.channel, externalId: row.externalId };
    platformMessageId = (await deps.channels[row.channel]!.adapter.send(address, intent, { fromPart: row.partsSent })).platformMessageId;
  } catch (err) {
    return onSendError(deps, row, err);
  }
  // The last message to a person who erased their data is kept only until it is sent.
  const scrub = row.purpose === "erasure_confirmation" ? { externalId: "erased", intent: {} } : {};
  await withRetries(() =>
    prisma.outboundMessage.update({
      where: { id },
      data: { status: "sent", platformMessageId, sentAt: deps.now(), errorCode: null, errorMessage: null, ...scrub },
    }),
  ).catch((err: unknown) => deps.log.error({ err, outboundId: id }, "message sent but its status could not be recorded"));
  return "sent";
}

/** A claimed row, with its address's last message and its person's language. */
type Claimed = OutboundMessage & { lastInboundAt: Date | null; locale: string | null };

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

async function onSendError(deps: Deps, row: OutboundMessage, err: unknown): Promise<DeliveryOutcome> {
  const error = err instanceof SendError ? err : new SendError("retry", "send.unexpected", String((err as Error)?.message ?? err));
  // Parts the platform accepted before the failure are never sent again.
  const partsSent = Math.max(row.partsSent, error.partsSent ?? 0);
  if (error.errorClass === "retry") {
    await withRetries(() =>
      deps.prisma.outboundMessage.update({
        where: { id: row.id },
        data: { status: "queued", partsSent, errorCode: error.code, errorMessage: error.message.slice(0, 1000) },
      }),
    );
    throw error;
  }
  if (partsSent > row.partsSent) await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { partsSent } });
  if (error.errorClass === "unreachable") {
    await deps.prisma.identity.updateMany({
      where: { channel: row.channel, externalId: row.externalId },
      data: { unreachableAt: deps.now(), unreachableReason: error.code },
    });
  }
  return fail(deps, row.id, error.code, error.message);
}

async function withRetries<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= RECORD_TRIES) throw err;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
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
