// The OpDef facts the wait judgements rest on (src/tf/graph.ts GROUP_SIZE and ONE_RECORD_READERS) against every op
// TensorFlow 2.20 registers (tools/gen-wait-op-vectors.py): each collective that names its group's size has an entry
// that reads it where the OpDef puts it (a collective without one would be taken as waiting, never as a group of
// one: an entry that reads the wrong input could call a real wait satisfied); the one-record readers are readers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { GROUP_SIZE, ONE_RECORD_READERS } from "../../src/tf/graph.js";

const doc = JSON.parse(readFileSync(new URL("./vectors/wait-ops.json", import.meta.url), "utf8")) as {
  groups: Record<string, { input?: number; attr?: string; communicator?: number }>;
  readers: string[];
};

test("every collective's group size is read where its OpDef puts it, and no entry names an op TensorFlow lacks", () => {
  assert.ok(Object.keys(doc.groups).length >= 19);
  for (const [op, where] of Object.entries(doc.groups)) assert.deepEqual(GROUP_SIZE[op], where, op);
  for (const op of Object.keys(GROUP_SIZE)) assert.ok(op in doc.groups, `${op} is not a collective of TensorFlow 2.20`);
});

test("one-record readers are readers of TensorFlow", () => {
  for (const r of ONE_RECORD_READERS) assert.ok(doc.readers.includes(r), r);
  // the record readers that may take another work item per read stay out
  for (const r of ["TextLineReaderV2", "TFRecordReaderV2", "FixedLengthRecordReaderV2", "LMDBReader"]) assert.ok(doc.readers.includes(r) && !ONE_RECORD_READERS.has(r), r);
});
