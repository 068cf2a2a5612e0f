// Red-team round 15: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red15/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner rates below what the
// effect deserves today (K1, K1b, K2, K3; all fixed: StringFormat folds the rank the graph fixes, or ranks 0-7, and summarize; a valueless string
// constant is ""; bytes that are not UTF-8 are marked, a real U+FFFD is a character). Each malicious fixture must be reported with the trigger
// TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet (nothing above
// low). Generators and findings: tools/fixtures/tf_red15/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";

// K1: StringFormat prints a one-element string tensor of rank 3 as [[["K"]]]; the fold enumerates ranks 0-2
// only, so a rewrite matching the rank-3 form alone (to a secrets-location path) is judged by three harmless
// wrong values: ReadFile medium (GW502) instead of the credential read TensorFlow performs at inference.
test("red15_k1_string_format_rank3: the read of the secrets-location path the rank-3 format rewrites to is reported high at inference", async () => {
  const r = await scanFixture("red15_k1_string_format_rank3");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red15_k1_string_format_rank3_benign: benign twin of red15_k1_string_format_rank3 stays quiet", async () => {
  const r = await scanFixture("red15_k1_string_format_rank3_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red15_k1_string_format_rank3_benign");
});

// K1b: the same fold ignores StringFormat's summarize; with summarize=0 TensorFlow elides every element and a
// scalar prints "...", which a rewrite turns into the secrets-location path (the fold predicts "K" forms).
test("red15_k1b_string_format_summarize0: the read of the secrets-location path the elided format rewrites to is reported high at inference", async () => {
  const r = await scanFixture("red15_k1b_string_format_summarize0");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red15_k1b_string_format_summarize0_benign: benign twin of red15_k1b_string_format_summarize0 stays quiet", async () => {
  const r = await scanFixture("red15_k1b_string_format_summarize0_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red15_k1b_string_format_summarize0_benign");
});

// K2 (hand-edited): a string Const with no values reads as "" in TensorFlow (Tensor::FromProto fills the
// default), but is traced to no value and joined as the literal "<?>" in a value the scanner takes as complete:
// "/proc/self/env" + <valueless> + "iron" is judged as "/proc/self/env<?>iron" (medium), TensorFlow reads
// /proc/self/environ (the process environment: a credential read) at inference.
test("red15_k2_valueless_string_const: the read of /proc/self/environ joined around a valueless constant is reported high at inference", async () => {
  const r = await scanFixture("red15_k2_valueless_string_const");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red15_k2_valueless_string_const_benign: benign twin of red15_k2_valueless_string_const stays quiet", async () => {
  const r = await scanFixture("red15_k2_valueless_string_const_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red15_k2_valueless_string_const_benign");
});

// K3: a real U+FFFD in a joined path is taken for undecodable bytes (the value becomes unknown); TensorFlow
// cleans "/tmp/\uFFFD/../../proc/self/environ" to /proc/self/environ and returns the process environment.
test("red15_k3_replacement_char_join: the read of /proc/self/environ behind a U+FFFD directory is reported high at inference", async () => {
  const r = await scanFixture("red15_k3_replacement_char_join");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red15_k3_replacement_char_join_benign: benign twin of red15_k3_replacement_char_join stays quiet", async () => {
  const r = await scanFixture("red15_k3_replacement_char_join_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red15_k3_replacement_char_join_benign");
});
