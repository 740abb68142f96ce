import { SendError } from "../core/errors.ts";
import type { Intent } from "../core/intent.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { AppDeps } from "./deps.ts";
import { localeOf } from "./person-view.ts";
import { templateFor, type TemplateParams } from "./templates.ts";

export type DeliveryOutcome = "sent" | "skipped" | "failed";

/**
 * Sends one outbound row, once. The row is claimed (queued → sending) before the platform is called,
 * so a job that runs twice sends once. A retryable failure puts the row back to queued and rethrows
 * the SendError for the queue to retry later; a permanent one is recorded with its reason.
 */
export async function deliverOutbound(deps: Pick<AppDeps, "prisma" | "adapters" | "log" | "now" | "i18n" | "defaultLocale">, id: string): Promise<DeliveryOutcome> {
  const { prisma } = deps;
  const claimed = await prisma.outboundMessage.updateMany({
    where: { id, status: "queued" },
    data: { status: "sending", attempts: { increment: 1 }, claimedAt: deps.now() },
  });
  if (claimed.count === 0) return "skipped";
  const row = await prisma.outboundMessage.findUniqueOrThrow({ where: { id } });
  const adapter = deps.adapters[row.channel];
  if (!adapter) return fail(deps, id, "channel.disabled", `channel ${row.channel} is not configured`);
  let intent = row.intent as unknown as Intent & { template?: TemplateParams };
  if (adapter.requiresTemplate && intent.type !== "template") {
    const identity = await prisma.identity.findUnique({
      where: { channel_externalId: { channel: row.channel, externalId: row.externalId } },
      include: { person: { select: { locale: true } } },
    });
    if (adapter.requiresTemplate(identity?.lastInboundAt ?? null, deps.now())) {
      const templated = templateFor(deps, row.purpose, intent, localeOf(identity?.person ?? { locale: null }, deps.defaultLocale));
      if (!templated) return fail(deps, id, `${row.channel}.window_closed`, `no template for "${row.purpose}" messages outside the 24-hour window`);
      intent = templated;
      await prisma.outboundMessage.update({ where: { id }, data: { intent: intent as unknown as Prisma.InputJsonValue } });
    }
  }
  try {
    const result = await adapter.send({ channel: row.channel, externalId: row.externalId }, intent);
    // The last message to a person who erased their data is kept only until it is sent.
    const scrub = row.purpose === "erasure_confirmation" ? { externalId: "erased", intent: {} } : {};
    await prisma.outboundMessage.update({
      where: { id },
      data: { status: "sent", platformMessageId: result.platformMessageId, sentAt: deps.now(), errorCode: null, errorMessage: null, ...scrub },
    });
    return "sent";
  } catch (err) {
    const error = err instanceof SendError ? err : new SendError("retry", "send.unexpected", String((err as Error)?.message ?? err));
    if (error.errorClass === "retry") {
      await prisma.outboundMessage.update({
        where: { id },
        data: { status: "queued", errorCode: error.code, errorMessage: error.message.slice(0, 1000) },
      });
      throw error;
    }
    if (error.errorClass === "unreachable") {
      await prisma.identity.updateMany({
        where: { channel: row.channel, externalId: row.externalId },
        data: { unreachableAt: deps.now(), unreachableReason: error.code },
      });
    }
    return fail(deps, id, error.code, error.message);
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
