import type { Locale } from "../../../core/locales.ts";
import type { AppDeps } from "../../../deps.ts";
import type { MessageTranslation } from "../../../engines/translate/message-translator.ts";
import { json, loadDraft, lockDraft, type Draft } from "./draft.ts";
import { recipientsByLanguage } from "./preview.ts";

/** How asking for automatic drafts went: each outcome a text `announcements.done_drafts_<outcome>`. */
export type SuggestOutcome = "ready" | "partial" | "failed" | "none" | "no_provider" | "gone";

export interface SuggestResult {
  outcome: SuggestOutcome;
  /** Languages asked for that got no draft (provider failed, too slow, or without the language). */
  missing: Locale[];
}

/**
 * The languages that need an automatic draft: those of the audience with no version yet, and no
 * draft either, unless the draft was made from an earlier original and the coordinator left its words alone.
 */
export function languagesToDraft(draft: Draft, audienceLocales: Locale[]): Locale[] {
  const original = draft.texts[draft.originalLocale] ?? "";
  return audienceLocales.filter((l) => {
    if (l === draft.originalLocale || draft.texts[l]) return false;
    const s = draft.suggestions[l];
    return !s || (s.source !== original && !s.edited);
  });
}

/**
 * Asks the translation providers (AppDeps.translate, engines/) for a draft of the original in each
 * audience language that needs one, all at once, each within the translator's deadline
 * (TRANSLATE_TIMEOUT_MS, 5 s by default): a failure or a timeout never throws, it leaves that
 * language without a draft and says so. Only the announcement's words are sent. The drafts are
 * stored as suggestions, never as versions; nothing the coordinator typed meanwhile is overwritten.
 */
export async function suggestVersions(deps: AppDeps, viewer: { id: string }, id: string): Promise<SuggestResult> {
  const translate = deps.translate;
  if (!translate) return { outcome: "no_provider", missing: [] };
  const draft = await loadDraft(deps.prisma, viewer.id, id, deps.defaultLocale);
  if (!draft || draft.broadcastId) return { outcome: "gone", missing: [] };
  const original = draft.texts[draft.originalLocale];
  if (!original || !draft.audience) return { outcome: "none", missing: [] };
  const wanted = languagesToDraft(draft, (await recipientsByLanguage(deps.prisma, draft.audience, deps.defaultLocale)).map((g) => g.locale));
  if (wanted.length === 0) return { outcome: "none", missing: [] };

  const answers = await Promise.all(
    wanted.map(async (to): Promise<[Locale, MessageTranslation]> => [to, await translate.message({ text: original, from: draft.originalLocale, to, ownerId: null, use: "announcement" })]),
  );
  const made = answers.filter(([, a]) => a.text !== undefined && (a.outcome === "translated" || a.outcome === "cached"));
  const missing = answers.filter(([l]) => !made.some(([m]) => m === l)).map(([l]) => l);

  await deps.prisma.$transaction(async (tx) => {
    const now = await lockDraft(tx, viewer.id, id, deps.defaultLocale);
    if (!now || now.broadcastId || now.texts[now.originalLocale] !== original) return;
    const suggestions = { ...now.suggestions };
    for (const [l, a] of made) {
      if (now.texts[l] || now.suggestions[l]?.edited) continue;
      suggestions[l] = { text: a.text!, source: original };
    }
    await tx.announcementDraft.update({ where: { id }, data: { suggestions: json(suggestions) } });
    // The words went to a provider outside: recorded, with the languages and what came back, never the text.
    await tx.auditLog.create({
      data: { actorId: viewer.id, action: "announcement.drafts_requested", subject: id, details: { asked: wanted, made: made.map(([l]) => l), outcomes: Object.fromEntries(answers.map(([l, a]) => [l, a.outcome])) } },
    });
  });
  return { outcome: missing.length === 0 ? "ready" : made.length === 0 ? "failed" : "partial", missing };
}
