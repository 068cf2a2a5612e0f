// Seventh attack round (tools/fixtures/red7_keras/README.md): payloads proven to fire on real loaders
// that the scan once rated medium or info. Each malicious file must get a finding at high or critical;
// each benign twin (same loader, same shape) must stay at low or below. All five classes are fixed
// (tools/fixtures/red7_keras/README.md, "Fixes").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { scanBytes } from "../../src/index.js";
import { redTeamRound } from "./red-team.js";

const WRAP = "jax.numpy.load forwards **kwargs to numpy.load (allow_pickle=True unpickles) but is classed file-read: a wrapper of a deserialiser in another package";
const NATIVE = "tf.lite.experimental.load_delegate dlopen()s a host shared library (native code runs) but is classed file-read";

const SOURCE = "tf.autograph.to_graph / tf.function run the source file a nested code object names (co_filename, co_firstlineno), not its bytecode: a harmless `return cmd` runs os.popen's body (info today)";

const CACHE = "non-zero inline CACHE bytes (never read by CPython 3.11 before specialisation) make the version fit reject 3.11-3.14: any payload becomes 'could not be decoded' (medium)";

const MREF = "a FLAG_REF on None (ignored by CPython's marshal) shifts graphwarden's reference table: co_names reads ('abs',) where CPython reads ('exec',) (info today)";

const MALICIOUS: [file: string, cls: string][] = [
  // jnp.load(io.BytesIO(<protocol-0 pickle>), allow_pickle=True) (Keras 3.15.1, safe_mode=False)
  ["red7-jnp-load-k3.keras", WRAP],
  // tf.lite.experimental.load_delegate('/tmp/red7-keras-lib/libred7.so') (tf_keras, defaults)
  ["red7-load-delegate-tfk.h5", NATIVE],
  // the tf.compat.v1.lite spelling (tf_keras, defaults)
  ["red7-load-delegate-v1-tfk.h5", NATIVE],
  // the same, the function importing tensorflow itself (Keras 3.11.3, TensorFlow backend, safe_mode=False)
  ["red7-load-delegate-k3.keras", NATIVE],
  // tf.autograph.to_graph(g)(cmd, 'r', -1), g's code object naming os.py at `def popen` (tf_keras, defaults)
  ["red7-autograph-source-tfk.h5", SOURCE],
  // the same through tf.function(g)(...) (tf_keras, defaults)
  ["red7-autograph-tffunction-tfk.h5", SOURCE],
  // both again, the function importing tensorflow itself (Keras 3.11.3, TensorFlow backend, safe_mode=False)
  ["red7-autograph-source-k3.keras", SOURCE],
  ["red7-autograph-tffunction-k3.keras", SOURCE],
  // __import__('os').system(...) with one byte of the first LOAD_GLOBAL's inline cache set (tf_keras, defaults; hand-patched)
  ["red7-cache-bytes-tfk.h5", CACHE],
  // co_consts (None|FLAG_REF, 'abs', 'exec', cmd), co_names (r 1,): exec(cmd) in CPython, abs(cmd) in the scan (tf_keras, defaults; hand-built marshal)
  ["red7-marshal-ref-tfk.h5", MREF],
  // the same bytes as a Keras 3 __lambda__ code string (Keras 3.15.1, safe_mode=False)
  ["red7-marshal-ref-k3.keras", MREF],
];

const BENIGN = ["red7-jnp-load-k3-benign.keras", "red7-load-delegate-tfk-benign.h5", "red7-load-delegate-k3-benign.keras", "red7-autograph-source-tfk-benign.h5", "red7-autograph-source-k3-benign.keras", "red7-cache-bytes-tfk-benign.h5", "red7-marshal-ref-tfk-benign.h5", "red7-marshal-ref-k3-benign.keras"];

redTeamRound("7", MALICIOUS, BENIGN);

// The class-4 fix must not turn every patched cache byte into a finding: a pure function (tf.abs) with
// the same patched byte should read as compute (info). It is medium today ("could not be decoded").
test("red7-cache-bytes-tfk-pure-patched.h5: low or below once cache bytes are accepted", async () => {
  const file = "red7-cache-bytes-tfk-pure-patched.h5";
  const r = await scanBytes(file, new Uint8Array(readFileSync(new URL(`../../fixtures/lambda/models/${file}`, import.meta.url))));
  assert.ok(!r.findings.some((f) => ["medium", "high", "critical"].includes(f.severity)), JSON.stringify(r.findings.map((f) => f.severity)));
});
