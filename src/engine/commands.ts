import { normalise } from "../core/text.ts";

/** Commands that work everywhere, whatever the flow, typed in any supported language. */
export const COMMANDS = ["menu", "language", "stop", "start", "mydata", "erase", "human", "back", "skip", "applications", "undo", "totals", "export", "broadcast", "audit", "reply", "sessions", "roadmap", "console"] as const;
export type Command = (typeof COMMANDS)[number];

/** Commands only coordinators may use; anyone else is refused, and the attempt audited. */
export const COORDINATOR_COMMANDS: ReadonlySet<Command> = new Set(["applications", "export", "broadcast", "audit", "reply", "roadmap", "console"]);

/** Words for each command, gathered from every language's `keywords.<command>` text ("menu|aide|help"). */
export type Lexicon = Record<Command, ReadonlySet<string>>;

export function buildLexicon(keywordTexts: Iterable<Partial<Record<Command, string>>>): Lexicon {
  const lexicon = Object.fromEntries(COMMANDS.map((c) => [c, new Set<string>()])) as Record<Command, Set<string>>;
  for (const texts of keywordTexts) {
    for (const command of COMMANDS) {
      for (const word of (texts[command] ?? "").split("|")) {
        const w = normalise(word);
        if (w) lexicon[command].add(w);
      }
    }
  }
  return lexicon;
}

/** The command a whole message names (ignoring case, accents, a leading "/" and punctuation), if any. */
export function detectCommand(text: string, lexicon: Lexicon): Command | undefined {
  const cleaned = normalise(text).replace(/^\//, "").replace(/[!?.¡¿،؟。]+$/u, "").trim();
  if (!cleaned || cleaned.length > 40) return undefined;
  return COMMANDS.find((c) => lexicon[c].has(cleaned));
}
