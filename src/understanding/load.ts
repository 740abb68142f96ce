import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../core/project-root.ts";
import { readCorpus } from "./corpus.ts";
import { MODEL_OPTIONS, Understander, type UnderstanderState } from "./understand.ts";

/** Where the labelled corpus the model learns from lives (one `<locale>.tsv` per language). */
export const CORPUS_DIR = path.join(PROJECT_ROOT, "corpus", "train");
/** The held-out part: never learnt from, never tuned on; it only measures. */
export const HELDOUT_DIR = path.join(PROJECT_ROOT, "corpus", "heldout");
/** Learnt models are kept here, named by what they were learnt from, so a process starts in milliseconds. */
const CACHE_DIR = path.join(PROJECT_ROOT, "node_modules", ".cache", "understanding");
/** Bump when features or models change shape: old files are then not read. */
const MODEL_VERSION = 2;

let shared: Understander | undefined;

/** The model, learnt once from the corpus (a few seconds) and kept in a file for the next processes. */
export function loadUnderstander(): Understander {
  if (shared) return shared;
  const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".tsv")).sort();
  const hash = createHash("sha256").update(JSON.stringify({ MODEL_VERSION, MODEL_OPTIONS }));
  for (const f of files) hash.update(f).update(readFileSync(path.join(CORPUS_DIR, f)));
  const file = path.join(CACHE_DIR, `${hash.digest("hex").slice(0, 16)}.json`);
  try {
    shared = Understander.restore(JSON.parse(readFileSync(file, "utf8")) as UnderstanderState);
  } catch {
    shared = Understander.learn(readCorpus(CORPUS_DIR));
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(shared.state()));
      renameSync(tmp, file);
    } catch {
      // A read-only install learns at each start instead; nothing else changes.
    }
  }
  return shared;
}
