// Loops the scanner runs: TF1 while loops (control flow v1: Enter/Merge/Switch/LoopCond/NextIteration/Exit), run here like a While: the
// frame's Merge nodes are the loop variables, computed in their dtypes for up to 4,096 iterations, then a linear
// counter extrapolated. Models by real TensorFlow 2.20 through the TF1 builder (tools/fixtures/tf_v1loops/gen.py;
// proof: prove.py there, by tf.saved_model.load and by the TF1 session loader).
import { hangCase } from "./helpers.js";

hangCase("v1loop_moves_away", "inference", /LoopCond/, undefined, "a TF1 loop whose int64 counter moves away from its bound (2^63 iterations)");
hangCase("v1loop_saturates", "inference", /LoopCond/, undefined, "a TF1 loop whose counter saturates below its bound");
hangCase("v1loop_constant_true", "inference", /LoopCond/, undefined, "a TF1 loop on a constant-true condition");

// A TF2 While whose counter a select resets (tf.where on scalars): the simulation follows Select/SelectV2
// (tools/fixtures/tf_loops/gen.py; proof: prove.py there).
hangCase("loop_select_resets_counter", "load", /While/, undefined, "a loop whose counter a select resets before its bound");
// A one-element vector counter whose condition is reduced with reduce_all (All over copies of one value is that value).
hangCase("loop_vector_counter_moves_away", "load", /While/, undefined, "a loop whose one-element vector counter moves away from its bound");
// A loop at load whose condition reads the counter through ops the scanner does not evaluate (the length of its
// decimal string): nothing shows that it ends, so it is reported (fail closed); the same loop in the serving
// function, where loops bounded by unknown values are ordinary, stays quiet (tools/fixtures/tf_loops/gen.py).
hangCase("loop_condition_not_evaluated", "load", /While.*end not verified/, undefined, "a load-time loop whose condition cannot be evaluated");
// A loop at load on log1p(31/7) != log(38/7) in float32: the kernels give 1.6916759 and 1.6916760, the correctly
// rounded values are equal. The evaluators' Exp/Log/Log1p/Sqrt are approximate, so a comparison that close is not
// decided (the loop is reported as not verified); the twin's comparison is far from equality and stays quiet
// (tools/fixtures/tf_loops/gen.py).
hangCase("loop_log_kernel_inequality", "load", /While/, undefined, "a load-time loop on a comparison decided by a kernel's last bit");
// A dataset repeat whose count is a model variable restored from the checkpoint (never written), reduced in the
// serving function: -1 repeats for ever; the twin's 2 is six elements and stays quiet (was medium: the count was
// read from constants only) (tools/fixtures/tf_loops/gen.py).
hangCase("dataset_repeat_count_in_variable", "inference", /Reduce|Repeat/, undefined, "a reduce over a repeat whose restored count is -1");
// A loop at load on not (1e-40 > 0) in float32: the CPU kernels read the subnormal as zero, so the guard never
// holds and tf.saved_model.load never returns; the comparisons flush subnormals as the kernels do
// (tests/tf/vectors/cond.json). Was silent: the numbers compared exactly said "never runs". The twin's 1e-30 is a
// normal float and stays quiet (tools/fixtures/tf_loops/gen.py; proof: prove.py there).
hangCase("loop_subnormal_guard", "load", /While.*never ends/, undefined, "a load-time loop on a comparison of a subnormal float");
