// Red-team round 22: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red22/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates below
// their severity. Each malicious fixture must be reported with the trigger TensorFlow runs it at (all fixed,
// enforced); each benign twin (same structure, harmless value) must stay quiet (nothing above low), enforced.
// Generators and findings: tools/fixtures/tf_red22/.
import { hangCase } from "./helpers.js";

const TODO = undefined; // round 22: all classes fixed (tools/fixtures/tf_red22/FINDINGS.md, "Fixed")

// A: int32 i = 0; while i >= cast(float32 -3e9, int32): i += 1, run by a TrackableResource initializer at load.
// The CPU Cast kernel makes an out-of-range float INT32_MIN (the x86 "integer indefinite"): i >= INT32_MIN holds
// for every int32, endless. castNumber wraps the integral float modulo 2^32 (1294967296): "never runs".
hangCase("red22_a_cast_float_out_of_range", "load", /While/, TODO, "a run that never ends");
// C: while reduce_min(reduce_sum(stack([i, -10]), axis=[])) < 0, i += 1: a Sum over no axes reduces nothing, the
// Min is -10 on every iteration (endless). The evaluator adds the stack whatever the axes (i - 10): 10 iterations.
hangCase("red22_c_sum_over_no_axes", "load", /While/, TODO, "a run that never ends");
// D: int32 i = 0; while reduce_mean(stack([i, 2**31 - 1])) >= 0, i += 1: the Mean kernel does not wrap its int32
// sum (the mean stays >= 0 for every i: endless); the evaluator wraps i + 2**31 - 1 at i = 1: one iteration.
hangCase("red22_d_mean_accumulator", "load", /While/, TODO, "a run that never ends");
// E: a TF1 while loop (Enter/Merge/Switch/LoopCond) whose bound and step are made outside the loop and enter its
// frame through Enter: int64 i = 0; while i >= n0 (n0 = 0): i += step (2^63 iterations), run by the serving
// signature. v1Loop/evalCond do not pass a value through Enter: the condition does not fold, silence.
hangCase("red22_e_v1_loop_invariant_enter", "inference", /LoopCond/, TODO, "a TF1 loop whose counter moves away from a bound made outside the loop");
// F: a raw While (the kernel runs it) on i < fill([2], 10), a vector condition: the kernel takes a non-scalar
// condition as true when it has elements (endless); constNumbers reads the Fill as the scalar 10: ten iterations.
hangCase("red22_f_vector_condition", "load", /While/, TODO, "a run that never ends");
// G: while i < 2**22: x = matmul(x, w) / 1024 (1024 x 1024 float32; about 32 ms an iteration here: 1.6 days), run at
// load. The trip count is judged against LOOP_ASTRONOMICAL (2^32, an empty iteration's cost); the body's is not.
hangCase("red22_g_costly_iterations", "load", /While/, TODO, "a run that never ends in practice");
// H: while i >= b: i += 1 (int64, 2^63 iterations) with b = 0 + 0 + ... (40 additions in the condition): past 32
// nested operands the evaluators return no value, read as "not endless" (the same loop with 10 additions is reported).
hangCase("red22_h_deep_bound", "load", /While/, TODO, "a run that never ends");
// I: int64 i = 0, bool go = True; while go: i += 1; go = i >= 0 (2^63 iterations). The simulated loop state holds
// numbers only: the bool variable has no value on entry or after a step, the condition never folds: silence.
hangCase("red22_i_bool_loop_variable", "load", /While/, TODO, "a run that never ends");
// H2 (H's cap, another budget): ten nested while loops of 16 iterations (2^40 innermost runs); enclosingTrips
// multiplies a loop's count by at most 5 enclosing loops (depth > 4: 1), so no loop reaches 2^32: silence.
hangCase("red22_h_deep_nesting", "load", /While/, TODO, "a run that never ends in practice");
// J: range(1).repeat().map(x -> fill([16384], x)).shuffle(2**20).take(1).reduce(...) at load: the shuffle buffer
// holds 2^20 elements of 64 KiB (64 GiB) before its first element; the gathering rule weighs counts only (2^31).
// Reported as an availability finding (medium) like the other endless runs.
hangCase("red22_j_gather_memory", "load", /Shuffle|Reduce/, TODO, "a buffer that exhausts memory");
// F2: a raw While on the int64 n - i (n = -1, i += 1): the kernel takes a non-zero number as true (2^64 - 1
// iterations); simulateLoop reads only a bool from the condition: silence.
hangCase("red22_f_numeric_condition", "load", /While/, TODO, "a run that never ends");
// K: the ordinary tf.while_loop on cast(i - n, bool), n = -1 (2^64 - 1 iterations): evalCond's Cast returns its
// result as a number even when DstT is bool, the condition has no bool value: silence (not(equal(i - n, 0)) is reported).
hangCase("red22_k_cast_to_bool_condition", "load", /While/, TODO, "a run that never ends");
// L: while n - i != 0: i += 1 (int64, n = -1: 2^64 - 1 iterations): past the 4096 simulated iterations only a
// compared value "variable plus constant" is extrapolated; n - i (the variable subtracted) is not: silence.
hangCase("red22_l_negated_counter", "load", /While/, TODO, "a run that never ends");
// L2 (L's gap through a Cast): while cast(i, float64) >= 0: i += 1 (int64, 2^63 iterations): not extrapolated.
hangCase("red22_l_cast_counter", "load", /While/, TODO, "a run that never ends");
// M: uint32 i = 0; while i >= 0: i += 1 (endless: every uint32 is >= 0). The uint32 constants hold their value in
// uint32_val, which the reader does not keep: no entry value, bound or step, silence (uint16: reported).
hangCase("red22_m_uint32_constants", "load", /While/, TODO, "a run that never ends");
