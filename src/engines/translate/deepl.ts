import type { Locale } from "../../core/locales.ts";
import { TranslateError } from "./errors.ts";
import { DEFAULT_TIMEOUT_MS, engineCall, errorMessage, failureForStatus, type HttpAnswer } from "../http.ts";
import { LiveList, type LanguageTable, type SourceLanguage, sourceCode } from "./languages.ts";
import { translateFailure, translateInBatches, type Translator, type TranslatorOptions } from "./translator.ts";

/**
 * Our languages in DeepL's codes. Source: DeepL's list of supported languages
 * (developers.deepl.com/docs/getting-started/supported-languages, from github.com/DeepLcom/api-docs
 * snippets/language-table.jsx, June 2026): Arabic, English, Spanish, French, Portuguese, Russian and
 * Ukrainian for years; Bengali, Persian and Pashto among the 81 languages generally available since
 * 8 January 2026 (text translation only). DeepL has no Tigrinya.
 *
 * Targets: English and Portuguese must name a variant; we write British English (EN-GB) and
 * European Portuguese (PT-PT), the ones closest to what people in France learnt. Sources take
 * the bare code.
 */
export const DEEPL_LANGUAGES: LanguageTable = {
  fr: { source: "FR", target: "FR" },
  en: { source: "EN", target: "EN-GB" },
  ar: { source: "AR", target: "AR" },
  fa: { source: "FA", target: "FA" },
  ps: { source: "PS", target: "PS" },
  es: { source: "ES", target: "ES" },
  pt: { source: "PT", target: "PT-PT" },
  ru: { source: "RU", target: "RU" },
  uk: { source: "UK", target: "UK" },
  bn: { source: "BN", target: "BN" },
};

export const DEEPL_FREE_URL = "https://api-free.deepl.com";
export const DEEPL_PRO_URL = "https://api.deepl.com";

/** DeepL API Free keys end in ":fx" and only work on api-free.deepl.com; Pro keys on api.deepl.com. */
export function deeplUrlForKey(apiKey: string): string {
  return apiKey.endsWith(":fx") ? DEEPL_FREE_URL : DEEPL_PRO_URL;
}

export interface DeepLOptions extends TranslatorOptions {
  apiKey: string;
  /** Replaces the endpoint chosen from the key (a fake server in tests). */
  url?: string;
}

interface DeepLLists {
  source: Set<string>;
  target: Set<string>;
}

/**
 * A DeepL API v2 client. `POST /v2/translate` with header `Authorization: DeepL-Auth-Key KEY` and
 * JSON {text: [...], source_lang, target_lang} → {translations: [{detected_source_language, text}]}.
 * DeepL's v2 API has no language detection (a beta v3 endpoint needs an opt-in): `detect` answers null.
 */
export function deepL(options: DeepLOptions): Translator {
  const root = (options.url ?? deeplUrlForKey(options.apiKey)).replace(/\/+$/u, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const table = DEEPL_LANGUAGES;
  const headers = { authorization: `DeepL-Auth-Key ${options.apiKey}` };

  function call(path: string, init: RequestInit, characters?: number): Promise<HttpAnswer> {
    return engineCall({
      engine: "deepl",
      url: `${root}${path}`,
      init: { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } },
      timeoutMs,
      fetch: options.fetch,
      observe: options.observe,
      characters,
      classify,
      fail: translateFailure,
    });
  }

  // GET /v2/languages?type=source|target → [{language: "EN-GB", name, supports_formality}]
  const live = new LiveList<DeepLLists>(async () => {
    const read = async (type: "source" | "target") => {
      const { body } = await call(`/v2/languages?type=${type}`, { method: "GET" });
      if (!Array.isArray(body)) throw new Error(`GET /v2/languages?type=${type}: not a list`);
      return new Set(body.flatMap((l: { language?: unknown }) => (typeof l?.language === "string" ? [l.language.toUpperCase()] : [])));
    };
    const [source, target] = await Promise.all([read("source"), read("target")]);
    return { source, target };
  }, options.languageListRetryMs);

  return {
    name: "deepl",

    async supports(from: SourceLanguage, to: string) {
      const source = sourceCode(table, from);
      const target = table[to as Locale]?.target;
      if (!source || !target) return false;
      const lists = await live.get();
      if (!lists) return true;
      return (source === "auto" || lists.source.has(source)) && lists.target.has(target);
    },

    async translate(texts, from, to) {
      if (from === to || texts.length === 0) return [...texts];
      const source = from === "auto" ? undefined : sourceCode(table, from);
      const target = table[to as Locale]?.target;
      if ((from !== "auto" && !source) || !target) {
        throw new TranslateError("unsupported", `deepl: no ${from} → ${to}`, { provider: "deepl" });
      }
      // DeepL caps a request at 128 KiB, and long known at 50 texts: stay well inside both.
      return translateInBatches("deepl", texts, { maxItems: 50, maxChars: 30_000 }, async (batch) => {
        const characters = batch.reduce((n, t) => n + t.length, 0);
        const body = { text: batch, target_lang: target, ...(source ? { source_lang: source } : {}) };
        const answer = await call(
          "/v2/translate",
          { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
          characters,
        );
        const translations = (answer.body as { translations?: unknown } | null)?.translations;
        return Array.isArray(translations) ? translations.map((t: { text?: unknown }) => t?.text as string) : [];
      });
    },

    async detect() {
      return null;
    },
  };
}

/**
 * DeepL's statuses (docs/best-practices/error-handling.mdx, api-reference/openapi.yaml): 403 bad or
 * wrong-endpoint key, 456 quota exceeded, 429 and 529 too many requests, 400 with a message naming
 * an unsupported `target_lang` or `source_lang`.
 */
function classify(answer: HttpAnswer): "unsupported" | "unauthorized" | "rate_limited" | "quota" | "failed" {
  if (answer.status === 400 && /(source|target)_lang/iu.test(errorMessage(answer.body))) return "unsupported";
  if (answer.status === 529) return "rate_limited";
  return failureForStatus(answer.status);
}
