// Red-team round 10: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red10/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported with the trigger TensorFlow runs
// it at; each benign twin (same structure, harmless value) must stay quiet (nothing above low). Malicious
// cases still open are marked todo (they fail by design). Generators and findings: tools/fixtures/tf_red10/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { atLeast, loud, scanFixture } from "./helpers.js";

// F1: an op that waits for a producer the model never runs hangs the loading process: a TrackableResource's
// _initialize dequeues from a FIFOQueue nobody enqueues to, and tf.saved_model.load never returns (the DoS
// of Abort and SleepDataset, which THREATS.md rates medium). The op class table files queue, stage,
// barrier, accumulator and mutex ops as resource machinery (quiet): the scanner is silent.
test("red10_f1_blocking_dequeue_at_load: a dequeue no enqueue feeds reported (medium or above) at load", { todo: "F1: blocking ops (queue dequeue with no enqueue) are quiet resource ops" }, async () => {
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
