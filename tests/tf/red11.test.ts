// Red-team round 11: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red11/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported with the trigger TensorFlow runs
// it at; each benign twin (same structure, harmless value) must stay quiet (nothing above low). Malicious
// cases are all fixed (waits counted per shared queue and over the run, staging puts, local receives with no
// send, constant loop conditions, mutex locks held across each other, queue runners filling their queues). Generators and findings: tools/fixtures/tf_red11/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { hangCase, loud, scanFixture } from "./helpers.js";

// G1: two FIFOQueueV2 ops with the same shared_name are one queue, but the wait check counts the enqueues
// per queue op: one enqueue into each of two capacity-1 ops passes (1 <= 1 twice); the second enqueue finds
// the shared queue full and tf.saved_model.load (a TrackableResource initializer) never returns.
hangCase(
  "red11_g1_shared_queue_capacity",
  "load",
  /QueueEnqueue/,
  undefined,
);

// G2: two dequeues that each depend on the one enqueue both pass the wait check (counted along each one's own
// dependency chain), but one run executes the enqueue once and both dequeues: calling the TF1 serving
// signature never returns.
hangCase(
  "red11_g2_sibling_dequeues",
  "inference",
  /QueueDequeue/,
  undefined,
);

// G3: the put side of a staging area waits too: Stage with capacity 1 twice into one area (shared_name) waits
// for room forever inside tf.saved_model.load; the blocking family lists only the take side (Unstage, ...).
hangCase("red11_g3_stage_over_capacity", "load", /\bStage\b/, undefined);

// G4: a _Recv between two local devices waits for a _Send of its key; none runs, the signature call never
// returns. _Recv/_HostRecv/Recv are judged only as network ops on a remote job.
hangCase("red11_g4_local_recv_never_sent", "inference", /Recv/, undefined);

// G5: a StatelessWhile whose cond returns a constant true never exits: tf.saved_model.load (a TrackableResource
// initializer) spins forever. While is read only for the values it carries; no termination judgement exists.
hangCase("red11_g5_endless_loop_at_load", "load", /While/, undefined);

// B1 (benign, rated medium today): a TF1 training checkpoint (model.ckpt.meta + bundle) with the standard
// tf.compat.v1.train.shuffle_batch input pipeline. Importing it runs nothing; the graph's own QueueRunners
// fill the queue. Both queue ops are GW513 medium ("Not reached from any signature").
test("red11_b1_train_input_queue_meta: a TF1 training checkpoint with a shuffle_batch input queue stays quiet", async () => {
  const r = await scanFixture("red11_b1_train_input_queue_meta");
  assert.deepEqual(r.errors, []);
  assert.deepEqual(loud(r), [], "red11_b1_train_input_queue_meta");
});

// G6: a second MutexLock of a mutex whose first lock tensor is still alive (consumed after it) deadlocks the
// run: tf.saved_model.load (a TrackableResource initializer) never returns. MutexLock is not a blocking op.
hangCase("red11_g6_mutex_self_deadlock", "load", /MutexLock/, undefined);
