// Red-team round 14: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red14/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves (J3, fixed: a captured asset is bound as its object's asset_file_def_index names it), and a control the scanner catches today (J1,
// enforced). Each malicious fixture must be reported with the trigger TensorFlow runs it at; each benign
// twin (same structure, harmless value) must stay quiet (nothing above low). Generators and findings:
// tools/fixtures/tf_red14/.
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

// J3: tf.saved_model.load binds a captured asset to the AssetFileDef its SavedAsset object names
// (asset_file_def_index), not the one the root call site feeds. The serving function reads asset "vocab.txt"
// by the call site's view (the model's own file: quiet), but its object names the other AssetFileDef, an
// absolute secrets-location path: the signature returns that host file. Today only GW508 medium (the
// filename is a path), trigger unknown, and no finding for the ReadFile.
test("red14_j3_asset_index_rebinds_capture: the read of the host file the object's asset names is reported high at inference", async () => {
  const r = await scanFixture("red14_j3_asset_index_rebinds_capture");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /ReadFile/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red14_j3_asset_index_rebinds_capture_benign: benign twin of red14_j3_asset_index_rebinds_capture stays quiet", async () => {
  const r = await scanFixture("red14_j3_asset_index_rebinds_capture_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red14_j3_asset_index_rebinds_capture_benign");
});

// J3b: the same binding with two bare asset names (no GW508): the serving function runs
// DatasetFromGraph(ReadFile(asset)); the scanner opens the graph of the asset the call site names
// (Dataset.range: quiet), TensorFlow runs the one the object names, which caches to files in a host directory.
test("red14_j3b_asset_index_embedded_graph: the embedded graph TensorFlow runs (a file cache) is reported high at inference", async () => {
  const r = await scanFixture("red14_j3b_asset_index_embedded_graph");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "high").filter((f) => f.trigger === "inference" && /CacheDataset|DatasetFromGraph/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red14_j3b_asset_index_embedded_graph_benign: benign twin of red14_j3b_asset_index_embedded_graph stays quiet", async () => {
  const r = await scanFixture("red14_j3b_asset_index_embedded_graph_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red14_j3b_asset_index_embedded_graph_benign");
});
