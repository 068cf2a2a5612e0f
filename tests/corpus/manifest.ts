// The real-world corpus (../shared/corpus/realworld) and its manifest, shared by the corpus tests.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/realworld/", import.meta.url));

export interface CorpusRow {
  path: string;
  format: string;
  keras_version: string;
  has_lambda: string;
}

/** One row per corpus folder; empty when the corpus is not beside the clone. */
export function corpusRows(): CorpusRow[] {
  const p = CORPUS_DIR + "manifest.jsonl";
  return existsSync(p) ? readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as CorpusRow) : [];
}

/**
 * The skip reason for a test that needs the corpus: a fresh clone without ../shared skips with this
 * one line; under CI (CI set) the corpus must be there, so nothing is skipped and its absence fails.
 */
export function corpusSkip(): string | false {
  if (existsSync(CORPUS_DIR + "manifest.jsonl") || process.env["CI"]) return false;
  return "needs ../shared/corpus/realworld beside this clone (CI provides it; with CI set its absence fails)";
}
