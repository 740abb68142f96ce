import { storedTranslations } from "../../../bridge/translate.ts";
import type { AppDeps } from "../../../deps.ts";
import type { HelpRequest } from "./data.ts";

/**
 * The help requests with the person's words in the viewer's language where a translation exists, as
 * the Inbox shows them (inbox/translations.ts); never waits for a provider: the missing ones are asked
 * for in the background and appear on a later view.
 */
export async function withNoteTranslations(deps: AppDeps, help: HelpRequest[], to: string, viewerId: string): Promise<HelpRequest[]> {
  const notes = help.flatMap((h) => (h.thread?.notes ?? []).map((note) => ({ h, note })));
  const found = await storedTranslations(
    deps,
    notes.map(({ h, note }) => ({ text: note.text, from: h.locale ?? to, to, ownerId: h.personId, people: [viewerId] })),
    "console_alumni",
  );
  const translated = new Map(notes.map(({ note }, i) => [note, found[i]]));
  return help.map((h) =>
    h.thread ? { ...h, thread: { ...h.thread, notes: h.thread.notes.map((n) => (translated.get(n) !== undefined ? { ...n, translation: translated.get(n)! } : n)) } } : h,
  );
}
