import type { Locale } from "../../core/locales.ts";
import { TranslateError } from "./errors.ts";
import { DEFAULT_TIMEOUT_MS, engineCall, errorMessage, type HttpAnswer } from "../http.ts";
import { LiveList, localeFromProviderCode, type LanguageTable, type SourceLanguage, sourceCode } from "./languages.ts";
import { translateFailure, translateInBatches, type Translator, type TranslatorOptions } from "./translator.ts";

/**
 * Our languages in Google Cloud Translation's codes. Source: "Language support" for the NMT model
 * (cloud.google.com/translate/docs/languages), which lists all eleven, Tigrinya (ti) included.
 * Two closer variants are used when the live list (GET …/languages) has them: European
 * Portuguese (pt-PT; plain `pt` is Brazilian) and Dari (fa-AF; our `fa` speakers are mostly Afghans).
 */
export const GOOGLE_LANGUAGES: LanguageTable = {
  fr: { source: "fr", target: "fr" },
  en: { source: "en", target: "en" },
  ar: { source: "ar", target: "ar" },
  fa: { source: "fa", target: "fa", preferredTarget: "fa-AF" },
  ps: { source: "ps", target: "ps" },
  ti: { source: "ti", target: "ti" },
  es: { source: "es", target: "es" },
  pt: { source: "pt", target: "pt", preferredTarget: "pt-PT" },
  ru: { source: "ru", target: "ru" },
  uk: { source: "uk", target: "uk" },
  bn: { source: "bn", target: "bn" },
};

export const GOOGLE_TRANSLATE_URL = "https://translation.googleapis.com";
const API_PATH = "/language/translate/v2";

export interface GoogleTranslateOptions extends TranslatorOptions {
  /** An API key of a project with the Cloud Translation API enabled (GOOGLE_TRANSLATE_API_KEY). */
  apiKey: string;
  /** Replaces https://translation.googleapis.com (a fake server in tests). */
  url?: string;
}

/**
 * A Google Cloud Translation "Basic" (v2 REST) client, authenticated by API key in the query string.
 * `POST /language/translate/v2?key=KEY` {q: [...], source, target, format: "text"}
 * → {data: {translations: [{translatedText, detectedSourceLanguage}]}}.
 */
export function googleTranslate(options: GoogleTranslateOptions): Translator {
  const root = (options.url ?? GOOGLE_TRANSLATE_URL).replace(/\/+$/u, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const table = GOOGLE_LANGUAGES;
  const key = encodeURIComponent(options.apiKey);

  function call(path: string, init: RequestInit, query = "", characters?: number): Promise<HttpAnswer> {
    return engineCall({
      engine: "google",
      url: `${root}${API_PATH}${path}?key=${key}${query}`,
      init,
      timeoutMs,
      fetch: options.fetch,
      observe: options.observe,
      characters,
      classify,
      fail: translateFailure,
    });
  }

  function post(path: string, body: unknown, characters?: number): Promise<HttpAnswer> {
    return call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, "", characters);
  }

  // GET …/languages?target=en → {data: {languages: [{language: "pt-PT", name: "Portuguese (Portugal)"}]}}
  const live = new LiveList<Set<string>>(async () => {
    const { body } = await call("/languages", { method: "GET" }, "&target=en");
    const languages = (body as { data?: { languages?: unknown } } | null)?.data?.languages;
    if (!Array.isArray(languages)) throw new Error("GET /languages: no data.languages");
    return new Set(languages.flatMap((l: { language?: unknown }) => (typeof l?.language === "string" ? [l.language.toLowerCase()] : [])));
  }, options.languageListRetryMs);

  async function targetCode(to: string): Promise<string | undefined> {
    const entry = table[to as Locale];
    if (!entry) return undefined;
    const preferred = entry.preferredTarget;
    if (preferred && (await live.get())?.has(preferred.toLowerCase())) return preferred;
    return entry.target;
  }

  return {
    name: "google",

    async supports(from: SourceLanguage, to: string) {
      const source = sourceCode(table, from);
      const target = await targetCode(to);
      if (!source || !target) return false;
      const codes = await live.get();
      if (!codes) return true;
      return (source === "auto" || codes.has(source.toLowerCase())) && codes.has(target.toLowerCase());
    },

    async translate(texts, from, to) {
      if (from === to || texts.length === 0) return [...texts];
      const source = from === "auto" ? undefined : sourceCode(table, from);
      const target = await targetCode(to);
      if ((from !== "auto" && !source) || !target) {
        throw new TranslateError("unsupported", `google: no ${from} → ${to}`, { provider: "google" });
      }
      // Google asks for at most 128 texts per request and a body under about 200 KB.
      return translateInBatches("google", texts, { maxItems: 128, maxChars: 30_000 }, async (batch) => {
        const characters = batch.reduce((n, t) => n + t.length, 0);
        const { body } = await post("", { q: batch, target, format: "text", ...(source ? { source } : {}) }, characters);
        const translations = (body as { data?: { translations?: unknown } } | null)?.data?.translations;
        return Array.isArray(translations) ? translations.map((t: { translatedText?: unknown }) => t?.translatedText as string) : [];
      });
    },

    async detect(text) {
      if (text.trim() === "") return null;
      // POST …/detect {q} → {data: {detections: [[{language, confidence, isReliable}]]}}
      const { body } = await post("/detect", { q: text });
      const detections = (body as { data?: { detections?: unknown } } | null)?.data?.detections;
      const best = Array.isArray(detections) && Array.isArray(detections[0]) ? (detections[0][0] as { language?: unknown; confidence?: unknown }) : undefined;
      if (typeof best?.language !== "string" || best.language === "und") return null;
      return {
        language: localeFromProviderCode(best.language) ?? best.language.toLowerCase(),
        confidence: typeof best.confidence === "number" ? best.confidence : 0,
      };
    },
  };
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: Array<{ reason?: string }>; details?: Array<{ reason?: string }> };
}

/**
 * Google's failures: 400 "API key not valid" (reason API_KEY_INVALID), 400 "Bad language pair" or
 * "Invalid Value" (a code it lacks), 403 with reason dailyLimitExceeded (quota) or
 * userRateLimitExceeded / rateLimitExceeded, 403 PERMISSION_DENIED (API not enabled for the key's
 * project, key restricted), 429 RESOURCE_EXHAUSTED ("… per minute": wait; "… per day": quota).
 */
function classify(answer: HttpAnswer): "unsupported" | "unauthorized" | "rate_limited" | "quota" | "failed" {
  const error = (answer.body as GoogleErrorBody | null)?.error;
  const message = errorMessage(answer.body);
  const reasons = [...(error?.errors ?? []), ...(error?.details ?? [])].map((e) => e?.reason ?? "");
  if (answer.status === 400) {
    if (reasons.includes("API_KEY_INVALID") || /api key not valid/iu.test(message)) return "unauthorized";
    if (/bad language pair|invalid value|target language/iu.test(message)) return "unsupported";
    return "failed";
  }
  if (answer.status === 401) return "unauthorized";
  if (answer.status === 403) {
    if (reasons.some((r) => /^(dailyLimitExceeded|dailyLimitExceededUnreg|quotaExceeded)$/u.test(r))) return "quota";
    if (reasons.some((r) => /^(userRateLimitExceeded|rateLimitExceeded)$/u.test(r))) return "rate_limited";
    return "unauthorized";
  }
  if (answer.status === 429) return /per day/iu.test(message) ? "quota" : "rate_limited";
  return "failed";
}
