/**
 * The one way the translation and transcription clients talk HTTP: global fetch with a deadline,
 * the answer read whole and parsed as JSON when it is JSON. Clients turn what comes back into
 * their own typed errors; this file only tells a timeout from a network failure.
 */

/** Default deadline of one request: the chat must not wait long for a translation. */
export const DEFAULT_TIMEOUT_MS = 5_000;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON (a proxy's HTML page, whisper's text). */
  body: unknown;
}

/** No answer at all: the deadline passed (`timeout`) or the connection failed (`network`). */
export class TransportError extends Error {
  constructor(
    readonly kind: "timeout" | "network",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TransportError";
  }
}

/**
 * Sends one request and reads the whole answer within `timeoutMs` (the deadline covers the body too).
 * Throws `TransportError` when there is no answer; any HTTP status is returned, not thrown.
 */
export async function httpCall(url: string, init: RequestInit, timeoutMs: number, fetchImpl: FetchLike = fetch): Promise<HttpAnswer> {
  try {
    const res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { status: res.status, ok: res.ok, headers: res.headers, body: parseBody(text) };
  } catch (err) {
    if (isTimeout(err)) throw new TransportError("timeout", `no answer within ${timeoutMs} ms`, { cause: err });
    throw new TransportError("network", `request failed: ${describeCause(err)}`, { cause: err });
  }
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === "TimeoutError" || (name === "AbortError" && (err as { cause?: { name?: string } }).cause?.name === "TimeoutError");
}

function describeCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  return cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
}

function parseBody(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The service's own words about a failure, whatever its shape: `{error: "…"}` (LibreTranslate,
 * whisper.cpp), `{message}` (DeepL), `{error: {message}}` (Google, OpenAI), or a text body.
 */
export function errorMessage(body: unknown): string {
  if (typeof body === "string") return body.slice(0, 200);
  if (body && typeof body === "object") {
    const b = body as { error?: unknown; message?: unknown; detail?: unknown };
    if (typeof b.error === "string") return b.error;
    if (b.error && typeof (b.error as { message?: unknown }).message === "string") return (b.error as { message: string }).message;
    if (typeof b.message === "string") return b.message;
    if (typeof b.detail === "string") return b.detail;
  }
  return "no details";
}

/**
 * Splits texts into batches that respect an API's limits on the number of texts and characters
 * per request; returns index ranges into `texts`, in order. A text longer than `maxChars` goes alone.
 */
export function batches(texts: readonly string[], maxItems: number, maxChars: number): Array<[start: number, end: number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < texts.length; i++) {
    const length = texts[i]!.length;
    if (i > start && (i - start >= maxItems || chars + length > maxChars)) {
      out.push([start, i]);
      start = i;
      chars = 0;
    }
    chars += length;
  }
  if (start < texts.length) out.push([start, texts.length]);
  return out;
}

/** What one call to a service cost and how it ended, for metrics (see metrics.ts). */
export interface EngineCall {
  engine: string;
  /** ok, or the failure (timeout, rate_limited, quota, …). */
  outcome: string;
  durationMs: number;
  /** Characters sent for translation (what DeepL and Google bill). */
  characters?: number;
}

export type EngineObserver = (call: EngineCall) => void;

/** What `engineCall` needs from a client: how to classify a failed answer and build its own error. */
export interface EngineCallSpec<F extends string> {
  /** libretranslate, deepl, google, whisper: the label of errors and metrics. */
  engine: string;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  fetch?: FetchLike;
  observe?: EngineObserver;
  characters?: number;
  /** The failure an answer with a non-2xx status stands for, from its status and body. */
  classify(answer: HttpAnswer): F;
  /** The client's error for a failure (`TranslateError`, `TranscribeError`). */
  fail(failure: F | "timeout" | "failed", message: string, context: { provider: string; status?: number; retryAfterMs?: number }): Error;
}

/**
 * One request to a service, observed for metrics: returns a 2xx answer, or throws the client's
 * error (`timeout` when the deadline passed, `failed` for a network error, else what `classify` says).
 */
export async function engineCall<F extends string>(spec: EngineCallSpec<F>): Promise<HttpAnswer> {
  const started = performance.now();
  const done = (outcome: string) =>
    spec.observe?.({
      engine: spec.engine,
      outcome,
      durationMs: performance.now() - started,
      ...(spec.characters !== undefined ? { characters: spec.characters } : {}),
    });
  let answer: HttpAnswer;
  try {
    answer = await httpCall(spec.url, spec.init, spec.timeoutMs, spec.fetch);
  } catch (err) {
    const failure = err instanceof TransportError && err.kind === "timeout" ? "timeout" : "failed";
    done(failure);
    throw spec.fail(failure, `${spec.engine}: ${(err as Error).message}`, { provider: spec.engine });
  }
  if (answer.ok) {
    done("ok");
    return answer;
  }
  const failure = spec.classify(answer);
  done(failure);
  const retryAfter = retryAfterMs(answer.headers);
  throw spec.fail(failure, `${spec.engine}: HTTP ${answer.status}: ${errorMessage(answer.body)}`, {
    provider: spec.engine,
    status: answer.status,
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
  });
}

/** The usual meaning of an HTTP status for these services; each client refines it from the body. */
export function failureForStatus(status: number): "unauthorized" | "rate_limited" | "quota" | "failed" {
  if (status === 401 || status === 403) return "unauthorized";
  if (status === 429) return "rate_limited";
  if (status === 456) return "quota";
  return "failed";
}
