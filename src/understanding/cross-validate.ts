import type { Locale } from "../core/locales.ts";
import type { Example } from "./corpus.ts";
import { MODEL_OPTIONS, Understander, type UnderstandOptions } from "./understand.ts";

export interface CrossValidation {
  perLocale: Partial<Record<Locale, { right: number; total: number }>>;
  /** "expected → guessed" with how often, most frequent first. */
  confusions: Partial<Record<Locale, [string, number][]>>;
}

/**
 * k-fold cross-validation on the training part only: each fold is learnt without one k-th of the
 * messages and asked about them. This is how settings are chosen; the held-out part is never used.
 */
export function crossValidate(corpus: readonly Example[], options: UnderstandOptions, k = 5, modelOptions = MODEL_OPTIONS): CrossValidation {
  const perLocale: CrossValidation["perLocale"] = {};
  const counts = new Map<Locale, Map<string, number>>();
  for (let fold = 0; fold < k; fold++) {
    const learnt = Understander.learn(corpus.filter((_, i) => i % k !== fold), modelOptions);
    corpus.forEach((e, i) => {
      if (i % k !== fold) return;
      const guess = learnt.understand(e.text, options).intent;
      const r = (perLocale[e.locale] ??= { right: 0, total: 0 });
      r.total++;
      if (guess === e.intent) return void r.right++;
      const m = counts.get(e.locale) ?? counts.set(e.locale, new Map()).get(e.locale)!;
      const key = `${e.intent} → ${guess}`;
      m.set(key, (m.get(key) ?? 0) + 1);
    });
  }
  const confusions: CrossValidation["confusions"] = {};
  for (const [locale, m] of counts) confusions[locale] = [...m].sort((a, b) => b[1] - a[1]);
  return { perLocale, confusions };
}
