// Red-team round 33 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red33/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All three classes are fixed and enforced (each title says how); each benign twin is enforced and passes.
// Generators and findings: tools/fixtures/tf_red33/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, scanFixture } from "./helpers.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** A memory exhaustion at the call is GW513 medium or above; its twin is quiet. */
function memory(name: string, op: RegExp, fixed: string): void {
  test(`${name}: the allocation is GW513 medium (fixed: ${fixed})`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513" && op.test(`${f.evidence ?? ""} ${f.message}`)), show(r));
  });
  test(`${name}_benign: the same structure with a small size stays quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(atLeast(r, "medium"), []);
  });
}

// A: the signature fills 2^20 elements with strings.join([c, c]) (c = 8 KiB of "x"): 16 GiB. stringLength
// (src/tf/graph.ts) knows the length of a constant, a fill, a broadcast or a tile only: a computed string element is
// weighed as a 24-byte tstring (24 MiB).
memory("red33_a_string_computed_fill", /Fill/, "a string's length is also known through StringJoin (its parts and separators), ReduceJoin (its elements) and the ops that never lengthen it");

// B: fill([n, 16], 1.0) with n a tf.Variable restored from the checkpoint as 2^28 that an exported function (never
// called) also assigns 256: writtenNumbers answers the writers' constant, the restored value is ignored.
memory("red33_b_restored_and_written", /Fill/, "a variable read takes every value the file fixes, its restored value and each constant write: one value where they agree, else the size is one the file fixes among several (fail closed)");

// D: fill([n, 16], 1.0) with n = reduce_sum(int32 [-2^31, -2^31, 2^28]): TensorFlow's int32 sum wraps to 2^28; the
// constNumbers reduction sums exactly (-2^32 + 2^28, a negative size: no tensor, no fail-closed rule).
memory("red33_d_reduction_wrap", /Fill/, "integer sums and products wrap to the dtype's width as the kernels compute them");
