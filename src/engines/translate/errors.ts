import { AppError } from "../../core/errors.ts";

/**
 * What went wrong with a translation or transcription service, decided once in its client:
 * - timeout: no answer within the configured time (the service may still have done the work);
 * - rate_limited: too many requests for now (HTTP 429, Google's per-minute limits): try later;
 * - quota: the account's character or money allowance is used up (DeepL 456, Google's daily limit):
 *   later requests fail too until someone acts, so try another provider;
 * - unauthorized: the key is wrong, missing or not allowed this API;
 * - unsupported: the service cannot do this language pair (or audio format);
 * - failed: anything else (5xx, network error, an answer we cannot read).
 */
export type EngineFailure = "timeout" | "rate_limited" | "quota" | "unauthorized" | "unsupported" | "failed";

export interface EngineErrorContext {
  /** Which service answered: libretranslate, deepl, google, or the transcription server. */
  provider: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** How long the service asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

/**
 * A translation service's failure, with a code such as `translate.quota`.
 *
 * @example throw new TranslateError("quota", "DeepL: Quota Exceeded", { provider: "deepl", status: 456 })
 */
export class TranslateError extends AppError {
  constructor(
    readonly failure: EngineFailure,
    message: string,
    readonly details: EngineErrorContext,
  ) {
    super(`translate.${failure}`, message, { ...details });
    this.name = "TranslateError";
  }

  /** Worth trying again later with the same provider (the pair and the key are fine). */
  get retryable(): boolean {
    return this.failure === "timeout" || this.failure === "rate_limited" || this.failure === "failed";
  }
}
