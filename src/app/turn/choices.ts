import type { i18n as I18n } from "i18next";
import { LOCALES } from "../../core/locales.ts";
import { normalise, typedNumber } from "../../core/text.ts";
import type { OfferedChoice } from "../../engine/offered.ts";
import { fixedT, say } from "../../i18n/render.ts";
import { numbersAsDigits } from "../../understanding/slots/answers.ts";

export { offeredAfter, offeredFrom, type OfferedChoice } from "../../engine/offered.ts";

/** Letters and digits only, so "📝 M'inscrire" and "m inscrire" compare equal. */
const bare = (s: string) => normalise(s).replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * Reads a typed answer as a choice: its number (in any digits) or its label in any supported
 * language, so typing works as well as tapping. Returns the choice id, or undefined.
 */
export function resolveTypedChoice(text: string, offered: OfferedChoice[] | undefined, i18n: I18n): string | undefined {
  if (!offered?.length) return undefined;
  // "2", "٢", or the number in words ("deux", "دو", "два").
  const n = typedNumber(text) ?? typedNumber(numbersAsDigits(text));
  if (n !== undefined) {
    // Choices that are numbers themselves ("how many?": 1, 2, 3, 5, 10, Cancel): a typed 4 is the number 4, not the fourth choice.
    const numbers = offered.filter((c) => typeof c.params?.["n"] === "number");
    if (numbers.length) return numbers.find((c) => c.params!["n"] === n)?.id;
    return n >= 1 && n <= offered.length ? offered[n - 1]!.id : undefined;
  }
  const typed = bare(text);
  if (typed.length < 2 || typed.length > 60) return undefined;
  for (const choice of offered) {
    if (choice.label && bare(choice.label) === typed) return choice.id;
    if (!choice.key) continue;
    for (const locale of LOCALES) {
      if (bare(say(fixedT(i18n, locale), { key: choice.key, params: choice.params })) === typed) return choice.id;
    }
  }
  return undefined;
}
