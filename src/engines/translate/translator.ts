import { TranslateError, type EngineFailure, type EngineErrorContext } from "./errors.ts";
import { batches, type EngineObserver, type FetchLike } from "../http.ts";
import type { SourceLanguage } from "./languages.ts";

export type ProviderName = "libretranslate" | "deepl" | "google";

/** Every provider we can talk to, in the default order of preference (self-hosted first). */
export const PROVIDER_NAMES = ["libretranslate", "deepl", "google"] as const satisfies readonly ProviderName[];

export interface Detection {
  /** Our code (fr, ar, …) when it is one of ours, else the provider's code in lower case. */
  language: string;
  /** From 0 to 1, whatever scale the provider uses (LibreTranslate's is 0–100). */
  confidence: number;
}

/**
 * A machine-translation service. Languages are our codes (fr en ar fa ps ti es pt ru uk bn);
 * each client maps them to its provider's codes.
 *
 * Failures throw `TranslateError` with a code (`translate.timeout`, `translate.quota`, …).
 */
export interface Translator {
  readonly name: ProviderName;
  /** Whether this provider can translate `from` → `to` (its live language list when it could read it). */
  supports(from: SourceLanguage, to: string): Promise<boolean> | boolean;
  /**
   * Translations of `texts`, in order, in as few requests as the API allows. Nothing is sent when
   * `from` is already `to`: the texts come back as they are.
   */
  translate(texts: readonly string[], from: SourceLanguage, to: string): Promise<string[]>;
  /** The language of `text`, or null when the provider cannot tell (or has no detection). */
  detect(text: string): Promise<Detection | null>;
}

/**
 * The first provider, in the configured order, that supports the pair: with
 * TRANSLATE_PROVIDERS=libretranslate,google a French → Ukrainian message goes to LibreTranslate
 * and a French → Tigrinya one (which LibreTranslate lacks) to Google.
 */
export async function chooseTranslator(providers: readonly Translator[], from: SourceLanguage, to: string): Promise<Translator | undefined> {
  for (const provider of providers) {
    if (await provider.supports(from, to)) return provider;
  }
  return undefined;
}

/** Every provider that supports the pair, in order: the first, then those to fall back on. */
export async function translatorsFor(providers: readonly Translator[], from: SourceLanguage, to: string): Promise<Translator[]> {
  const answers = await Promise.all(providers.map((p) => p.supports(from, to)));
  return providers.filter((_, i) => answers[i]);
}

/** What every provider client accepts besides its address and key. */
export interface TranslatorOptions {
  /** Deadline of each request (TRANSLATE_TIMEOUT_MS); 5000 by default. */
  timeoutMs?: number;
  /** Replaces global fetch (tests, a proxy agent). */
  fetch?: FetchLike;
  /** Told of every request and its outcome, for metrics. */
  observe?: EngineObserver;
  /** After a failed read of the provider's language list, wait this long before reading it again. */
  languageListRetryMs?: number;
}

/** `fail` for `engineCall`: the failures of translation services are `TranslateError`s. */
export function translateFailure(failure: EngineFailure, message: string, context: EngineErrorContext): TranslateError {
  return new TranslateError(failure, message, context);
}

/**
 * Translates the texts that have something to translate, in batches within an API's limits, one
 * request after the other (a burst of parallel requests is what rate limits punish). Blank texts
 * come back as they are, unsent.
 */
export async function translateInBatches(
  provider: ProviderName,
  texts: readonly string[],
  limits: { maxItems: number; maxChars: number },
  send: (batch: string[]) => Promise<string[]>,
): Promise<string[]> {
  const out = [...texts];
  const positions = texts.flatMap((text, i) => (text.trim() === "" ? [] : [i]));
  const todo = positions.map((i) => texts[i]!);
  for (const [start, end] of batches(todo, limits.maxItems, limits.maxChars)) {
    const batch = todo.slice(start, end);
    const translated = await send(batch);
    if (translated.length !== batch.length || translated.some((t) => typeof t !== "string")) {
      throw new TranslateError("failed", `${provider}: ${batch.length} texts sent, ${translated.length} translations received`, { provider });
    }
    translated.forEach((t, k) => {
      out[positions[start + k]!] = t;
    });
  }
  return out;
}
