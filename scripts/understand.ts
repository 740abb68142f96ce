/**
 * `npm run understand`: what the bot makes of messages, one per line on standard input
 * (optionally `lang<TAB>message`), as one JSON object per line:
 * `{"intent":"sessions","confidence":0.98,"slots":{"topic":"time"},"locale":"fr"}`.
 *
 *   npm run understand -- --evaluate   accuracy per language and per intent on the held-out part
 *   npm run understand -- --learn      learns the model now (npm ci does it once)
 *   npm run understand -- --tune       5-fold cross-validation on the training part, with confusions
 */
import { createInterface } from "node:readline";
import { isLocale } from "../src/core/locales.ts";
import { HELDOUT_DIR, loadUnderstander } from "../src/understanding/load.ts";
import { evaluate } from "../src/understanding/evaluate.ts";
import { readCorpus } from "../src/understanding/corpus.ts";
import { crossValidate } from "../src/understanding/cross-validate.ts";
import { CORPUS_DIR } from "../src/understanding/load.ts";

async function main(argv: string[]): Promise<number> {
  const timezone = process.env.DEFAULT_TIMEZONE?.trim() || "Europe/Paris";
  if (argv.includes("--tune")) {
    const { perLocale, confusions } = crossValidate(readCorpus(CORPUS_DIR), { now: new Date(), timezone });
    for (const [locale, r] of Object.entries(perLocale)) {
      console.log(`${locale}\t${((100 * r!.right) / r!.total).toFixed(1)}%\t${(confusions[locale as keyof typeof confusions] ?? []).slice(0, 12).map(([k, n]) => `${k} ×${n}`).join(", ")}`);
    }
    return 0;
  }
  const understander = loadUnderstander();
  if (argv.includes("--learn")) return 0;
  if (argv.includes("--evaluate")) {
    const report = evaluate(understander, readCorpus(HELDOUT_DIR), { now: new Date(), timezone });
    console.log(report.table);
    return 0;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const tab = line.indexOf("\t");
    const text = tab > 0 && isLocale(line.slice(0, tab)) ? line.slice(tab + 1) : line;
    const u = understander.understand(text, { now: new Date(), timezone });
    process.stdout.write(`${JSON.stringify({ intent: u.intent, confidence: u.confidence, slots: u.slots, locale: u.locale })}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
