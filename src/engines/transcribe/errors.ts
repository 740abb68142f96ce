import { AppError } from "../../core/errors.ts";
import type { EngineErrorContext, EngineFailure } from "../translate/errors.ts";

/** The failures of translation services (translate/errors.ts), plus audio over the size limit. */
export type TranscribeFailure = EngineFailure | "too_large";

/**
 * A transcription failure, with a code such as `transcribe.too_large` or `transcribe.timeout`.
 * `unsupported` here means an audio type we do not send, or one the server could not read.
 */
export class TranscribeError extends AppError {
  constructor(
    readonly failure: TranscribeFailure,
    message: string,
    readonly details: EngineErrorContext,
  ) {
    super(`transcribe.${failure}`, message, { ...details });
    this.name = "TranscribeError";
  }

  /** Worth trying again later (the audio and the key are fine). */
  get retryable(): boolean {
    return this.failure === "timeout" || this.failure === "rate_limited" || this.failure === "failed";
  }
}
