import type { Locale } from "../../core/locales.ts";
import { engineCall, errorMessage, type EngineObserver, type FetchLike, type HttpAnswer } from "../http.ts";
import { TranscribeError, type TranscribeFailure } from "./errors.ts";
import { AUDIO_TYPES, baseMime, DEFAULT_MAX_AUDIO_BYTES, uploadFilename, type Transcriber } from "./transcriber.ts";

/**
 * Our languages Whisper knows, with the names its verbose answers use. Source: whisper.cpp's
 * language table (src/whisper.cpp, `g_lang`, the same as OpenAI Whisper's tokenizer). Whisper was
 * not trained on Tigrinya: for `ti` no language is sent and Whisper guesses (poorly).
 */
export const WHISPER_LANGUAGES: Partial<Record<Locale, string>> = {
  fr: "french",
  en: "english",
  ar: "arabic",
  fa: "persian",
  ps: "pashto",
  es: "spanish",
  pt: "portuguese",
  ru: "russian",
  uk: "ukrainian",
  bn: "bengali",
};

/** Voice notes are short, but a CPU-only whisper.cpp takes seconds per minute of speech. */
export const DEFAULT_TRANSCRIBE_TIMEOUT_MS = 60_000;

export interface OpenAiTranscriberOptions {
  /**
   * The server's base URL (TRANSCRIBE_URL): http://whisper:8080 or https://api.openai.com; a URL
   * already ending in /v1 or /v1/audio/transcriptions is used as it is.
   */
  url: string;
  /** Sent as `Authorization: Bearer …` when set (TRANSCRIBE_API_KEY); local servers need none. */
  apiKey?: string;
  /** The `model` field (TRANSCRIBE_MODEL): whisper-1 at OpenAI; whisper.cpp ignores it. */
  model?: string;
  timeoutMs?: number;
  /** Larger audio is refused before anything is sent (25 MB by default). */
  maxBytes?: number;
  fetch?: FetchLike;
  observe?: EngineObserver;
}

/** Where the OpenAI audio-transcription protocol is served under a base URL. */
export function transcriptionEndpoint(url: string): string {
  const root = url.replace(/\/+$/u, "");
  if (root.endsWith("/audio/transcriptions")) return root;
  if (root.endsWith("/v1")) return `${root}/audio/transcriptions`;
  return `${root}/v1/audio/transcriptions`;
}

/**
 * A client of the OpenAI audio-transcription protocol, which OpenAI, whisper.cpp's server (started
 * with `--inference-path /v1/audio/transcriptions`) and faster-whisper servers speak:
 * `POST {base}/v1/audio/transcriptions`, multipart/form-data with `file`, `model`, optional
 * `language` and `response_format=json` → {text}.
 */
export function openAiTranscriber(options: OpenAiTranscriberOptions): Transcriber {
  const endpoint = transcriptionEndpoint(options.url);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_AUDIO_BYTES;
  const model = options.model ?? "whisper-1";
  const fail = (failure: TranscribeFailure, message: string) => new TranscribeError(failure, message, { provider: "whisper" });

  return {
    name: "whisper",

    async transcribe(audio, { mime, filename, language }) {
      const type = baseMime(mime);
      const extension = AUDIO_TYPES[type];
      if (!extension) throw fail("unsupported", `whisper: audio type ${type || "(none)"} is not sent for transcription`);
      if (audio.byteLength === 0) throw fail("unsupported", "whisper: empty audio");
      if (audio.byteLength > maxBytes) {
        throw fail("too_large", `whisper: ${audio.byteLength} bytes is over the limit of ${maxBytes}`);
      }
      const hint = language !== undefined && WHISPER_LANGUAGES[language as Locale] ? language : undefined;

      const form = new FormData();
      form.append("file", new Blob([audio], { type }), uploadFilename(filename, extension));
      form.append("model", model);
      if (hint) form.append("language", hint);
      form.append("response_format", "json");

      const answer = await engineCall({
        engine: "whisper",
        url: endpoint,
        init: { method: "POST", body: form, headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {} },
        timeoutMs: options.timeoutMs ?? DEFAULT_TRANSCRIBE_TIMEOUT_MS,
        fetch: options.fetch,
        observe: options.observe,
        classify,
        fail: (failure, message, context) => new TranscribeError(failure, message, context),
      });
      const body = answer.body as { text?: unknown; language?: unknown } | string | null;
      const text = typeof body === "string" ? body : body?.text;
      if (typeof text !== "string") throw fail("failed", "whisper: the answer has no text");
      const spoken = typeof body === "object" && typeof body?.language === "string" ? localeOfWhisperLanguage(body.language) : undefined;
      const detected = spoken ?? hint;
      return { text: text.trim(), ...(detected ? { language: detected } : {}) };
    },
  };
}

/** "french" or "fr" → "fr"; undefined for a language that is not ours. */
function localeOfWhisperLanguage(language: string): string | undefined {
  const lower = language.toLowerCase();
  for (const [code, name] of Object.entries(WHISPER_LANGUAGES)) if (lower === code || lower === name) return code;
  return undefined;
}

/**
 * OpenAI: 401 bad key, 413 too large, 429 with error.code `rate_limit_exceeded` or
 * `insufficient_quota`, 400 for a format it cannot read. whisper.cpp's server: 400
 * {"error":"failed to read audio data"} (a format it cannot decode without --convert), 500 otherwise.
 */
function classify(answer: HttpAnswer): TranscribeFailure {
  const error = (answer.body as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const code = typeof error === "object" && error ? `${String(error.code)} ${String(error.type)}` : "";
  switch (answer.status) {
    case 400:
    case 415:
      return /audio|format|decode|file/iu.test(errorMessage(answer.body)) ? "unsupported" : "failed";
    case 401:
    case 403:
      return "unauthorized";
    case 413:
      return "too_large";
    case 429:
      return /insufficient_quota/u.test(code) ? "quota" : "rate_limited";
    default:
      return "failed";
  }
}
