import type { ChannelName } from "../core/inbound.ts";
import type { OutboundBatch } from "../core/outbound-batch.ts";
import type { Person } from "../db/generated/client.ts";
import type { Reply } from "../engine/types.ts";
import type { AppDeps } from "../deps.ts";
import { createOutbound } from "./outbound.ts";
import { localeOf } from "../core/locales.ts";
import { renderFor } from "../i18n/render.ts";
import { pendingFor, type TranslationRequest } from "./translation.ts";
import { offeredFrom } from "../engine/offered.ts";


/** Someone to tell, with the identities to write to, already chosen by the caller (reachable ones, the latest one…). */
export type Recipient = Pick<Person, "id" | "locale"> & { identities: { id: string; channel: ChannelName; externalId: string }[] };

export interface Notice {
  reply: Reply;
  /** The kind of message, which names its WhatsApp template outside the 24-hour window. */
  purpose: string;
  /**
   * The idempotency key of the row for one identity of one recipient: the same on a replay, so the
   * message is queued once. @example (_, identity) => `notify:${inboundId}:${n}:${identity.id}`
   */
  key: (recipient: Recipient, identity: Recipient["identities"][number]) => string;
  /**
   * Someone's words inside `reply`, translated at sending time into each recipient's language that
   * differs from theirs (outbox/translation.ts); only when translation is configured.
   */
  translation?: TranslationRequest;
}

/**
 * Queues one reply for several people, each in their own language, on each identity given:
 * coordinators alerted, members told of a change, a person answered. Returns the rows per channel.
 */
export async function notifyPeople(
  deps: Pick<AppDeps, "i18n" | "defaultLocale" | "translate">,
  tx: Parameters<typeof createOutbound>[0],
  recipients: readonly Recipient[],
  notice: Notice,
): Promise<OutboundBatch[]> {
  const batches: OutboundBatch[] = [];
  for (const recipient of recipients) {
    const locale = localeOf(recipient, deps.defaultLocale);
    const translate = pendingFor(deps, notice.translation, locale);
    for (const identity of recipient.identities) {
      const ids = await createOutbound(tx, [
        {
          idempotencyKey: notice.key(recipient, identity),
          personId: recipient.id,
          channel: identity.channel,
          externalId: identity.externalId,
          purpose: notice.purpose,
          intent: renderFor(deps, locale, notice.reply),
          ...(translate ? { translate } : {}),
        },
      ]);
      batches.push({ channel: identity.channel, ids });
    }
  }
  if (notice.reply.type === "choices") await offerChoices(tx, recipients.map((r) => r.id), notice.reply);
  return batches;
}

/**
 * A notice with choices ("📥 New application: Sam … 1. 👀 See") is the last thing its recipients
 * saw: a typed "1" is read against its choices, not against the menu of their last turn.
 */
async function offerChoices(tx: Parameters<typeof createOutbound>[0], personIds: readonly string[], reply: Reply): Promise<void> {
  if (personIds.length === 0) return;
  const offered = JSON.stringify(offeredFrom([reply]) ?? []);
  await tx.$queryRaw`
    INSERT INTO "ConversationState" ("personId", "data", "updatedAt")
    SELECT pid, jsonb_build_object('offered', ${offered}::jsonb), now() FROM unnest(${[...personIds]}::text[]) AS pid
    ON CONFLICT ("personId") DO UPDATE SET "data" = jsonb_set("ConversationState"."data"::jsonb, '{offered}', ${offered}::jsonb), "updatedAt" = now()
    RETURNING 1`;
}
