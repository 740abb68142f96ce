/**
 * Errors carry a code and context, so logs and coordinators see what went wrong without parsing messages.
 *
 * @example throw new AppError("config.invalid", "PORT must be a number", { variable: "PORT" })
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * How a failed send is handled, decided once per platform in its adapter:
 * - retry: try again later (rate limits, 5xx, timeouts), after `retryAfterMs` when the platform says;
 * - template: WhatsApp's 24-hour window is closed (131047): send the template for this kind instead;
 * - unreachable: the person blocked the bot or has no account: stop sending to this address;
 * - permanent: do not retry; record the reason.
 */
export type SendErrorClass = "retry" | "template" | "unreachable" | "permanent";

export class SendError extends AppError {
  constructor(
    readonly errorClass: SendErrorClass,
    code: string,
    message: string,
    readonly retryAfterMs?: number,
    /** True when the limit is for the whole sender (global rate limit), not just this recipient. */
    readonly global = false,
  ) {
    super(code, message, { errorClass, retryAfterMs });
    this.name = "SendError";
  }

  /** Parts of a several-part message the platform accepted before this failure (counted from the first). */
  partsSent?: number;

  /** This error, saying that `n` parts went before it. */
  afterParts(n: number): this {
    this.partsSent = n;
    return this;
  }
}
