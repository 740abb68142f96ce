import { GrammyError, type Bot } from "grammy";
import { grammySignal } from "./bot.ts";
import { checkDeclaredSize, checkType, MEDIA_DOWNLOAD_TIMEOUT_MS, MediaError, readLimited, type MediaSource } from "../../core/media.ts";

/** What the Bot API lets a bot download with getFile (larger files answer "file is too big"). */
export const TELEGRAM_GETFILE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * A person's file through the Bot API: `getFile(file_id)` gives `file_path` and `file_size`, then
 * `{apiRoot}/file/bot<token>/<file_path>` serves the bytes (the same apiRoot as the bot's methods: a
 * local Bot API server or a fake in tests). getFile does not say the type: the message's
 * (`voice.mime_type`, "audio/ogg" for voice notes) is used.
 */
export function telegramMedia(bot: Bot, cfg: { token: string; apiRoot: string; timeoutMs?: number }): MediaSource {
  const timeoutMs = cfg.timeoutMs ?? MEDIA_DOWNLOAD_TIMEOUT_MS;
  const root = cfg.apiRoot.replace(/\/+$/u, "");
  return {
    async download(fileId, limits, hint) {
      const what = `telegram file ${fileId.slice(0, 16)}…`;
      const mimeType = hint?.mimeType ?? "";
      checkType(mimeType, limits, what);
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const file = await bot.api.getFile(fileId, grammySignal(signal));
        checkDeclaredSize(file.file_size, limits, what);
        if (!file.file_path) throw new MediaError("download_failed", `${what}: getFile gave no file_path`);
        const res = await fetch(`${root}/file/bot${cfg.token}/${file.file_path}`, { signal });
        if (!res.ok) {
          await res.body?.cancel();
          throw new MediaError("download_failed", `${what}: download answered HTTP ${res.status}`, { status: res.status });
        }
        return { content: await readLimited(res, limits.maxBytes, what), mimeType };
      } catch (err) {
        if (err instanceof MediaError) throw err;
        if (err instanceof GrammyError && /too big/iu.test(err.description)) {
          throw new MediaError("too_large", `${what}: ${err.description}`, { maxBytes: TELEGRAM_GETFILE_MAX_BYTES });
        }
        const name = (err as { name?: string }).name;
        const timeout = name === "TimeoutError" || name === "AbortError" || signal.aborted;
        throw new MediaError("download_failed", `${what}: ${timeout ? `no answer within ${timeoutMs} ms` : String((err as Error).message)}`, { timeout });
      }
    },
  };
}
