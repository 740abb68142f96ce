/** The platforms a person can talk to us from. `console` is the terminal demo. */
export type ChannelName = "whatsapp" | "telegram" | "console";
export const CHANNELS: readonly ChannelName[] = ["whatsapp", "telegram", "console"];

/** Where a message goes back to: a WhatsApp number (wa_id), a Telegram chat id, a console user. */
export interface Address {
  channel: ChannelName;
  externalId: string;
}

export type MediaType = "voice" | "audio" | "image" | "document" | "video" | "sticker";

export interface InboundMedia {
  type: MediaType;
  /** The platform's media id (WhatsApp media id, Telegram file_id). */
  id: string;
  mimeType?: string;
  caption?: string;
}

/**
 * One message from a person, in platform-neutral form.
 *
 * @example
 * { channel: "whatsapp", externalId: "33612345678", platformMessageId: "wamid.HBg…",
 *   sentAt: new Date(), kind: "text", text: "vendu 3 plats à 12€" }
 */
export interface InboundMessage extends Address {
  platformMessageId: string;
  sentAt: Date;
  kind: "text" | "choice" | "media" | "unsupported";
  text?: string;
  /** The id of the chosen button or list row, without our payload prefix; unknown payloads arrive as text. */
  choiceId?: string;
  media?: InboundMedia;
  /** A language hint from the platform (Telegram's language_code). */
  localeHint?: string;
  /** The name the platform shows for the person (profile name); a hint, never trusted for roles. */
  displayName?: string;
  /** The platform id of the message this one replies to (coordinator relays). */
  replyToPlatformId?: string;
  /** The platform's original type when kind is "unsupported" (e.g. "location"). */
  unsupportedType?: string;
  /**
   * The platform could not give us the message (WhatsApp's `unsupported` type, an `errors` array, a
   * known type without its content): kept with the platform's error, and the person is asked to send
   * it again as text or voice.
   */
  unreadable?: { code: string; title?: string };
  /** WhatsApp `system` message: the person's number changed to this wa_id. */
  changedNumberTo?: string;
}

/**
 * What of a message is kept beside its text in the inbound log (`InboundMessage.payload`): written by
 * the webhook's insert, read back when the message's turn comes. The same fields as above: one shape
 * from the webhook to the turn.
 */
export type InboundPayload = Pick<
  InboundMessage,
  "choiceId" | "media" | "localeHint" | "displayName" | "replyToPlatformId" | "unsupportedType" | "unreadable" | "changedNumberTo"
>;

export type DeliveryState = "sent" | "delivered" | "read" | "failed";

/** A platform's report on a message we sent (WhatsApp status webhooks). */
export interface DeliveryStatus {
  channel: ChannelName;
  platformMessageId: string;
  status: DeliveryState;
  at: Date;
  errorCode?: string;
  errorTitle?: string;
}
