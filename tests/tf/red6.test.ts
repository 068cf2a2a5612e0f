// Red-team round 6: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red6/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today. Each
// malicious fixture must be reported at high or above with the trigger TensorFlow runs it at; each benign
// twin (same structure, harmless value) must stay quiet (nothing above low). Malicious cases still open are
// marked todo (they fail by design); B1-B3 are fixed. Generators and findings: tools/fixtures/tf_red6/.
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED6: Record<string, RedTeamExpect> = {
  // B1: container "" is the device's default container, "localhost" in a local session: VarHandleOps with
  // one shared_name, one with container "" and one with container "localhost", are one variable. The
  // main_op assigns "" through the first and the host path through the second; the signature reads the
  // first as the CacheDataset filename.
  red6_b1_default_container: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(filename=.*"\/tmp\/red6-canary-b1\/cache"/,
    twin: "red6_b1_default_container_benign",
  },
  // B2: a VarHandleOp with an empty shared_name names its variable "" (only the ref VariableV2 falls back to
  // its node name): two such VarHandleOps are one variable; same main_op / signature as B1.
  red6_b2_empty_shared_name: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(filename=.*"\/tmp\/red6-canary-b2\/cache"/,
    twin: "red6_b2_empty_shared_name_benign",
  },
  // B3: NodeDef.device "/job:localhost/job:worker/..." names job worker (DeviceNameUtils::ParseFullName: a
  // later /job: overrides an earlier one); the scanner reads the first /job: only.
  red6_b3_device_last_job: {
    rule: "GW505",
    severity: "high",
    trigger: "inference",
    evidence: /^Identity @ .*\/job:worker\//,
    twin: "red6_b3_device_last_job_benign",
  },
};

redTeamRound(RED6);
