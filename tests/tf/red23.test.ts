// Red-team round 23 (TensorFlow): artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red23/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates below
// their severity. Each malicious case is `todo` (it fails today); each benign twin (same structure, harmless
// value) must stay quiet (nothing above low), enforced. Generators and findings: tools/fixtures/tf_red23/.
import { hangCase } from "./helpers.js";

// A: a load-time while loop on the flag OptionalHasValue(IteratorGetNextAsOptional(it)) whose body makes a NEW
// iterator over range(3) on every iteration: the flag is true forever. endlessRun exempts any loop on that flag
// ("autograph's loop over a dataset ends with its dataset") without checking the iterator is the same one each time.
hangCase("red23_a_fresh_iterator_each_iteration", "load", /While|Iterator/, "round 23 A: the iterator-loop exemption does not check that the iterator advances", "a run that never ends");
// B: v = 1.0130308866500854 (float32); while cast(log(v) - y, bool): i += 1, y = fround(Math.log(v)). The CPU Log
// kernel gives y + 1 ulp: endless. evalCond marks Log approximate, but a Cast to bool (and truth() of a number)
// reads the approximate difference's zero as exact: false on entry, zero trips.
hangCase("red23_b_approx_cast_to_bool", "load", /While/, "round 23 B: an approximate value's zero decides a Cast to bool", "a run that never ends");
