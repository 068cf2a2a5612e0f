// The checkpoint table readers (src/tf/checkpoint.ts) on files written by real TensorFlow 2.20: a V1 checkpoint (the
// `Save` op's file, shipped among a model's assets: fixtures/tf/red31_b_restore_other_checkpoint, written by
// tools/fixtures/tf_red31/b_restore_other_checkpoint.py) and a V2 bundle index (a SavedModel's variables.index).
// Hostile bytes (truncations, flipped bytes, a block marked compressed) end in a FormatError, never another error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { FormatError } from "../../src/core/bytes.js";
import { parseBundleIndex, parseV1CheckpointStrings } from "../../src/tf/checkpoint.js";

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/tf/${p}`, import.meta.url)));
const v1 = fixture("red31_b_restore_other_checkpoint/assets/vocab.ckpt");
const v1Twin = fixture("red31_b_restore_other_checkpoint_benign/assets/vocab.ckpt");
const text = (m: Map<string, Uint8Array[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((b) => new TextDecoder().decode(b))]));

test("a V1 checkpoint's string tensors are read by name, as stored", () => {
  assert.deepEqual(text(parseV1CheckpointStrings(v1)), {
    "r/.ATTRIBUTES/VARIABLE_VALUE": ["/tmp/red31-canary-tf-b/.ssh/id_rsa"],
    "w/.ATTRIBUTES/VARIABLE_VALUE": ["/tmp/red31-canary-tf-b/.bashrc"],
  });
  assert.deepEqual(text(parseV1CheckpointStrings(v1Twin)), {
    "r/.ATTRIBUTES/VARIABLE_VALUE": ["/tmp/red31-canary-tf-b/work/other.txt"],
    "w/.ATTRIBUTES/VARIABLE_VALUE": ["/tmp/red31-canary-tf-b/work/notes1.txt"],
  });
});

test("a V2 bundle index and a V1 table share the table reader", () => {
  const index = parseBundleIndex(fixture("red31_b_restore_other_checkpoint/variables/variables.index"));
  assert.ok(index.entries.some((e) => e.key === "w/.ATTRIBUTES/VARIABLE_VALUE"), JSON.stringify(index.entries.map((e) => e.key)));
});

test("hostile tables: every truncation and flipped bytes end in FormatError or a result", () => {
  const tryParse = (b: Uint8Array) => {
    try {
      parseV1CheckpointStrings(b);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
    }
  };
  for (let n = 0; n < v1.length; n++) tryParse(v1.subarray(0, n));
  for (let i = 0; i < v1.length; i++) {
    for (const x of [0x00, 0xff, 0x80]) {
      const b = v1.slice();
      b[i] = x;
      tryParse(b);
    }
  }
});

test("a table whose block is marked compressed (its trailer's type byte) is refused, not misread", () => {
  // the footer: the metaindex block's handle, then the index block's (varint offset, varint size)
  let at = v1.length - 48;
  const varint = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const x = v1[at++]!;
      v += (x & 0x7f) * 2 ** shift;
      if (x < 0x80) return v;
    }
  };
  varint();
  varint();
  const [indexOff, indexSize] = [varint(), varint()];
  assert.equal(v1[indexOff + indexSize], 0, "stored uncompressed by TensorFlow");
  const b = v1.slice();
  b[indexOff + indexSize] = 1; // snappy
  assert.throws(() => parseV1CheckpointStrings(b), FormatError);
});
