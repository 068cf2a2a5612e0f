// Thirteenth attack round (tools/fixtures/red13_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rates below their effect. All malicious cases are fixed (enforced);
// each benign twin (same loader, same shape) must stay at low or below today.
import { redTeamRound } from "./red-team.js";

const MODULE_DUNDERS =
  "a rebuilt Lambda's globals are its loader module's (tf_keras lambda_layer, Keras 3 python_utils, or the config module merged over them), so __loader__ is that module's importlib SourceFileLoader and __spec__ its ModuleSpec: __loader__.set_data(path, data) writes any host file, get_data(path) reads one, get_resource_reader().files() is a filesystem path; the loader-globals data records both as plain values (null) and the evaluator makes them unknown, so the write is only unverifiable (GW202 medium)";

const HOOK_ITERABLE =
  "tf_keras's json_utils object hook builds a __tuple__ as tuple(_decode_helper(i) for i in obj['items']), from any iterable: items given as a JSON object is the tuple of its keys, so a TensorFlowOpLayer DebugIdentityV2 whose debug_urls list is {class_name: __tuple__, items: {<base64 url>: 0}} streams tensors to that url at every predict; the scan's jsonUtilsDecode converts a __tuple__ only when items is an array and the op-layer reader then reads the wrapper object as an empty list (clean)";

const VOCAB_RELATIVE =
  "a lookup layer's string vocabulary is always a file path to the loader (IndexLookup.set_vocabulary: tf.io.gfile.exists, then a TextFileInitializer), read relative to the working directory, so vocabulary='.env' reads the project's secrets file into the vocabulary and the predictions; the vocabulary rule (GW108) reports a string only when it looks like a path (a slash, a leading ~ . or drive, file:, or a .txt/.json/... extension), so the read is clean";

const MALICIOUS: [file: string, cls: string][] = [
  // tf_keras 2.20.1 .h5, default options (writes a host file at load)
  ["red13-loader-setdata-tfk.h5", MODULE_DUNDERS],
  ["red13-spec-setdata-tfk.h5", MODULE_DUNDERS],
  ["red13-loader-reader-tfk.h5", MODULE_DUNDERS],
  // Keras 3.8.0-3.15.1 .keras, safe_mode=False (writes a host file at load; default safe_mode refuses)
  ["red13-loader-setdata-k3.keras", MODULE_DUNDERS],
  // tf_keras 2.20.1 .h5, default options (writes under a host path at predict)
  ["red13-hook-tuplekeys-debugidentity-tfk.h5", HOOK_ITERABLE],
  // tf_keras 2.20.1 .h5 and Keras 3.11.3 .keras (TensorFlow backend), default options (reads ./.env at load)
  ["red13-vocab-relative-env-tfk.h5", VOCAB_RELATIVE],
  ["red13-vocab-relative-env-k3.keras", VOCAB_RELATIVE],
];

const BENIGN = ["red13-loader-name-tfk-benign.h5", "red13-spec-name-tfk-benign.h5", "red13-loader-name-k3-benign.keras", "red13-hook-tuplekeys-relu-tfk-benign.h5",
  "red13-vocab-inline-tfk-benign.h5", "red13-vocab-inline-k3-benign.keras"];

redTeamRound("13", MALICIOUS, BENIGN);
