// Fifteenth attack round (tools/fixtures/red15_keras/README.md): Keras payloads proven to fire on real
// loaders that the scan rates below their effect. All malicious cases are fixed (enforced);
// each benign twin (same loader, same shape) must stay at low or below today.
import { redTeamRound } from "./red-team.js";

const SECRET_ARG_POSITION =
  "a Lambda's read is raised to high only when the reader's first positional argument, or a keyword named file/filename/path/fname/name/filepath, is a constant credential path (src/python/lambda.ts): the same constant given as the function's default argument value (tf_keras func_dump keeps __defaults__), as a bytes constant (open(b'.ssh/id_rsa')), as a list element (tf.data.TextLineDataset([...])), under the keyword filenames= or as the Lambda layer's `arguments` config is a plain file read (GW201 medium)";

const SECRET_PATH_GAPS =
  "the credential-path catalogue (src/catalog/secret-paths.ts) lacks common ML/infrastructure hosts' token files: ~/.vault-token (HashiCorp Vault), ~/.databrickscfg (Databricks personal access token), ~/.ngc/config (NVIDIA NGC API key); a Lambda's open() of them is a plain file read (GW201 medium), a StringLookup vocabulary naming them a plain vocabulary read (GW108 medium)";

const SECRET_PATH_UNNORMALISED =
  "the credential-path catalogue matches the path as written, without normalising it: the OS resolves '//' and '/./', so /proc/self/./environ, .kaggle//kaggle.json and .cache/huggingface/./token open listed credential files while the regex (one separator between fixed names) misses them: a Lambda's open() is a plain file read (GW201 medium), a StringLookup vocabulary a plain vocabulary read (GW108 medium)";

const MALICIOUS: [file: string, cls: string][] = [
  // tf_keras 2.20.1 .h5, default options (the planted secret decides the prediction)
  ["red15-lambda-read-defarg-sshkey-tfk.h5", SECRET_ARG_POSITION],
  ["red15-lambda-read-tldlist-sshkey-tfk.h5", SECRET_ARG_POSITION],
  ["red15-lambda-read-tldkw-sshkey-tfk.h5", SECRET_ARG_POSITION],
  ["red15-lambda-read-arguments-sshkey-tfk.h5", SECRET_ARG_POSITION],
  ["red15-lambda-read-bytes-sshkey-tfk.h5", SECRET_ARG_POSITION],
  ["red15-lambda-read-vault-token-tfk.h5", SECRET_PATH_GAPS],
  ["red15-lambda-read-databrickscfg-tfk.h5", SECRET_PATH_GAPS],
  ["red15-lambda-read-ngc-config-tfk.h5", SECRET_PATH_GAPS],
  // Keras 3.11.3 .keras (TensorFlow backend), default options (Keras 3.8-3.11 read a string vocabulary under safe_mode)
  ["red15-vocab-vault-token-k3.keras", SECRET_PATH_GAPS],
  ["red15-vocab-databrickscfg-k3.keras", SECRET_PATH_GAPS],
  ["red15-vocab-ngc-config-k3.keras", SECRET_PATH_GAPS],
  // tf_keras 2.20.1 .h5 and Keras 3.11.3 .keras, default options
  ["red15-lambda-read-environ-dotseg-tfk.h5", SECRET_PATH_UNNORMALISED],
  ["red15-vocab-kaggle-dblslash-tfk.h5", SECRET_PATH_UNNORMALISED],
  ["red15-vocab-hf-token-dotseg-k3.keras", SECRET_PATH_UNNORMALISED],
];

const BENIGN = ["red15-lambda-defarg-noread-tfk-benign.h5", "red15-lambda-vault-noread-tfk-benign.h5", "red15-lambda-arguments-noread-tfk-benign.h5"];

redTeamRound("15", MALICIOUS, BENIGN);
