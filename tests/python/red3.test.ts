// Third attack round (tools/fixtures/red3_keras/README.md): payloads proven to fire on real
// loaders that the scan passes today. Each malicious file must get a Lambda/Keras finding at high
// or critical; each benign twin (same loader, same shape) must stay at low or below. 
import { redTeamRound } from "./red-team.js";

const MALICIOUS: [file: string, cls: string][] = [
  // keras.activations.get({"class_name": "__lambda__", ...})(x): an allowed getter rebuilds unanalysed code (Keras 3.10+, safe_mode=False)
  ["red3-getter-nested-lambda.keras", "Keras 3 getter deserialises a nested __lambda__"],
  // tf.compat.v1.raw_ops.PrintV2(output_stream="file:///...") is catalogued as compute; tf.raw_ops.PrintV2 is file-write (tf_keras, defaults)
  ["red3-compat-rawops-printv2.h5", "raw op reached through tf.compat.v1.raw_ops keeps a compute class"],
  // list(map(list([sys])[0].modules.get("os").system, [cmd])): an allowed container call makes any object a "value" (tf_keras, defaults)
  ["red3-container-launder-tfk.h5", "container laundering: list(...)[0] of a module is a trusted value"],
  // list(map(list([os])[0].system, [cmd])) with Keras 3's python_utils globals (safe_mode=False)
  ["red3-container-launder-k3.keras", "container laundering: list(...)[0] of a module is a trusted value"],
  // tf_keras .keras, DEFAULT safe_mode: a Lambda function dict imports tensorflow.python.keras (TF's bundled Keras 2), whose from_config runs marshalled code unguarded
  ["red3-tf-legacy-keras-lambda.keras", "safe-mode bypass through tensorflow.python.keras rated medium"],
];

const BENIGN = [
  "red3-getter-nested-lambda-benign.keras",
  "red3-compat-rawops-printv2-benign.h5",
  "red3-container-launder-tfk-benign.h5",
  "red3-container-launder-k3-benign.keras",
  "red3-tf-legacy-keras-lambda-benign.keras",
];

redTeamRound("3", MALICIOUS, BENIGN);
