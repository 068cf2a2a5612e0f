// Fourteenth attack round (tools/fixtures/red14_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rated below their effect. All malicious cases are fixed (enforced);
// each benign twin (same loader, same shape) must stay at low or below today.
import { redTeamRound } from "./red-team.js";

const SECRET_PATHS =
  "whether a host-file read targets credentials is decided by three path lists that disagree (TF ops: catalog/tf-ops.ts SECRET_PATH; HDF5 links and external files: rules/hdf5.ts isSecretPath; vocabularies: rules/keras-gadgets.ts secretBaseName + suspiciousString) and by none for a Lambda's open(): /proc/self/environ is high as a TF ReadFile, critical as an HDF5 external file and medium as a StringLookup vocabulary or a Lambda read, and no list knows the ML hosts' own credential files (~/.cache/huggingface/token, ~/.kaggle/kaggle.json)";

const CELL_WRAPPER_GLOBALS =
  "tf_keras's cell wrappers (ResidualWrapper residual_fn, DropoutWrapper dropout_state_filter_visitor) rebuild their function with func_load over cell_wrappers' own globals() (merged with the config module), which hold _parse_config_to_function (itself a func_load of any base64 marshal string), lstm, hashlib: a residual_fn that calls _parse_config_to_function on a string reversed at run time runs os.system at load; the scan judges typed functions with the loader-globals data of lambda_layer / python_utils only, so the call is an uncatalogued or author's global (GW202 medium)";

const CELL_WRAPPER_CARRY =
  "tf_keras's _parse_config_to_function merges a cell wrapper's config module into cell_wrappers' LIVE globals() (not a copy), so one wrapper's module stays for every wrapper rebuilt after it: a first ResidualWrapper naming tf.compat.v1 (whose print is tf.print) makes the second wrapper's print(o, output_stream='file://...') (module numpy) tf.print, appending to a host file at every predict; the scan judges each function with its own module only (builtins.print: GW203 info)";

const MALICIOUS: [file: string, cls: string][] = [
  // tf_keras 2.20.1 .h5, default options (the secret reaches the vocabulary / the prediction at load)
  ["red14-vocab-proc-environ-tfk.h5", SECRET_PATHS],
  ["red14-vocab-hf-token-tfk.h5", SECRET_PATHS],
  ["red14-vocab-kaggle-tfk.h5", SECRET_PATHS],
  ["red14-lambda-read-sshkey-tfk.h5", SECRET_PATHS],
  ["red14-lambda-read-environ-tfk.h5", SECRET_PATHS],
  // tf_keras 2.20.1 .h5, default options (runs a shell command at load)
  ["red14-cellwrap-parsefn-exec-tfk.h5", CELL_WRAPPER_GLOBALS],
  ["red14-cellwrap-parsefn-exec-main-tfk.h5", CELL_WRAPPER_GLOBALS],
  // tf_keras 2.20.1 .h5, default options (appends to a host file at every predict)
  ["red14-cellwrap-carry-print-file-tfk.h5", CELL_WRAPPER_CARRY],
  // Keras 3.11.3 .keras (TensorFlow backend), default options (Keras 3.8-3.11 read a string vocabulary under safe_mode)
  ["red14-vocab-proc-environ-k3.keras", SECRET_PATHS],
  ["red14-vocab-hf-token-k3.keras", SECRET_PATHS],
  ["red14-vocab-kaggle-k3.keras", SECRET_PATHS],
];

const BENIGN = ["red14-vocab-inline-tfk-benign.h5", "red14-lambda-noread-tfk-benign.h5", "red14-vocab-inline-k3-benign.keras", "red14-cellwrap-residual-tfk-benign.h5", "red14-cellwrap-carry-print-tfk-benign.h5"];

redTeamRound("14", MALICIOUS, BENIGN);
