// Eleventh attack round (tools/fixtures/red11_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rates below their effect. Each malicious file SHOULD get a finding at high or
// critical (all four classes fixed: a string node_def is parsed as the binary NodeDef tf_keras parses, the
// NodeDef JSON is read with json_format's rules, a ClassMethod dunder is judged as its symbol); each benign twin (same loader, same shape) must stay at low
// or below (enforced).
import { test } from "node:test";
import assert from "node:assert/strict";
import { severityRank } from "../../src/index.js";
import { redTeamRound, scanFolder } from "./red-team.js";

const NODEDEF_BYTES = "tf_keras's TensorFlowOpLayer accepts config.node_def as a string holding the serialized NodeDef (encode('utf-8') then NodeDef.FromString), not only as a json_format dict; the scan reads node_def only when it is an object, so the op (DebugIdentityV2 writing tfdbg files under a path from the file, at every predict) is never judged (clean)";

const ATTR_NULL = "protobuf's json_format treats a null field as unset, so an AttrValue {\"s\": null, \"list\": {...}} is its list; the scan's NodeDef conversion takes the first member key present (s before list) and reads an empty attribute, so DebugIdentityV2's debug_urls (where it writes at every predict) are never seen (clean)";

const B64_UNPADDED = "protobuf's json_format pads a bytes field itself before decoding (base64 without '=' is valid); the scan's NodeDef conversion rejects base64 whose length is not a multiple of 4, so DebugIdentityV2's debug_urls written unpadded are dropped (clean)";

const WRAPPED = "tf_keras's ClassMethod calls getattr(cls_symbol, method_name); every tf.raw_ops export carries __wrapped__, the generated op function itself, so raw_ops.WriteFile with method_name __wrapped__ and constant arguments writes a file while the model is rebuilt; the scan judges a method other than exactly __call__ as the member name (unknown TensorFlow reference, GW102 medium)";

const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5 and .keras, default options (fires at predict)
  ["red11-nodedef-bytes-debugidentity-tfk.h5", NODEDEF_BYTES],
  ["red11-nodedef-bytes-debugidentity-tfk.keras", NODEDEF_BYTES],
  // class 2, tf_keras 2.20.1 .h5 and .keras, default options (fires at predict)
  ["red11-attr-null-debugidentity-tfk.h5", ATTR_NULL],
  ["red11-attr-null-debugidentity-tfk.keras", ATTR_NULL],
  // class 3, tf_keras 2.20.1 .h5 and .keras, default options (fires at predict)
  ["red11-b64-unpadded-debugidentity-tfk.h5", B64_UNPADDED],
  ["red11-b64-unpadded-debugidentity-tfk.keras", B64_UNPADDED],
  // class 4, tf_keras 2.20.1 .h5 and .keras, default options (fires at load)
  ["red11-classmethod-wrapped-writefile-tfk.h5", WRAPPED],
  ["red11-classmethod-wrapped-writefile-tfk.keras", WRAPPED],
];

const BENIGN = [
  "red11-nodedef-bytes-relu-tfk-benign.h5",
  "red11-nodedef-bytes-relu-tfk-benign.keras",
  "red11-attr-null-relu-tfk-benign.h5",
  "red11-attr-null-relu-tfk-benign.keras",
  "red11-b64-unpadded-relu-tfk-benign.h5",
  "red11-b64-unpadded-relu-tfk-benign.keras",
  "red11-classmethod-regex-tfk-benign.h5",
  "red11-classmethod-regex-tfk-benign.keras",
];

redTeamRound("11", MALICIOUS, BENIGN);


test(`red11-nodedef-bytes-metadata-debugidentity-tfk.savedmodel: high or critical (${NODEDEF_BYTES}; SavedModel: keras_metadata.pb's node_def string is what runs, the graph holds Relu)`, async () => {
  const fs = await scanFolder("red11-nodedef-bytes-metadata-debugidentity-tfk.savedmodel");
  assert.ok(fs.some((f) => severityRank(f.severity as never) >= severityRank("high")), JSON.stringify(fs));
});

test("red11-nodedef-bytes-relu-tfk-benign.savedmodel: benign twin stays at low or below", async () => {
  const fs = await scanFolder("red11-nodedef-bytes-relu-tfk-benign.savedmodel");
  assert.ok(!fs.some((f) => severityRank(f.severity as never) >= severityRank("medium")), JSON.stringify(fs));
});
