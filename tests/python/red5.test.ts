// Fifth attack round (tools/fixtures/red5_keras/README.md): payloads proven to fire on real loaders
// that the scan passes today (info, medium, or nothing). Each malicious file must get a Lambda/Keras
// finding at high or critical; each benign twin (same loader, same shape) must stay at low or below.
// The malicious cases of a class the scanner does not handle yet are todo, so the suite stays green.
import { redTeamRound } from "./red-team.js";

const MALICIOUS: [file: string, cls: string][] = [
  // box = [x, {"k": 0}]; box[1]["k"] = tf.math._sys.modules; box[1]["k"].setdefault("builtins").eval(...) (tf_keras, defaults)
  ["red5-subscript-store-tfk.h5", "an item stored into a container is not modelled: the container keeps the items it was built with"],
  // the same with codecs.sys.modules (Keras 3, safe_mode=False)
  ["red5-subscript-store-k3.keras", "an item stored into a container is not modelled: the container keeps the items it was built with"],
  // box = [x]; box.extend([tf.math._sys.modules]); box[-1].setdefault("builtins").eval(...) (tf_keras, defaults)
  ["red5-container-extend-tfk.h5", "a container mutated by a method keeps the items it was built with"],
  // the same with codecs.sys.modules (Keras 3, safe_mode=False)
  ["red5-container-extend-k3.keras", "a container mutated by a method keeps the items it was built with"],
  // next(map(lambda _: tf.math._sys.modules, [0])).setdefault("builtins").eval(...) (tf_keras, defaults)
  ["red5-map-return-tfk.h5", "a verified higher-order call is assumed to return data although it returns what the carried function returns"],
  // the same with codecs.sys.modules (Keras 3, safe_mode=False)
  ["red5-map-return-k3.keras", "a verified higher-order call is assumed to return data although it returns what the carried function returns"],
  // getattr(x, "setdefault", tf.math._sys.modules.setdefault if x is not None else 0)("builtins").eval(...) (tf_keras, defaults)
  ["red5-getattr-default-tfk.h5", "getattr with a default is modelled as the attribute; a tensor lacking it yields the default"],
  // the same with codecs.sys.modules (Keras 3, safe_mode=False)
  ["red5-getattr-default-k3.keras", "getattr with a default is modelled as the attribute; a tensor lacking it yields the default"],
  // max([max([tf.math._sys.modules.setdefault])("builtins").eval])(...): calling what max() returned (tf_keras, defaults)
  ["red5-call-result-tfk.h5", "calling what a verified call returned is trusted, though max/min/next hand back an argument"],
  // the same with codecs.sys.modules (Keras 3, safe_mode=False)
  ["red5-call-result-k3.keras", "calling what a verified call returned is trusted, though max/min/next hand back an argument"],
  // os.system payload whose base64 code string has data after the pad (binascii stops there) (tf_keras, defaults)
  ["red5-base64-after-pad-tfk.h5", "base64 after a complete pad is rejected; the loaders' binascii stops there and runs the code"],
  // the same in a Keras 3 __lambda__ (safe_mode=False)
  ["red5-base64-after-pad-k3.keras", "base64 after a complete pad is rejected; the loaders' binascii stops there and runs the code"],
  // Keras 3 __lambda__ config.code = [code, defaults, closure]: func_load unpacks it (safe_mode=False)
  ["red5-code-list-k3.keras", "a Keras 3 __lambda__ whose code is a list is never analysed"],
  // Lambda `lambda x, m: m(x)` with arguments m = {"class_name": "__lambda__", "config": {"value": "<code string>"}} (safe_mode=False)
  ["red5-code-value-str-k3.keras", "a Keras 3 __lambda__ whose value is a bare code string is never analysed"],
  // residuals of round-4 classes (tools/fixtures/red5_keras/gen_residuals.py; tf_keras, defaults)
  // (lambda m=tf.math._sys.modules: m.setdefault("builtins").eval(...))()
  ["red5-residual-default-tfk.h5", "a nested function's parameter default is trusted as a value"],
  // c = b; b = a; a = tf.math._sys.modules around a loop: the table reaches c on the third iteration
  ["red5-residual-loop-tfk.h5", "a value shifted through a chain of locals around a loop outruns two evaluator runs"],
  // {}.setdefault("k", tf.math._sys.modules if x is not None else 0).setdefault("builtins").eval(...)
  ["red5-residual-method-tfk.h5", "a method that returns one of its arguments is assumed to return a value"],
];

const BENIGN = [
  "red5-subscript-store-tfk-benign.h5",
  "red5-subscript-store-k3-benign.keras",
  "red5-container-extend-tfk-benign.h5",
  "red5-container-extend-k3-benign.keras",
  "red5-map-return-tfk-benign.h5",
  "red5-map-return-k3-benign.keras",
  "red5-getattr-default-tfk-benign.h5",
  "red5-getattr-default-k3-benign.keras",
  "red5-call-result-tfk-benign.h5",
  "red5-call-result-k3-benign.keras",
  "red5-base64-after-pad-tfk-benign.h5",
  "red5-base64-after-pad-k3-benign.keras",
  "red5-code-list-k3-benign.keras",
  "red5-code-value-str-k3-benign.keras",
  "red5-residual-default-tfk-benign.h5",
  "red5-residual-loop-tfk-benign.h5",
  "red5-residual-method-tfk-benign.h5",
];

redTeamRound("5", MALICIOUS, BENIGN);

// Relative imports, observed in the same round.
const RELATIVE: [file: string, cls: string][] = [
  // `from ...utils.data_utils import get_file` in a tf_keras Lambda (package tf_keras.src.layers.core): tf_keras' get_file (tf_keras, defaults)
  ["red5-relative-import-tfk.h5", "a relative import is judged as an unknown absolute module instead of the loader package's module"],
  // `from .file_utils import get_file` in a Keras 3 Lambda (package keras.src.utils) (safe_mode=False)
  ["red5-relative-import-k3.keras", "a relative import is judged as an unknown absolute module instead of the loader package's module"],
];

// relative imports of a pure function (tf_keras `from ...backend import relu`, Keras 3 `from ..ops.numpy import abs`)
redTeamRound("5 (relative imports)", RELATIVE, ["red5-relative-import-tfk-benign.h5", "red5-relative-import-k3-benign.keras"]);
