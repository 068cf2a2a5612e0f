// Fourteenth attack round (tools/fixtures/red14_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rates below their effect. Malicious cases are `todo` until their class is fixed;
// each benign twin (same loader, same shape) must stay at low or below today.
import { redTeamRound } from "./red-team.js";

const SECRET_PATHS =
  "whether a host-file read targets credentials is decided by three path lists that disagree (TF ops: catalog/tf-ops.ts SECRET_PATH; HDF5 links and external files: rules/hdf5.ts isSecretPath; vocabularies: rules/keras-gadgets.ts secretBaseName + suspiciousString) and by none for a Lambda's open(): /proc/self/environ is high as a TF ReadFile, critical as an HDF5 external file and medium as a StringLookup vocabulary or a Lambda read, and no list knows the ML hosts' own credential files (~/.cache/huggingface/token, ~/.kaggle/kaggle.json)";

const MALICIOUS: [file: string, cls: string][] = [
  // tf_keras 2.20.1 .h5, default options (the secret reaches the vocabulary / the prediction at load)
  ["red14-vocab-proc-environ-tfk.h5", SECRET_PATHS],
  ["red14-vocab-hf-token-tfk.h5", SECRET_PATHS],
  ["red14-vocab-kaggle-tfk.h5", SECRET_PATHS],
  ["red14-lambda-read-sshkey-tfk.h5", SECRET_PATHS],
  ["red14-lambda-read-environ-tfk.h5", SECRET_PATHS],
  // Keras 3.11.3 .keras (TensorFlow backend), default options (Keras 3.8-3.11 read a string vocabulary under safe_mode)
  ["red14-vocab-proc-environ-k3.keras", SECRET_PATHS],
  ["red14-vocab-hf-token-k3.keras", SECRET_PATHS],
  ["red14-vocab-kaggle-k3.keras", SECRET_PATHS],
];

const BENIGN = ["red14-vocab-inline-tfk-benign.h5", "red14-lambda-noread-tfk-benign.h5", "red14-vocab-inline-k3-benign.keras"];

redTeamRound("14", MALICIOUS, BENIGN, { todo: true });
