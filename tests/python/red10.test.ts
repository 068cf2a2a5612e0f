// Tenth attack round (tools/fixtures/red10_keras/README.md): structural payloads (not Lambda
// bytecode) proven to fire on real loaders that the scan rates low. Each malicious file SHOULD get a
// finding at high or critical (all four classes fixed: TensorFlowOpLayer's node_def is judged as a
// graph op, ClassMethod/InstanceMethod/InstanceProperty targets are judged, TFOpLambda names are judged by
// the tf_export registry's object, _CONSTANT_VALUE records count as constants); each benign twin (same loader, same
// shape) must stay at low or below (enforced).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes, severityRank } from "../../src/index.js";
import { redTeamRound, scanFolder } from "./red-team.js";

const TF_OP_LAYER = "tf_keras's built-in TensorFlowOpLayer rebuilds any TensorFlow op from the NodeDef in its config (op type and attributes from the file) and runs it in every predict; the scan never reads node_def (.h5: the class is called a custom object the loading program must register, GW103 low; tf_keras .keras: module tf_keras.src.engine.base_layer is a Keras class, clean)";

const CLASS_METHOD = "tf_keras's ClassMethod layer calls getattr(<cls_symbol>, <method_name>)(*args, **kwargs) for any public TensorFlow symbol and attribute (io.write_file.__call__ with constant arguments: eager write while the model is rebuilt); the scan reads a TF-op layer's target only from a `function` key, which ClassMethod has not (clean)";

const TF_OP_ALIAS = "a TFOpLambda's function is judged by the name as written (tensorflow.<name>), not by the symbol tf_export's registry resolves it to: compat.v1.keras.utils.save_img is tf_keras's save_img (keras.utils.save_img is GW104 high) but unclassified (GW102 medium); with constant arguments it writes a file while the model is rebuilt";

const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5, default options (fires at predict)
  ["red10-tfoplayer-debugidentity-tfk.h5", TF_OP_LAYER],
  // class 1, tf_keras 2.20.1 .keras (its v3 zip format), default options (safe_mode=True)
  ["red10-tfoplayer-debugidentity-tfk.keras", TF_OP_LAYER],
  // class 2, tf_keras 2.20.1 .h5 and .keras, default options (fires at load)
  ["red10-classmethod-writefile-tfk.h5", CLASS_METHOD],
  ["red10-classmethod-writefile-tfk.keras", CLASS_METHOD],
  // class 3, tf_keras 2.20.1 .h5 and .keras, default options (fires at load)
  ["red10-tfoplambda-compatv1-saveimg-tfk.h5", TF_OP_ALIAS],
  ["red10-tfoplambda-compatv1-saveimg-tfk.keras", TF_OP_ALIAS],
];

const BENIGN = [
  "red10-tfoplayer-relu-tfk-benign.h5",
  "red10-tfoplayer-relu-tfk-benign.keras",
  "red10-classmethod-ragged-tfk-benign.h5",
  "red10-classmethod-ragged-tfk-benign.keras",
  "red10-tfoplambda-add-tfk-benign.h5",
  "red10-tfoplambda-add-tfk-benign.keras",
];

redTeamRound("10", MALICIOUS, BENIGN);

// class 4 (version claim): the file is rated high already, but the finding claims no loader version
// runs it ("called with tensor arguments only"), while tf_keras 2.20.1 with default options writes the
// file while loading: the constant of a Keras 2 `_CONSTANT_VALUE` node record is never read.
test("red10-tfoplambda-saveimg-constvalue-tfk.h5: the write finding names tf-keras among the versions that run it", async () => {
  const file = "red10-tfoplambda-saveimg-constvalue-tfk.h5";
  const data = readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url));
  const r = await scanBytes(file, new Uint8Array(data));
  const write = r.findings.filter((f) => f.capabilities.includes("file-write"));
  assert.ok(write.length > 0, JSON.stringify(r.findings));
  assert.ok(write.some((f) => (f.affectedVersions ?? []).some((v) => v.startsWith("tf-keras"))), JSON.stringify(write.map((f) => f.affectedVersions)));
});

// class 1 in a tf_keras SavedModel directory: the traced graph holds the benign op (Relu), the layer
// config in keras_metadata.pb names DebugIdentityV2; tf_keras rebuilds the layer from the config.
test(`red10-tfoplayer-metadata-debugidentity-tfk.savedmodel: high or critical (${TF_OP_LAYER}; SavedModel: keras_metadata.pb's node_def is what runs, the graph scan sees the traced Relu)`, async () => {
  const fs = await scanFolder("red10-tfoplayer-metadata-debugidentity-tfk.savedmodel");
  assert.ok(fs.some((f) => severityRank(f.severity as never) >= severityRank("high")), JSON.stringify(fs));
});

test("red10-tfoplayer-relu-tfk-benign.savedmodel: benign twin stays at low or below", async () => {
  const fs = await scanFolder("red10-tfoplayer-relu-tfk-benign.savedmodel");
  assert.ok(!fs.some((f) => severityRank(f.severity as never) >= severityRank("medium")), JSON.stringify(fs));
});
