// Red-team round 9: artifacts that run a payload on real TensorFlow 2.20 (tools/fixtures/tf_red9/prove.py
// loads each in a throwaway directory and checks its canary) and that the scanner passes today or rates
// below what the effect deserves. Each malicious fixture must be reported at high or above with the
// trigger TensorFlow runs it at; each benign twin (same structure, harmless value) must stay quiet
// (nothing above low). Malicious cases still open are marked todo (they fail by design). Generators and
// findings: tools/fixtures/tf_red9/.
import { redTeamRound, type RedTeamExpect } from "./red-team.js";

const RED9: Record<string, RedTeamExpect> = {
  // E1: protobuf keeps a field whose wire type does not match its declared type as an unknown field; the
  // scanner's readers refuse the message, and openEmbedded drops a DatasetFromGraph candidate that does not
  // decode when another one does. Select(x >= 0, EVIL + "08 00", GOOD): TensorFlow runs EVIL (a dataset
  // cached under the host path), the scanner judges GOOD only and stays quiet.
  red9_e1_embedded_graph_wire_type: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red9-canary-tf-e1\/cache|<)/,
    twin: "red9_e1_embedded_graph_wire_type_benign",
  },
  // E2: a CacheDataset whose cache files exist replays them: Dataset.from_tensors("").cache(<asset "cache">)
  // yields the element stored in the shipped assets/cache.index + data shard (a host path), which
  // flat_map passes to an inner cache as its filename. The scanner takes a cache dataset's elements from
  // its input (""), so the inner cache is the in-memory one, and the outer cache on the model's own asset
  // is quiet.
  red9_e2_cache_replays_asset: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red9-canary-tf-e2\/cache|<)/,
    twin: "red9_e2_cache_replays_asset_benign",
  },
  // E2b (E2's root cause, in memory): two CacheDatasetV2 ops share one AnonymousMemoryCache handle; the
  // first completes the cache with the host path, the second (input "") replays it into flat_map, whose
  // inner cache writes there. No shipped file: the scanner reads both caches' elements from their inputs.
  red9_e2b_memory_cache_shared_handle: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red9-canary-tf-e2b\/cache|<)/,
    twin: "red9_e2b_memory_cache_shared_handle_benign",
  },
  // E3: protobuf keeps the low 32 bits of a varint read for a 32-bit field: a Const's TensorProto.dtype
  // written as 7 + 2^32 is DT_STRING to TensorFlow (value from tensor_content: the host path); the scanner
  // keeps 4294967303, not a string tensor, and takes string_val ("", the in-memory cache).
  red9_e3_enum_varint_truncated: {
    rule: "GW503",
    severity: "high",
    trigger: "inference",
    evidence: /^CacheDataset(V2)?\(.*(\/tmp\/red9-canary-tf-e3\/cache|<)/,
    twin: "red9_e3_enum_varint_truncated_benign",
  },
};

redTeamRound(RED9);
