// Red-team round 31 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red31/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// Malicious cases are `todo` (they fail today); each benign twin is enforced and passes. For the false alarm G the
// `_benign` fixture is the over-rated model (its test is `todo`) and the harmful twin is enforced as reported.
// Generators and findings: tools/fixtures/tf_red31/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, scanFixture } from "./helpers.js";
import { about } from "./red-team.js";

const TODO = "round 31 finding (tools/fixtures/tf_red31/FINDINGS.md)";
type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** The payload's credential read is high and its start-up file write critical (todo); its twin is reported only as
 * ordinary file reads and writes (GW502/GW503), never as a secrets or persistence location (enforced). */
function readWriteTodo(name: string): void {
  test(`${name}: the credential read is high and the start-up file write critical`, { todo: TODO }, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), show(r));
    assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), show(r));
  });
  test(`${name}_benign: only file reads and writes, no secrets or persistence location named`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    const loudOnes = atLeast(r, "medium");
    assert.ok(loudOnes.length >= 2 && loudOnes.every((f) => /GW50[23]/.test(f.rule) && !/secrets location|persistence location|hides/.test(f.message)), JSON.stringify(loudOnes, null, 1));
  });
}

/** A memory exhaustion (at load or at the call) is GW513 medium or above (todo); its twin is quiet (enforced). */
function memoryTodo(name: string, op: RegExp): void {
  test(`${name}: the allocation is GW513 medium`, { todo: TODO }, async () => {
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

// A: the load-time initializer sums unsorted_segment_sum(float64 [1.0], [0], num_segments = 2^31 - 1): a 16 GiB
// tensor (proven: OOM at load under a 6 GB cap). UnsortedSegmentSum is not in HUGE_TENSOR_OPS (src/tf/graph.ts), so
// hugeTensor never weighs it (nor Bincount, MatrixDiagV3 / tf.eye, ResizeBilinear: probes).
memoryTodo("red31_a_alloc_outside_list", /UnsortedSegmentSum/);

// B: the file names are Restore(<asset V1 checkpoint>, "w/.ATTRIBUTES/VARIABLE_VALUE") and (..., "r/..."): the trace
// answers a restore with the model's OWN checkpoint's value for that tensor name (harmless paths) whatever file the
// restore reads; TensorFlow returns the asset checkpoint's values (<dir>/.bashrc, <dir>/.ssh/id_rsa).
readWriteTodo("red31_b_restore_other_checkpoint");

// C: the file names are reduce_join(reshape(gather(PIECES, IDX), [-1]), axis=0): the ReduceJoin fold joins the
// trace's values of its input, which for a gather are ALL the pieces in the constant's order (a harmless path);
// TensorFlow joins the gathered pieces (<dir>/.bashrc, <dir>/.ssh/id_rsa).
readWriteTodo("red31_c_join_after_selection");

// D: fill([n, 16], 1.0) at the call with n a tf.Variable whose checkpointed value is 2^28 (16 GiB: proven, OOM at the
// call under a 6 GB cap). The Fill's dims come from constNumbers only, which does not read restored variables.
memoryTodo("red31_d_size_from_checkpoint", /Fill/);

// E: the same with n = to_number("268435456"): an op constNumbers does not evaluate, fed only by the file's
// constants; the size is "not known" and the rule stays silent (fail open).
memoryTodo("red31_e_size_from_unevaluated_op", /Fill/);

// F: the load-time loop x = concat([x, x * 2.0], 0) for 34 turns from [1.0] (proven: OOM at load). loopGrowth only
// counts a ConcatV2 whose parts are all the variable itself (or a Tile of it).
memoryTodo("red31_f_growth_through_copy", /While/);

// G (false alarm): the load-time loop x = concat([x, x], 0) for 40 turns from an EMPTY x stays empty (proven: loads at
// once and answers 1.0), rated GW513 medium (loopGrowth sizes the entry with Math.max(d, 1): [0] counts as one
// element). The harmful twin of the same structure starts from [1.0] (OOM at load): enforced as reported.
test("red31_g_empty_growth_benign: a loop doubling an empty tensor does not grow", { todo: TODO }, async () => {
  const r = await scanFixture("red31_g_empty_growth_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "medium"), []);
});
test("red31_g_empty_growth: a loop doubling [1.0] 40 times is GW513 medium", async () => {
  const r = await scanFixture("red31_g_empty_growth");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513"), show(r));
});
