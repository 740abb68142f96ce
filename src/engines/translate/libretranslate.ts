import type { Locale } from "../../core/locales.ts";
import { DEFAULT_TIMEOUT_MS, engineCall, errorMessage, failureForStatus, type HttpAnswer } from "../http.ts";
import { LiveList, localeFromProviderCode, type LanguageTable, type SourceLanguage, sourceCode } from "./languages.ts";
import { TranslateError } from "./errors.ts";
import { translateFailure, translateInBatches, type Detection, type Translator, type TranslatorOptions } from "./translator.ts";

/**
 * Our languages a LibreTranslate server can have. Source: Argos Translate's model index
 * (github.com/argosopentech/argospm-index, index.json, June 2025), which LibreTranslate installs:
 * models en↔fr, ar, fa, es, pt, ru, uk, bn (and es↔pt); LibreTranslate goes through English for the
 * other pairs. There is no model for Pashto or Tigrinya. A server only has what it was started
 * with (`--load-only`): its live list (GET /languages) decides once read.
 */
export const LIBRETRANSLATE_LANGUAGES: LanguageTable = {
  fr: { source: "fr", target: "fr" },
  en: { source: "en", target: "en" },
  ar: { source: "ar", target: "ar" },
  fa: { source: "fa", target: "fa" },
  es: { source: "es", target: "es" },
  pt: { source: "pt", target: "pt" },
  ru: { source: "ru", target: "ru" },
  uk: { source: "uk", target: "uk" },
  bn: { source: "bn", target: "bn" },
};

export interface LibreTranslateOptions extends TranslatorOptions {
  /** The server's root, e.g. http://libretranslate:5000 (LIBRETRANSLATE_URL). */
  url: string;
  /** Sent as `api_key` in the body, for servers started with --api-keys (LIBRETRANSLATE_API_KEY). */
  apiKey?: string;
  /**
   * Texts per request. LibreTranslate takes an array `q`; servers started with --batch-limit refuse
   * more than that, hence a modest default.
   */
  maxBatch?: number;
}

/** Code → the codes it translates into, as GET /languages answers: [{code, name, targets}]. */
type LanguagePairs = Map<string, Set<string>>;

/**
 * A LibreTranslate client (self-hosted: the texts stay on a server we run).
 * `POST /translate` {q: [...], source, target, format: "text", api_key} → {translatedText: [...]}.
 *
 * @example const lt = libreTranslate({ url: "http://127.0.0.1:5000" }); await lt.translate(["Bonjour"], "fr", "uk")
 */
export function libreTranslate(options: LibreTranslateOptions): Translator {
  const root = options.url.replace(/\/+$/u, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBatch = options.maxBatch ?? 50;
  const table = LIBRETRANSLATE_LANGUAGES;

  async function call(path: string, init: RequestInit, characters?: number): Promise<HttpAnswer> {
    return engineCall({
      engine: "libretranslate",
      url: `${root}${path}`,
      init,
      timeoutMs,
      fetch: options.fetch,
      observe: options.observe,
      characters,
      classify,
      fail: translateFailure,
    });
  }

  function post(path: string, body: Record<string, unknown>, characters?: number): Promise<HttpAnswer> {
    const withKey = options.apiKey ? { ...body, api_key: options.apiKey } : body;
    return call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(withKey) }, characters);
  }

  const live = new LiveList<LanguagePairs>(async () => {
    const { body } = await call("/languages", { method: "GET" });
    if (!Array.isArray(body)) throw new Error("GET /languages: not a list");
    const pairs: LanguagePairs = new Map();
    for (const entry of body as Array<{ code?: unknown; targets?: unknown }>) {
      if (typeof entry?.code !== "string") continue;
      const targets = Array.isArray(entry.targets) ? entry.targets.filter((t): t is string => typeof t === "string") : [];
      pairs.set(entry.code, new Set(targets));
    }
    return pairs;
  }, options.languageListRetryMs);

  return {
    name: "libretranslate",

    async supports(from: SourceLanguage, to: string) {
      const source = sourceCode(table, from);
      const target = table[to as Locale]?.target;
      if (!source || !target) return false;
      const pairs = await live.get();
      if (!pairs) return true;
      if (source === "auto" || source === target) return pairs.has(target);
      return pairs.get(source)?.has(target) ?? false;
    },

    async translate(texts, from, to) {
      if (from === to || texts.length === 0) return [...texts];
      const source = sourceCode(table, from);
      const target = table[to as Locale]?.target;
      if (!source || !target) {
        throw new TranslateError("unsupported", `libretranslate: no model for ${from} → ${to}`, { provider: "libretranslate" });
      }
      return translateInBatches("libretranslate", texts, { maxItems: maxBatch, maxChars: 20_000 }, async (batch) => {
        const characters = batch.reduce((n, t) => n + t.length, 0);
        const { body } = await post("/translate", { q: batch, source, target, format: "text" }, characters);
        const translated = (body as { translatedText?: unknown } | null)?.translatedText;
        return Array.isArray(translated) ? (translated as string[]) : [];
      });
    },

    async detect(text) {
      if (text.trim() === "") return null;
      const { body } = await post("/detect", { q: text });
      const best = Array.isArray(body) ? (body[0] as { language?: unknown; confidence?: unknown } | undefined) : undefined;
      if (typeof best?.language !== "string") return null;
      const confidence = typeof best.confidence === "number" ? best.confidence / 100 : 0;
      return { language: localeFromProviderCode(best.language) ?? best.language.toLowerCase(), confidence } satisfies Detection;
    },
  };
}

/**
 * LibreTranslate's failures (libretranslate/app.py): 400 "xx is not supported" or "… is not available
 * as a target language from …" (no model), 400 "… to get an API key" (key required), 403 "Invalid
 * API key", 403 "Too many request limits violations" (banned for a while), 429 "Slowdown: …".
 */
function classify(answer: HttpAnswer): "unsupported" | "unauthorized" | "rate_limited" | "quota" | "failed" {
  const message = errorMessage(answer.body);
  if (answer.status === 400 && /not supported|not available as a target/iu.test(message)) return "unsupported";
  if (answer.status === 400 && /api key/iu.test(message)) return "unauthorized";
  if (answer.status === 403 && /too many request/iu.test(message)) return "rate_limited";
  return failureForStatus(answer.status);
}
