// Red-team round 27 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red27/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today,
// and one benign model rated above low (C). All enforced: every class is fixed (see FINDINGS.md, "Fixed").
// Generators and findings: tools/fixtures/tf_red27/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";
import { readWriteCase } from "./red-team.js";



// A: one call of serving_default(x=1.0) writes "<dir>/work/cache_" + as_string(<gather spelling "x/../../.bashrc">) and
// reads the same folder + as_string(<gather spelling "x/../../.ssh/id_rsa">). AsString accepts a string tensor and
// returns it unchanged; the pinned-folder exception trusts any piece labelled AsString to hold no separator:
// ReadFile medium, WriteFile high.
readWriteCase("red27_a_asstring_of_string");

// B: the path is where(x > 0, <gather spelling "<dir>/.bashrc">, "<dir>/work/cache_" + as_string(2.5)) (the read the
// same with "<dir>/.ssh/id_rsa"): the exception is decided over the known-text shapes only (one, pinned); the wholly
// hidden alternative is an opaque note no shape shows, and it is excused with the rest: ReadFile medium, WriteFile high.
readWriteCase("red27_b_pinned_alternative");

// E: one call overwrites the first match of MatchingFiles("<dir>/.b*rc") and reads the first match of
// MatchingFiles("/proc/self/envi*"): globCandidates tries a star as "" and "x" only, so no candidate is .bashrc or
// environ (with the literal paths: critical and high): ReadFile medium, WriteFile high.
readWriteCase("red27_e_glob_star_in_name");

// C (false alarm): the load-time initializer runs an outer loop of 4 turns around an inner loop that doubles x = [1.0]
// 20 times (4 MiB, restarted from the constant in each outer turn). loopGrowth is handed the inner count times the
// enclosing count (80 doublings, 2^82 bytes): GW513 medium. The harmful twin (34 doublings, outer 2) is reported.
test("red27_c_nested_doubling_benign: an inner doubling loop restarted by each outer turn stays quiet", async () => {
  const r = await scanFixture("red27_c_nested_doubling_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], JSON.stringify(r.findings, null, 1));
});
test("red27_c_nested_doubling: the harmful twin (34 doublings a turn) is reported at load", async () => {
  const r = await scanFixture("red27_c_nested_doubling");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.rule === "GW513" && f.trigger === "load"), JSON.stringify(r.findings, null, 1));
});

// D: the load-time initializer sums matmul(ones([1, 65536, 1]), ones([65536, 1, 1])): BatchMatMulV2 broadcasts the
// batch dimensions, a [65536, 65536, 1] float32 product (16 GiB; OOM under a 6 GB cap). shapeOf takes the batch dims
// of the first operand ([1, 65536, 1], 256 KiB): exit 0, GW507 info. Twin: N = 256.
hangCase("red27_d_batch_broadcast_at_load", "load", /BatchMatMul|MatMul/, undefined, "a tensor that exhausts memory");

// F: one call writes WriteFile(reduce_join(gather(CHARS, same(IDX_W)))) (`same` a nested tf.function returning its
// argument: a PartitionedCall) spelling "<dir>/.bashrc", and reads ReadFile(reduce_join(gather(CHARS, IDX_R +
// random.uniform([n], 0, 1, int32)))) (a draw from a one-value range: 0) spelling "<dir>/.ssh/id_rsa".
// fedByConstantsOnly stops at any op named by its deny list (Random, Call$): "supplied at run time", ReadFile
// medium, WriteFile high.
readWriteCase("red27_f_constant_through_denied_op");

// G: the load-time initializer makes tf.fill([2**30], "0") (a string tensor: 2^30 tstrings of 24 bytes, 24 GiB;
// OOM under a 6 GB cap). DTYPE_BYTES has no DT_STRING entry and weighs each element as 1 byte (1 GiB, below the
// 16 GiB bound): exit 0, GW507 info (control: 2^34 strings is GW513 medium). Twin: 2^20 strings.
hangCase("red27_g_string_tensor_at_load", "load", /Fill/, undefined, "a tensor that exhausts memory");
