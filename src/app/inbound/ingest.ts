import type { DeliveryStatus, InboundMessage } from "../../core/inbound.ts";
import type { OutgoingRow } from "../../core/channel.ts";
import { createOutbound } from "../../outbox/outbound.ts";
import { localeOf } from "../../core/locales.ts";
import type { AppDeps } from "../../deps.ts";
import { recordInbound } from "./record-inbound.ts";
import { recordAndWake } from "./inbound-log.ts";
import { afterVoiceNoteLogged, holdUntilFor } from "../../voice/hold.ts";

export interface IngestResult {
  accepted: number;
  duplicates: number;
  statuses: number;
}

/**
 * What a webhook does with what a platform sent: log each message once (the atomic insert
 * deduplicates), wake its address's worker, and apply delivery statuses. Fast: the conversation
 * itself runs in the inbound queue. Throws when the database is down, so the webhook answers 5xx
 * and the platform redelivers later.
 */
export async function ingest(
  deps: Pick<AppDeps, "prisma" | "dispatcher" | "log" | "i18n" | "defaultLocale" | "channels" | "voice" | "now" | "inboundLog">,
  batch: { messages?: InboundMessage[]; statuses?: DeliveryStatus[] },
): Promise<IngestResult> {
  const result: IngestResult = { accepted: 0, duplicates: 0, statuses: 0 };
  for (const msg of batch.messages ?? []) {
    // A voice note to transcribe is logged with its Media row, and its turn held until then (voice/).
    const hold = holdUntilFor(deps, msg);
    const id = hold ? await recordInbound(deps.prisma, msg, hold) : await recordAndWake(deps, msg);
    if (!id) {
      result.duplicates++;
      continue;
    }
    result.accepted++;
    await afterVoiceNoteLogged(deps, id, msg, hold);
    if (hold) await deps.dispatcher.inbound([{ address: { channel: msg.channel, externalId: msg.externalId }, inboundId: id }]);
  }
  for (const status of batch.statuses ?? []) {
    if (await applyStatus(deps, status)) {
      result.statuses++;
      await retryAsTemplate(deps, status);
    }
  }
  return result;
}

const RANK = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5, cancelled: 5 } as const;

/**
 * Moves an outbound message forward (sent → delivered → read, or failed); statuses arrive out of
 * order and more than once, so a status never moves a message backwards. Returns true when applied.
 */
export async function applyStatus(deps: Pick<AppDeps, "prisma">, s: DeliveryStatus): Promise<boolean> {
  const row = await deps.prisma.outboundMessage.findFirst({
    where: { channel: s.channel, platformMessageId: s.platformMessageId },
    select: { id: true, status: true },
  });
  if (!row) return false;
  if (s.status !== "failed" && RANK[s.status] <= RANK[row.status]) return false;
  if (s.status === "failed" && row.status === "failed") return false;
  const at = s.at;
  const data =
    s.status === "failed"
      ? { status: "failed" as const, failedAt: at, errorCode: s.errorCode ?? "failed", errorMessage: s.errorTitle ?? null }
      : s.status === "delivered"
        ? { status: "delivered" as const, deliveredAt: at }
        : s.status === "read"
          ? { status: "read" as const, readAt: at }
          : { status: "sent" as const, sentAt: at };
  const updated = await deps.prisma.outboundMessage.updateMany({ where: { id: row.id, status: row.status }, data });
  return updated.count === 1;
}

/**
 * The platform accepted a free-form message but could not deliver it because its window had closed
 * meanwhile (WhatsApp: status failed, 131047): the same message goes again in the form its rules
 * allow outside the window (a template), once.
 */
export async function retryAsTemplate(deps: Pick<AppDeps, "prisma" | "dispatcher" | "i18n" | "defaultLocale" | "channels">, s: DeliveryStatus): Promise<boolean> {
  const rules = deps.channels[s.channel]?.rules;
  if (!rules?.closedOnDelivery(s)) return false;
  const row = await deps.prisma.outboundMessage.findFirst({
    where: { channel: s.channel, platformMessageId: s.platformMessageId },
    include: { person: { select: { locale: true } } },
  });
  if (!row) return false;
  const intent = row.intent as unknown as OutgoingRow["intent"];
  const templated = rules.outsideWindow({ purpose: row.purpose, intent, locale: localeOf(row.person ?? { locale: null }, deps.defaultLocale) }, deps.i18n);
  if (!templated) return false;
  const ids = await createOutbound(deps.prisma, [
    { idempotencyKey: `template:${row.id}`, personId: row.personId, channel: row.channel, externalId: row.externalId, purpose: row.purpose, intent: templated },
  ]);
  if (ids.length) await deps.dispatcher.outbound(row.channel, ids);
  return ids.length > 0;
}
