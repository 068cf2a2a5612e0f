// Red-team round 20: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red20/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each malicious
// fixture must be reported with the trigger TensorFlow runs it at (all fixed, enforced); each benign twin (same
// structure, harmless value) must stay quiet (nothing above low), enforced. For the false alarm (FA2) the
// reverse: the hanging twin is enforced, the benign model is enforced too (fixed). Generators and findings: tools/fixtures/tf_red20/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";


// L9: int64 i = 2**60; while i >= 2**60: i += 1 (2**63 - 2**60 trips): the folds refuse integer arithmetic
// beyond 2**53 (intArith), the loop simulation gets no next state and gives up: no count, silence.
hangCase("red20_l9_int64_beyond_2p53", "load", /While/, undefined, "a run that never ends");
// L9b: while int64 2**53 != 2**53 + 1: always true; int64 constants are read as doubles (2**53 + 1 becomes
// 2**53), so the condition folds to false and the loop "never runs".
hangCase("red20_l9b_int64_constants_round_equal", "load", /While/, undefined, "a run that never ends");
// L10: a While of 2**25 trips whose body runs a While of 2**25 trips (2**50 in all): each loop is judged alone
// against 2**40.
hangCase("red20_l10_nested_loops_multiply", "load", /While/, undefined, "a run that never ends");
// L10b: int64 i = 0; while i < 2**39: i += 1: weeks of executor iterations, below the dataset threshold 2**40.
hangCase("red20_l10b_loop_count_below_threshold", "load", /While/, undefined, "a run that never ends");
// L11: float16 i = 0; while i < 4096: i = Cast(Cast(i, float32) + 1.5, float16, Truncate=True): the truncating
// cast sticks at 2048; castNumber ignores Truncate and rounds to nearest (the simulation reaches 4096: "ends").
hangCase("red20_l11_cast_truncate_ignored", "load", /While/, undefined, "a run that never ends");
// D4: range(1).repeat().map(slow).shard(2**31, 2**31 - 1).take(1) (slow: a sum of 2**16 random numbers per element,
// about 3,300 a second): the shard computes 2**31 - 1 elements (about a week) before its first; over an
// endless input; ShardDataset is a plain "keeps" op (its count inputs are not read).
hangCase("red20_d4_shard_skips_astronomical", "load", /ReduceDataset|ShardDataset|TakeDataset/, undefined, "a run that never ends");

// FA2 (false alarm): range(3).repeat().map(stack([x, x + 1])).unbatch().take(4) and the same through
// flat_map(from_tensor_slices(stack(...))): two rows per element, the load ends at once; a Pack's row count is
// not known, so both starve (GW513 medium). The twin with no rows ([:0]) hangs and must stay reported.
test("red20_fa2_stacked_rows_unbatched: the unbatch / flat_map of empty rows over an endless input is reported (medium or above) at load", async () => {
  const r = await scanFixture("red20_fa2_stacked_rows_unbatched");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.trigger === "load" && /UnbatchDataset|FlatMapDataset/.test(`${f.evidence ?? ""} ${f.message}`)), JSON.stringify(r.findings, null, 1));
});
test("red20_fa2_stacked_rows_unbatched_benign: rows stacked from two scalars (two per element) stay quiet", async () => {
  const r = await scanFixture("red20_fa2_stacked_rows_unbatched_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_fa2_stacked_rows_unbatched_benign");
});

// S3: credential stores the lists do not name: the macOS login keychain and local user record (password hash),
// an Active Directory database (ntds.dit), a Windows setup answer file (Unattend.xml), WordPress's wp-config.php,
// FileZilla's saved servers. Read by constant paths at inference and rated as ordinary reads (GW502 medium):
// each must be high.
const S3_FILES = ["login.keychain-db", "u.plist", "ntds.dit", "Unattend.xml", "wp-config.php", "sitemanager.xml"];
test("red20_s3_credentials_macos_and_server_stores: each read is reported high at inference", async () => {
  const r = await scanFixture("red20_s3_credentials_macos_and_server_stores");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const name of S3_FILES) assert.ok(high.some((f) => `${f.evidence ?? ""} ${f.message}`.includes(name)), `${name}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red20_s3_credentials_macos_and_server_stores_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red20_s3_credentials_macos_and_server_stores_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_s3_credentials_macos_and_server_stores_benign");
});

// C2: a private SSH key read at inference through UnicodeEncode(errors="ignore") of int32 code points with two invalid
// ones among them (-1, 0x110000): the kernel drops them; the fold gives up on any invalid code point (unknown path,
// GW502 medium). Must be high.
test("red20_c2_unicode_encode_skips_invalid: the read of the encoded key path is reported high at inference", async () => {
  const r = await scanFixture("red20_c2_unicode_encode_skips_invalid");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(high.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red20_c2_unicode_encode_skips_invalid_benign: benign twin (the encoded path returned, not read) stays quiet", async () => {
  const r = await scanFixture("red20_c2_unicode_encode_skips_invalid_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_c2_unicode_encode_skips_invalid_benign");
});

// P3: a compiled Python extension module written into a project (project/requests.so): `import requests` there
// loads it before the installed package and runs its init. Rated as an ordinary write (GW503 high): critical.
test("red20_p3_native_module_written: the write of the native module is reported critical at inference", async () => {
  const r = await scanFixture("red20_p3_native_module_written");
  assert.deepEqual(r.errors, []);
  const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(crit.some((f) => `${f.evidence ?? ""} ${f.message}`.includes("project/requests.so")), JSON.stringify(r.findings, null, 1));
});
test("red20_p3_native_module_written_benign: benign twin (the path and bytes returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red20_p3_native_module_written_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_p3_native_module_written_benign");
});

// FA3 (false alarm): range(3).repeat().filter(lambda x: uniform([]) < 0.5).take(4): random subsampling of an endless
// stream ends at once; a predicate "not shown to accept any element" over an endless input starves (GW513 medium),
// and a random draw is never shown to. The twin with uniform([]) < 0.0 (never accepted) hangs and must stay reported.
test("red20_fa3_random_subsample_filter: the filter that never accepts over an endless input is reported (medium or above) at load", async () => {
  const r = await scanFixture("red20_fa3_random_subsample_filter");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.trigger === "load" && /FilterDataset/.test(`${f.evidence ?? ""} ${f.message}`)), JSON.stringify(r.findings, null, 1));
});
test("red20_fa3_random_subsample_filter_benign: a random subsampling filter (rate 0.5) stays quiet", async () => {
  const r = await scanFixture("red20_fa3_random_subsample_filter_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_fa3_random_subsample_filter_benign");
});

// FA4 (false alarm): range(1).repeat().map(slow).batch(bs).take(1) with bs a model variable (tf.Variable(4), restored,
// nothing writes it) ends at once; the gathering rule reads the count with constInt only ("a count that is not a
// constant", GW513 medium). The twin with tf.Variable(2**40) never fills its batch and must stay reported.
test("red20_fa4_batch_size_variable: a batch of 2**40 elements over an endless input is reported (medium or above) at load", async () => {
  const r = await scanFixture("red20_fa4_batch_size_variable");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.trigger === "load" && /BatchDataset/.test(`${f.evidence ?? ""} ${f.message}`)), JSON.stringify(r.findings, null, 1));
});
test("red20_fa4_batch_size_variable_benign: a batch size held in a restored variable (4) stays quiet", async () => {
  const r = await scanFixture("red20_fa4_batch_size_variable_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red20_fa4_batch_size_variable_benign");
});
