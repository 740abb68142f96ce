import type { DeliveryState, DeliveryStatus, InboundMessage, MediaType } from "../../core/inbound.ts";
import { decodeChoicePayload } from "../../core/intent.ts";
import {
  webhookSchema,
  type WhatsAppMessageEvent,
  type WhatsAppMessagesValue,
  type WhatsAppStatusEvent,
  type WhatsAppWebhook,
} from "./webhook-schema.ts";

/** What one webhook delivery holds, in neutral form: the argument of `ingest`. */
export interface WhatsAppBatch {
  messages: InboundMessage[];
  statuses: DeliveryStatus[];
}

export interface ParseOptions {
  /**
   * Our phone number id. Changes for another number of the same app (a test number, another
   * service) are skipped, so we never answer from the wrong number.
   */
  phoneNumberId?: string;
}

/**
 * Validates a webhook body and turns it into neutral messages and statuses.
 * Throws the ZodError when the body is not a valid webhook (the route answers 400).
 *
 * @example parseWhatsAppWebhook(JSON.parse(raw)).messages[0] // { channel: "whatsapp", externalId: "33612345678", kind: "text", … }
 */
export function parseWhatsAppWebhook(body: unknown, opts: ParseOptions = {}): WhatsAppBatch {
  return webhookToBatch(webhookSchema.parse(body), opts);
}

/** The same, for a body already validated with `webhookSchema`. */
export function webhookToBatch(webhook: WhatsAppWebhook, opts: ParseOptions = {}): WhatsAppBatch {
  const batch: WhatsAppBatch = { messages: [], statuses: [] };
  for (const entry of webhook.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      const value = change.value as WhatsAppMessagesValue;
      if (opts.phoneNumberId && value.metadata.phone_number_id !== opts.phoneNumberId) continue;
      const names = displayNames(value);
      for (const m of value.messages ?? []) batch.messages.push(toInbound(m, names));
      for (const s of value.statuses ?? []) {
        const status = toStatus(s);
        if (status) batch.statuses.push(status);
      }
    }
  }
  return batch;
}

/** Profile names by wa_id (and by business-scoped user id), from the change's contacts. */
function displayNames(value: WhatsAppMessagesValue): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of value.contacts ?? []) {
    const name = c.profile?.name?.trim();
    if (!name) continue;
    if (c.wa_id) names.set(c.wa_id, name);
    if (c.user_id) names.set(c.user_id, name);
  }
  return names;
}

const MEDIA_TYPES: Record<string, MediaType> = { audio: "audio", image: "image", document: "document", video: "video", sticker: "sticker" };

/** One WhatsApp message as an InboundMessage; anything we cannot read becomes kind "unsupported". */
export function toInbound(m: WhatsAppMessageEvent, names: ReadonlyMap<string, string> = new Map()): InboundMessage {
  // The schema guarantees one of the two; the phone number (wa_id) is preferred, it is what we send to.
  const externalId = (m.from ?? m.from_user_id)!;
  const displayName = names.get(externalId);
  const msg: InboundMessage = {
    channel: "whatsapp",
    externalId,
    platformMessageId: m.id,
    sentAt: new Date(m.timestamp * 1000),
    kind: "unsupported",
    ...(displayName ? { displayName } : {}),
    ...(m.context?.id ? { replyToPlatformId: m.context.id } : {}),
  };

  if (m.type === "text" && "text" in m) return { ...msg, kind: "text", text: m.text.body };

  if (m.type === "interactive" && "interactive" in m) {
    const i = m.interactive;
    if ("button_reply" in i) return choiceOrText(msg, i.button_reply.id, i.button_reply.title);
    if ("list_reply" in i) return choiceOrText(msg, i.list_reply.id, i.list_reply.title);
    return { ...msg, unsupportedType: `interactive.${i.type}` };
  }

  if (m.type === "button" && "button" in m) return choiceOrText(msg, m.button.payload ?? "", m.button.text);

  const mediaType = MEDIA_TYPES[m.type];
  if (mediaType) {
    const media = (m as unknown as Record<string, { id: string; mime_type?: string; caption?: string; voice?: boolean }>)[m.type]!;
    return {
      ...msg,
      kind: "media",
      media: {
        type: mediaType === "audio" && media.voice ? "voice" : mediaType,
        id: media.id,
        ...(media.mime_type ? { mimeType: media.mime_type } : {}),
        ...(media.caption ? { caption: media.caption } : {}),
      },
    };
  }

  return { ...msg, unsupportedType: m.type };
}

/**
 * A button or list reply: our own payload ("m1:rsvp:yes") becomes a choice; a payload we did not
 * make (an old version, a template button set up by hand) is read as if the person typed its title.
 */
function choiceOrText(msg: InboundMessage, payload: string, title: string): InboundMessage {
  const choiceId = decodeChoicePayload(payload);
  return choiceId !== undefined ? { ...msg, kind: "choice", choiceId, text: title } : { ...msg, kind: "text", text: title };
}

const STATES: Record<string, DeliveryState> = { sent: "sent", delivered: "delivered", read: "read", failed: "failed" };

/** A status of a message we sent; `undefined` for states we do not track (deleted, played…). */
export function toStatus(s: WhatsAppStatusEvent): DeliveryStatus | undefined {
  const status = STATES[s.status];
  if (!status) return undefined;
  const error = s.errors?.[0];
  return {
    channel: "whatsapp",
    platformMessageId: s.id,
    status,
    at: new Date(s.timestamp * 1000),
    ...(error ? { errorCode: `whatsapp.${error.code}`, errorTitle: error.title ?? error.message ?? error.error_data?.details } : {}),
  };
}
