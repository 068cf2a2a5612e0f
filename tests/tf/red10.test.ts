// Red-team round 10: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red10/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves (both classes fixed: blocking ops are GW513 unless the graph satisfies the
// wait; an asset filename that is a host path is that path). Each malicious fixture must be reported with the trigger TensorFlow runs
// it at; each benign twin (same structure, harmless value) must stay quiet (nothing above low). Malicious
// cases still open are marked todo (they fail by design). Generators and findings: tools/fixtures/tf_red10/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED10: Record<string, RedTeamExpect> = {
  // F2: an AssetFileDef filename that is a host path (here absolute: /tmp/red10-canary-tf-f2/cache; "../"
  // climbs likewise) is the path the loaders feed (os.path.join(assets/, filename)), but the op judgement
  // still treats the operand as the model's own asset: the serving signature's CacheDataset on it is quiet
  // (an asset operand satisfies "non-empty"), and only GW508 (medium, at load) is reported; the cache is
  // written on the host.
  red10_f2_asset_filename_host_path: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red10-canary-tf-f2\/cache|<)/,
    twin: "red10_f2_asset_filename_host_path_benign",
  },
};

redTeamRound(RED10);

// F1: an op that waits for a producer the model never runs hangs the loading process: a TrackableResource's
// _initialize dequeues from a FIFOQueue nobody enqueues to, and tf.saved_model.load never returns (the DoS
// of Abort and SleepDataset, which THREATS.md rates medium). The op class table files queue, stage,
// barrier, accumulator and mutex ops as resource machinery (quiet): the scanner is silent.
test("red10_f1_blocking_dequeue_at_load: a dequeue no enqueue feeds reported (medium or above) at load", async () => {
  const r = await scanFixture("red10_f1_blocking_dequeue_at_load");
  assert.deepEqual(r.errors, []);
  const hits = atLeast(r, "medium").filter((f) => f.trigger === "load" && /QueueDequeue/.test(`${f.evidence ?? ""} ${f.message}`));
  assert.ok(hits.length >= 1, JSON.stringify(r.findings, null, 1));
});
test("red10_f1_blocking_dequeue_at_load_benign: benign twin of red10_f1_blocking_dequeue_at_load stays quiet", async () => {
  const r = await scanFixture("red10_f1_blocking_dequeue_at_load_benign");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red10_f1_blocking_dequeue_at_load_benign");
});
