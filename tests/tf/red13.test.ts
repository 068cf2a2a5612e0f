// Red-team round 13: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red13/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported with the trigger TensorFlow runs
// it at; each benign twin (same structure, harmless value) must stay quiet (nothing above low). All malicious
// cases are fixed (retry samplers need a finite constant parameter, unique samplers enough weighted
// candidates, a lock is released only when every holder of its tensor has run, attrs read as the caller binds them). Generators and findings: tools/fixtures/tf_red13/.
import { hangCase } from "./helpers.js";

// I1: kernels that retry without an iteration bound: rejection samplers (RandomPoissonV2, StatelessRandomPoisson: a NaN rate takes
// the transformed-rejection branch where every comparison with NaN fails; StatelessRandomBinomial: a NaN
// count) spin forever. They are catalogued as plain compute. A load-time poisson over 0/0, and serving
// signatures sampling with a NaN literal, never return.
hangCase("red13_i1a_poisson_nan_rate", "load", /RandomPoisson/, undefined, "a run that never ends");
hangCase("red13_i1b_stateless_poisson_nan", "inference", /StatelessRandomPoisson/, undefined, "a run that never ends");
hangCase("red13_i1c_stateless_binomial_nan_count", "inference", /StatelessRandomBinomial/, undefined, "a run that never ends");
// The same class without NaN: two unique candidates drawn from a unigram distribution where one value has
// weight; the kernel draws for a second distinct value 2^31 times, then a failed CHECK aborts the process.
hangCase("red13_i1d_unique_sampler_too_few_weights", "inference", /FixedUnigramCandidateSampler/, undefined, "a run that never ends");

// I2: the mutex check takes a lock as released once a ConsumeMutexLock of it ran; TensorFlow releases it
// when the last reference to the lock tensor goes. The first lock's tensor is also forwarded to an op that
// runs after the second lock: it stays held and the second lock waits forever in the signature call.
hangCase("red13_i2_mutex_lock_kept_alive", "inference", /MutexLock/, undefined, "a run that never ends");

// I3: an attr a function leaves to its callers (a placeholder) is read by the wait check as absent: a
// queue whose capacity is the placeholder "cap", bound to 1 by the call, looks unbounded, so its two
// enqueues pass; the second waits forever when the TF1 serving signature runs. Hand-built FunctionDef,
// saved by the real SavedModelBuilder.
hangCase("red13_i3_capacity_bound_by_caller", "inference", /QueueEnqueue/, undefined, "a run that never ends");
