import type { AppDeps } from "../deps.ts";
import type { MessageTranslation } from "../engines/translate/message-translator.ts";
import { bridgeAllowed, bridgeRefusedAmong } from "../privacy/bridge-consent.ts";
import { privateTerms } from "./private-terms.ts";
import { redact } from "./redact.ts";

type Deps = Pick<AppDeps, "prisma" | "translate" | "log">;

/** Someone's words to show or send in another language. */
export interface BridgeText {
  text: string;
  /** The writer's language (their locale); a confident local guess of the text's language wins. */
  from: string;
  to: string;
  /** Whose words, or whose thread (the participant): their refusal stops it, their erasure erases it. */
  ownerId: string | null;
  /** Other people whose names and numbers must not reach the provider (the writer, the reader). */
  people?: ReadonlyArray<string | null | undefined>;
}

/** What became of a bridge translation: the translator's outcome, or `refused` (the owner said no). */
export type BridgeTranslation = MessageTranslation | { outcome: "refused" };

/**
 * Translates someone's words for the bridge, within TRANSLATE_TIMEOUT_MS and never throwing: nothing
 * when translation is off (undefined), nothing when the owner refused it (`refused`); otherwise the
 * names and phone numbers of the owner and of `people` are taken out before the provider sees the
 * text (bridge/redact.ts) and put back in the translation. The translation is kept in the cache
 * (by hash of the redacted text), owned by `ownerId`.
 * @example await translateForBridge(deps, { text: "Дякую", from: "uk", to: "fr", ownerId, use: "relay" })
 */
export async function translateForBridge(deps: Deps, request: BridgeText & { use: string }): Promise<BridgeTranslation | undefined> {
  if (!deps.translate) return undefined;
  if (request.ownerId && !(await bridgeAllowed(deps.prisma, request.ownerId))) return { outcome: "refused" };
  const hidden = redact(request.text, await privateTerms(deps.prisma, [request.ownerId, ...(request.people ?? [])]));
  const result = await deps.translate.message({ text: hidden.text, from: request.from, to: request.to, ownerId: request.ownerId, use: request.use });
  return result.text !== undefined ? { ...result, text: hidden.restore(result.text) } : result;
}

/** Translations asked for by pages and not yet back, by text and languages: asked once at a time. */
const asked = new Set<string>();

/**
 * What a page shows under people's words: the translations that exist now (made at sending time, or
 * asked for by an earlier view), in order, undefined where there is none yet or none is needed. Never
 * waits for a provider: the missing ones are asked for in the background (`use`, counted in /metrics)
 * and appear on a later view. Owners who refused get none.
 */
export async function storedTranslations(deps: Deps, texts: readonly BridgeText[], use: string): Promise<Array<string | undefined>> {
  const translate = deps.translate;
  if (!translate || texts.length === 0) return texts.map(() => undefined);
  const refused = await bridgeRefusedAmong(deps.prisma, texts.flatMap((t) => (t.ownerId ? [t.ownerId] : [])));
  // The same people's terms serve every message of a thread: read once.
  const terms = new Map<string, ReturnType<typeof privateTerms>>();
  const termsOf = (ids: ReadonlyArray<string | null | undefined>) => {
    const key = [...new Set(ids.filter(Boolean))].sort().join(",");
    if (!terms.has(key)) terms.set(key, privateTerms(deps.prisma, ids));
    return terms.get(key)!;
  };
  return Promise.all(
    texts.map(async (t) => {
      if (t.text.trim() === "" || (t.ownerId && refused.has(t.ownerId))) return undefined;
      const hidden = redact(t.text, await termsOf([t.ownerId, ...(t.people ?? [])]));
      const found = await translate.stored({ text: hidden.text, from: t.from, to: t.to });
      if (found !== undefined) return hidden.restore(found);
      const key = `${t.from}\u0000${t.to}\u0000${t.text}`;
      if (!asked.has(key) && (translate.guessLanguage(hidden.text) ?? t.from) !== t.to) {
        asked.add(key);
        void translateForBridge(deps, { ...t, use })
          .catch((err: unknown) => deps.log.warn({ err: String((err as Error)?.name ?? err), use }, "background translation failed"))
          .finally(() => asked.delete(key));
      }
      return undefined;
    }),
  );
}
