// Sixth attack round (tools/fixtures/red6_keras/README.md): payloads proven to fire on real loaders
// that the scan once rated medium. Each malicious file must get a finding at high or critical; each
// benign twin (same loader, same shape) must stay at low or below. The classes are fixed: a rule holds
// for every spelling of its object, numpy's allow_pickle readers deserialise, every opener's mode is
// read from its real signature, and code strings inside a Lambda are decoded and analysed. Variants of
// each class are in the labelled Lambda set (tools/fixtures/lambda_cases.mjs, CPython 3.6-3.14).
import { redTeamRound } from "./red-team.js";

const LOAD = "numpy.load's own name (numpy.lib._npyio_impl.load) misses the numpy.load rule: file-read, not nested-load (it unpickles)";
const READ = "numpy.lib.format.read_array(..., allow_pickle=True) unpickles an object array but is classed file-read (no rule says it deserialises)";
const MODE = "numpy.lib.format.open_memmap(mode='w+') creates a host file but is classed file-read: only open/io.open/codecs.open have their mode read";

const NESTED = "a Lambda rebuilds another Lambda from an inline marshalled code string (Lambda.from_config): the nested code is never decoded, the call is only unverifiable";

const MALICIOUS: [file: string, cls: string][] = [
  // np.core.memmap(p, mode='w+') writes a pickle; np.lib._npyio_impl.load(p, allow_pickle=True) runs it (tf_keras, defaults)
  ["red6-impl-load-tfk.h5", LOAD],
  // the same, the function importing numpy itself (Keras 3, safe_mode=False)
  ["red6-impl-load-k3.keras", LOAD],
  // np.lib.format.read_array(io.BytesIO(<npy header |O + pickle>), allow_pickle=True): in memory (tf_keras, defaults)
  ["red6-read-array-tfk.h5", READ],
  // the same (Keras 3, safe_mode=False)
  ["red6-read-array-k3.keras", READ],
  // np.lib.format.open_memmap('/tmp/...', mode='w+', shape=(1,)) (tf_keras, defaults)
  ["red6-open-memmap-tfk.h5", MODE],
  // the same (Keras 3, safe_mode=False)
  ["red6-open-memmap-k3.keras", MODE],
  // Lambda.from_config({"function": <func_dump of an os.system lambda>, ...})(x) (tf_keras, defaults)
  ["red6-nested-from-config-tfk.h5", NESTED],
];

const BENIGN = [
  "red6-impl-load-tfk-benign.h5",
  "red6-impl-load-k3-benign.keras",
  "red6-read-array-tfk-benign.h5",
  "red6-read-array-k3-benign.keras",
  "red6-open-memmap-tfk-benign.h5",
  "red6-open-memmap-k3-benign.keras",
  "red6-nested-from-config-tfk-benign.h5",
];

redTeamRound("6", MALICIOUS, BENIGN);
