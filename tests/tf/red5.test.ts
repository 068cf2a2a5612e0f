// Red-team round 5: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red5/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today, or reports
// with the wrong trigger. Each malicious fixture must be reported at high or above with the trigger
// TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet (nothing above
// low). Malicious cases still open are marked todo (they fail by design); A1, A2 and A7 are fixed.
// Generators and findings: tools/fixtures/tf_red5/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { redTeamRound, type RedTeamExpect } from "./red-team.js";
import { atLeast, loud, scanFixture } from "./helpers.js";

const RED5: Record<string, RedTeamExpect> = {
  // A1: ReadFile(asset Const) is run by the main_op (fed: the model's asset) and by the serving signature
  // (not fed: the Const's build-time host path); the scanner gives the node the main_op's feed.
  red5_a1_asset_fed_per_run: {
    rule: "GW502",
    severity: "high",
    trigger: "inference",
    evidence: /^ReadFile\("\/tmp\/red5-canary-a1\/\.ssh\/id_rsa"\)$/,
    twin: "red5_a1_asset_fed_per_run_benign",
  },
  // A2: SavedObject.registered_name "tf.StaticHashTable" on a user_object revives it as a RestoredResource;
  // tf.saved_model.load calls _initialize() of every CapturableResource (the scanner reads the kind only).
  red5_a2_registered_name_resource: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^WriteFile\("\/tmp\/red5-canary-a2\/pwned"\)$/,
    twin: "red5_a2_registered_name_resource_benign",
  },
  // A3: a DT_STRING Const's tensor_content occurs twice, the last time empty: TensorFlow reads string_val (a
  // dataset graph whose map writes CANARY) while the scanner keeps the first tensor_content (a harmless graph).
  red5_a3_tensor_content_empty_last: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^WriteFile\("\/tmp\/red5-canary-a3\/pwned"\)$/,
    twin: "red5_a3_tensor_content_empty_last_benign",
  },
  // A4: two VarHandleOps with one shared_name are one variable: the main_op assigns "" through one handle
  // and the host path through the other; the signature reads the first as the CacheDatasetV2 filename.
  red5_a4_shared_name_alias: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    // The TF1 builder writes CacheDataset (CacheDatasetV2 in TF2 functions): both write the cache files.
    evidence: /^CacheDataset(V2)?\(filename=.*"\/tmp\/red5-canary-a4\/cache"/,
    twin: "red5_a4_shared_name_alias_benign",
  },
  // A6: a variable reachable as root.b and root.a; TensorFlow restores it from the checkpoint node its
  // restore walk binds first (a: the host path), the scanner from the object graph's first path (b: "").
  red5_a6_ckpt_alias_paths: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDatasetV2\(filename=.*"\/tmp\/red5-canary-a6\/cache"/,
    twin: "red5_a6_ckpt_alias_paths_benign",
  },
  // A7: a TF1 SavedModel without an init op: tf.saved_model.load runs the default local init op, which
  // runs every "local_variables" VariableDef initializer (here one that depends on WriteFile).
  red5_a7_local_variables_init: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^WriteFile\("\/tmp\/red5-canary-a7\/pwned"\)$/,
    twin: "red5_a7_local_variables_init_benign",
  },
};

redTeamRound(RED5);

// A5: saved_model.pbtxt string "file:\\u005cx2f//tmp/..." is unescaped twice by Python's text_format (\u first,
// then C escapes): PrintV2 appends to file:///tmp/...; the C++ reader (one pass) reads "file:\x2f//...". The
// scanner judges the Python reading and fails the scan closed (an error, exit 2) for the divergent literal;
// the twin ("std\\u005cx65rr": stderr for Python) has the same divergence: no finding, the same error.
const A5_DIVERGENT = /string literal\(s\) that TensorFlow's Python text-format parser .* read differently/;
test("red5_a5_pbtxt_double_unescape: GW503 high at inference (Python's reading), and the divergent literal fails the scan closed", async () => {
  const r = await scanFixture("red5_a5_pbtxt_double_unescape");
  assert.ok(r.errors.some((e) => A5_DIVERGENT.test(e.message)), JSON.stringify(r.errors));
  const hits = atLeast(r, "high").filter((f) => f.rule === "GW503" && f.trigger === "inference" && /^PrintV2\(output_stream="file:\/\/\/tmp\/red5-canary-a5\/printed"\)$/.test(f.evidence ?? ""));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red5_a5_pbtxt_double_unescape_benign: the same text-format model with a plain literal: no error, nothing above low", async () => {
  const r = await scanFixture("red5_a5_pbtxt_double_unescape_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), []);
});
