// Red-team round 35 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red35/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All seven classes are fixed and enforced (each title says how); each benign twin is enforced and passes. Proven: 7 of 7 fire at the call
// under a 6 GB address-space cap, no twin does (tools/fixtures/tf_red35/proof-output.txt).
// Generators and findings: tools/fixtures/tf_red35/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, scanFixture } from "./helpers.js";

type Scan = Awaited<ReturnType<typeof scanFixture>>;
const show = (r: Scan) => JSON.stringify(r.findings, null, 1);

/** A memory exhaustion at the call is GW513 medium or above; its twin is quiet. */
function memory(name: string, op: RegExp, fixed?: string): void {
  test(`${name}: the allocation is GW513 medium${fixed ? ` (fixed: ${fixed})` : ""}`, fixed ? {} : { todo: "red-team round 35: under-reported today" }, async () => {
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

// A: fill([n, n], 1.0) with n = cast(cast(strings.length(16 x "a") - 17, uint16), int32) = 65535 (17 GB). valueBound
// (src/tf/graph.ts) bounds magnitudes and passes a Cast through unchanged (bound 16 + 17 = 33: relieved), but -1 cast
// to uint16 is 65535. Proven: OOM at shape [65535, 65535] at the call; the twin (k = 8) answers.
memory("red35_a_unsigned_cast_bound", /Fill/, "a cast to an unsigned type of a signed value, or past the type's range, is bounded by the type, and StringLength of a constant is evaluated (so the wrap is computed)");

// B: a string fill of 2^20 copies of strings.upper(3000 x U+0390, encoding="utf-8"). stringLength (src/tf/graph.ts)
// takes StringUpper / StringLower as never lengthening (6000 bytes: 6.3 GB in all, under the 8 GiB threshold), but
// the utf-8 case mapping (ICU full mapping) turns each 2-byte U+0390 into 6 bytes: 18000 bytes an element, 18.9 GB.
// Proven: the call dies at the 6 GB cap (SIGSEGV after a 4.68 GB peak); the twin (8 x U+03B1) answers.
memory("red35_b_utf8_case_growth", /Fill/, "a case change with an encoding may triple a string's UTF-8 length");

// C: fill([n, 16], 1.0) with n = while_loop(i < 1, (i + 1, StatelessIf([False], v * 2^28, v)), [0, 1])[1]. The If
// kernel takes a non-scalar predicate as true when it has elements (n = 2^28: 16 GiB); the loop simulation's evalCond
// (src/tf/graph.ts) reads the one-element [False] with constBool, which ignores the shape: the else branch, n = 1
// exact, quiet. Proven: OOM at shape [268435456, 16] at the call; the twin (v * 256) answers 4097.
memory("red35_c_vector_if_predicate", /Fill/, "every If predicate is read as TensorFlow's ToBool reads it (ifTruth): a non-scalar is true when it has elements");

// D: linalg.diag(ones([2, 2]), k=(65534, 65535), num_rows=65536, num_cols=65536): a MatrixDiagV3 of a band makes a
// 65536 x 65536 float matrix (16 GiB). shapeOf (src/tf/graph.ts) models one diagonal only (no shape for a band) and
// MatrixDiagV2/V3 are not among the fail-closed rule's size operands. Proven: OOM at shape [65536, 65536] at the call;
// the twin (16 x 16) answers.
memory("red35_d_matrix_diag_band", /MatrixDiag/, "MatrixDiagV2/V3 of a band k = (lower, upper) is shaped as the kernel sizes it, and its k/num_rows/num_cols are size operands of the fail-closed rule");

// E: a string fill of 2^16 copies of strings.format("{}", zeros([1024] + [1] * 199, int8), summarize=-1). stringLength's
// StringFormat model (src/tf/graph.ts) counts each element's text and 4 bytes (45 KiB), but the kernel prints a
// rank-200 tensor with brackets, newlines and indentation around each element: 613178 bytes, 40 GB in all. Proven:
// the call dies at the 6 GB cap (SIGSEGV after a 4.69 GB peak); the twin (rank 1) answers.
memory("red35_e_format_high_rank", /Fill/, "StringFormat's length counts up to 3 x rank bracket, newline and indentation characters per element");

// F: fill([n, 16], 1.0) with n = reduce_sum(fill([2^14], 2^14)) = 2^28 (16 GiB). constNumbers (src/tf/graph.ts) reads
// a Fill as its one value and its Sum case reduces that one-element list as the whole vector: n = 2^14 exactly, quiet.
// Proven: the call fails materializing the 16 GiB constant Grappler folds; the twin (16: n = 256) answers 4097.
memory("red35_f_reduced_fill_copies", /Fill/, "a Sum or Prod folds only when its numbers are every element (a fill's one value stands for all its copies)");

// G: fill([n, 16], 1.0) with n = StatelessIf(1e-45 (float32), then: 256, else: 2^28). The kernel reads the subnormal
// predicate as zero (denormals flushed): the else branch, 16 GiB. constNumbers (src/tf/graph.ts) picks the branch by
// `sel !== 0` without flushing: the then branch, 256, quiet. Proven: OOM at [268435456, 16] at the call; the twin
// (else 256) answers 4097.
memory("red35_g_subnormal_if_predicate", /Fill/, "ifTruth flushes a subnormal float32/float64 predicate to zero, as TensorFlow's threads do");
