// Eighth attack round (tools/fixtures/red8_keras/README.md): payloads proven to fire on real loaders
// that the scan rates info or medium. Each malicious file SHOULD get a finding at high or critical
// (fixed: once any autograph converter is called, every nested function is judged by the file it names); each benign twin (same loader, same shape) must stay at
// low or below (enforced).
import { redTeamRound } from "./red-team.js";

const INDIRECT = "a function handed to tf.function / tf.autograph.to_graph as a call's result (next(iter([g])), max([g]), (lambda: g)()) is judged by its bytecode, but autograph runs the host source its code object names (info today)";

const MALICIOUS: [file: string, cls: string][] = [
  // tf.function(next(iter([g])))(cmd, 'r', -1), g's code object naming os.py at `def popen` (tf_keras, defaults)
  ["red8-autograph-iter-tfk.h5", INDIRECT],
  // tf.function(max([g], key=id))(...) (tf_keras, defaults)
  ["red8-autograph-max-tfk.h5", INDIRECT],
  // tf.autograph.to_graph((lambda: g)())(...) (tf_keras, defaults)
  ["red8-autograph-retfn-tfk.h5", INDIRECT],
  // the three again, the function importing tensorflow itself (Keras 3.11.3, TensorFlow backend, safe_mode=False)
  ["red8-autograph-iter-k3.keras", INDIRECT],
  ["red8-autograph-max-k3.keras", INDIRECT],
  ["red8-autograph-retfn-k3.keras", INDIRECT],
];

const BENIGN = ["red8-autograph-iter-tfk-benign.h5", "red8-autograph-iter-k3-benign.keras"];

redTeamRound("8", MALICIOUS, BENIGN);
