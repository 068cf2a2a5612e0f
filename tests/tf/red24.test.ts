// Red-team round 24 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red24/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates below
// their severity. All three classes are fixed and enforced; each benign twin is enforced too (tools/fixtures/tf_red24/FINDINGS.md, "Fixed").
// Generators and findings: tools/fixtures/tf_red24/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, hangCase, scanFixture } from "./helpers.js";

// A: one call of serving_default reads ReadFile(DecodeCompressed(<zlib of "<dir>/.ssh/id_rsa">)) and writes
// WriteFile(UnicodeTranscode(<UTF-16-BE of "<dir>/.bashrc">), ...): both paths are fixed by the file's constants,
// but the fold does not model either op, so the trace is opaque ("the path is supplied at run time") and the
// fail-closed sweep finds no constant that reads as a path: ReadFile medium, WriteFile high.
const A_TODO = undefined;
test("red24_a_path_from_unfolded_constants: the credential read is high and the start-up file write critical", { todo: A_TODO }, async () => {
  const r = await scanFixture("red24_a_path_from_unfolded_constants");
  assert.deepEqual(r.errors, []);
  const read = r.findings.filter((f) => /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  const write = r.findings.filter((f) => /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(read.some((f) => f.severity === "high" || f.severity === "critical"), JSON.stringify(r.findings, null, 1));
  assert.ok(write.some((f) => f.severity === "critical"), JSON.stringify(r.findings, null, 1));
});
// A's twin: the same ops on "<dir>/notes.txt" and "<dir>/out.txt": a file read and a file write at inference, reported
// at their base severities (medium and high), never as a secrets or persistence location (nothing critical, and the
// read not above medium).
test("red24_a_path_from_unfolded_constants_benign: the read stays medium, the write high, nothing critical", async () => {
  const r = await scanFixture("red24_a_path_from_unfolded_constants_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "critical"), [], JSON.stringify(r.findings, null, 1));
  const read = r.findings.filter((f) => /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(read.length >= 1 && read.every((f) => f.severity === "medium"), JSON.stringify(read, null, 1));
  assert.ok(r.findings.some((f) => /WriteFile/.test(`${f.evidence ?? ""} ${f.message}`) && f.severity === "high"), JSON.stringify(r.findings, null, 1));
});

// B: the TrackableResource initializer (run by tf.saved_model.load) sums tf.ones([65536, 65536]): TensorFlow writes it as
// one Const whose TensorProto declares the shape [65536, 65536] and stores a single float_val, and the Const kernel
// materialises the declared 16 GiB at load (12 KB of saved_model.pb). No rule weighs a tensor's declared size (GW314
// does it for HDF5 only): exit 0, GW507 info. Twin: ones([64, 64]).
hangCase("red24_b_huge_tensor_at_load", "load", /Const|ones|Sum|65536/, undefined, "a tensor that exhausts memory");

// C: one call of serving_default returns ReadFile(MatchingFiles("/proc/self/envir?n")[0]) and
// ReadFile(MatchingFiles("<dir>/.ss[h]/id_rs[a]")[0]): TensorFlow expands the globs to /proc/self/environ and
// <dir>/.ssh/id_rsa; the location lists test the patterns as literal paths (no match), the reads of MatchingFiles'
// output are "supplied at run time": four GW502 medium. (The same with the literal paths: all four high.)
const C_TODO = undefined;
test("red24_c_glob_credential_path: the globbed credential reads are high", { todo: C_TODO }, async () => {
  const r = await scanFixture("red24_c_glob_credential_path");
  assert.deepEqual(r.errors, []);
  for (const pat of [/envir\?n/, /\.ss\[h\]/]) {
    const hits = atLeast(r, "high").filter((f) => pat.test(`${f.evidence ?? ""} ${f.message}`));
    assert.ok(hits.length >= 1, `${pat}: ${JSON.stringify(r.findings, null, 1)}`);
  }
});
// C's twin: the same ops on "<dir>/note?.txt" and "<dir>/dat[a].txt": file reads at inference, medium, nothing above.
test("red24_c_glob_credential_path_benign: the globbed reads stay medium", async () => {
  const r = await scanFixture("red24_c_glob_credential_path_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(atLeast(r, "high"), [], JSON.stringify(r.findings, null, 1));
  assert.ok(r.findings.some((f) => f.rule === "GW502" && f.severity === "medium"), JSON.stringify(r.findings, null, 1));
});
