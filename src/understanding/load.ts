import path from "node:path";
import { PROJECT_ROOT } from "../core/project-root.ts";
import { readCorpus } from "./corpus.ts";
import { Understander } from "./understand.ts";

/** Where the labelled corpus the model learns from lives (one `<locale>.tsv` per language). */
export const CORPUS_DIR = path.join(PROJECT_ROOT, "tests", "understanding", "corpus");
/** The held-out part: never learnt from, never tuned on; it only measures. */
export const HELDOUT_DIR = path.join(PROJECT_ROOT, "tests", "understanding", "heldout");

let shared: Understander | undefined;

/** The model, built once per process from the corpus (about half a second). */
export function loadUnderstander(): Understander {
  shared ??= new Understander(readCorpus(CORPUS_DIR));
  return shared;
}
