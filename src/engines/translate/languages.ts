import { isLocale, type Locale } from "../../core/locales.ts";

/**
 * How one provider names one of our languages. Source and target codes can differ (DeepL takes
 * `EN` as a source but wants `EN-GB` or `EN-US` as a target). A language absent from a provider's
 * table is one it lacks: `supports` says no and nothing is sent.
 */
export interface ProviderLanguage {
  source: string;
  target: string;
  /**
   * A closer target variant, used only once the provider's live language list confirms it
   * (Google's `pt-PT` for European Portuguese, `fa-AF` for Dari); `target` otherwise.
   */
  preferredTarget?: string;
}

export type LanguageTable = Partial<Record<Locale, ProviderLanguage>>;

/**
 * Our code for a provider's code: the base subtag, lower-cased, when it is one of ours.
 * @example localeFromProviderCode("PT-BR") === "pt"; localeFromProviderCode("de") === undefined
 */
export function localeFromProviderCode(code: string): Locale | undefined {
  const base = code.toLowerCase().split(/[-_]/u)[0];
  return isLocale(base) ? base : undefined;
}

/** `from` is either one of our languages or "auto" (let the provider detect it). */
export type SourceLanguage = string | "auto";

/** A provider's code for the source language: "auto" stays "auto" (the provider detects it); undefined when the provider lacks it. */
export function sourceCode(table: LanguageTable, from: SourceLanguage): string | undefined {
  return from === "auto" ? "auto" : table[from as Locale]?.source;
}

/**
 * A provider's list of languages, read from its API once and kept for the life of the process
 * (it changes a few times a year). When the read fails the caller falls back to the table written
 * in the code, and the read is tried again after `retryMs`, not on every message.
 */
export class LiveList<T> {
  private value: T | undefined;
  private pending: Promise<T | undefined> | undefined;
  private failedAt: number | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly retryMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The list, or undefined while the provider cannot give it. Never throws. */
  async get(): Promise<T | undefined> {
    if (this.value !== undefined) return this.value;
    if (this.failedAt !== undefined && this.now() - this.failedAt < this.retryMs) return undefined;
    this.pending ??= this.load()
      .then(
        (value) => {
          this.value = value;
          return value;
        },
        () => {
          this.failedAt = this.now();
          return undefined;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
