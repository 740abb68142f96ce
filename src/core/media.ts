import { AppError } from "./errors.ts";

/**
 * Why a platform's file could not be had: over the size limit, of a type we do not take, or the
 * download failed (the platform's error, a timeout, a file it no longer has).
 */
export type MediaFailure = "too_large" | "unsupported_type" | "download_failed";

/** A media download that failed, with a code such as `media.too_large`. */
export class MediaError extends AppError {
  constructor(
    readonly failure: MediaFailure,
    message: string,
    context: Record<string, unknown> = {},
  ) {
    super(`media.${failure}`, message, context);
    this.name = "MediaError";
  }
}

/** How long one download may take, its media API's answer included: a voice note of a few megabytes on a slow link. */
export const MEDIA_DOWNLOAD_TIMEOUT_MS = 30_000;

/** What may be downloaded: at most `maxBytes`, and only types `accepts` says yes to. */
export interface MediaLimits {
  maxBytes: number;
  /** The platform's media type ("audio/ogg; codecs=opus") is one we take. */
  accepts(mimeType: string): boolean;
}

export interface MediaFile {
  content: Uint8Array;
  /** The type the platform gave (its media API's, else the message's). */
  mimeType: string;
}

/**
 * A platform's media API, an optional capability of a channel (core/channel.ts): WhatsApp's media id
 * → URL → download with the token; Telegram's getFile → file path → download. Limits are checked
 * before anything is downloaded when the platform says the size, and again on the bytes received.
 * Failures throw `MediaError`.
 */
export interface MediaSource {
  download(mediaId: string, limits: MediaLimits, hint?: { mimeType?: string }): Promise<MediaFile>;
}

/**
 * Reads a download answer whole, refusing it as soon as it is over `maxBytes` (a `content-length`
 * over the limit, or more bytes than that arriving).
 */
export async function readLimited(res: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new MediaError("too_large", `${what}: ${declared} bytes is over the limit of ${maxBytes}`, { size: declared, maxBytes });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new MediaError("too_large", `${what}: over the limit of ${maxBytes} bytes`, { maxBytes });
      }
      chunks.push(chunk);
    }
  }
  const content = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    content.set(chunk, at);
    at += chunk.byteLength;
  }
  return content;
}

/** A declared size over the limit, refused before the download. */
export function checkDeclaredSize(size: unknown, limits: MediaLimits, what: string): void {
  const bytes = Number(size);
  if (Number.isFinite(bytes) && bytes > limits.maxBytes) {
    throw new MediaError("too_large", `${what}: ${bytes} bytes is over the limit of ${limits.maxBytes}`, { size: bytes, maxBytes: limits.maxBytes });
  }
}

/** A type we do not take, refused before the download. */
export function checkType(mimeType: string, limits: MediaLimits, what: string): void {
  if (!limits.accepts(mimeType)) throw new MediaError("unsupported_type", `${what}: type ${mimeType || "(none)"} is not taken`, { mimeType });
}
