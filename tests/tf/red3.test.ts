// Red-team round 3: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red3/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each
// malicious fixture must be reported at high or above with the trigger TensorFlow runs it at; each benign
// twin (same structure, harmless value) must stay quiet (nothing above low). Generators: tools/fixtures/tf_red3/*.py.
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED3: Record<string, RedTeamExpect> = {
  // R1: main_op depends on the saver's save tensor; the loader feeds the saver's filename only to the
  // restore op, so at load SaveV2 writes to the filename Const's own value.
  red3_r1_init_runs_saver: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^SaveV2\("\/tmp\/red3-canary-r1\/pwned"\)$/,
    twin: "red3_r1_init_runs_saver_benign",
  },
  // R2: a SaverDef in the "savers" collection is never fed by any loader; a signature output depends on it.
  red3_r2_savers_collection: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^SaveV2\("\/tmp\/red3-canary-r2\/pwned"\)$/,
    twin: "red3_r2_savers_collection_benign",
  },
  // R3: PrintV2 output_stream is an attr placeholder bound to file:// by the caller's f attr.
  red3_r3_attr_placeholder: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^PrintV2\(output_stream="file:\/\/\/tmp\/red3-canary-r3\/pwned"\)$/,
    twin: "red3_r3_attr_placeholder_benign",
  },
  // R3 (variant): no binding at the call; the function signature's AttrDef default is the file:// URL.
  red3_r3b_attr_placeholder_default: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^PrintV2\(output_stream="file:\/\/\/tmp\/red3-canary-r3\/pwned"\)$/,
    twin: "red3_r3_attr_placeholder_benign",
  },
  // R4: Substr's length Const has int_val [0] but its real value in tensor_content.
  red3_r4_int_tensor_content: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDatasetV2\(filename="\/tmp\/red3-canary-r4\/pwned"\)$/,
    twin: "red3_r4_int_tensor_content_benign",
  },
  // R5: StaticRegexReplace pattern "^.*\A$": RE2 anchor, JavaScript literal "A".
  red3_r5_re2_anchor: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDatasetV2\(filename="\/tmp\/red3-canary-r5\/pwnedA"\)$/,
    twin: "red3_r5_re2_anchor_benign",
  },
  // R6: variables.index holds the cache_path key twice; TensorFlow restores the first entry (the path),
  // the scanner's index reader keeps the last ("").
  red3_r6_ckpt_duplicate_key: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDatasetV2\(filename=\["\/tmp\/red3-canary-r6\/pwned", ""\]\)$/,
    twin: "red3_r6_ckpt_duplicate_key_benign",
  },
};

redTeamRound(RED3);
