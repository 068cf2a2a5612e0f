// Red-team round 14: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red14/prove.py
// loads each in a throwaway directory and checks its canary). No open class was found in this round; the
// case below is a control the scanner catches today (kept so the checkpoint-linkage rules keep catching it):
// the malicious fixture must be reported with the trigger TensorFlow runs it at; its benign twin must stay
// quiet (nothing above low). Generators and findings: tools/fixtures/tf_red14/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";

// J1 (control): a V1 Save made a control dependency of the saver's restore_all, its filename the saver's
// filename tensor rewritten by StaticRegexReplace ("^.*$" -> a host path). The TF1 loader runs the restore
// op with the variables path fed, so the Save writes the rewritten path (an authorized_keys line) at load.
test("red14_j1_saver_filename_rewritten: a rewritten saver filename is judged as the path it writes (critical, load)", async () => {
  const r = await scanFixture("red14_j1_saver_filename_rewritten");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "critical").filter((f) => f.rule === "GW503" && f.trigger === "load" && /Save\("\/tmp\/red14-canary-tf-j1\/authorized_keys"\)/.test(f.evidence ?? ""));
  assert.equal(hits.length, 1, JSON.stringify(r.findings, null, 1));
});
test("red14_j1_saver_filename_rewritten_benign: benign twin of red14_j1_saver_filename_rewritten stays quiet", async () => {
  const r = await scanFixture("red14_j1_saver_filename_rewritten_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red14_j1_saver_filename_rewritten_benign");
});
