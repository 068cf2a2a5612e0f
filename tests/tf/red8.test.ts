// Red-team round 8: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red8/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported at high or above with the
// trigger TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet
// (nothing above low). Malicious cases still open are marked todo (they fail by design). Generators and
// findings: tools/fixtures/tf_red8/.
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED8: Record<string, RedTeamExpect> = {
  // D1: RE2 keeps a capture group's value from an earlier iteration of a repeated group; the scanner's
  // regex fold (JavaScript RegExp) resets it each iteration, so StaticRegexReplace(CANARY + "x",
  // "^(?:x|(CANARY))+$", "\1") folds to "" (the in-memory cache) where TensorFlow computes CANARY.
  red8_d1_regex_repeated_capture: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red8-canary-tf-d1\/cache|<)/,
    twin: "red8_d1_regex_repeated_capture_benign",
  },
  // D2: TensorFlow opens a path as a C string (fopen of c_str()): ReadFile(".../app/.env\0.txt") reads
  // .../app/.env, but the location checks run on the whole string and the end-anchored secrets entry
  // (`\.env$`) misses it: rated as any host file (medium) instead of a secrets read (high).
  red8_d2_path_nul_truncated: {
    rule: "GW502",
    severity: "high",
    trigger: "inference",
    evidence: /^ReadFile\(.*app\/\.env/,
    twin: "red8_d2_path_nul_truncated_benign",
  },
  // D3: tf.saved_model.load of a TF1 meta graph renames the ROOT graph's shared_names as it renames the
  // function library's ((shared_name or node name) + "_load_<uid>") and runs the root graph: the main_op's
  // write of the host path through VarHandleOp(shared_name="") named cache_cfg lands in the variable that
  // VarHandleOp(shared_name="cache_cfg") reads as the signature's CacheDataset filename. The scanner keys
  // root handles by the TF1 session's names only (two variables, the filename "").
  red8_d3_v1_root_shared_name_renamed: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red8-canary-tf-d3\/cache|<)/,
    twin: "red8_d3_v1_root_shared_name_renamed_benign",
  },
  // D4: tf.saved_model.load gives a captured constant the value of the root node its SavedConstant names
  // (constant.operation: Const = the host path); the scanner resolves the captured argument through the
  // root graph's call site (rewired by hand to Const_benign = ""), which that loader never runs.
  red8_d4_saved_constant_operation: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red8-canary-tf-d4\/cache|<)/,
    twin: "red8_d4_saved_constant_operation_benign",
  },
  // D5: assets/b -> "." (inside) and assets/vocab.txt -> "b/b/.../../../tmp/..." : lexically inside the
  // model (the scanner's resolveLink cancels "b/.."), physically the OS climbs from assets/ itself to "/"
  // and opens the host file; a link spelled as the host path directly is GW512 high.
  red8_d5_asset_link_dotdot_through_link: {
    rule: "GW512",
    severity: "high",
    trigger: "inference",
    evidence: /^assets\/vocab\.txt -> /,
    twin: "red8_d5_asset_link_dotdot_through_link_benign",
  },
  // D6: assets/vocab.txt -> "../extra/vocab.txt" (inside the model) and extra/vocab.txt -> a host file: the
  // scanner judges only the first hop of a link under assets/ and never walks extra/ for links; the OS
  // follows the chain (the same host file linked directly is GW512 high).
  red8_d6_asset_link_chain: {
    rule: "GW512",
    severity: "high",
    trigger: "inference",
    evidence: /vocab\.txt -> /,
    twin: "red8_d6_asset_link_chain_benign",
  },
};

redTeamRound(RED8);
