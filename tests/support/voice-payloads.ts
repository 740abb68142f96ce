import { createHash } from "node:crypto";
import { waEnvelope } from "./platforms.ts";

let counter = 0;

/**
 * A WhatsApp webhook body for one voice note (an `audio` message with `voice: true`, as WhatsApp
 * records them: Opus in Ogg) or, with `voice: false`, an audio file, as Meta sends it.
 */
export function waVoiceBody(from: string, media: { id: string; content: Buffer; mimeType?: string; voice?: boolean }, opts: { name?: string } = {}) {
  counter++;
  const audio = {
    mime_type: media.mimeType ?? "audio/ogg; codecs=opus",
    sha256: createHash("sha256").update(media.content).digest("base64"),
    id: media.id,
    voice: media.voice ?? true,
  };
  const message = { from, id: `wamid.VOICE${Date.now().toString(36)}${counter}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "audio", audio };
  return waEnvelope({ contacts: [{ profile: { name: opts.name ?? "Test" }, wa_id: from }], messages: [message] });
}

/** A Telegram update with a voice note from a private chat, as the Bot API sends it. */
export function tgVoiceUpdate(chatId: number, file: { fileId: string; size: number }, languageCode = "fr", updateId = 950_000 + ++counter) {
  return {
    update_id: updateId,
    message: {
      message_id: 5000 + counter,
      from: { id: chatId, is_bot: false, first_name: "Test", language_code: languageCode },
      chat: { id: chatId, first_name: "Test", type: "private" },
      date: Math.floor(Date.now() / 1000),
      voice: { duration: 4, mime_type: "audio/ogg", file_id: file.fileId, file_unique_id: `AgAD${counter}`, file_size: file.size },
    },
  };
}
