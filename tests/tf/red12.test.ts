// Red-team round 12: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red12/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported with the trigger TensorFlow runs
// it at; each benign twin (same structure, harmless value) must stay quiet (nothing above low). The
// malicious cases are all fixed (resources keyed by shared_name or node name, puts counted only where they run
// once per load, live ancestors only, runners only where started, sends in the receive's own step, conditions
// and dataset cardinalities evaluated). Generators and findings: tools/fixtures/tf_red12/.
import { hangCase } from "./helpers.js";

// H1: the wait check counts enqueue OPS against a bounded queue's capacity, as if each ran once; an enqueue
// inside a While body runs once per iteration. One enqueue op into a capacity-1 queue in a two-iteration
// loop passes (1 <= 1); the second iteration waits forever inside tf.saved_model.load.
hangCase("red12_h1_wait_in_loop_body", "load", /QueueEnqueue/, undefined, "a run that never ends");

// H2: a full reduction of an endless dataset is reported only through a fixed pass list down to a
// RepeatDataset with a Const count below 0. An endless source (Dataset.random) and an endless repeat behind
// a FilterDataset escape; the reduce never ends inside tf.saved_model.load.
hangCase("red12_h2a_endless_random_reduce", "load", /ReduceDataset|RandomDataset/, undefined, "a run that never ends");
hangCase("red12_h2b_endless_repeat_filter_reduce", "load", /ReduceDataset|RepeatDataset/, undefined, "a run that never ends");

// H3: a While is reported endless only when its condition returns a Const node. A condition on a loop
// variable the body returns unchanged (from true), or one computed from constants (LogicalOr(Less(0, 1),
// ...)), never turns false; tf.saved_model.load never returns.
hangCase("red12_h3a_loop_invariant_condition", "load", /While/, undefined, "a run that never ends");
hangCase("red12_h3b_loop_constant_expression", "load", /While/, undefined, "a run that never ends");

// H4: a dequeue's wait is satisfied on paper by an enqueue among the ops it depends on, as if every ancestor
// ran. In a TF1 graph the enqueue sits on the untaken side of a Switch (dead, never runs) and a Merge ends
// the deadness before the dequeue's control input: calling the TF1 serving signature never returns.
hangCase("red12_h4_wait_fed_by_dead_branch", "inference", /QueueDequeue/, undefined, "a run that never ends");

// H5: an empty shared_name is treated as a private queue; tf.saved_model.load names every function-library
// resource op after its shared_name or, when that is empty, its NODE NAME (plus one suffix per load). An
// unnamed capacity-1 queue whose node is "red12_h5_q" and a capacity-1 queue with shared_name "red12_h5_q"
// are one queue: its second enqueue waits forever inside tf.saved_model.load.
hangCase("red12_h5_empty_shared_name_is_node_name", "load", /QueueEnqueue/, undefined, "a run that never ends");
// The same renaming for a mutex: an unnamed MutexV2 whose node is "red12_h5b_m" and a MutexV2 with shared_name
// "red12_h5b_m" are one mutex; a lock of each, the second taken while the first is held, deadlocks the load.
// The mutex check compares only locks taken on one handle node.
hangCase("red12_h5b_mutex_shared_by_node_name", "load", /MutexLock/, undefined, "a run that never ends");

// H6: a dequeue from a queue that a TF1 QueueRunner (the meta graph's queue_runners collection) fills is
// treated as satisfied; the runner's threads exist only when the loading program starts them
// (start_queue_runners), which no SavedModel loader does. Calling the TF1 serving signature never returns.
hangCase("red12_h6_queue_runner_never_started", "inference", /QueueDequeue/, undefined, "a run that never ends");

// H7: a local _Recv passes when any op of the model sends its tensor_name; the send must run in the same
// step. Session.run (and the TF1 signature call) prunes a _Send that nothing fetched depends on, and the
// _Recv waits forever.
hangCase("red12_h7_recv_send_not_in_run", "inference", /Recv/, undefined, "a run that never ends");
