import type { DeliveryState, DeliveryStatus, InboundMessage, MediaType } from "../../core/inbound.ts";
import { decodeChoicePayload } from "../../core/intent.ts";
import {
  messageSchema,
  statusSchema,
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
  /**
   * What could not be used, for the log: errors Meta reports on a whole change, and entries without
   * anyone to answer (a message without sender, a status without id). The webhook still answers 200:
   * a redelivery would not read better.
   */
  problems?: { errors: { code: number; title?: string }[]; dropped: number };
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
  const problems = { errors: [] as { code: number; title?: string }[], dropped: 0 };
  for (const entry of webhook.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      const value = change.value as WhatsAppMessagesValue;
      if (opts.phoneNumberId && value.metadata.phone_number_id !== opts.phoneNumberId) continue;
      const names = displayNames(value);
      for (const e of value.errors ?? []) problems.errors.push({ code: e.code, ...(e.title ? { title: e.title } : {}) });
      for (const raw of value.messages ?? []) {
        const m = messageSchema.safeParse(raw);
        const inbound = m.success ? toInbound(m.data, names) : unreadable(raw, names);
        if (inbound) batch.messages.push(inbound);
        else problems.dropped++;
      }
      for (const raw of value.statuses ?? []) {
        const s = statusSchema.safeParse(raw);
        const status = s.success ? toStatus(s.data) : undefined;
        if (status) batch.statuses.push(status);
        else if (!s.success) problems.dropped++;
      }
    }
  }
  if (problems.errors.length || problems.dropped) batch.problems = problems;
  return batch;
}

/**
 * A message that does not fit its type (an image without its object, a button reply without an id, a
 * timestamp we cannot read): still a person writing to us, so it is kept as unreadable, with Meta's
 * error when there is one, and answered. Without a sender there is nobody to answer: null.
 */
function unreadable(raw: unknown, names: ReadonlyMap<string, string>): InboundMessage | null {
  const m = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const from = typeof m["from"] === "string" && m["from"] ? m["from"] : typeof m["from_user_id"] === "string" && m["from_user_id"] ? m["from_user_id"] : undefined;
  const id = typeof m["id"] === "string" && m["id"] ? m["id"] : undefined;
  if (!from || !id) return null;
  const seconds = Number(m["timestamp"]);
  const error = firstError(m["errors"]);
  const displayName = names.get(from);
  return {
    channel: "whatsapp",
    externalId: from,
    platformMessageId: id,
    sentAt: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date(),
    kind: "unsupported",
    unsupportedType: typeof m["type"] === "string" ? m["type"] : "unknown",
    unreadable: error ?? { code: "whatsapp.malformed", title: "a message that does not fit its type" },
    ...(displayName ? { displayName } : {}),
  };
}

function firstError(errors: unknown): { code: string; title?: string } | undefined {
  const e = Array.isArray(errors) ? (errors[0] as { code?: unknown; title?: unknown; message?: unknown } | undefined) : undefined;
  if (!e || typeof e.code !== "number") return undefined;
  const title = typeof e.title === "string" ? e.title : typeof e.message === "string" ? e.message : undefined;
  return { code: `whatsapp.${e.code}`, ...(title ? { title } : {}) };
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

  // WhatsApp could not give us the message (type "unsupported", 131051; media it failed to fetch…).
  const error = firstError(m.errors);
  if (error || m.type === "unsupported") {
    return { ...msg, unsupportedType: m.type, unreadable: error ?? { code: "whatsapp.unsupported", title: "Message type unknown" } };
  }

  if (m.type === "text" && "text" in m) return { ...msg, kind: "text", text: m.text.body };

  if (m.type === "system" && "system" in m) {
    // "User A changed from +33… to +33…": their next messages come from the new number.
    const to = m.system.wa_id ?? m.system.new_wa_id;
    return { ...msg, unsupportedType: "system", ...(m.system.type === "customer_changed_number" && to && to !== externalId ? { changedNumberTo: to } : {}) };
  }

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
