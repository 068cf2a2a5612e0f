// The text-file table reading (src/tf/graph.ts textFileColumn: the keys and values a lookup table initialised from
// the model's own asset text file holds) against real TensorFlow 2.20's InitializeTableFromTextFileV2
// (tools/gen-text-table-vectors.py): random files (line endings "\n", "\r\n", a lone "\r", empty lines, a missing
// final newline, a byte order mark, non-ASCII text, duplicates), the whole line or a delimited column, delimiters and
// vocab sizes. Where the kernel fills the table, the scan's keys and values are exactly the table's (as sets: the
// trace judges every value); where the kernel refuses the file the load fails, and nothing is asserted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { textFileColumn } from "../../src/tf/graph.js";

type Vector = { file: string; key_index: number; value_index: number; delimiter: string; vocab_size: number; keys?: string[]; values?: string[]; error?: string };
const doc = JSON.parse(readFileSync(new URL("./vectors/text-table.json", import.meta.url), "utf8")) as { tensorflow: string; vectors: Vector[] };
const filled = doc.vectors.filter((v) => v.keys);
const set = (xs: string[] | undefined) => (xs ? [...new Set(xs)].sort() : undefined);

test(`text-table vectors: ${doc.vectors.length} files through TensorFlow ${doc.tensorflow}'s kernel, ${filled.length} filled`, () => {
  assert.ok(doc.vectors.length >= 1000 && filled.length >= 500);
});

test("text-table vectors: the keys and values read from the file are the table's, for every file the kernel fills", () => {
  const wrong: string[] = [];
  for (const v of filled) {
    const data = new Uint8Array(Buffer.from(v.file, "base64"));
    const keys = set(textFileColumn(data, v.key_index, v.delimiter, v.vocab_size));
    const values = set(textFileColumn(data, v.value_index, v.delimiter, v.vocab_size));
    if (JSON.stringify(keys) !== JSON.stringify(set(v.keys)) || JSON.stringify(values) !== JSON.stringify(set(v.values))) {
      wrong.push(`${JSON.stringify(Buffer.from(v.file, "base64").toString())} k=${v.key_index} v=${v.value_index} d=${JSON.stringify(v.delimiter)} n=${v.vocab_size}: ours ${JSON.stringify([keys, values])} tf ${JSON.stringify([v.keys, v.values])}`);
    }
  }
  assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${filled.length} differ`);
});
