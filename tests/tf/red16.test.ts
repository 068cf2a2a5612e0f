// Red-team round 16: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red16/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each
// malicious fixture must be reported with the trigger TensorFlow runs it at (todo until fixed); each benign
// twin (same structure, harmless value) must stay quiet (nothing above low). Generators and findings:
// tools/fixtures/tf_red16/.
import { hangCase } from "./helpers.js";

const OPEN = "open: tools/fixtures/tf_red16/FINDINGS.md";

// M1: a DT_HALF scalar Const keeps its value in TensorProto.half_val (field 13), which the readers skip; a
// Const with no value read is the zero of its dtype, so a float16 NaN rate or count is "the finite constant
// 0" to the retry-sampler check. TensorFlow's kernels widen it to a NaN and the rejection loop never ends.
hangCase("red16_m1_half_nan_rate", "load", /RandomPoisson/, OPEN, "a run that never ends");
hangCase("red16_m1b_half_nan_binomial", "inference", /StatelessRandomBinomial/, OPEN, "a run that never ends");

// L1: take(1) of an endless dataset that drops every element (filter): take's cardinality is finite, so the
// endless-dataset check stops at TakeDataset; the first element never comes and the load-time reduce hangs.
hangCase("red16_l1_take_of_endless_filter", "load", /ReduceDataset/, OPEN, "a run that never ends");
// L2: the endless dataset is built inside the flat_map function (FlatMapDataset's `f`), not on its input.
hangCase("red16_l2_flat_map_endless_inner", "load", /ReduceDataset|FlatMapDataset/, OPEN, "a run that never ends");
// L3: a loop over an iterator of an endless dataset (autograph's While on OptionalHasValue): no reduction op.
hangCase("red16_l3_loop_over_endless_iterator", "load", /While|IteratorGetNext/, OPEN, "a run that never ends");
