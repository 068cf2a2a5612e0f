// Fourth attack round (tools/fixtures/red4_keras/README.md): payloads proven to fire on real
// loaders that the scan passes today. Each malicious file must get a Lambda/Keras finding at high
// or critical; each benign twin (same loader, same shape) must stay at low or below. 
import { redTeamRound } from "./red-team.js";

const MALICIOUS: [file: string, cls: string][] = [
  // (lambda m: m._sys.modules.setdefault("builtins").eval(...))(tf.math): a nested function's parameter is taken for a tensor (tf_keras, defaults)
  ["red4-nested-param-tfk.h5", "a nested function's parameter is trusted as a tensor value"],
  // (lambda *, m=os: m.sys.modules.setdefault("builtins").eval(...))(): a default bound to a module, never judged (Keras 3, safe_mode=False)
  ["red4-nested-param-k3.keras", "a nested function's parameter is trusted as a tensor value"],
  // np.ones(1).__array_namespace__() is the numpy module; ._typing.sys.modules...eval(...) (tf_keras, defaults)
  ["red4-value-method-module.h5", "a method called on a value is assumed to return a value"],
  // (m := 0), [m._sys...eval(...) if i else (m := tf.math) for i in range(2)]: the loop's back edge never carries m (tf_keras, defaults)
  ["red4-loop-carried-tfk.h5", "a value carried around a loop's back edge is never seen"],
  // the same with m := os (Keras 3, safe_mode=False)
  ["red4-loop-carried-k3.keras", "a value carried around a loop's back edge is never seen"],
  // ((m := tf.math) if x is not None else (m := 0)), m._sys...eval(...): the last store in address order wins (tf_keras, defaults)
  ["red4-branch-store.h5", "stores are flow-insensitive: the last store in address order wins"],
];

const BENIGN = [
  "red4-nested-param-tfk-benign.h5",
  "red4-nested-param-k3-benign.keras",
  "red4-value-method-module-benign.h5",
  "red4-loop-carried-tfk-benign.h5",
  "red4-loop-carried-k3-benign.keras",
  "red4-branch-store-benign.h5",
];

redTeamRound("4", MALICIOUS, BENIGN);
