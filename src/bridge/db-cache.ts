import type { PrismaClient } from "../db/generated/client.ts";
import { translationCacheKey, type TranslationCache } from "../engines/translate/cache.ts";
import { TRANSLATION_MAX_AGE_MS } from "../privacy/retention-rules.ts";


/**
 * The translation cache in the database (the `Translation` table), shared by every process and kept
 * across restarts: a page of the console finds what the outbox translated at sending time. Keyed by
 * `translationCacheKey` (a hash: the source text is not stored); each person's entries go with their
 * data (privacy/erase.ts deletes them in the erasure's transaction; `eraseOwner` does the same).
 */
export class DbTranslationCache implements TranslationCache {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async lookup(from: string, to: string, texts: readonly string[]): Promise<Array<string | undefined>> {
    const keys = texts.map((text) => translationCacheKey(from, to, text));
    const rows = await this.prisma.translation.findMany({
      where: { key: { in: [...new Set(keys)] }, storedAt: { gte: new Date(this.now().getTime() - TRANSLATION_MAX_AGE_MS) } },
      select: { key: true, translation: true },
    });
    const found = new Map(rows.map((r) => [r.key, r.translation]));
    return keys.map((key) => found.get(key));
  }

  async store(from: string, to: string, entries: ReadonlyArray<{ text: string; translation: string }>, ownerId: string | null): Promise<void> {
    for (const { text, translation } of entries) {
      const key = translationCacheKey(from, to, text);
      // (key, null) is never a conflict in PostgreSQL: shared texts are looked for first.
      const existing = await this.prisma.translation.findFirst({ where: { key, ownerId }, select: { id: true } });
      if (existing) await this.prisma.translation.update({ where: { id: existing.id }, data: { translation, storedAt: this.now() } });
      else await this.prisma.translation.createMany({ data: [{ key, ownerId, translation, storedAt: this.now() }], skipDuplicates: true });
    }
  }

  async eraseOwner(ownerId: string): Promise<number> {
    return (await this.prisma.translation.deleteMany({ where: { ownerId } })).count;
  }
}
