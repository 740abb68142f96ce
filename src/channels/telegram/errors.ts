import { GrammyError, HttpError } from "grammy";
import { SendError } from "../../core/errors.ts";

/** Telegram's descriptions (lower-cased) of a 400 that means the chat is gone or never existed. */
const UNREACHABLE_400 = ["chat not found", "peer_id_invalid", "user not found", "user_id_invalid"];

/**
 * Classifies a failed Bot API call once, for the outbound queue (core/errors.ts `SendError`):
 *
 * | error | class | why |
 * | --- | --- | --- |
 * | 429 | retry, after `parameters.retry_after` s | Telegram's flood control (30 msg/s, 1 msg/s per chat) |
 * | 403 (blocked, deactivated, never started the bot…) | unreachable | every 403 to a private chat means we may not write there |
 * | 400 chat not found / invalid peer | unreachable | the address does not lead to anyone |
 * | other 400, 401, 404, 409… | permanent | the request itself is wrong, or the token: retrying repeats it |
 * | 5xx | retry | Telegram's side |
 * | HttpError (network, timeout) and anything unknown | retry | the message may still go through later |
 *
 * Codes are `telegram.<error_code>` (`telegram.network` for HttpError), stored as the failure reason.
 *
 * @example classifyTelegramError(grammyError429).retryAfterMs // 7000 when retry_after is 7
 */
export function classifyTelegramError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof GrammyError) return fromGrammyError(err);
  if (err instanceof HttpError) return new SendError("retry", "telegram.network", err.message);
  const message = err instanceof Error ? err.message : String(err);
  return new SendError("retry", "telegram.unknown", message);
}

function fromGrammyError(err: GrammyError): SendError {
  const code = `telegram.${err.error_code}`;
  const description = err.description ?? "";
  const lower = description.toLowerCase();
  if (err.error_code === 429) {
    const seconds = err.parameters?.retry_after;
    const retryAfterMs = typeof seconds === "number" && seconds >= 0 ? seconds * 1000 : undefined;
    return new SendError("retry", code, description, retryAfterMs);
  }
  if (err.error_code === 403) return new SendError("unreachable", code, description);
  if (err.error_code === 400 && UNREACHABLE_400.some((d) => lower.includes(d))) {
    return new SendError("unreachable", code, description);
  }
  if (err.error_code >= 500) return new SendError("retry", code, description);
  return new SendError("permanent", code, description);
}
