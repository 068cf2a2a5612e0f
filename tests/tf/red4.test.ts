// Red-team round 4: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red4/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today, or reports
// with the wrong trigger. Each malicious fixture must be reported at high or above with the trigger
// TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet (nothing above
// low). Generators: tools/fixtures/tf_red4/*.py.
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED4: Record<string, RedTeamExpect> = {
  // Q1: an ASSET_FILEPATHS Const keeps the build-time host path; the loaders feed asset tensors to the
  // init/main op only, so ReadFile(asset Const) in the saver's restore op reads the host file at load.
  red4_q1_restore_reads_asset_const: {
    rule: "GW502",
    severity: "high",
    trigger: "load",
    evidence: /^ReadFile\("\/tmp\/red4-canary-q1\/\.ssh\/id_rsa"\)$/,
    twin: "red4_q1_restore_reads_asset_const_benign",
  },
  // Q2: a legacy SaveableObject's save_fn (SavedObject.saveable_objects) is called by tf.saved_model.load.
  red4_q2_saveable_save_fn_at_load: {
    rule: "GW503",
    severity: "high",
    trigger: "load",
    evidence: /^WriteFile\("\/tmp\/red4-canary-q2\/pwned"\)$/,
    twin: "red4_q2_saveable_save_fn_at_load_benign",
  },
};

redTeamRound(RED4);
