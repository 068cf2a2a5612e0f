// Red-team round 7: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red7/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported at high or above with the
// trigger TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet
// (nothing above low). Malicious cases still open are marked todo (they fail by design). Generators and
// findings: tools/fixtures/tf_red7/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED7: Record<string, RedTeamExpect> = {
  // C1: Substr with a negative len takes the rest of the string in TensorFlow; the scanner's fold reads it
  // as an empty string, so the CacheDataset filename Substr("/tmp/red7-canary-tf-c1/cache", 0, -1) looks
  // like the in-memory cache.
  red7_c1_substr_negative_len: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*\/tmp\/red7-canary-tf-c1\/cache/,
    twin: "red7_c1_substr_negative_len_benign",
  },
  // C2: ReadFile(".../etc/./passwd") opens .../etc/passwd (TensorFlow cleans the path); the secrets check
  // runs on the string as written and rates it as any host file (medium).
  red7_c2_secret_path_uncleaned: {
    rule: "GW502",
    severity: "high",
    trigger: "inference",
    evidence: /^ReadFile\(.*etc\/\.\/passwd/,
    twin: "red7_c2_secret_path_uncleaned_benign",
  },
  // C4: a Const of dtype DT_RESOURCE holding a ResourceHandleProto for localhost/cache_cfg is a handle of
  // the variable VarHandleOp(shared_name="cache_cfg") creates; the main_op assigns the host path through
  // it after assigning "" through the VarHandleOp, and the signature reads the VarHandleOp as the
  // CacheDataset filename. The variable model follows only the handle op's consumers.
  red7_c4_forged_resource_const: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red7-canary-tf-c4\/cache|<)/,
    twin: "red7_c4_forged_resource_const_benign",
  },
  // C5: tf.saved_model.load renames every function-body shared_name to (shared_name or node name) + a
  // per-load suffix: a VarHandleOp with an empty shared_name and node name "cache_cfg" (the resource's
  // _initialize assigns the host path through it) is the variable that VarHandleOp(shared_name="cache_cfg")
  // names (the signature's CacheDataset filename); the variable model keys it as the variable "".
  red7_c5_load_shared_name_suffix: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red7-canary-tf-c5\/cache|<)/,
    twin: "red7_c5_load_shared_name_suffix_benign",
  },
  // C6: RemoteCall(target, args, f) binds f's argument k to input 1 + k; the scanner binds it to input k
  // (the plain call layout), so body(a, b)'s CacheDataset filename b is judged with a's "".
  red7_c6_remote_call_args: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red7-canary-tf-c6\/cache|<)/,
    twin: "red7_c6_remote_call_args_benign",
  },
};

redTeamRound(RED7);

// C3: Abort (exit_without_error) ends the loading process inside tf.saved_model.load (a resource's
// _initialize runs it): the graph twin of os._exit, a DoS that THREATS.md rates medium. The op class table
// filed Abort as pure compute; the op catalogue now reports it (GW513, medium), trigger load, naming Abort.
test("red7_c3_abort_at_load: Abort reported (medium or above) at load", async () => {
  const r = await scanFixture("red7_c3_abort_at_load");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "medium").filter((f) => f.trigger === "load" && /Abort/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red7_c3_abort_at_load_benign: benign twin of red7_c3_abort_at_load stays quiet", async () => {
  const r = await scanFixture("red7_c3_abort_at_load_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red7_c3_abort_at_load_benign");
});
