import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { isLocale, type Locale } from "../core/locales.ts";
import { isIntent, type Intent } from "./intents.ts";

/** One labelled message of the corpus: `intent<TAB>message[<TAB>key=value;key=value]`. */
export interface Example {
  intent: Intent;
  text: string;
  locale: Locale;
  slots: Record<string, string>;
}

/** Reads one language's file; a line that does not fit is an error naming the file and line. */
export function parseCorpus(content: string, locale: Locale, file: string = locale): Example[] {
  return content
    .split("\n")
    .map((line, i) => ({ line: line.replace(/\r$/, ""), n: i + 1 }))
    .filter(({ line }) => line.trim() && !line.startsWith("#"))
    .map(({ line, n }) => {
      const [intent, text, slotText] = line.split("\t");
      if (!isIntent(intent) || !text?.trim()) throw new Error(`${file}:${n}: expected "intent<TAB>message", got ${JSON.stringify(line.slice(0, 80))}`);
      const slots = Object.fromEntries((slotText ?? "").split(";").filter(Boolean).map((kv) => kv.split("=").map((s) => s.trim()) as [string, string]));
      return { intent, text: text.trim(), locale, slots };
    });
}

/** Every `<locale>.tsv` of a folder. */
export function readCorpus(dir: string): Example[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".tsv") && isLocale(f.slice(0, -4)))
    .sort()
    .flatMap((f) => parseCorpus(readFileSync(path.join(dir, f), "utf8"), f.slice(0, -4) as Locale, f));
}
