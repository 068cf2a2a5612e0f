// A file path the model computes from its own constants by an op the trace does not evaluate (here EncodeBase64 and
// ReverseV2-like rewrites): fixed by the file yet hidden from inspection, so a read is rated as of credentials
// (high) and a write as of persistence (critical); the same ops over a run-time input stay at the op's own severity
// (round 24 A; the real-TF fixtures are tools/fixtures/tf_red24/a_paths.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { constStr, graphRules, nodeDef } from "./helpers.js";

const DT_STRING: [number, number][] = [[6, 7]];

test("a read of a path computed from constants by an unevaluated op is high; from a placeholder it stays medium", async () => {
  const hidden = await graphRules(constStr("c", "/HOME/U/NOTES.TXT"), nodeDef("low", "EncodeBase64", ["c"]), nodeDef("r", "ReadFile", ["low"]));
  assert.ok(hidden.some((x) => /^GW502 high/.test(x)), JSON.stringify(hidden));
  const fed = await graphRules(nodeDef("p", "Placeholder", [], { dtype: DT_STRING }), nodeDef("low", "EncodeBase64", ["p"]), nodeDef("r", "ReadFile", ["low"]));
  assert.ok(fed.some((x) => /^GW502 medium/.test(x)) && !fed.some((x) => /high|critical/.test(x)), JSON.stringify(fed));
});

test("a write to a path computed from constants by an unevaluated op is critical; from a placeholder it stays high", async () => {
  const hidden = await graphRules(constStr("c", "/TMP/OUT.TXT"), constStr("d", "x"), nodeDef("low", "EncodeBase64", ["c"]), nodeDef("w", "WriteFile", ["low", "d"]));
  assert.ok(hidden.some((x) => /^GW503 critical/.test(x)), JSON.stringify(hidden));
  const fed = await graphRules(nodeDef("p", "Placeholder", [], { dtype: DT_STRING }), constStr("d", "x"), nodeDef("low", "EncodeBase64", ["p"]), nodeDef("w", "WriteFile", ["low", "d"]));
  assert.ok(fed.some((x) => /^GW503 high/.test(x)) && !fed.some((x) => /critical/.test(x)), JSON.stringify(fed));
});

test("a hidden piece inside a file name, after known text of its segment, pins the folder: the op's own severity", async () => {
  const pinned = await graphRules(constStr("dir", "/tmp/x/shard_"), constStr("c", "abc"), nodeDef("h", "EncodeBase64", ["c"]), nodeDef("j", "StringJoin", ["dir", "h"]), nodeDef("r", "ReadFile", ["j"]));
  assert.ok(pinned.some((x) => /^GW502 medium/.test(x)) && !pinned.some((x) => /high|critical/.test(x)), JSON.stringify(pinned));
  // the hidden piece right after a separator may name any file of the folder, or lead anywhere with ".."
  const open = await graphRules(constStr("dir", "/tmp/x/"), constStr("c", "abc"), nodeDef("h", "EncodeBase64", ["c"]), nodeDef("j", "StringJoin", ["dir", "h"]), nodeDef("r", "ReadFile", ["j"]));
  assert.ok(open.some((x) => /^GW502 high/.test(x)), JSON.stringify(open));
});
