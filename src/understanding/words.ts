import { distance } from "fastest-levenshtein";
import { fold } from "./fold.ts";

/** Words of a folded text: letters and digits with their marks (Arabic, Bengali, Ge'ez). */
export function wordsOf(text: string): string[] {
  return fold(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** Arabic-script prefixes glued to a word: "and", "with/in", "the" ("بالعربي", "والخميس", "الخميس"). */
const ARABIC_PREFIX = /^(?:وبال|بال|فال|وال|لل|ال|و|ب|ف)(?=\p{L}{3,})/u;

/** Ge'ez prefixes glued to a word: "on/by" ("ብሓሙስ", "በሓሙስ"), "to/for" ("ንዓኹም"). */
const GEEZ_PREFIX = /^(?:ብ|በ|ን)(?=\p{L}{2,})/u;

/** The word and, for Arabic and Ge'ez scripts, the word without its prefix. */
export function wordForms(word: string): string[] {
  const bare = word.replace(ARABIC_PREFIX, "").replace(GEEZ_PREFIX, "");
  return bare === word ? [word] : [word, bare];
}

/** Typos allowed for a word of this length: none under 5 letters, one up to 7, two beyond. */
export function typoBudget(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

/**
 * A dictionary of phrases (one to three words, folded) to values, read back from a text by its longest
 * phrases first, forgiving typos in proportion to the word's length.
 */
export class PhraseBook<V> {
  private readonly exact = new Map<string, V>();
  /** One-word phrases of 5 letters or more, by their first letter: a typo rarely hits the first letter. */
  private readonly single = new Map<string, { word: string; value: V }[]>();
  private longest = 1;

  add(phrase: string, value: V): this {
    const words = wordsOf(phrase);
    if (!words.length) return this;
    const key = words.join(" ");
    if (!this.exact.has(key)) this.exact.set(key, value);
    if (words.length === 1 && words[0]!.length >= 5) {
      const first = words[0]![0]!;
      const list = this.single.get(first) ?? [];
      list.push({ word: words[0]!, value });
      this.single.set(first, list);
    }
    this.longest = Math.max(this.longest, words.length);
    return this;
  }

  /** Every value found in the text, in the order of the text. */
  findAll(text: string, options: { typos?: boolean } = {}): V[] {
    const words = wordsOf(text);
    const found: V[] = [];
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.longest, words.length - i); n >= 1 && !matched; n--) {
        const value = this.lookup(words.slice(i, i + n), options.typos ?? true);
        if (value !== undefined) {
          found.push(value);
          matched = n;
        }
      }
      i += matched || 1;
    }
    return found;
  }

  find(text: string, options?: { typos?: boolean }): V | undefined {
    return this.findAll(text, options)[0];
  }

  private lookup(words: string[], typos: boolean): V | undefined {
    if (words.length > 1) return this.exact.get(words.join(" "));
    for (const form of wordForms(words[0]!)) {
      const value = this.exact.get(form);
      if (value !== undefined) return value;
    }
    if (!typos) return undefined;
    const word = words[0]!;
    const budget = typoBudget(word.length);
    if (!budget) return undefined;
    let best: { d: number; value: V } | undefined;
    for (const entry of this.single.get(word[0]!) ?? []) {
      if (Math.abs(entry.word.length - word.length) > budget) continue;
      const d = distance(entry.word, word);
      if (d <= Math.min(budget, typoBudget(entry.word.length)) && (!best || d < best.d)) best = { d, value: entry.value };
    }
    return best?.value;
  }
}
