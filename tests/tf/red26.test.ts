// Red-team round 26 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red26/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All three classes are fixed and enforced. The twins of A and B have the same shape as the payloads: values past
// the trace's caps, or a piece computed from constants by an op not evaluated, which may hold a separator: the
// scanner cannot tell their paths from the payloads' and reports them as hidden locations (fail closed), nothing
// else; C's twin stays quiet.
// Generators and findings: tools/fixtures/tf_red26/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, scanFixture } from "./helpers.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const about = (r: Scan, op: RegExp) => r.findings.filter((f) => op.test(`${f.evidence ?? ""} ${f.message}`));

function readWriteCase(name: string, todo: string | undefined) {
  test(`${name}: the credential read is high and the start-up file write critical`, { todo }, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
    assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  });
  // the twin: the same ops on ordinary files, whose paths the scanner cannot see either: reported only as
  // reads and writes of a location the model hides
  test(`${name}_benign: reported only as reads and writes of a hidden location`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    const loudOnes = atLeast(r, "medium");
    assert.ok(loudOnes.length >= 2 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && /hides/.test(f.message)), JSON.stringify(loudOnes, null, 1));
  });
}

// A: one call of serving_default(x=1.0) reads ReadFile(table.lookup(int64(x) + 15)) of a StaticHashTable of 17 paths
// whose 17th is "<dir>/.ssh/id_rsa", and writes WriteFile(switch_case(int32(x) + 7, 9 branches)) whose 9th branch
// returns "<dir>/.bashrc". The trace keeps 16 values of a constant and 8 branches of a Case; what is past the cap
// becomes an ordinary opaque note, read as "supplied at run time": ReadFile medium, WriteFile high.
readWriteCase("red26_a_past_trace_caps", undefined);
// A, the hidden-path rule's own cap: ReadFile/WriteFile of reduce_join(gather(CHARS, idx)) spelling "<dir>/.ssh/id_rsa"
// and "<dir>/.bashrc", idx passed through 300 additions of a constant zero: fedByConstantsOnly gives up past 256
// nodes and answers "not fixed by the file": "the path is supplied at run time", ReadFile medium, WriteFile high.
readWriteCase("red26_a_hidden_past_256_nodes", undefined);

// B: one call of serving_default(x=1.0) writes "<dir>/work/cache_" + reduce_join(gather(CHARS, IDX)) where the gather
// spells "x/../../.bashrc", and reads the same folder + "x/../../.ssh/id_rsa". The hidden piece sits after known text
// of the file name, so the "pinned folder" exception silences the hidden-path rule, but the piece holds separators
// and "..": TensorFlow opens "<dir>/.bashrc" and "<dir>/.ssh/id_rsa". ReadFile medium, WriteFile high.
readWriteCase("red26_b_pinned_piece_escapes", undefined);

// C: the TrackableResource initializer (run by tf.saved_model.load) runs tf.while_loop(i < 34, (i + 1, concat([x, x],
// 0))) from a 1-element float32 x: the loop's end is verified (34 turns), but x doubles each turn to 2^34 elements
// (64 GiB); under a 6 GB cap the load fails with OOM "when allocating tensor with shape[536870912]". The loop rules
// weigh the turns (and matrix products), hugeTensor weighs shapes the graph fixes; the carried value's growth is
// weighed by neither: exit 0, GW507 info. Twin: 10 turns (4 KiB).
hangCase("red26_c_doubling_loop_at_load", "load", /While|ConcatV2|concat/, undefined, "a tensor that exhausts memory");
