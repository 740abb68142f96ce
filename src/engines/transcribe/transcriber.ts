/**
 * Speech to text for voice messages, so a participant who does not write can still be read by a
 * coordinator (and then translated).
 */
export interface TranscribeOptions {
  /** The audio's media type as the platform gave it: "audio/ogg; codecs=opus", "audio/mpeg", … */
  mime: string;
  /** A name for the upload; servers read the format from its extension, so one is added if missing. */
  filename: string;
  /** The speaker's language, our code, when known: Whisper is faster and surer with it. */
  language?: string;
}

export interface Transcription {
  text: string;
  /** Our code of the spoken language: the server's when it says, else the hint given. */
  language?: string;
}

/** Failures throw `TranscribeError` (`transcribe.too_large`, `transcribe.timeout`, …). */
export interface Transcriber {
  readonly name: string;
  transcribe(audio: Uint8Array, options: TranscribeOptions): Promise<Transcription>;
}

/** OpenAI's limit for one upload, which Whisper-compatible servers copy. */
export const DEFAULT_MAX_AUDIO_BYTES = 25 * 1024 * 1024;

/**
 * Audio types we send, with the file extension servers recognise them by: voice notes from
 * WhatsApp (ogg/opus, amr, mpeg, mp4) and Telegram (ogg/opus; mp4 for round video notes), and
 * the common recorder formats (m4a, wav, webm). OpenAI reads flac mp3 mp4 mpeg mpga m4a ogg wav webm;
 * AMR and AAC (WhatsApp's other audio types) need a server that converts (whisper.cpp's `--convert`, with ffmpeg).
 */
export const AUDIO_TYPES: Readonly<Record<string, string>> = {
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "video/mp4": "mp4",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/vnd.wave": "wav",
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/amr": "amr",
  "audio/aac": "aac",
};

/** "audio/ogg; codecs=opus" → "audio/ogg". */
export function baseMime(mime: string): string {
  return mime.split(";")[0]!.trim().toLowerCase();
}

/**
 * A safe upload name with the extension of its type: the platform's name may be missing, carry a
 * path, or end in something else ("voice" → "voice.ogg").
 */
export function uploadFilename(filename: string, extension: string): string {
  const base = (filename.split(/[\\/]/u).pop() ?? "").replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 100) || "audio";
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base.replace(/\.[A-Za-z0-9]{1,5}$/u, "")}.${extension}`;
}
