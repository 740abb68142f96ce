import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../../../src/core/inbound.ts";
import { blockedChatFrom, parseTelegramUpdate, unblockedChatFrom } from "../../../../src/channels/telegram/parse.ts";
import { fixture, fixtureNames } from "./fixtures.ts";

const NOW = new Date("2026-01-05T12:00:00Z");
const at = (iso: string) => new Date(iso);

/** Every fixture, with what parseTelegramUpdate must make of it (null: not a message for us). */
const expected: Record<string, InboundMessage | null> = {
  "text-start-ar": {
    channel: "telegram", externalId: "5012345678", platformMessageId: "update:815000001", sentAt: at("2026-01-05T10:00:00Z"),
    kind: "text", text: "/start", localeHint: "ar", displayName: "Amina",
  },
  "text-start-payload": {
    channel: "telegram", externalId: "7234567890", platformMessageId: "update:815000002", sentAt: at("2026-01-05T10:00:05Z"),
    kind: "text", text: "/start coh-2026-paris", localeHint: "fr", displayName: "Moussa",
  },
  "text-russian": {
    channel: "telegram", externalId: "6123456789", platformMessageId: "update:815000003", sentAt: at("2026-01-05T10:01:00Z"),
    kind: "text", text: "Продала 3 блюда по 12€", localeHint: "ru", displayName: "Ольга",
  },
  "callback-choice": {
    channel: "telegram", externalId: "5012345678", platformMessageId: "update:815000004", sentAt: NOW,
    kind: "choice", choiceId: "lang:ar", localeHint: "ar", displayName: "Amina",
  },
  "callback-foreign": {
    channel: "telegram", externalId: "7234567890", platformMessageId: "update:815000005", sentAt: NOW,
    kind: "text", text: "rsvp_yes", localeHint: "fr", displayName: "Moussa",
  },
  voice: {
    channel: "telegram", externalId: "6123456789", platformMessageId: "update:815000006", sentAt: at("2026-01-05T10:02:00Z"),
    kind: "media", media: { type: "voice", id: "AwACAgQAAxkBAAIBVoice4sec", mimeType: "audio/ogg" }, localeHint: "ru", displayName: "Ольга",
  },
  "photo-caption": {
    channel: "telegram", externalId: "7234567890", platformMessageId: "update:815000007", sentAt: at("2026-01-05T10:03:00Z"),
    kind: "media", text: "vendu 5 mafés à 10€",
    media: { type: "image", id: "AgACAgQAAxkBAAPhotoLarge", mimeType: "image/jpeg", caption: "vendu 5 mafés à 10€" },
    localeHint: "fr", displayName: "Moussa",
  },
  document: {
    channel: "telegram", externalId: "7234567890", platformMessageId: "update:815000008", sentAt: at("2026-01-05T10:04:00Z"),
    kind: "media", media: { type: "document", id: "BQACAgQAAxkBAAIDocument", mimeType: "application/pdf" }, localeHint: "fr", displayName: "Moussa",
  },
  location: {
    channel: "telegram", externalId: "5012345678", platformMessageId: "update:815000009", sentAt: at("2026-01-05T10:05:00Z"),
    kind: "unsupported", unsupportedType: "location", localeHint: "ar", displayName: "Amina",
  },
  "edited-message": {
    channel: "telegram", externalId: "6123456789", platformMessageId: "update:815000010", sentAt: at("2026-01-05T10:01:00Z"),
    kind: "unsupported", unsupportedType: "edited_message", localeHint: "ru", displayName: "Ольга",
  },
  "my-chat-member-kicked": null,
  // A person unblocking the bot, a poll's results, someone's vote, a reaction: not messages (unblocking is unblockedChatFrom's).
  "my-chat-member-unblocked": null,
  "poll-update": null,
  "poll-answer": null,
  "message-reaction": null,
  "contact": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000020", kind: "unsupported", unsupportedType: "contact" },
  "story": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000021", kind: "unsupported", unsupportedType: "story" },
  "sticker": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000022", kind: "media", media: { type: "sticker", id: "CAACAgIAAxkBAAStickerWebp", mimeType: "image/webp" } },
  "video-note": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000023", kind: "media", media: { type: "video", id: "DQACAgQAAxkBAAVideoNote", mimeType: "video/mp4" } },
  "venue": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000024", kind: "unsupported", unsupportedType: "venue" },
  "dice": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000025", kind: "unsupported", unsupportedType: "dice" },
  "poll-message": { channel: "telegram", externalId: "5012345678", sentAt: at("2026-01-05T10:05:00Z"), localeHint: "ar", displayName: "Amina", platformMessageId: "update:815000026", kind: "unsupported", unsupportedType: "poll" },
  "from-bot": null,
  "group-message": null,
  "reply-to-message": {
    channel: "telegram", externalId: "7234567890", platformMessageId: "update:815000014", sentAt: at("2026-01-05T10:09:00Z"),
    kind: "text", text: "Oui, je serai là demain", replyToPlatformId: "1042", localeHint: "fr", displayName: "Moussa",
  },
};

describe("parseTelegramUpdate", () => {
  it("has an expectation for every fixture", () => {
    expect(Object.keys(expected).sort()).toEqual(fixtureNames());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`parses ${name}`, () => {
      expect(parseTelegramUpdate(fixture(name), NOW)).toEqual(want);
    });
  }

  it("reads other content as unsupported, named by its field", () => {
    const base = fixture("location");
    const { location: _drop, ...message } = base.message!;
    const contact = { ...message, contact: { phone_number: "+33612345678", first_name: "Awa" } };
    expect(parseTelegramUpdate({ update_id: 1, message: contact } as never, NOW)).toMatchObject({ kind: "unsupported", unsupportedType: "contact" });
    const pinned = { ...message, pinned_message: { message_id: 3, date: 0, chat: message.chat } };
    expect(parseTelegramUpdate({ update_id: 2, message: pinned } as never, NOW)).toBeNull();
  });

  it("ignores callback queries from group chats and from bots", () => {
    const update = fixture("callback-choice");
    const cq = update.callback_query!;
    const inGroup = { ...cq, message: { ...cq.message!, chat: { id: -100123, type: "supergroup", title: "x" } } };
    expect(parseTelegramUpdate({ update_id: 1, callback_query: inGroup } as never, NOW)).toBeNull();
    expect(parseTelegramUpdate({ update_id: 2, callback_query: { ...cq, from: { ...cq.from, is_bot: true } } }, NOW)).toBeNull();
  });
});

describe("blockedChatFrom", () => {
  it("names the chat that blocked the bot", () => {
    expect(blockedChatFrom(fixture("my-chat-member-kicked"))).toBe("6123456789");
  });

  it("says nothing for an unblock or for other updates", () => {
    const update = fixture("my-chat-member-kicked");
    const change = update.my_chat_member!;
    const unblocked = { ...update, my_chat_member: { ...change, new_chat_member: { user: change.new_chat_member.user, status: "member" as const } } };
    expect(blockedChatFrom(unblocked)).toBeUndefined();
    for (const name of fixtureNames().filter((n) => n !== "my-chat-member-kicked")) {
      expect(blockedChatFrom(fixture(name))).toBeUndefined();
    }
  });

  it("names the chat that unblocked the bot, and nothing else", () => {
    expect(unblockedChatFrom(fixture("my-chat-member-unblocked"))).toBe("6123456789");
    for (const name of fixtureNames().filter((n) => n !== "my-chat-member-unblocked")) {
      expect(unblockedChatFrom(fixture(name))).toBeUndefined();
    }
  });
});
