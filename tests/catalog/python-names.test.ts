// The generated Python name data (tools/gen-python-names.py) and how the shared catalogue judges
// through it: exact names only, module attributes resolved, dangerous names keep their class.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { judgeTarget, packageTwin } from "../../src/catalog/python.js";
import { choiceParams, isKnownNamespace, isKnownPackageModule, lookupMethod, lookupName, NAME_COVERAGE, resolveModulePath } from "../../src/catalog/python-names.js";
import namesData from "../../src/catalog/python-names.data.json" with { type: "json" };
import { renderNamesDoc } from "../../scripts/names-doc.js";

test("docs/python-names.md is generated from the current name data (run npm run docs:rules)", () => {
  const onDisk = readFileSync(new URL("../../docs/python-names.md", import.meta.url), "utf8");
  assert.ok(onDisk === renderNamesDoc(), "docs/python-names.md is stale: run npm run docs:rules");
});

test("compute is exact: listed math is allowed, package prefixes allow nothing", () => {
  for (const n of ["numpy.add", "numpy.linalg.norm", "tensorflow.math.add", "tensorflow.image.resize", "keras.ops.sqrt", "tf_keras.backend.clip", "math.sqrt", "builtins.len"]) {
    assert.equal(judgeTarget(n).verdict, "allow", n);
  }
  for (const n of ["numpy.no_such_function", "tensorflow.not_a_symbol", "keras.src.utils.some_helper", "tf_keras.whatever", "jax.numpy.made_up"]) {
    assert.equal(judgeTarget(n).verdict, "unknown", n);
  }
});

test("names that read or write files, reach the network, run code or load native code keep their class", () => {
  const want: [string, string][] = [
    ["numpy.save", "file-write"], ["numpy.savez_compressed", "file-write"], ["numpy.fromfile", "file-read"], ["numpy.lib.format.read_array", "nested-load"],
    ["numpy.ctypeslib.load_library", "native-load"], ["tensorflow.io.write_file", "file-write"], ["tensorflow.io.gfile.GFile", "file-read"],
    ["tensorflow.numpy_function", "exec"], ["tensorflow.raw_ops.EagerPyFunc", "exec"], ["tensorflow.compat.v1.py_func", "exec"],
    ["keras.utils.get_file", "network"], ["keras.saving.load_model", "nested-load"], ["tensorflow.saved_model.load", "nested-load"],
    ["numpy.lib.npyio.DataSource", "network"],
  ];
  for (const [n, cap] of want) {
    const j = judgeTarget(n);
    assert.equal(j.verdict, "deny", n);
    assert.ok(j.capabilities.includes(cap as never), `${n}: ${j.capabilities.join(",")}`);
  }
});

test("module attributes are the modules they name", () => {
  assert.equal(resolveModulePath("numpy.ctypeslib.ctypes.CDLL"), "ctypes.CDLL");
  assert.equal(judgeTarget("numpy.ctypeslib.ctypes.CDLL").verdict, "deny");
  assert.equal(resolveModulePath("keras.backend.tf.image.resize"), "tensorflow.image.resize");
  assert.equal(resolveModulePath("numpy.add"), "numpy.add");
});

test("methods on values: compute methods of arrays and tensors, dangerous ones classed, the rest absent", () => {
  for (const m of ["reshape", "astype", "sum", "numpy", "as_list", "get_shape", "write", "stack"]) assert.ok(["pure", "stateful"].includes(lookupMethod(m)?.cls ?? ""), m);
  assert.equal(lookupMethod("tofile")?.cls, "file-write");
  assert.equal(lookupMethod("dump")?.cls, "file-write");
  assert.equal(lookupMethod("ctypes")?.cls, "native");
  assert.equal(lookupMethod("__array_interface__")?.cls, "native");
  assert.equal(lookupMethod("frobnicate"), undefined);
  assert.equal(lookupMethod("system"), undefined);
});

test("canonical targets follow re-exports", () => {
  assert.match(lookupName("tensorflow.add")?.canonical ?? "", /^tensorflow\.python\.ops\./);
  assert.match(lookupName("numpy.linalg.norm")?.canonical ?? "", /^numpy\.linalg\./);
  assert.equal(lookupName("numpy.add")?.family, "numpy ufunc");
});

test("the coverage table names every walked package and counts consistently", () => {
  for (const p of ["numpy", "tensorflow", "keras", "tf_keras", "builtins"]) assert.ok(NAME_COVERAGE.some((c) => c.package.startsWith(`${p} `)), p);
  for (const c of NAME_COVERAGE) assert.ok(c.classified <= c.total && c.total > 0, c.package);
});

test("a rule holds for every spelling of its object; pickle readers and openers carry their deciding parameters", () => {
  // numpy.load's defining name and its numpy 1.x spellings are numpy.load
  for (const n of ["numpy.lib._npyio_impl.load", "numpy.lib.npyio.load", "numpy.lib.load"]) {
    const j = judgeTarget(n);
    assert.equal(j.verdict, "deny", n);
    assert.ok(j.capabilities.includes("nested-load"), `${n}: ${j.capabilities.join(",")}`);
  }
  // numpy.save's defining name keeps numpy.save's rule
  assert.ok(judgeTarget("numpy.lib._npyio_impl.save").capabilities.includes("file-write"));
  // a glob over internals speaks for those spellings only: tf.expand_dims stays compute
  assert.equal(judgeTarget("tensorflow.expand_dims").verdict, "allow");
  // the signatures' deciding parameters, read from the real packages
  assert.deepEqual(choiceParams("numpy.lib.format.read_array")?.allow_pickle, [1, "False"]);
  assert.deepEqual(choiceParams("numpy.load")?.allow_pickle, [2, "False"]);
  assert.deepEqual(choiceParams("numpy.lib.format.open_memmap")?.mode, [1, "'r+'"]);
  assert.deepEqual(choiceParams("tensorflow.io.gfile.GFile")?.mode, [1, "'r'"]);
  assert.equal(choiceParams("numpy.add"), undefined);
  // an unlisted name called inside numpy that ends like numpy.memmap is judged as it; listed names are not twins
  assert.ok(packageTwin("numpy.core.memmap")?.capabilities.includes("file-write"));
  assert.equal(packageTwin("numpy.memmap"), undefined);
  assert.equal(packageTwin("numpy.core.some_math"), undefined);
  // from_config of any Keras class rebuilds objects and code
  assert.ok(judgeTarget("tf_keras.src.layers.core.lambda_layer.Lambda.from_config").capabilities.includes("nested-load"));
  assert.ok(judgeTarget("keras.src.layers.Dense.from_config").capabilities.includes("nested-load"));
});

test("a function's parsed body decides over its name: wrappers of unpicklers and native loaders keep their effect", () => {
  // jax.numpy.load forwards **kwargs to numpy.load; tf.lite's load_delegate builds a Delegate that loads a library
  assert.equal(lookupName("jax.numpy.load")?.cls, "deserialisation");
  assert.equal(lookupName("tensorflow.compat.v1.lite.experimental.load_delegate")?.cls, "native");
  assert.ok(judgeTarget("tensorflow.lite.experimental.load_delegate").capabilities.includes("native-load"));
  // docstring examples do not count: numpy.save still writes, numpy.rec.fromrecords is still compute
  assert.equal(lookupName("numpy.save")?.cls, "file-write");
  assert.equal(lookupName("numpy.rec.fromrecords")?.cls, "pure");
});

test("namespace and package checks by binary search agree with a full pass over the names", () => {
  const lines = (namesData as { names: string[] }).names;
  const namespaces = new Set<string>();
  const tops = new Set<string>();
  const candidates = new Set<string>(["os", "numpy_x", "tensorflowx", "zzz", "", "a.b.c"]);
  for (const line of lines) {
    const name = line.slice(0, line.indexOf("\t"));
    const parts = name.split(".");
    if (parts.length > 1) namespaces.add(parts.slice(0, -1).join("."));
    tops.add(parts[0]!);
    for (let k = 1; k <= parts.length; k++) candidates.add(parts.slice(0, k).join("."));
  }
  const wrong = [...candidates].filter((c) => isKnownNamespace(c) !== namespaces.has(c) || isKnownPackageModule(c) !== tops.has(c.split(".")[0]!));
  assert.deepEqual(wrong, []);
  assert.ok(candidates.size > 20_000);
});
