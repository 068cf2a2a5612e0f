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
