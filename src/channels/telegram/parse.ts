import type { CallbackQuery, Message, Update, User } from "grammy/types";
import type { InboundMedia, InboundMessage } from "../../core/inbound.ts";
import { decodeChoicePayload } from "../../core/intent.ts";

/**
 * Turns one Telegram update into our neutral message, or null when it is not something a person
 * said to us in a private chat.
 *
 * - `platformMessageId` is `update:<update_id>`: Telegram redelivers the same update (same id) when a
 *   webhook fails, so the app's atomic insert on (channel, platformMessageId) is the seen-set.
 *   message_id alone would not do: it is per chat, and callback queries have none of their own.
 * - `externalId` is the chat id, which in a private chat is the person's user id.
 * - Groups, channels and messages sent by bots (our own included) give null: the assistant only
 *   talks one to one, and never to a bot.
 * - A callback query's `sentAt` is `now`, the time we received the tap: the date on
 *   `callback_query.message` is when *we* sent the keyboard (maybe days ago; 0 when inaccessible).
 * - Button data with our prefix becomes a choice; any other data (an old keyboard, a payload version
 *   we no longer know) arrives as typed text, as core/inbound.ts requires, so the engine can still
 *   try to understand it rather than dropping the tap.
 *
 * @example parseTelegramUpdate({ update_id: 7, message: { …, text: "/start", chat: { id: 42, type: "private" } } })
 *   // { channel: "telegram", externalId: "42", platformMessageId: "update:7", kind: "text", text: "/start", … }
 */
export function parseTelegramUpdate(update: Update, now: Date = new Date()): InboundMessage | null {
  const platformMessageId = `update:${update.update_id}`;
  if (update.message) return parseMessage(update.message, platformMessageId);
  if (update.callback_query) return parseCallbackQuery(update.callback_query, platformMessageId, now);
  if (update.edited_message) {
    // An edit is a person's message, but re-reading it could double a sale: say we cannot use it.
    const base = baseOf(update.edited_message, platformMessageId);
    return base && { ...base, kind: "unsupported", unsupportedType: "edited_message" };
  }
  // my_chat_member (see blockedChatFrom), channel posts, inline queries, polls, reactions…: not a message to us.
  return null;
}

/**
 * The chat id of a person who just blocked the bot (a `my_chat_member` update whose new status is
 * "kicked" in a private chat), so the app can stop writing to them; undefined otherwise.
 */
export function blockedChatFrom(update: Update): string | undefined {
  const change = update.my_chat_member;
  if (change?.chat?.type !== "private") return undefined;
  return change.new_chat_member?.status === "kicked" ? String(change.chat.id) : undefined;
}

/**
 * The chat id of a person who unblocked the bot (kicked → member in a private chat): they can be
 * written to again, reminders included, before they write themselves.
 */
export function unblockedChatFrom(update: Update): string | undefined {
  const change = update.my_chat_member;
  if (change?.chat?.type !== "private") return undefined;
  return change.old_chat_member?.status === "kicked" && change.new_chat_member?.status === "member" ? String(change.chat.id) : undefined;
}

/** The message fields every kind shares, or null when the message is not from a person in a private chat. */
function baseOf(msg: Message, platformMessageId: string): Omit<InboundMessage, "kind"> | null {
  if (msg.chat?.type !== "private" || !msg.from || msg.from.is_bot) return null;
  const base: Omit<InboundMessage, "kind"> = {
    channel: "telegram",
    externalId: String(msg.chat.id),
    platformMessageId,
    sentAt: new Date(msg.date * 1000),
    ...personHints(msg.from),
  };
  if (msg.reply_to_message) base.replyToPlatformId = String(msg.reply_to_message.message_id);
  return base;
}

function personHints(from: User): Pick<InboundMessage, "localeHint" | "displayName"> {
  const hints: Pick<InboundMessage, "localeHint" | "displayName"> = {};
  if (from.language_code) hints.localeHint = from.language_code;
  if (from.first_name) hints.displayName = from.first_name;
  return hints;
}

function parseMessage(msg: Message, platformMessageId: string): InboundMessage | null {
  const base = baseOf(msg, platformMessageId);
  if (!base) return null;
  if (typeof msg.text === "string") return { ...base, kind: "text", text: msg.text };
  const media = mediaOf(msg);
  if (media) {
    const caption = msg.caption;
    return caption
      ? { ...base, kind: "media", text: caption, media: { ...media, caption } }
      : { ...base, kind: "media", media };
  }
  if (SERVICE_FIELDS.some((field) => field in msg)) return null;
  const type = UNSUPPORTED_CONTENT.find((field) => field in msg) ?? "unknown";
  return { ...base, kind: "unsupported", unsupportedType: type };
}

/** The media we can store a reference to; the file_id lets a coordinator fetch it later with getFile. */
function mediaOf(msg: Message): InboundMedia | undefined {
  if (msg.voice) return withMime({ type: "voice", id: msg.voice.file_id }, msg.voice.mime_type);
  if (msg.audio) return withMime({ type: "audio", id: msg.audio.file_id }, msg.audio.mime_type);
  if (msg.photo && msg.photo.length > 0) {
    // Telegram sends several sizes of the same photo; keep the largest.
    const largest = msg.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return { type: "image", id: largest.file_id, mimeType: "image/jpeg" };
  }
  if (msg.sticker) {
    const mime = msg.sticker.is_animated ? "application/x-tgsticker" : msg.sticker.is_video ? "video/webm" : "image/webp";
    return { type: "sticker", id: msg.sticker.file_id, mimeType: mime };
  }
  // An animation (GIF) also carries a `document` field: test it first so it stays a video.
  if (msg.animation) return withMime({ type: "video", id: msg.animation.file_id }, msg.animation.mime_type);
  if (msg.video) return withMime({ type: "video", id: msg.video.file_id }, msg.video.mime_type);
  if (msg.video_note) return { type: "video", id: msg.video_note.file_id, mimeType: "video/mp4" };
  if (msg.document) return withMime({ type: "document", id: msg.document.file_id }, msg.document.mime_type);
  return undefined;
}

function withMime(media: InboundMedia, mimeType: string | undefined): InboundMedia {
  return mimeType ? { ...media, mimeType } : media;
}

/** What a person can send that we cannot use; the first match names the message's unsupportedType. */
const UNSUPPORTED_CONTENT = [
  "venue", // before location: a venue carries a location too
  "location",
  "contact",
  "poll",
  "dice",
  "game",
  "story",
  "invoice",
  "paid_media",
  "checklist",
  "users_shared",
  "chat_shared",
  "web_app_data",
  "successful_payment",
] as const;

/** Service messages in a private chat (a pin, a timer change…): events, not something to answer. */
const SERVICE_FIELDS = [
  "pinned_message",
  "message_auto_delete_timer_changed",
  "write_access_allowed",
  "chat_background_set",
  "new_chat_members",
  "left_chat_member",
  "new_chat_title",
  "new_chat_photo",
  "delete_chat_photo",
  "proximity_alert_triggered",
] as const;

function parseCallbackQuery(query: CallbackQuery, platformMessageId: string, now: Date): InboundMessage | null {
  if (query.from.is_bot) return null;
  const chat = query.message?.chat;
  // Without a message (inline mode, which we do not use) the user id is the private chat id.
  if (chat && chat.type !== "private") return null;
  const base: Omit<InboundMessage, "kind"> = {
    channel: "telegram",
    externalId: String(chat?.id ?? query.from.id),
    platformMessageId,
    sentAt: now,
    ...personHints(query.from),
  };
  if (query.data === undefined) return { ...base, kind: "unsupported", unsupportedType: "callback_game" };
  const choiceId = decodeChoicePayload(query.data);
  return choiceId !== undefined ? { ...base, kind: "choice", choiceId } : { ...base, kind: "text", text: query.data };
}
