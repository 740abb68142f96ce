import type { i18n as I18n } from "i18next";
import { audienceWhere } from "../../../broadcast/audience.ts";
import { broadcastIntent } from "../../../broadcast/render.ts";
import { localeOf, type Locale } from "../../../core/locales.ts";
import type { Tx } from "../../../db/tx.ts";
import type { Audience } from "../../../engine/types.ts";
import { MAX_BROADCAST_CHARS } from "../../../engine/flows/broadcast.ts";
import type { Draft } from "./draft.ts";

/** One language of the audience: how many people, and exactly what they will read. */
export interface PreviewLine {
  locale: Locale;
  count: number;
  /** own: a version in their language (the original for its own language); fallback: the original under a short header in their language. */
  gets: "original" | "own" | "fallback";
  /** An automatic draft in this language waits for the coordinator: until she accepts it, these people get the fallback. */
  draftWaiting: boolean;
  /** The message as it will leave (broadcast/render.ts, the chat's rule). */
  text: string;
}

export interface Preview {
  lines: PreviewLine[];
  total: number;
  /** Why the draft cannot be sent yet: texts keys under `announcements.problem_*`. */
  problems: string[];
}

/**
 * The audience per language, as the chat's preview counts it (the same people as the broadcast
 * will reach, broadcast/audience.ts), each person in the language the fan-out will use (their own,
 * else the deployment's default).
 */
export async function recipientsByLanguage(db: Tx, audience: Audience, defaultLocale: Locale): Promise<{ locale: Locale; count: number }[]> {
  const groups = await db.person.groupBy({ by: ["locale"], where: audienceWhere(audience), _count: { _all: true } });
  const counts = new Map<Locale, number>();
  for (const g of groups) {
    const locale = localeOf(g, defaultLocale);
    counts.set(locale, (counts.get(locale) ?? 0) + g._count._all);
  }
  return [...counts].map(([locale, count]) => ({ locale, count })).sort((a, b) => b.count - a.count || a.locale.localeCompare(b.locale));
}

/** What sending the draft now would do, and what stops it. */
export async function previewDraft(db: Tx, i18n: I18n, draft: Draft, defaultLocale: Locale): Promise<Preview> {
  const groups = draft.audience ? await recipientsByLanguage(db, draft.audience, defaultLocale) : [];
  const lines = groups.map(({ locale, count }): PreviewLine => ({
    locale,
    count,
    gets: locale === draft.originalLocale ? "original" : draft.texts[locale] ? "own" : "fallback",
    draftWaiting: !draft.texts[locale] && !!draft.suggestions[locale],
    text: broadcastIntent(i18n, draft.texts, draft.originalLocale, locale).text,
  }));
  const total = lines.reduce((n, l) => n + l.count, 0);
  const problems: string[] = [];
  if (!draft.audience) problems.push("no_audience");
  if (!draft.texts[draft.originalLocale]) problems.push("no_text");
  if (Object.values(draft.texts).some((t) => [...t].length > MAX_BROADCAST_CHARS)) problems.push("too_long");
  if (draft.audience && total === 0) problems.push("no_recipients");
  return { lines, total, problems };
}
