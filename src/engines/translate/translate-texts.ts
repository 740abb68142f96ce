import type { TranslationCache } from "./cache.ts";
import { TranslateError } from "./errors.ts";
import type { SourceLanguage } from "./languages.ts";
import { translatorsFor, type ProviderName, type Translator } from "./translator.ts";

export interface TranslateTextsDeps {
  /** The configured providers, in TRANSLATE_PROVIDERS order. */
  providers: readonly Translator[];
  cache?: TranslationCache;
  /**
   * A local, free guess of a text's language, undefined when unsure (the app passes
   * engine/language/detect.ts). A confident guess overrides `from`: people write in more than
   * one language, and a text already in the target language is never sent.
   */
  guessLanguage?: (text: string) => string | undefined;
}

export interface TranslateTextsRequest {
  texts: readonly string[];
  /** The writer's language (their locale), or "auto" to let the provider detect it. */
  from: SourceLanguage;
  to: string;
  /** The person whose message this is (their data: erased with them), or null for shared texts. */
  ownerId: string | null;
}

/**
 * What became of one text: translated now, found in the cache, left as it is because it is
 * already in the target language or blank, or left as it is because no provider has the pair.
 */
export type TextOutcome = "translated" | "cached" | "same_language" | "blank" | "unsupported";

export interface TranslatedText {
  text: string;
  outcome: TextOutcome;
  /** The source language used (the guess when there was one). */
  from?: string;
  provider?: ProviderName;
}

/**
 * Translates texts for a conversation between two languages, cheaply: nothing is sent for texts
 * already in the target language, blank, or cached; the rest goes in one batch per source language
 * to the first provider supporting the pair. A provider that fails (timeout, rate limit, quota,
 * bad key) hands over to the next one supporting the pair; when all fail, the last error is thrown
 * (`translate.*`), and the caller decides whether to send the original or retry later.
 *
 * @example await translateTexts({ providers, cache }, { texts: ["Bonjour"], from: "fr", to: "uk", ownerId: null })
 */
export async function translateTexts(deps: TranslateTextsDeps, request: TranslateTextsRequest): Promise<TranslatedText[]> {
  const { to } = request;
  const results: Array<TranslatedText | undefined> = new Array(request.texts.length);
  const pending = new Map<SourceLanguage, number[]>();

  request.texts.forEach((text, i) => {
    if (text.trim() === "") {
      results[i] = { text, outcome: "blank" };
      return;
    }
    const from = deps.guessLanguage?.(text) ?? request.from;
    if (from === to) {
      results[i] = { text, outcome: "same_language", from };
      return;
    }
    const group = pending.get(from);
    if (group) group.push(i);
    else pending.set(from, [i]);
  });

  for (const [from, positions] of pending) {
    const unique = [...new Set(positions.map((i) => request.texts[i]!))];
    const cached = deps.cache ? await deps.cache.lookup(from, to, unique) : unique.map(() => undefined);
    const found = new Map<string, { translation: string; provider?: ProviderName }>();
    unique.forEach((text, k) => {
      const translation = cached[k];
      if (translation !== undefined) found.set(text, { translation });
    });
    const misses = unique.filter((text) => !found.has(text));

    let provider: ProviderName | undefined;
    let unsupported = false;
    if (misses.length > 0) {
      const translated = await translateWithFallback(deps.providers, misses, from, to);
      if (translated) {
        provider = translated.provider;
        misses.forEach((text, k) => found.set(text, { translation: translated.texts[k]!, provider }));
        await deps.cache?.store(
          from,
          to,
          misses.map((text, k) => ({ text, translation: translated.texts[k]! })),
          request.ownerId,
        );
      } else {
        unsupported = true;
      }
    }

    for (const i of positions) {
      const text = request.texts[i]!;
      const hit = found.get(text);
      if (hit === undefined) results[i] = { text, outcome: unsupported ? "unsupported" : "blank", from };
      else if (hit.provider) results[i] = { text: hit.translation, outcome: "translated", from, provider: hit.provider };
      else results[i] = { text: hit.translation, outcome: "cached", from };
    }
  }
  return results as TranslatedText[];
}

/** The first supporting provider's translations, the next ones' on failure; undefined when none supports the pair. */
async function translateWithFallback(
  providers: readonly Translator[],
  texts: string[],
  from: SourceLanguage,
  to: string,
): Promise<{ texts: string[]; provider: ProviderName } | undefined> {
  const candidates = await translatorsFor(providers, from, to);
  let lastError: TranslateError | undefined;
  for (const provider of candidates) {
    try {
      return { texts: await provider.translate(texts, from, to), provider: provider.name };
    } catch (err) {
      if (!(err instanceof TranslateError)) throw err;
      lastError = err;
    }
  }
  if (lastError) throw lastError;
  return undefined;
}
