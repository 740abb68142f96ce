import { LOCALE_NAMES, type Locale } from "../../core/locales.ts";
import { BROADCAST_SEND } from "../../engine/flows/broadcast.ts";
import type { Say } from "../../engine/types.ts";
import { renderReply } from "../../i18n/render.ts";
import { audienceWhere } from "../../broadcast/audience.ts";
import type { DataReply } from "./data-reply.ts";

type Groups = Array<{ locale: string | null; count: number }>;

const countOf = (groups: Groups) => groups.reduce((n, g) => n + g.count, 0);

/** What a broadcast will do, before it is sent: recipients per language, and which version each gets. */
export const broadcastPreviewReply: DataReply<"broadcast_preview", Groups> = {
  async fetch({ tx }, { draft }) {
    if (!draft.audience) return [];
    const groups = await tx.person.groupBy({ by: ["locale"], where: audienceWhere(draft.audience), _count: { _all: true } });
    return groups.map((g) => ({ locale: g.locale, count: g._count._all }));
  },
  render({ t, deps }, { draft, choices }, groups) {
    const total = countOf(groups);
    const texts = draft.texts as Record<string, string | undefined>;
    const lines: Say[] = [...groups]
      .sort((a, b) => b.count - a.count)
      .map((g) => {
        const locale = (g.locale ?? deps.defaultLocale) as Locale;
        return {
          key: "broadcast.preview_line",
          params: { language: LOCALE_NAMES[locale] ?? locale, count: g.count, version: { t: texts[locale] ? "broadcast.version_own" : "broadcast.version_original" } },
        };
      });
    lines.push({ key: "broadcast.preview_text", params: { text: texts[draft.originalLocale] ?? "" } });
    return [renderReply(t, { type: "choices", say: { key: "broadcast.preview", params: { count: total } }, lines, choices })];
  },
  // Nobody in the audience (no alumni yet, nobody of that language): nothing to send, only to rewrite or drop.
  shown: (reply, groups) => (countOf(groups) === 0 ? { ...reply, choices: reply.choices.filter((c) => c.id !== BROADCAST_SEND) } : reply),
};
