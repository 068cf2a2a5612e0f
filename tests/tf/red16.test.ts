// Red-team round 16: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red16/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each
// malicious fixture must be reported with the trigger TensorFlow runs it at (all fixed); each benign
// twin (same structure, harmless value) must stay quiet (nothing above low). Generators and findings:
// tools/fixtures/tf_red16/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";

// Every class is fixed: hang cases pass `undefined` (enforced).
const FIXED = undefined;

// M1: a DT_HALF scalar Const keeps its value in TensorProto.half_val (field 13), which the readers skip; a
// Const with no value read is the zero of its dtype, so a float16 NaN rate or count is "the finite constant
// 0" to the retry-sampler check. TensorFlow's kernels widen it to a NaN and the rejection loop never ends.
hangCase("red16_m1_half_nan_rate", "load", /RandomPoisson/, FIXED, "a run that never ends");
hangCase("red16_m1b_half_nan_binomial", "inference", /StatelessRandomBinomial/, FIXED, "a run that never ends");
// M1c (hand-edited, same root): values are read from whichever field is present, TensorFlow reads the field
// of the dtype: a DT_INT64 repeat count with int64_val -1 and a stray float_val 3.0 is -1 (endless) to
// TensorFlow and 3 to the scanner.
hangCase("red16_m1c_value_field_by_presence", "load", /ReduceDataset|RepeatDataset/, FIXED, "a run that never ends");

// L1: take(1) of an endless dataset that drops every element (filter): take's cardinality is finite, so the
// endless-dataset check stops at TakeDataset; the first element never comes and the load-time reduce hangs.
hangCase("red16_l1_take_of_endless_filter", "load", /ReduceDataset/, FIXED, "a run that never ends");
// L2: the endless dataset is built inside the flat_map function (FlatMapDataset's `f`), not on its input.
hangCase("red16_l2_flat_map_endless_inner", "load", /ReduceDataset|FlatMapDataset/, FIXED, "a run that never ends");
// L3: a loop over an iterator of an endless dataset (autograph's While on OptionalHasValue): no reduction op.
hangCase("red16_l3_loop_over_endless_iterator", "load", /While|IteratorGetNext/, FIXED, "a run that never ends");
// L4: range(2**20).repeat(2**20): 2**40 elements (the check's own bound for a range), counted nowhere because a
// Repeat with a positive count is "finite"; the load-time reduce takes about 30 hours.
hangCase("red16_l4_repeat_product_astronomical", "load", /ReduceDataset|RepeatDataset/, FIXED, "a run that never ends");
// L5: an endless repeat behind a dataset op the hand-written list of endless-keeping ops does not name
// (UniqueDataset searches forever after the last new value; AssertCardinalityDataset passes elements through).
hangCase("red16_l5a_unlisted_op_unique", "load", /ReduceDataset|UniqueDataset/, FIXED, "a run that never ends");
hangCase("red16_l5b_unlisted_op_assert_cardinality", "load", /ReduceDataset|AssertCardinalityDataset/, FIXED, "a run that never ends");
// L6: a loop condition `i < add(1, 1)` (i handed back unchanged): the condition evaluator folds comparisons
// but not the arithmetic constNumbers folds; the same loop with the constant 2 is reported.
hangCase("red16_l6_loop_arithmetic_condition", "load", /While/, FIXED, "a run that never ends");

// FA1 (false alarm): a sampler whose rate (count) is a trained variable is rated medium because the check
// wants a finite constant; the value lives in variables/ (3.0, 10.0 in the benign twins, which end on real
// TensorFlow). The twins storing NaN in the same variable hang the serving call: they must stay reported,
// and the benign ones go quiet: the variable's checkpoint value is read (fixed).
for (const [name, op] of [["red16_fa1_learned_rate_poisson", /RandomPoisson/], ["red16_fa1b_learned_count_binomial", /StatelessRandomBinomial/]] as const) {
  test(`${name}: a NaN rate stored in the variable is reported (medium or above) at inference`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    const hits = atLeast(r, "medium").filter((f) => f.trigger === "inference" && op.test(`${f.evidence ?? ""} ${f.message}`));
    assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
  });
  test(`${name}_benign: a finite rate stored in the variable stays quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), [], `${name}_benign`);
  });
}

// N1: credential files the secrets-location list does not name (the shadow backup, SSH host private keys, a
// cluster-admin kubeconfig, container registry logins, the Copilot OAuth token, the XDG Kaggle key) are read
// by constant paths at inference and rated as ordinary reads (GW502 medium): each must be high.
const N1_FILES = ["etc/shadow-", "etc/ssh/ssh_host_ed25519_key", "etc/kubernetes/admin.conf", ".config/containers/auth.json", ".config/github-copilot/apps.json", ".config/kaggle/kaggle.json"];
test("red16_n1_unlisted_credential_files: the read of each credential file is reported high at inference", async () => {
  const r = await scanFixture("red16_n1_unlisted_credential_files");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const p of N1_FILES) assert.ok(high.some((f) => (f.evidence ?? "").includes(`/tmp/red16-canary-tf-n1/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red16_n1_unlisted_credential_files_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red16_n1_unlisted_credential_files_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red16_n1_unlisted_credential_files_benign");
});

// N2: files that make the host run code later but that the persistence list does not name (IPython/Jupyter
// startup, ~/.gitconfig core.fsmonitor, ~/.bash_logout, XDG autostart, /etc/profile.d) are written by
// constant paths at inference and rated as ordinary writes (GW503 high): each must be critical.
const N2_FILES = ["home/.ipython/profile_default/startup/00-red16.py", "home/.jupyter/jupyter_server_config.py", "home/.gitconfig", "home/.bash_logout", "home/.config/autostart/red16.desktop", "etc/profile.d/red16.sh"];
test("red16_n2_unlisted_persistence_writes: the write of each persistence file is reported critical at inference", async () => {
  const r = await scanFixture("red16_n2_unlisted_persistence_writes");
  assert.deepEqual(r.errors, []);
  const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const p of N2_FILES) assert.ok(crit.some((f) => (f.evidence ?? "").includes(`/tmp/red16-canary-tf-n2/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red16_n2_unlisted_persistence_writes_benign: benign twin (the paths and contents returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red16_n2_unlisted_persistence_writes_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red16_n2_unlisted_persistence_writes_benign");
});

// P1: the StringFormat fold prints its operand as one element at a guessed rank. TensorFlow's broadcast
// constant tf.constant("K", shape=[2]) stores one value for two elements and prints ["K" "K"] (P1); a rank-8
// one-element constant prints eight bracket pairs, the fold enumerates ranks 0-7 (P1b). A rewrite of the real
// form to a secrets-location path is judged on the harmless guesses: ReadFile medium instead of high.
// P3: a fold of the model's own asset path is judged under two fixed probe export directories; a rewrite that
// maps exactly those two spellings to a harmless value and the real one to a secrets-location path is judged
// by the harmless value.
for (const name of ["red16_p1_string_format_broadcast_const", "red16_p1b_string_format_rank8", "red16_p3_asset_probe_dirs"]) {
  test(`${name}: the read of the secrets-location path the real value rewrites to is reported high at inference`, async () => {
    const r = await scanFixture(name);
    assert.deepEqual(r.errors, []);
    const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
    assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
  });
  test(`${name}_benign: benign twin of ${name} stays quiet`, async () => {
    const r = await scanFixture(`${name}_benign`);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), [], `${name}_benign`);
  });
}

// P2: a StringJoin with a constant part holding a byte that is not UTF-8 becomes "supplied at run time";
// TensorFlow joins the bytes and cleans "/tmp/\xff/../../proc/self/environ" to /proc/self/environ (the process
// environment: a credential read) at inference.
test("red16_p2_join_non_utf8_bytes: the read of /proc/self/environ behind a non-UTF-8 directory byte is reported high at inference", async () => {
  const r = await scanFixture("red16_p2_join_non_utf8_bytes");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red16_p2_join_non_utf8_bytes_benign: benign twin of red16_p2_join_non_utf8_bytes stays quiet", async () => {
  const r = await scanFixture("red16_p2_join_non_utf8_bytes_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red16_p2_join_non_utf8_bytes_benign");
});

// Q1 (hand-built tar around a real TF 2.20 SavedModel): the vocabulary asset is a FIFO member; `tar xf` makes
// it a FIFO and the table initializer's open() blocks at load. The tar scan does not mention the member.
test("red16_q1_fifo_asset.tar: the FIFO the loader opens at load is reported (medium or above)", async () => {
  const r = await scanFixture("red16_q1_fifo_asset.tar");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "medium").filter((f) => /vocab\.txt|FIFO|fifo/.test(`${f.evidence ?? ""} ${f.message} ${JSON.stringify(f.location)}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red16_q1_fifo_asset_benign.tar: the same tar with a regular vocabulary file stays quiet", async () => {
  const r = await scanFixture("red16_q1_fifo_asset_benign.tar");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red16_q1_fifo_asset_benign.tar");
});

// FA2 (false alarm): sample_from_datasets over finite datasets, reduced at load, is rated medium because the
// endless check follows DirectedInterleaveDataset's selector (an endless random dataset) instead of its data
// inputs. The twin with one endless data input hangs the load and must stay reported.
test("red16_fa2_sample_from_finite_datasets: sampling an endless dataset in full is reported (medium or above) at load", async () => {
  const r = await scanFixture("red16_fa2_sample_from_finite_datasets");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "medium").filter((f) => f.trigger === "load" && /ReduceDataset/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red16_fa2_sample_from_finite_datasets_benign: sampling finite datasets in full stays quiet", async () => {
  const r = await scanFixture("red16_fa2_sample_from_finite_datasets_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red16_fa2_sample_from_finite_datasets_benign");
});
