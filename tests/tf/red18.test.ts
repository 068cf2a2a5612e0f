// Red-team round 18: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red18/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each malicious
// fixture must be reported with the trigger TensorFlow runs it at (todo until fixed); each benign twin (same
// structure, harmless value) must stay quiet (nothing above low), enforced. Generators and findings:
// tools/fixtures/tf_red18/.
import { hangCase } from "./helpers.js";

const OPEN = "open (tools/fixtures/tf_red18/FINDINGS.md)";

// L1: float16 i = 0; while i < 4096: i += 1. 2048 + 1 rounds to 2048 in float16: the counter stops, the loop
// never ends; the trip count is computed in doubles (4096, finite).
hangCase("red18_l1_float16_counter_saturates", "load", /While/, `L1 ${OPEN}`, "a run that never ends");
// L1b: the same in bfloat16 (256 + 1 = 256), bound 512.
hangCase("red18_l1b_bfloat16_counter_saturates", "load", /While/, `L1 ${OPEN}`, "a run that never ends");
// L2: int64 i = 0; while i >= 0: i += 1. A counter moving away from its bound runs until the int64 wraps (2**63
// iterations); tripCount gives no count ("overflow decides") and no count is taken as "ends".
hangCase("red18_l2_counter_moves_away", "load", /While/, `L2 ${OPEN}`, "a run that never ends");
// L3: int64 i = 0; while i < 10: i += 0. A step of zero gives no count (tripCount's step === 0), taken as "ends".
hangCase("red18_l3_counter_step_zero", "load", /While/, `L3 ${OPEN}`, "a run that never ends");
// L3c: the body returns (i + 0) * 1: not an Add/Sub of a constant (no counter) and not an identity (not
// loop-invariant): no verdict, taken as "ends".
hangCase("red18_l3c_counter_times_one", "load", /While/, `L3 ${OPEN}`, "a run that never ends");
// L3b: loop variables (i, s), s = 0 handed back unchanged, the body returns (i + s, s): the step is a
// loop-invariant variable, not a Const, so no counter is recognised.
hangCase("red18_l3b_counter_step_from_loop_var", "load", /While/, `L3 ${OPEN}`, "a run that never ends");
