// Red-team round 17: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red17/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today (or rates
// below the effect). Each malicious fixture must be reported with the trigger TensorFlow runs it at; each
// benign twin (same structure, harmless value) must stay quiet (nothing above low). The malicious assertions
// were todo until fixed; all are fixed and enforced. Generators and findings: tools/fixtures/tf_red17/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, loud, scanFixture } from "./helpers.js";

// R1: a While counting i from 0 while i < 2**62 (the body adds 1): the condition reads a loop variable the
// body changes, so it is "unknown"; 2**62 iterations never end (the dataset rule's own bound is 2**40).
hangCase("red17_r1_counted_loop_astronomical", "load", /While/, undefined, "a run that never ends");
// R2: the condition int32(2**30) * 2 < 0 on constants: TensorFlow's int32 Mul wraps to -2**31 (true: the loop
// never ends); the condition evaluator computes in doubles (2**31, false).
hangCase("red17_r2_int_wrap_condition", "load", /While/, undefined, "a run that never ends");
// R2b: the condition cast(int32 300, uint8) < uint8 100: TensorFlow's Cast wraps 300 to 44 (true: endless); the
// evaluator's Cast keeps 300 for any integer DstT below 2**31 (false).
hangCase("red17_r2b_cast_wrap_condition", "load", /While/, undefined, "a run that never ends");
// R3: range(10).repeat().filter(x > 5).filter(x < 3).take(1): each predicate accepts some value of range(10)
// (rangeValues passes through the first filter as if it kept every value); together they reject all of them.
hangCase("red17_r3_filters_narrow", "load", /ReduceDataset|FilterDataset/, undefined, "a run that never ends");
// R3b: range(10).take(3).repeat().filter(x > 5).take(1): the values are followed through the Take as if it
// kept all ten (6 passes); only 0, 1, 2 ever come.
hangCase("red17_r3b_take_narrows", "load", /ReduceDataset|FilterDataset/, undefined, "a run that never ends");
// R5: range(2**20).flat_map(lambda _: range(2**20)): 2**40 elements, the bound used for repeat products, but a
// flat_map's size is never counted.
hangCase("red17_r5_flat_map_product", "load", /ReduceDataset|FlatMapDataset/, undefined, "a run that never ends");
// R6 (a TF1 SavedModel, run by the TF1 session loader): IteratorGetNext of
// tf.compat.v1.data.make_one_shot_iterator(range(1).repeat().filter(x > 5)) feeds the serving output: a OneShotIterator op builds its dataset from its dataset_factory function (no MakeIterator), so the
// read is never bound to the starving dataset; the call waits forever.
hangCase("red17_r6_one_shot_iterator_starves", "inference", /IteratorGetNext|OneShotIterator/, undefined, "a run that never ends");
// R7: choose_from_datasets([range(0), range(1)], from_tensors(0).repeat(), stop_on_empty_dataset=False): the
// endless selector only picks the empty input; the other is never picked, so DirectedInterleave never runs out
// of active inputs and loops over the selector forever. The selects rule calls it finite (no data input is endless).
hangCase("red17_r7_selector_picks_exhausted", "load", /ReduceDataset|DirectedInterleave/, undefined, "a run that never ends");

// FA1 (false alarm): range(100).repeat().filter(x % 2 == 0).take(3) ends at once on TensorFlow, but the
// predicate evaluator has no FloorMod, so the filter "may reject every element": medium at load. The twin with
// x % 2 == 5 really hangs and must stay reported (enforced); the benign one must go quiet (todo).
test("red17_fa1_filter_mod_predicate: a predicate that never holds (x % 2 == 5) over an endless range is reported (medium or above) at load", async () => {
  const r = await scanFixture("red17_fa1_filter_mod_predicate");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "medium").filter((f) => f.trigger === "load" && /ReduceDataset|FilterDataset/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test(
  "red17_fa1_filter_mod_predicate_benign: a predicate that holds for half the range (x % 2 == 0) stays quiet",
  async () => {
    const r = await scanFixture("red17_fa1_filter_mod_predicate_benign");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(loud(r), [], "red17_fa1_filter_mod_predicate_benign");
  },
);

// S1: files a host tool runs at start that the persistence list does not name (~/.pdbrc, ~/.gdbinit,
// a project's .venv/bin/activate) are written by constant paths at inference and rated as
// ordinary writes (GW503 high): each must be critical.
const S1_FILES = ["home/.pdbrc", "home/.gdbinit", "project/.venv/bin/activate"];
test(
  "red17_s1_unlisted_persistence_writes: the write of each persistence file is reported critical at inference",
  async () => {
    const r = await scanFixture("red17_s1_unlisted_persistence_writes");
    assert.deepEqual(r.errors, []);
    const crit = atLeast(r, "critical").filter((f) => f.trigger === "inference" && /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
    for (const p of S1_FILES) assert.ok(crit.some((f) => (f.evidence ?? "").includes(`/tmp/red17-canary-tf-s1/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
  },
);
test("red17_s1_unlisted_persistence_writes_benign: benign twin (the paths and contents returned, nothing written) stays quiet", async () => {
  const r = await scanFixture("red17_s1_unlisted_persistence_writes_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red17_s1_unlisted_persistence_writes_benign");
});

// S2: credential files the secrets list does not name (the MySQL maintenance password, the Ceph admin keyring,
// a WireGuard private key, the ACME account key, the k3s join token, a Jupyter server's runtime token and
// the X11 cookie in their home-relative forms) are read by constant paths at inference and rated as ordinary
// reads (GW502 medium): each must be high.
const S2_FILES = ["etc/mysql/debian.cnf", "etc/ceph/ceph.client.admin.keyring", "etc/wireguard/wg0.conf", "etc/letsencrypt/accounts/acme/private_key.json", "var/lib/rancher/k3s/server/token", ".local/share/jupyter/runtime/jpserver-7.json", ".Xauthority"];
test(
  "red17_s2_unlisted_credential_files: the read of each credential file is reported high at inference",
  async () => {
    const r = await scanFixture("red17_s2_unlisted_credential_files");
    assert.deepEqual(r.errors, []);
    const high = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
    for (const p of S2_FILES) assert.ok(high.some((f) => (f.evidence ?? "").includes(`/tmp/red17-canary-tf-s2/${p}"`)), `${p}: ${JSON.stringify(r.findings, null, 1)}`);
  },
);
test("red17_s2_unlisted_credential_files_benign: benign twin (the paths returned, not read) stays quiet", async () => {
  const r = await scanFixture("red17_s2_unlisted_credential_files_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red17_s2_unlisted_credential_files_benign");
});
