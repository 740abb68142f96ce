import { SendError } from "../core/errors.ts";

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter and a cap; a platform's own `retry_after` wins when it gives one.
 * @example sendBackoff(3) is between 2 s and 4 s; sendBackoff(20) at most 5 minutes.
 */
export function sendBackoff(attemptsMade: number, err?: Error): number {
  if (err instanceof SendError && err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, BACKOFF_CAP_MS);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
