import { createHash } from "node:crypto";

/**
 * Translations already paid for, by a hash of (from, to, text): the same announcement sent to ten
 * people in Arabic is translated once. The source text is not kept, only its hash and the
 * translation. A translation of a person's message is that person's data, so each entry records
 * who it came from and goes when their data is erased (`eraseOwner`). Shared texts (a broadcast,
 * a coordinator's message to a cohort) have no owner and leave with age.
 *
 * Implementations: `MemoryTranslationCache` below; a database-backed one keyed the same way
 * (`translationCacheKey`) can replace it.
 */
export interface TranslationCache {
  /** Translations of `texts` from `from` into `to`, in order; undefined where none is cached. */
  lookup(from: string, to: string, texts: readonly string[]): Promise<Array<string | undefined>>;
  /** Keeps translations made for `ownerId` (a person id), or for nobody in particular (null). */
  store(from: string, to: string, entries: ReadonlyArray<{ text: string; translation: string }>, ownerId: string | null): Promise<void>;
  /** Forgets every translation made for this person; returns how many entries went. */
  eraseOwner(ownerId: string): Promise<number>;
}

/** sha256 of from, to and text, hex: the key every implementation uses. */
export function translationCacheKey(from: string, to: string, text: string): string {
  return createHash("sha256").update(`${from}\u0000${to}\u0000${text}`, "utf8").digest("hex");
}

interface Entry {
  translation: string;
  /** The people whose messages this translation serves; null for shared texts. */
  owners: Set<string | null>;
  storedAt: number;
}

export interface MemoryCacheOptions {
  /** The oldest entries go beyond this many (10,000 by default: a few MB). */
  maxEntries?: number;
  /** Entries older than this are not served and are dropped (30 days by default). */
  maxAgeMs?: number;
  now?: () => number;
}

/**
 * The translation cache in this process's memory: lost at restart, bounded in size and age.
 * A hit refreshes an entry's place, so the least recently used go first.
 */
export class MemoryTranslationCache implements TranslationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 30 * 24 * 3600_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async lookup(from: string, to: string, texts: readonly string[]): Promise<Array<string | undefined>> {
    return texts.map((text) => {
      const key = translationCacheKey(from, to, text);
      const entry = this.entries.get(key);
      if (!entry) return undefined;
      if (this.now() - entry.storedAt > this.maxAgeMs) {
        this.remove(key);
        return undefined;
      }
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.translation;
    });
  }

  async store(from: string, to: string, entries: ReadonlyArray<{ text: string; translation: string }>, ownerId: string | null): Promise<void> {
    for (const { text, translation } of entries) {
      const key = translationCacheKey(from, to, text);
      const entry = this.entries.get(key);
      if (entry) {
        this.entries.delete(key);
        entry.translation = translation;
        entry.storedAt = this.now();
        entry.owners.add(ownerId);
        this.entries.set(key, entry);
      } else {
        this.entries.set(key, { translation, owners: new Set([ownerId]), storedAt: this.now() });
      }
      if (ownerId !== null) {
        let keys = this.byOwner.get(ownerId);
        if (!keys) this.byOwner.set(ownerId, (keys = new Set()));
        keys.add(key);
      }
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
    }
  }

  async eraseOwner(ownerId: string): Promise<number> {
    const keys = this.byOwner.get(ownerId);
    this.byOwner.delete(ownerId);
    let erased = 0;
    for (const key of keys ?? []) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      entry.owners.delete(ownerId);
      // Another person sent the very same text: it is their data too and stays, no longer tied to this person.
      if (entry.owners.size === 0) this.entries.delete(key);
      erased++;
    }
    return erased;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const owner of entry.owners) {
      if (owner === null) continue;
      const keys = this.byOwner.get(owner);
      keys?.delete(key);
      if (keys?.size === 0) this.byOwner.delete(owner);
    }
  }
}
