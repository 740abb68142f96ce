import { storedTranslations } from "../../../bridge/translate.ts";
import type { AppDeps } from "../../../deps.ts";
import { QUESTIONS } from "../../../engine/flows/questions.ts";
import type { ApplicationRow } from "./data.ts";

/** Answers given by voice without a transcript have no words to translate. */
const UNHEARD = "voice:";

/**
 * The applications with their applicants' own words (the questions marked `translated`: the project)
 * in the viewer's language where a translation exists; never waits for a provider (the missing ones
 * are asked for in the background and appear on a later view).
 */
export async function withAnswerTranslations(deps: AppDeps, rows: ApplicationRow[], to: string, viewerId: string): Promise<ApplicationRow[]> {
  const wanted = rows.flatMap((row) =>
    QUESTIONS.filter((q) => q.translated && row.answers[q.key] && !row.answers[q.key]!.startsWith(UNHEARD)).map((q) => ({ row, key: q.key, text: row.answers[q.key]! })),
  );
  const found = await storedTranslations(
    deps,
    wanted.map((w) => ({ text: w.text, from: w.row.locale ?? to, to, ownerId: w.row.personId, people: [viewerId] })),
    "console_applications",
  );
  const byRow = new Map<string, Record<string, string>>();
  wanted.forEach((w, i) => {
    const translation = found[i];
    if (translation === undefined) return;
    byRow.set(w.row.id, { ...byRow.get(w.row.id), [w.key]: translation });
  });
  return rows.map((row) => (byRow.has(row.id) ? { ...row, translations: byRow.get(row.id)! } : row));
}
