// Tenth attack round (tools/fixtures/red10_keras/README.md): structural payloads (not Lambda
// bytecode) proven to fire on real loaders that the scan rates low. Each malicious file SHOULD get a
// finding at high or critical (todo until the class is fixed); each benign twin (same loader, same
// shape) must stay at low or below (enforced).
import { redTeamRound } from "./red-team.js";

const TF_OP_LAYER = "tf_keras's built-in TensorFlowOpLayer rebuilds any TensorFlow op from the NodeDef in its config (op type and attributes from the file) and runs it in every predict; the scan never reads node_def (.h5: the class is called a custom object the loading program must register, GW103 low; tf_keras .keras: module tf_keras.src.engine.base_layer is a Keras class, clean)";

const CLASS_METHOD = "tf_keras's ClassMethod layer calls getattr(<cls_symbol>, <method_name>)(*args, **kwargs) for any public TensorFlow symbol and attribute (io.write_file.__call__ with constant arguments: eager write while the model is rebuilt); the scan reads a TF-op layer's target only from a `function` key, which ClassMethod has not (clean)";

const MALICIOUS: [file: string, cls: string][] = [
  // class 1, tf_keras 2.20.1 .h5, default options (fires at predict)
  ["red10-tfoplayer-debugidentity-tfk.h5", TF_OP_LAYER],
  // class 1, tf_keras 2.20.1 .keras (its v3 zip format), default options (safe_mode=True)
  ["red10-tfoplayer-debugidentity-tfk.keras", TF_OP_LAYER],
  // class 2, tf_keras 2.20.1 .h5 and .keras, default options (fires at load)
  ["red10-classmethod-writefile-tfk.h5", CLASS_METHOD],
  ["red10-classmethod-writefile-tfk.keras", CLASS_METHOD],
];

const BENIGN = [
  "red10-tfoplayer-relu-tfk-benign.h5",
  "red10-tfoplayer-relu-tfk-benign.keras",
  "red10-classmethod-ragged-tfk-benign.h5",
  "red10-classmethod-ragged-tfk-benign.keras",
];

redTeamRound("10", MALICIOUS, BENIGN, { todo: true });
