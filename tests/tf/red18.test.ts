// Red-team round 18: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red18/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each malicious
// fixture must be reported with the trigger TensorFlow runs it at (all fixed and enforced); each benign twin (same
// structure, harmless value) must stay quiet (nothing above low), enforced. Generators and findings:
// tools/fixtures/tf_red18/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";


// L1: float16 i = 0; while i < 4096: i += 1. 2048 + 1 rounds to 2048 in float16: the counter stops, the loop
// never ends; the trip count is computed in doubles (4096, finite).
hangCase("red18_l1_float16_counter_saturates", "load", /While/, undefined, "a run that never ends");
// L1b: the same in bfloat16 (256 + 1 = 256), bound 512.
hangCase("red18_l1b_bfloat16_counter_saturates", "load", /While/, undefined, "a run that never ends");
// L2: int64 i = 0; while i >= 0: i += 1. A counter moving away from its bound runs until the int64 wraps (2**63
// iterations); tripCount gives no count ("overflow decides") and no count is taken as "ends".
hangCase("red18_l2_counter_moves_away", "load", /While/, undefined, "a run that never ends");
// L3: int64 i = 0; while i < 10: i += 0. A step of zero gives no count (tripCount's step === 0), taken as "ends".
hangCase("red18_l3_counter_step_zero", "load", /While/, undefined, "a run that never ends");
// L3c: the body returns (i + 0) * 1: not an Add/Sub of a constant (no counter) and not an identity (not
// loop-invariant): no verdict, taken as "ends".
hangCase("red18_l3c_counter_times_one", "load", /While/, undefined, "a run that never ends");
// L3b: loop variables (i, s), s = 0 handed back unchanged, the body returns (i + s, s): the step is a
// loop-invariant variable, not a Const, so no counter is recognised.
hangCase("red18_l3b_counter_step_from_loop_var", "load", /While/, undefined, "a run that never ends");

// L1c: range(2**25, 2**25 + 40, 4).repeat().filter(cast(x, float32) + 1.0 > cast(x, float32)).take(1): float32's
// spacing at 2**25 is 4, so the predicate is false for every element and the filter starves; the evaluator adds
// in doubles (true: "accepts").
hangCase("red18_l1c_float32_filter_predicate", "load", /ReduceDataset|FilterDataset/, undefined, "a run that never ends");
// R1: choose_from_datasets([range(0), range(1)], range(1).repeat().map(x * 0), stop_on_empty_dataset=False): the
// endless selector only picks the empty input; through a MapDataset its values are unknown, and unknown picks
// are taken as covering every input.
hangCase("red18_r1_selector_through_map", "load", /ReduceDataset|DirectedInterleave/, undefined, "a run that never ends");

// R2: range(2**20).flat_map(lambda _: from_tensor_slices(tf.range(2**20))): 2**40 elements; a TensorSliceDataset's
// size is not counted, so the flat_map's product is unknown (and unknown is taken as small).
hangCase("red18_r2_unknown_inner_size", "load", /ReduceDataset|FlatMapDataset/, undefined, "a run that never ends");
// R2b: range(2**20).batch(2).unbatch().repeat(2**20): 2**40 elements; the unbatch drops the size and the repeat of
// an unknown size is not counted.
hangCase("red18_r2b_unbatch_repeat_size", "load", /ReduceDataset|RepeatDataset/, undefined, "a run that never ends");

// S1: credential files outside /etc and a home directory (Debian's /var/backups copies of shadow and gshadow,
// root's Kerberos ticket cache in /tmp, cloud-init's user data, tailscaled's state with its private keys, an iwd
// Wi-Fi passphrase) are read by constant paths at inference and rated as ordinary reads (GW502 medium): each
// must be high.
const S1_FILES = ["var/backups/shadow.bak", "var/backups/gshadow.bak", "tmp/krb5cc_0", "var/lib/cloud/instance/user-data.txt", "var/lib/tailscale/tailscaled.state", "var/lib/iwd/home.psk"];
test(
  "red18_s1_credentials_outside_etc: the read of each credential file is reported high at inference",
  {},
  async () => {
    const r = await scanFixture("red18_s1_credentials_outside_etc");
    assert.deepEqual(r.errors, []);
    const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
    for (const p of S1_FILES) assert.ok(high.some((f) => (f.evidence ?? "").includes(`/tmp/red18-canary-tf-s1/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
  },
);
test("red18_s1_credentials_outside_etc_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red18_s1_credentials_outside_etc_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red18_s1_credentials_outside_etc_benign");
});

// P1: code files written where an ordinary later action runs them (a numpy.py beside a project's scripts, which
// `python` there imports instead of numpy; the project's Makefile, which the next `make` runs) are rated as
// ordinary writes (GW503 high): each must be critical (persistence).
const P1_FILES = ["project/numpy.py", "project/Makefile"];
test(
  "red18_p1_code_files_written: the write of each code file is reported critical at inference",
  {},
  async () => {
    const r = await scanFixture("red18_p1_code_files_written");
    assert.deepEqual(r.errors, []);
    const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
    for (const p of P1_FILES) assert.ok(crit.some((f) => (f.evidence ?? "").includes(`/tmp/red18-canary-tf-p1/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
  },
);
test("red18_p1_code_files_written_benign: benign twin (the paths and contents returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red18_p1_code_files_written_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red18_p1_code_files_written_benign");
});

// T1: the p1 SavedModel packed as a tar whose saved_model.pb member has the GNU sparse type 'S' (a one-chunk
// sparse map): Python's tarfile and GNU tar extract it as a regular file, the tar listing skips it, so the graph
// (WriteFile of two code files at inference) is never scanned. The writes must be reported (high or above) at
// inference, or the member at least flagged.
test("red18_t1_sparse_member_tar.tar: the graph in a GNU sparse member is scanned (its writes reported high at inference)", async () => {
  const r = await scanFixture("red18_t1_sparse_member_tar.tar");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(high.length >= 2, JSON.stringify(r.findings, null, 1));
});
test("red18_t1_sparse_member_tar_benign.tar: benign twin (the benign p1 model packed the same way) stays quiet", async () => {
  const r = await scanFixture("red18_t1_sparse_member_tar_benign.tar");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red18_t1_sparse_member_tar_benign.tar");
});
