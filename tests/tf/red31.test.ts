// Red-team round 31 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red31/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All seven classes are fixed and enforced (each test title says how); each benign twin stays as it was. For the false
// alarm G the `_benign` fixture is the over-rated model and the harmful twin is enforced as reported.
// Generators and findings: tools/fixtures/tf_red31/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, graphRules, nodeDef, scanFixture, type PbField } from "./helpers.js";
import { about } from "./red-team.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** The payload's credential read is high and its start-up file write critical; its twin is reported only as
 * ordinary file reads and writes (GW502/GW503), never as a secrets or persistence location. */
function readWrite(name: string, fixed: string): void {
  test(`${name}: the credential read is high and the start-up file write critical (fixed: ${fixed})`, async () => {
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

/** A memory exhaustion (at load or at the call) is GW513 medium or above; its twin is quiet. */
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

// A: the load-time initializer sums unsorted_segment_sum(float64 [1.0], [0], num_segments = 2^31 - 1): a 16 GiB
// tensor (proven: OOM at load under a 6 GB cap). UnsortedSegmentSum is not in HUGE_TENSOR_OPS (src/tf/graph.ts), so
// hugeTensor never weighs it (nor Bincount, MatrixDiagV3 / tf.eye, ResizeBilinear: probes).
memory("red31_a_alloc_outside_list", /UnsortedSegmentSum/, "every op is weighed by its output shape where the shape functions fix it, not a list of op names (segment sums, bincounts, matrix diagonals, resizes, transposed-convolution inputs, categorical draws); the threshold is 8 GiB, below the largest tensor a 32-bit count makes of 8-byte elements");

// B: the file names are Restore(<asset V1 checkpoint>, "w/.ATTRIBUTES/VARIABLE_VALUE") and (..., "r/..."): the trace
// answers a restore with the model's OWN checkpoint's value for that tensor name (harmless paths) whatever file the
// restore reads; TensorFlow returns the asset checkpoint's values (<dir>/.bashrc, <dir>/.ssh/id_rsa).
readWrite("red31_b_restore_other_checkpoint", "a restore answers from the model's own checkpoint only where it is the standard saver subgraph, whose prefix the loader feeds; a V1 checkpoint among the assets is read (Restore, RestoreSlice); any other file is a value the model hides");

// C: the file names are reduce_join(reshape(gather(PIECES, IDX), [-1]), axis=0): the ReduceJoin fold joins the
// trace's values of its input, which for a gather are ALL the pieces in the constant's order (a harmless path);
// TensorFlow joins the gathered pieces (<dir>/.bashrc, <dir>/.ssh/id_rsa).
readWrite("red31_c_join_after_selection", "a gather of a constant vector at evaluated indices is the values it picks, in order; any other selection's values are candidates that no fold reads as the tensor's element list (ReduceJoin refuses them)");

// D: fill([n, 16], 1.0) at the call with n a tf.Variable whose checkpointed value is 2^28 (16 GiB: proven, OOM at the
// call under a 6 GB cap). The Fill's dims come from constNumbers only, which does not read restored variables.
memory("red31_d_size_from_checkpoint", /Fill/, "the number evaluator reads a restored, never-written variable's saved value as the path side does");

// E: the same with n = to_number("268435456"): an op constNumbers does not evaluate, fed only by the file's
// constants; the size is "not known" and the rule stays silent (fail open).
memory("red31_e_size_from_unevaluated_op", /Fill/, "StringToNumber of the file's text is evaluated as the kernel parses it; a size computed from constants by any op still not evaluated is reported (fail closed, below)");

test("a tensor whose size the file computes from its constants by an op not evaluated is GW513 medium (fail closed); a size from the input is not", async () => {
  const i32: PbField[] = [[6, 3]];
  const f32: PbField[] = [[6, 1]];
  const vec = (...v: number[]): PbField[] => [[8, [[1, 3], [2, [[2, [[1, v.length]]]]], ...v.map((x): PbField => [7, x])]]];
  const hidden = await graphRules(
    nodeDef("c", "Const", [], { dtype: i32, value: vec(65536, 65536) }),
    nodeDef("dims", "Square", ["c"], { T: i32 }),
    nodeDef("one", "Const", [], { dtype: f32, value: [[8, [[1, 1], [5, 1]]]] }),
    nodeDef("x", "Fill", ["dims", "one"], { T: f32 }),
  );
  assert.ok(hidden.some((r) => /^GW513 medium Fill\(size from Square dims\)/.test(r)), JSON.stringify(hidden));
  const fed = await graphRules(
    nodeDef("in", "Placeholder", [], { dtype: f32 }),
    nodeDef("dims", "Shape", ["in"], { T: f32, out_type: i32 }),
    nodeDef("one", "Const", [], { dtype: f32, value: [[8, [[1, 1], [5, 1]]]] }),
    nodeDef("x", "Fill", ["dims", "one"], { T: f32 }),
  );
  assert.deepEqual(fed.filter((r) => r.startsWith("GW513")), []);
});

// F: the load-time loop x = concat([x, x * 2.0], 0) for 34 turns from [1.0] (proven: OOM at load). loopGrowth only
// counts a ConcatV2 whose parts are all the variable itself (or a Tile of it).
memory("red31_f_growth_through_copy", /While/, "a concat's parts count when they are the variable or an element-wise transform of it (a cast, a unary op, arithmetic with a scalar or a value of its own shape)");

// G (false alarm): the load-time loop x = concat([x, x], 0) for 40 turns from an EMPTY x stays empty (proven: loads at
// once and answers 1.0), rated GW513 medium (loopGrowth sizes the entry with Math.max(d, 1): [0] counts as one
// element). The harmful twin of the same structure starts from [1.0] (OOM at load): enforced as reported.
test("red31_g_empty_growth_benign: a loop doubling an empty tensor does not grow (fixed: a known empty dimension is 0, only an unknown one counts as 1)", async () => {
  const r = await scanFixture("red31_g_empty_growth_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "medium"), []);
});
test("red31_g_empty_growth: a loop doubling [1.0] 40 times is GW513 medium", async () => {
  const r = await scanFixture("red31_g_empty_growth");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513"), show(r));
});
