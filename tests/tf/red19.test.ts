// Red-team round 19: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red19/prove.py
// loads each in a throwaway directory and checks its canary) that the scanner passed before this round. Each malicious
// fixture must be reported with the trigger TensorFlow runs it at (all fixed, enforced); each benign twin (same
// structure, harmless value) must stay quiet (nothing above low), enforced. Generators and findings:
// tools/fixtures/tf_red19/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FIXTURES, atLeast, hangCase, loud, scanFixture } from "./helpers.js";


// D1: range(1).repeat().map(check_numerics(log(x - 1))).ignore_errors().take(1): every element fails and is
// dropped, the ignore_errors pulls from the endless repeat forever; IgnoreErrorsDataset is filed as "keeps".
hangCase("red19_d1_ignore_errors_starves", "load", /ReduceDataset|IgnoreErrorsDataset|TakeDataset/, undefined, "a run that never ends");
// D1b: range(1).repeat().map(lambda x: zeros([0])).unbatch().take(1): every batch is empty, the unbatch yields
// nothing and pulls forever; UnbatchDataset is filed as "keeps".
hangCase("red19_d1b_unbatch_empty_batches", "load", /ReduceDataset|UnbatchDataset|TakeDataset/, undefined, "a run that never ends");
// D2: range(1).repeat().flat_map(lambda x: range(0)).take(1): every inner dataset is empty, the flat_map pulls
// forever; a "flatten" op is never taken to starve.
hangCase("red19_d2_flat_map_empty_inner", "load", /ReduceDataset|FlatMapDataset|TakeDataset/, undefined, "a run that never ends");
// D3: range(1).repeat().batch(2**40).take(1) and .shuffle(2**40).take(1): a batch (a shuffle buffer) of 2**40
// elements over an endless input never fills, so nothing is ever yielded; the batch and buffer sizes are not read
// ("keeps").
hangCase("red19_d3_buffer_never_fills", "load", /ReduceDataset|BatchDataset|ShuffleDataset|TakeDataset/, undefined, "a run that never ends");

// L4: int64 i = 0; while i < 10: i = minimum(i + 1, 3): the counter sticks at 3; tripCount checks the step on
// the first two iterations only (0, 1, 2: step 1, 10 trips).
hangCase("red19_l4_counter_saturates_min", "load", /While/, undefined, "a run that never ends");
// L4b: int64 i = 0; while i < 5: i = (i + 1) % 3: the counter cycles 0 1 2 and never meets the bound.
hangCase("red19_l4b_counter_cycles_mod", "load", /While/, undefined, "a run that never ends");
// L5: float16 i = 0; while i < 4096: i = cast(cast(i, float32) + 1, float16): 2048 + 1 rounds to 2048 in the
// Cast; the counter's dtype is read from the T attr of the returned node, which a Cast lacks (taken as float64).
hangCase("red19_l5_counter_dtype_through_cast", "load", /While/, undefined, "a run that never ends");
// L6: int64 i = 0; while (i < 10) or (i >= 0): i += 1 (2**63 iterations); tripCount counts comparisons and
// conjunctions only, and no count is taken as "ends".
hangCase("red19_l6_condition_or_not", "load", /While/, undefined, "a run that never ends");
// L6b: int64 i = 0; while not (i < 0): i += 1: the same through LogicalNot.
hangCase("red19_l6b_condition_not", "load", /While/, undefined, "a run that never ends");
// L7: int8 i = 0; while i < 127: i += 2: 126 + 2 wraps to -128 before the bound is crossed: never ends; tripCount
// divides the gap (64 trips) without the wrap.
hangCase("red19_l7_counter_wraps_past_bound", "load", /While/, undefined, "a run that never ends");
// L7b: uint8 i = 0; while i <= 255: i += 1: every uint8 is <= 255 (i wraps to 0); tripCount counts 256 trips.
hangCase("red19_l7b_counter_inclusive_type_max", "load", /While/, undefined, "a run that never ends");
// L8: int64 i = 0; while i >= 0: i += 1 (round 18's L2, reported since) with the entry value made eagerly and
// captured by the function (a SavedConstant): the entry value is not folded, no count, taken as "ends".
hangCase("red19_l8_counter_start_captured", "load", /While/, undefined, "a run that never ends");

// FA1 (false alarm): float16 i = 0; while i < 1600: i += 0.75 ends (from 1024 on, i + 0.75 rounds up to i + 1);
// tripCount puts the stall at |step| * 2**11 = 1536 and reports an endless count (medium). The twin with bound
// 2100 (the counter sticks at 2048) hangs and must stay reported.
test("red19_fa1_float16_step_not_power_of_two: the loop stuck at 2048 below its bound 2100 is reported (medium or above) at load", async () => {
  const r = await scanFixture("red19_fa1_float16_step_not_power_of_two");
  assert.deepEqual(r.errors, []);
  assert.ok(atLeast(r, "medium").some((f) => f.trigger === "load" && /While/.test(`${f.evidence ?? ""} ${f.message}`)), JSON.stringify(r.findings, null, 1));
});
test("red19_fa1_float16_step_not_power_of_two_benign: the loop that reaches its bound 1600 stays quiet", async () => {
  const r = await scanFixture("red19_fa1_float16_step_not_power_of_two_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red19_fa1_float16_step_not_power_of_two_benign");
});

// C1: a private SSH key read at inference through a path the string fold does not compute and whose string
// constants name no secrets location on their own: UnicodeEncode of int32 code points (no string constant at
// all), ReduceJoin of pieces ("<dir>/.s", "sh/id_r", "sa"). Rated as ordinary reads (GW502 medium): each must be high.
const C1_READS = ["UnicodeEncode", "ReduceJoin"];
test("red19_c1_path_from_unfolded_ops: each read of the computed key path is reported high at inference", async () => {
  const r = await scanFixture("red19_c1_path_from_unfolded_ops");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const op of C1_READS) assert.ok(high.some((f) => (f.evidence ?? "").includes(op) || (f.evidence ?? "").includes("/tmp/red19-canary-tf-c1/.ssh/id_rsa")), `${op}: ${JSON.stringify(r.findings, null, 1)}`);
  assert.ok(high.length >= C1_READS.length, JSON.stringify(r.findings, null, 1));
});
test("red19_c1_path_from_unfolded_ops_benign: benign twin (the computed paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red19_c1_path_from_unfolded_ops_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red19_c1_path_from_unfolded_ops_benign");
});

// S2: credential stores the (Unix-shaped) lists do not name: the SAM and SECURITY registry hives, DPAPI
// credential blobs and master keys, PowerShell's history, a service account's home outside /home (RabbitMQ's
// Erlang cookie). Read by constant paths at inference and rated as ordinary reads (GW502 medium): each must be high.
const S2_FILES = [
  "Windows/System32/config/SAM",
  "Windows/System32/config/SECURITY",
  "Users/u/AppData/Roaming/Microsoft/Credentials/DFBE70A7E5CC19A398EBF1B96859CE5D",
  "Users/u/AppData/Roaming/Microsoft/Protect/S-1-5-21-1/0f3e6b7a",
  "Users/u/AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt",
  "var/lib/rabbitmq/.erlang.cookie",
];
test("red19_s2_credentials_windows_and_service_homes: the read of each credential store is reported high at inference", async () => {
  const r = await scanFixture("red19_s2_credentials_windows_and_service_homes");
  assert.deepEqual(r.errors, []);
  const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  for (const p of S2_FILES) assert.ok(high.some((f) => (f.evidence ?? "").includes(`/tmp/red19-canary-tf-s2/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
});
test("red19_s2_credentials_windows_and_service_homes_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red19_s2_credentials_windows_and_service_homes_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red19_s2_credentials_windows_and_service_homes_benign");
});

// P2: a JavaScript module written where node's module resolution finds it (project/node_modules/left-pad/index.js:
// `require("left-pad")` in the project runs it) is rated as an ordinary write (GW503 high): it must be critical.
test("red19_p2_script_module_written: the write of the module is reported critical at inference", async () => {
  const r = await scanFixture("red19_p2_script_module_written");
  assert.deepEqual(r.errors, []);
  const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(crit.some((f) => (f.evidence ?? "").includes("/tmp/red19-canary-tf-p2/project/node_modules/left-pad/index.js")), JSON.stringify(r.findings, null, 1));
});
test("red19_p2_script_module_written_benign: benign twin (the path and content returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red19_p2_script_module_written_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red19_p2_script_module_written_benign");
});

// Q2 (hand-built tar around a real TF 2.20 SavedModel): fingerprint.pb is a FIFO member; `tar xf` makes it a FIFO
// and tf.saved_model.load blocks opening it (the loader reads the fingerprint before the graph). Scanned as the
// extracted folder, only GW002 info ("a FIFO is never opened"): the special-file rule covers assets/ and
// variables/ only. (Scanned as the tar it is GW306 medium, trigger unknown.)
async function extracted(tar: string, check: (dir: string) => Promise<void>): Promise<void> {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { execFileSync } = await import("node:child_process");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(`${tmpdir()}/gw-red19-q2-`);
  try {
    execFileSync("tar", ["xf", `${FIXTURES}/${tar}`, "-C", dir]);
    await check(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
test("red19_q2_fifo_fingerprint (extracted): the FIFO the loader opens at load is reported (medium or above)", async () => {
  await extracted("red19_q2_fifo_fingerprint.tar", async (dir) => {
    const r = await scanFixture("model", dir);
    const hits = atLeast(r, "medium").filter((f) => f.trigger === "load" && /fingerprint\.pb/.test(`${f.evidence ?? ""} ${f.message}`));
    assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
  });
});
test("red19_q2_fifo_fingerprint_benign (extracted): the same model with a regular fingerprint.pb stays quiet", async () => {
  await extracted("red19_q2_fifo_fingerprint_benign.tar", async (dir) => {
    const r = await scanFixture("model", dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), [], "red19_q2_fifo_fingerprint_benign");
  });
});
test("red19_q2_fifo_fingerprint_benign.tar: the tar with a regular fingerprint.pb stays quiet", async () => {
  const r = await scanFixture("red19_q2_fifo_fingerprint_benign.tar");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red19_q2_fifo_fingerprint_benign.tar");
});
