import { Counter, type Registry } from "prom-client";
import type { Logger } from "../../core/logger.ts";
import { MemoryTranslationCache, type TranslationCache } from "./cache.ts";
import { TranslateError } from "./errors.ts";
import { translateTexts, type TextOutcome } from "./translate-texts.ts";
import type { ProviderName, Translator } from "./translator.ts";

/** What became of one message's translation: a `TextOutcome`, or why the original went alone. */
export type MessageOutcome = TextOutcome | "failed" | "timeout";

export interface MessageTranslation {
  outcome: MessageOutcome;
  /** The translation, when there is one to show (translated or cached). */
  text?: string;
}

/**
 * The app's translation capability (`AppDeps.translate`, present only when TRANSLATE_PROVIDERS names
 * a provider): one person's message into another person's language, within a deadline, never
 * throwing. Only the text given is sent to a provider: callers pass the message's words, never a
 * name or an address.
 */
export interface MessageTranslator {
  /**
   * The translation of `text` from `from` (the writer's language; a confident local guess wins)
   * into `to`. A provider's error, a 429, or no answer within the deadline: `failed` or `timeout`,
   * counted in /metrics and logged without the text; the caller sends the original alone.
   * @example await translate.message({ text: "Дякую", from: "uk", to: "fr", ownerId, use: "relay" })
   */
  message(request: { text: string; from: string; to: string; ownerId: string | null; use: string }): Promise<MessageTranslation>;
  /** A free local guess of a text's language (engine/language/detect.ts), undefined when unsure. */
  guessLanguage(text: string): string | undefined;
  /** Forgets the translations kept for this person (their data is being erased). */
  forget(ownerId: string): Promise<void>;
  /**
   * The translation already kept for `text` (same language guess, same key as `message`), without
   * asking any provider: what a page shows at once. Undefined when there is none yet or none needed.
   */
  stored(request: { text: string; from: string; to: string }): Promise<string | undefined>;
  /** The configured providers, in order (what the privacy notice names). */
  readonly providers: readonly ProviderName[];
}

export interface MessageTranslatorOptions {
  providers: readonly Translator[];
  /** TRANSLATE_TIMEOUT_MS: the whole wait, language lists and fallbacks included. */
  timeoutMs: number;
  guessLanguage: (text: string) => string | undefined;
  log: Logger;
  /** The service's registry: `migracoop_translated_messages_total{use, outcome}` goes there. */
  registry?: Registry;
  cache?: TranslationCache;
}

/** Builds the capability; undefined when no provider is configured (nothing is translated). */
export function messageTranslator(options: MessageTranslatorOptions): MessageTranslator | undefined {
  if (options.providers.length === 0) return undefined;
  const cache = options.cache ?? new MemoryTranslationCache();
  const counted = options.registry
    ? new Counter({
        name: "migracoop_translated_messages_total",
        help: "Messages offered for translation by use (relay, relay_answer) and outcome (translated, cached, same_language, unsupported, blank, failed, timeout: the original went alone)",
        labelNames: ["use", "outcome"],
        registers: [options.registry],
      })
    : undefined;
  const deps = { providers: options.providers, cache, guessLanguage: options.guessLanguage };

  return {
    guessLanguage: options.guessLanguage,
    providers: options.providers.map((p) => p.name),
    async forget(ownerId) {
      await cache.eraseOwner(ownerId);
    },
    async stored({ text, from, to }) {
      if (text.trim() === "") return undefined;
      const source = options.guessLanguage(text) ?? from;
      if (source === to) return undefined;
      const [found] = await cache.lookup(source, to, [text]);
      return found;
    },
    async message({ text, from, to, ownerId, use }) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
      });
      let result: MessageTranslation;
      try {
        const answer = await Promise.race([translateTexts(deps, { texts: [text], from, to, ownerId }), deadline]);
        if (answer === "timeout") {
          result = { outcome: "timeout" };
          options.log.warn({ use, from, to, timeoutMs: options.timeoutMs }, "translation too slow; the original goes alone");
        } else {
          const [one] = answer;
          result = one && (one.outcome === "translated" || one.outcome === "cached") ? { outcome: one.outcome, text: one.text } : { outcome: one?.outcome ?? "blank" };
        }
      } catch (err) {
        result = { outcome: err instanceof TranslateError && err.failure === "timeout" ? "timeout" : "failed" };
        // The error's code and provider, never the text.
        const detail = err instanceof TranslateError ? { code: err.code, ...err.details } : { error: String((err as Error)?.name ?? err) };
        options.log.warn({ use, from, to, ...detail }, "translation failed; the original goes alone");
      } finally {
        clearTimeout(timer);
      }
      counted?.inc({ use, outcome: result.outcome });
      return result;
    },
  };
}
