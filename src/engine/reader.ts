import type { Locale } from "../core/locales.ts";
import type { Understanding, UnderstandOptions } from "../understanding/index.ts";
import type { Lexicon } from "./commands.ts";

/**
 * What the engine reads free text with: the understanding layer (intents, slots, language) and the
 * command words of every language (`keywords.*`), which still settle a message that is exactly one of
 * them ("stop", "menu") and give the flows their own words ("back", "skip", "reply").
 */
export interface Reader {
  lexicon: Lexicon;
  understander: {
    understand(text: string, options: UnderstandOptions): Understanding;
    localeOf(text: string): Locale | null;
  };
}
