import { SendError, type SendErrorClass } from "../../core/errors.ts";

/**
 * WhatsApp send failures, classified once so the queue knows what to do (DESIGN.md §2.6, §5).
 *
 * The client library throws a plain `Error("WhatsApp API Error: {json}")` holding Graph's error
 * body but not the HTTP status; our own requests (media upload, documents) throw `WhatsAppHttpError`,
 * which keeps both. Network failures arrive as `TypeError("fetch failed")`, timeouts as
 * `WhatsAppTimeoutError` (or a DOMException named "TimeoutError"/"AbortError").
 *
 * Codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
 */

/** Graph's error object, as in `{"error": {...}}`. */
export interface GraphError {
  code?: number;
  message?: string;
  type?: string;
  error_subcode?: number;
  error_user_title?: string;
  error_data?: { details?: string };
}

/** A non-2xx answer from the Graph API to one of our own requests. */
export class WhatsAppHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** From a Retry-After header, when the answer had one. */
    readonly retryAfterMs?: number,
  ) {
    super(`WhatsApp HTTP ${status}: ${typeof body === "string" ? body.slice(0, 200) : JSON.stringify(body)}`);
    this.name = "WhatsAppHttpError";
  }
}

/** The request took longer than the adapter's timeout; it may still have been delivered. */
export class WhatsAppTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`WhatsApp request timed out after ${timeoutMs} ms`);
    this.name = "WhatsAppTimeoutError";
  }
}

interface Rule {
  errorClass: SendErrorClass;
  retryAfterMs?: number;
  global?: boolean;
}

/** Throughput: 80 messages/s per number; a one-second pause of the whole queue is enough. */
const THROUGHPUT_PAUSE_MS = 1000;
/** Meta allows about one message every 6 s to the same person. */
const PAIR_RATE_PAUSE_MS = 6000;
/** App (4) and business-account (80007) call limits are counted per hour: back off longer. */
const ACCOUNT_LIMIT_PAUSE_MS = 60_000;

const RULES: Record<number, Rule> = {
  130429: { errorClass: "retry", retryAfterMs: THROUGHPUT_PAUSE_MS, global: true }, // throughput reached
  131056: { errorClass: "retry", retryAfterMs: PAIR_RATE_PAUSE_MS }, // too many messages to this person
  4: { errorClass: "retry", retryAfterMs: ACCOUNT_LIMIT_PAUSE_MS, global: true }, // app call rate limit
  80007: { errorClass: "retry", retryAfterMs: ACCOUNT_LIMIT_PAUSE_MS, global: true }, // WABA rate limit
  131000: { errorClass: "retry" }, // something went wrong (Meta side)
  1: { errorClass: "retry" }, // API unknown (often transient)
  2: { errorClass: "retry" }, // API service temporarily unavailable
  131016: { errorClass: "retry" }, // service overloaded
  131047: { errorClass: "template" }, // more than 24 h since the person's last message
  470: { errorClass: "template" }, // the same, in older API versions
  131026: { errorClass: "unreachable" }, // not a WhatsApp user, old app, or cannot receive
};

function ruleFor(code: number): Rule {
  const rule = RULES[code];
  if (rule) return rule;
  // 100 invalid parameter, 131008/131009 missing or invalid parameter, 132000–132999 template
  // problems, 0/190 authentication, 10/200–299 permissions, 368 policy block… do not retry.
  return { errorClass: "permanent" };
}

/** Turns whatever a WhatsApp call threw into a classified `SendError` with a code such as "whatsapp.131047". */
export function classifyWhatsAppError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  if (err instanceof WhatsAppHttpError) return fromHttp(err);
  if (err instanceof WhatsAppTimeoutError || isAbort(err)) {
    return new SendError("retry", "whatsapp.timeout", errorMessage(err));
  }
  if (err instanceof Error) {
    const graph = graphErrorFromMessage(err.message);
    if (graph !== undefined) return graph ? fromGraph(graph) : new SendError("retry", "whatsapp.bad_response", err.message);
    if (isNetworkError(err)) return new SendError("retry", "whatsapp.network", networkMessage(err));
    // The client's error path calls response.json(): an HTML 502 page from a proxy ends here.
    if (err instanceof SyntaxError) return new SendError("retry", "whatsapp.bad_response", err.message);
    // The client library validates requests itself (lengths, counts) and throws plain errors.
    return new SendError("permanent", "whatsapp.invalid_request", err.message);
  }
  return new SendError("permanent", "whatsapp.unexpected", String(err));
}

const PREFIXES = ["WhatsApp API Error: ", "WhatsApp Media Upload Error: "];

/**
 * The Graph error inside a client library message: the error object, `null` when the prefix is
 * there but the rest is not a Graph error body, `undefined` when the message is not the client's.
 */
function graphErrorFromMessage(message: string): GraphError | null | undefined {
  const prefix = PREFIXES.find((p) => message.startsWith(p));
  if (!prefix) return undefined;
  try {
    return graphErrorOf(JSON.parse(message.slice(prefix.length))) ?? null;
  } catch {
    return null;
  }
}

/** `{"error": {"code": …}}` → the error object, if it has a numeric code. */
export function graphErrorOf(body: unknown): GraphError | undefined {
  const error = (body as { error?: unknown } | null)?.error;
  if (error && typeof error === "object" && typeof (error as GraphError).code === "number") return error as GraphError;
  return undefined;
}

function fromGraph(e: GraphError, status?: number, retryAfterMs?: number): SendError {
  const code = e.code!;
  let rule = ruleFor(code);
  // A code we do not know, answered with a 5xx or 429, is still worth another try.
  if (rule.errorClass === "permanent" && !(code in RULES) && status !== undefined && (status >= 500 || status === 429)) {
    rule = { errorClass: "retry", global: status === 429 };
  }
  const title = e.error_user_title ?? e.message ?? "WhatsApp error";
  const details = e.error_data?.details;
  return new SendError(
    rule.errorClass,
    `whatsapp.${code}`,
    details && !title.includes(details) ? `${title}: ${details}` : title,
    rule.errorClass === "retry" ? (retryAfterMs ?? rule.retryAfterMs) : undefined,
    rule.global ?? false,
  );
}

function fromHttp(err: WhatsAppHttpError): SendError {
  const graph = graphErrorOf(err.body);
  if (graph) return fromGraph(graph, err.status, err.retryAfterMs);
  if (err.status === 429) return new SendError("retry", "whatsapp.http_429", err.message, err.retryAfterMs, true);
  if (err.status >= 500) return new SendError("retry", `whatsapp.http_${err.status}`, err.message, err.retryAfterMs);
  return new SendError("permanent", `whatsapp.http_${err.status}`, err.message);
}

function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);

/** undici reports network failures as `TypeError("fetch failed")` with the system error as `cause`. */
function isNetworkError(err: Error): boolean {
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR"))) return true;
  return err instanceof TypeError && err.message === "fetch failed";
}

function networkMessage(err: Error): string {
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${err.message} (${cause.code})` : err.message;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
