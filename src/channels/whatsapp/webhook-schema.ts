import { z } from "zod";

/**
 * The WhatsApp Cloud API webhook body, validated with our own schemas: the client library's types
 * lack `failed` statuses and voice notes, and nothing checks them at run time.
 *
 * Lenient where Meta keeps adding things: unknown fields are dropped, unknown message types parse
 * (and become "unsupported"), unknown status values and other subscription fields are accepted and
 * ignored. The envelope is strict (a body that is not a webhook is refused with 400); each message
 * and status is checked on its own (`parse.ts`), so one we cannot read never costs the others: a
 * text without a body or a button reply without an id becomes an unreadable message, kept and
 * answered, instead of a 400 that Meta would redeliver for days.
 *
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 */

/** Unix seconds, sent as a string ("1717171717"); a number is accepted too. */
const unixSeconds = z.union([z.string().regex(/^\d{1,12}$/u), z.number().int().nonnegative()]).transform(Number);

/** An error as Meta reports it in statuses, messages and values. */
export const graphErrorSchema = z.object({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

const context = z
  .object({
    id: z.string().optional(),
    from: z.string().optional(),
    forwarded: z.boolean().optional(),
    frequently_forwarded: z.boolean().optional(),
  })
  .optional();

/**
 * Fields every message has. `from` is the sender's wa_id; `from_user_id` is the business-scoped
 * user id Meta is introducing for people who hide their number behind a username. One is required.
 */
const base = {
  id: z.string().min(1),
  /** What WhatsApp could not give us of this message (131051 unsupported type, 131000 …). */
  errors: z.array(graphErrorSchema).optional(),
  from: z.string().min(1).optional(),
  from_user_id: z.string().min(1).optional(),
  timestamp: unixSeconds,
  context,
};

const media = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  /** True for a voice note recorded in WhatsApp, absent or false for an audio file. */
  voice: z.boolean().optional(),
});

const textMessage = z.object({ ...base, type: z.literal("text"), text: z.object({ body: z.string() }) });

const interactiveMessage = z.object({
  ...base,
  type: z.literal("interactive"),
  interactive: z.union([
    z.object({ type: z.literal("button_reply"), button_reply: z.object({ id: z.string(), title: z.string() }) }),
    z.object({
      type: z.literal("list_reply"),
      list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }),
    }),
    // Flows (nfm_reply) and whatever comes next: kept, shown to the engine as unsupported.
    z.object({ type: z.string().refine((t) => t !== "button_reply" && t !== "list_reply", "a known interactive type needs its reply object") }),
  ]),
});

/** A tap on a template's quick-reply button: `payload` is what we set when sending, `text` the label. */
const buttonMessage = z.object({
  ...base,
  type: z.literal("button"),
  button: z.object({ payload: z.string().optional(), text: z.string() }),
});

export const MEDIA_MESSAGE_TYPES = ["audio", "image", "document", "video", "sticker"] as const;
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];

const audioMessage = z.object({ ...base, type: z.literal("audio"), audio: media });
const imageMessage = z.object({ ...base, type: z.literal("image"), image: media });
const documentMessage = z.object({ ...base, type: z.literal("document"), document: media });
const videoMessage = z.object({ ...base, type: z.literal("video"), video: media });
const stickerMessage = z.object({ ...base, type: z.literal("sticker"), sticker: media });

const KNOWN_TYPES: ReadonlySet<string> = new Set(["text", "interactive", "button", "system", ...MEDIA_MESSAGE_TYPES]);

/** Location, contacts, reaction, order, request_welcome, unsupported…: we only need their type. */
const otherMessage = z.object({
  ...base,
  type: z.string().refine((t) => !KNOWN_TYPES.has(t), "a known message type needs its content object"),
});

/** A person's number changed (`customer_changed_number`): `wa_id` is the new one. */
const systemMessage = z.object({
  ...base,
  type: z.literal("system"),
  system: z.object({ body: z.string().optional(), type: z.string().optional(), wa_id: z.string().optional(), new_wa_id: z.string().optional() }),
});

export const messageSchema = z
  .union([textMessage, interactiveMessage, buttonMessage, audioMessage, imageMessage, documentMessage, videoMessage, stickerMessage, systemMessage, otherMessage])
  .refine((m) => m.from !== undefined || m.from_user_id !== undefined, { message: "a message needs from or from_user_id", path: ["from"] });

export const statusSchema = z.object({
  id: z.string().min(1),
  /** sent, delivered, read, failed; also deleted, played… which we ignore. */
  status: z.string().min(1),
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  errors: z.array(graphErrorSchema).optional(),
});

export const contactSchema = z.object({
  profile: z.object({ name: z.string().optional() }).optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});

/** The `value` of a change whose field is "messages": incoming messages and statuses of ours. */
export const messagesValueSchema = z.object({
  messaging_product: z.literal("whatsapp"),
  metadata: z.object({ display_phone_number: z.string().optional(), phone_number_id: z.string().min(1) }),
  contacts: z.array(contactSchema).optional(),
  /** Checked one by one in parse.ts: a message we cannot read is answered, not refused with the rest. */
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  /** Errors about the whole change (no message to answer): logged. */
  errors: z.array(graphErrorSchema).optional(),
});

const changeSchema = z.union([
  z.object({ field: z.literal("messages"), value: messagesValueSchema }),
  // Template status updates, account alerts…: other subscriptions, accepted and ignored.
  z.object({ field: z.string().refine((f) => f !== "messages", "a messages change needs a valid value"), value: z.unknown() }),
]);

export const webhookSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.object({ id: z.string(), changes: z.array(changeSchema) })),
});

export type WhatsAppWebhook = z.infer<typeof webhookSchema>;
export type WhatsAppMessageEvent = z.infer<typeof messageSchema>;
export type WhatsAppStatusEvent = z.infer<typeof statusSchema>;
export type WhatsAppMessagesValue = z.infer<typeof messagesValueSchema>;
