// Red-team round 30 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red30/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below their severity today.
// All enforced: every class is fixed (see FINDINGS.md, "Fixed"). Generators and findings:
// tools/fixtures/tf_red30/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, scanFixture } from "./helpers.js";
import { about, readWriteCase } from "./red-team.js";



// A: the write's file name is an element of from_tensor_slices(["<dir>/.bashrc"]).filter(...), written in a map
// function; the read's is p + q in a map over zip(from_tensor_slices(["<dir>/.ssh/"]), from_tensor_slices(["id_rsa"])).
// FilterDataset and ZipDataset are not in DATASET_ELEMENT_OPS (src/tf/graph.ts), and fedByConstantsOnly stops at
// /Dataset/: "supplied at run time", WriteFile high, ReadFile medium.
readWriteCase("red30_a_dataset_filter_zip");

// B: the file names are the elements a map function makes (from_tensor_slices(["<dir>"]).map(p -> p + "/.bashrc")),
// consumed by a second map that writes (reads, for "<dir>/.ssh" + "/id_rsa"). A MapDataset's elements are its
// function's return value, which the trace does not follow: WriteFile high, ReadFile medium.
readWriteCase("red30_b_dataset_map_output");

// C: the file names are next(iter(from_tensor_slices([...]))) (AnonymousIteratorV3 + MakeIterator + IteratorGetNext)
// in the signature itself. IteratorGetNext is not linked to the dataset its iterator was made from: WriteFile high,
// ReadFile medium.
readWriteCase("red30_c_dataset_iterator");

// D: tf.map_fn(write_to, ["<dir>/.bashrc"]) and tf.map_fn(read_file, ["<dir>/.ssh/id_rsa"]): the file names reach the
// ops inside a While body as TensorListGetItem(<loop-carried list>, i), the list a TensorListFromTensor of the
// constant. The trace has no TensorList element rule and the hidden-path walk (fedByConstantsOnly) starts in the body,
// where an argument has no binding: "supplied at run time", WriteFile high, ReadFile medium.
readWriteCase("red30_d_map_fn_loop_list");

// E: the file names are put in a staging area and taken back in the same call (Stage then Unstage, shared_name "w" /
// "r", the take after the put): WriteFile(Unstage), ReadFile(Unstage). The trace does not pair a take with the puts
// of its staging area and the hidden-path walk stops at the Unstage: "supplied at run time", WriteFile high,
// ReadFile medium. (Both fixtures also carry class F's GW513 on the Unstage, allowed in the twin below.)
test("red30_e_staged_path: the credential read is high and the start-up file write critical", async () => {
  const r = await scanFixture("red30_e_staged_path");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /ReadFile/).some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  assert.ok(about(r, /WriteFile/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});
test("red30_e_staged_path_benign: only file reads and writes (and the staging waits), no secrets or persistence location named", async () => {
  const r = await scanFixture("red30_e_staged_path_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.filter((f) => /GW50[23]/.test(f.rule)).length >= 2, JSON.stringify(loudOnes, null, 1));
  // (reported as a location the model hides, as the payload: see readWriteCase)
  assert.ok(loudOnes.every((f) => /GW50[23]|GW513/.test(f.rule) && !/secrets location|persistence location/.test(f.message)), JSON.stringify(loudOnes, null, 1));
});

// F (false alarm): Stage(x) then Unstage() of the same staging area in the same call, the take ordered after the put
// by a control dependency: the take never waits (proven: the call returns 2.0 at once), rated GW513 medium (waitSatisfied
// judges every take from a staging area). The harmful twin takes from an area nothing puts into (the Stage goes to
// another shared_name): the call never returns (proven, 25 s bound); enforced as reported.
test("red30_f_stage_then_unstage_benign: a take after a put of the same staging area is not a wait", async () => {
  const r = await scanFixture("red30_f_stage_then_unstage_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "medium"), []);
});
test("red30_f_stage_then_unstage: a take nothing puts into is a wait (GW513 medium)", async () => {
  const r = await scanFixture("red30_f_stage_then_unstage");
  assert.deepEqual(r.errors, []);
  assert.ok(r.findings.some((f) => f.rule === "GW513" && f.severity === "medium" && /Unstage/.test(`${f.evidence ?? ""} ${f.message}`)), JSON.stringify(r.findings, null, 1));
});

// G: CreateSummaryFileWriter(logdir "<dir>/logs", filename_suffix "/../../.bashrc"): TensorFlow opens
// <logdir>/events.out.tfevents.<...><suffix> after cleaning it lexically, i.e. <dir>/.bashrc (overwritten with the
// event records: proven). The catalogue's path input is only the logdir (input 1): the write is rated high as a
// summary writer "in a directory", never as a persistence location.
test("red30_g_summary_suffix_path: the summary writer's file is a start-up file (critical)", async () => {
  const r = await scanFixture("red30_g_summary_suffix_path");
  assert.deepEqual(r.errors, []);
  assert.ok(about(r, /CreateSummaryFileWriter/).some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});
test("red30_g_summary_suffix_path_benign: a summary writer in an ordinary folder, no persistence location named", async () => {
  const r = await scanFixture("red30_g_summary_suffix_path_benign");
  assert.deepEqual(r.errors, []);
  const loudOnes = atLeast(r, "medium");
  assert.ok(loudOnes.length >= 1 && loudOnes.every((f) => /GW503/.test(f.rule) && !/secrets location|persistence location/.test(f.message) && f.severity !== "critical"), JSON.stringify(loudOnes, null, 1));
});
