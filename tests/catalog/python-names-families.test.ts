// The reviewed families of tools/gen-python-names.py (rule 5): a sample from each family, read from
// the generated data, with the reason the data carries; and the safety invariants the review keeps
// (nothing in a risky module is compute, callables-calling names are not compute by themselves).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { judgeTarget } from "../../src/catalog/python.js";
import { lookupMethod, lookupName, NAME_COVERAGE, nameFamilies } from "../../src/catalog/python-names.js";
import { renderNamesDoc } from "../../scripts/names-doc.js";

interface Data {
  classes: string[];
  families: string[];
  names: string[];
  methods: Record<string, [number, number]>;
}
const D = JSON.parse(readFileSync(new URL("../../src/catalog/python-names.data.json", import.meta.url), "utf8")) as Data;

function expectClass(name: string, cls: string, family: RegExp): void {
  const e = lookupName(name);
  assert.ok(e, `${name} is in the name data`);
  assert.equal(e.cls, cls, `${name}: ${e.cls} (${e.family})`);
  assert.match(e.family, family, name);
  assert.ok(D.families.includes(e.family), `${name}: the family string is in the data's families list`);
}

test("tf.summary writes event files and tf.io.gfile touches host files: file-write, with the reviewed reason", () => {
  for (const n of ["tensorflow.summary.create_file_writer", "tensorflow.summary.scalar", "tensorflow.summary.trace_export"]) expectClass(n, "file-write", /^tf\.summary writes event files/);
  for (const n of ["tensorflow.io.gfile.listdir", "tensorflow.io.gfile.remove", "tensorflow.compat.v1.gfile.Open"]) expectClass(n, "file-write", /^tf\.io\.gfile /);
  const j = judgeTarget("tensorflow.summary.create_file_writer");
  assert.equal(j.verdict, "deny");
  assert.ok(j.capabilities.includes("file-write"));
});

test("TensorFlow op wrappers take the op class table's class; its risky classes win over an older compute guess", () => {
  // compat.v1.raw_ops and re-exported gen_*_ops functions were unreviewed
  expectClass("tensorflow.compat.v1.raw_ops.ApplyAdam", "pure", /^tf op class table/);
  expectClass("tensorflow.check_pinned", "pure", /^tf op class table/);
  expectClass("tensorflow.compat.v1.raw_ops.AnonymousHashTable", "stateful", /^tf op class table .*: resource$/);
  // the module rule called these compute; the op table knows they read files or embed graphs
  expectClass("tensorflow.io.decode_proto", "file-read", /^tf op class table .*: read$/);
  expectClass("tensorflow.raw_ops.DatasetFromGraph", "nested-load", /^tf op class table .*: embedded$/);
  expectClass("tensorflow.compat.v1.raw_ops.PrintV2", "file-write", /^tf op class table .*: write$/);
  // ops that run the graph functions handed to them stay unreviewed
  assert.equal(lookupName("tensorflow.compat.v1.raw_ops.GeneratorDataset")?.cls, "unreviewed");
  assert.equal(lookupName("tensorflow.compat.v1.raw_ops.MapDefun")?.cls, "unreviewed");
});

test("TensorFlow families: distribution and services are network, loaders nested-load, switches stateful, math pure", () => {
  expectClass("tensorflow.experimental.dtensor.Mesh", "network", /^DTensor/);
  expectClass("tensorflow.data.experimental.service.register_dataset", "network", /^tf\.data service/);
  expectClass("tensorflow.compat.v1.Session", "network", /^TF1 sessions/);
  expectClass("tensorflow.profiler.experimental.client.trace", "network", /^tf\.profiler client/);
  expectClass("tensorflow.profiler.experimental.start", "file-write", /^tf\.profiler: writes/);
  expectClass("tensorflow.import_graph_def", "nested-load", /serialized GraphDef/);
  expectClass("tensorflow.compat.v1.lite.Interpreter", "nested-load", /^tf\.lite/);
  expectClass("tensorflow.experimental.dlpack.from_dlpack", "native", /^DLPack/);
  expectClass("tensorflow.sysconfig.get_lib", "file-read", /installation paths/);
  expectClass("tensorflow.io.match_filenames_once", "file-read", /globs/);
  expectClass("tensorflow.debugging.enable_check_numerics", "stateful", /execution-mode switches/);
  expectClass("tensorflow.config.run_functions_eagerly", "stateful", /execution-mode switches/);
  expectClass("tensorflow.compat.v1.logging.info", "stateful", /^tf logging/);
  expectClass("tensorflow.compat.v1.metrics.auc", "stateful", /compat\.v1\.metrics/);
  expectClass("tensorflow.lookup.StaticHashTable", "stateful", /lookup tables/);
  expectClass("tensorflow.signal.rfft", "pure", /^tf\.signal FFT/);
  expectClass("tensorflow.compat.as_bytes", "pure", /^tf\.compat string/);
  expectClass("tensorflow.train.Example", "pure", /^protocol buffer message/);
  expectClass("tensorflow.compat.v1.train.exponential_decay", "pure", /learning-rate decay/);
  expectClass("tensorflow.experimental.numpy.float32", "pure", /^re-export of numpy/);
});

test("Keras families: configuration stateful, utilities pure, workers process, plots file-write", () => {
  expectClass("keras.config.set_floatx", "stateful", /^Keras configuration/);
  expectClass("keras.config.set_backend", "process", /re-imports/);
  expectClass("keras.utils.pad_sequences", "pure", /^Keras array, sequence and box utilities/);
  expectClass("keras.utils.bounding_boxes.compute_iou", "pure", /^Keras array, sequence and box utilities/);
  expectClass("keras.visualization.plot_image_gallery", "file-write", /matplotlib/);
  expectClass("keras.callbacks.EarlyStopping", "stateful", /^Keras callbacks/);
  expectClass("keras.distribution.initialize", "network", /jax\.distributed/);
  expectClass("tf_keras.utils.OrderedEnqueuer", "process", /threads or processes/);
  expectClass("tf_keras.metrics.experimental.PyMetric", "process", /py_function/);
  expectClass("tf_keras.preprocessing.text.tokenizer_from_json", "deserialisation", /Tokenizer from JSON/);
  expectClass("keras.saving.get_registered_object", "process", /by its name string/);
});

test("Python and numpy families: sys hooks and exits are process, constants pure; numpy helpers by what they touch", () => {
  for (const n of ["sys.exit", "sys.call_tracing", "sys.exc_info", "sys.setrecursionlimit", "sys.gettrace"]) expectClass(n, "process", /^sys \(reviewed\)/);
  expectClass("sys.setdlopenflags", "native", /native library loads/);
  expectClass("sys.getrefcount", "pure", /interpreter constants and counters/);
  expectClass("re.Scanner", "process", /action callables/);
  expectClass("re.purge", "stateful", /pattern cache/);
  expectClass("numpy.lookfor", "process", /imports modules/);
  expectClass("numpy.who", "process", /caller frame/);
  expectClass("numpy.byte_bounds", "native", /raw memory addresses/);
  expectClass("numpy.source", "file-read", /source file/);
  expectClass("numpy.compat.asbytes", "pure", /^numpy\.compat py3k/);
  expectClass("numpy.compat.long", "pure", /^re-export of builtins/);
  expectClass("numpy.lib.arrayterator.reduce", "process", /^re-export of functools/);
});

test("methods: operator protocol and reviewed value helpers are compute; the object protocol stays out", () => {
  for (const m of ["__add__", "__matmul__", "__getitem__", "__format__", "__sizeof__"]) assert.equal(lookupMethod(m)?.cls, "pure", m);
  for (const m of ["_numpy", "_shape_as_list", "_rank"]) assert.equal(lookupMethod(m)?.cls, "pure", m);
  assert.equal(lookupMethod("_copy_to_device")?.cls, "stateful");
  // judged by the Lambda evaluator itself (DUNDER_EXEC / DUNDER_ODD), or they call what they are given
  for (const m of ["__class__", "__getattribute__", "__init_subclass__", "__new__", "__setattr__", "__array_function__", "__array_ufunc__", "_override_operator"]) {
    const e = lookupMethod(m);
    assert.ok(!e || e.cls === "unreviewed", `${m}: ${e?.cls}`);
  }
});

test("names that take and call a callable are not compute by the review (left unreviewed)", () => {
  for (const n of ["tensorflow.vectorized_map", "tensorflow.data.experimental.scan", "tensorflow.compat.v1.nn.raw_rnn", "tensorflow.xla.experimental.compile", "keras.callbacks.LambdaCallback", "keras.remat", "tf_keras.preprocessing.text.one_hot"]) {
    assert.equal(lookupName(n)?.cls, "unreviewed", n);
    assert.equal(judgeTarget(n).verdict, "unknown", n);
  }
});

test("no name of a risky module is compute (ctypes, os, subprocess, socket, urllib, pickle, marshal, importlib, shutil, tempfile, io.open ...)", () => {
  const risky = new Set(["ctypes", "_ctypes", "os", "posix", "nt", "subprocess", "_posixsubprocess", "socket", "_socket", "urllib", "http", "pickle", "_pickle", "marshal", "importlib", "shutil", "tempfile", "pty", "runpy", "shelve", "dill", "cloudpickle", "pathlib", "glob", "webbrowser", "multiprocessing", "code", "codeop", "zipimport"]);
  const opens = new Set(["io.open", "_io.open", "io.open_code", "_io.open_code", "io.FileIO", "_io.FileIO", "builtins.open"]);
  let checked = 0;
  for (const line of D.names) {
    const [name, c, , can] = line.split("\t") as [string, string, string, string | undefined];
    const canonical = can ?? name;
    const inRisky = risky.has(name.split(".")[0]!) || risky.has(canonical.split(".")[0]!) || opens.has(canonical) || opens.has(name);
    if (!inRisky) continue;
    checked++;
    const cls = D.classes[Number(c)]!;
    assert.ok(cls !== "pure" && cls !== "stateful", `${name} (${canonical}) is ${cls}`);
  }
  assert.ok(checked > 0, "the data holds re-exports of risky modules to check");
  // and nothing re-exported from one is allowed by the judge
  for (const n of ["numpy.compat.os_fspath", "numpy.compat.Path", "numpy.ctypeslib.ctypes.CDLL", "builtins.open"]) assert.notEqual(judgeTarget(n).verdict, "allow", n);
});

test("coverage rows grew where the review reached (tensorflow, keras, numpy, sys, re)", () => {
  const row = (p: string) => NAME_COVERAGE.find((c) => c.package.startsWith(p));
  for (const [p, min] of [["tensorflow 2.20.0 (", 0.98], ["sys ", 1], ["re ", 1], ["keras 3.11.3 (", 0.98], ["numpy 1.26.4 (", 0.98]] as const) {
    const r = row(p);
    assert.ok(r, p);
    assert.ok(r.classified / r.total >= min, `${p}: ${r.classified}/${r.total}`);
  }
});

test("docs/python-names.md lists every family with its class and counts", () => {
  const doc = renderNamesDoc();
  for (const f of nameFamilies()) assert.ok(doc.includes(`| \`${f.cls}\` | ${f.family.replace(/\|/g, "\\|")} | ${f.names} | ${f.methods} |`), f.family);
  assert.ok(nameFamilies().some((f) => f.cls === "file-write" && /^tf\.summary writes event files/.test(f.family) && f.names > 0));
});

test("the name lines are sorted as the lookup's binary search needs (by UTF-16 order, no name holds a control character)", () => {
  for (let i = 0; i < D.names.length; i++) {
    const line = D.names[i]!;
    const name = line.slice(0, line.indexOf("\t"));
    assert.ok([...name].every((ch) => ch.charCodeAt(0) >= 0x20), line);
    if (i > 0) assert.ok(D.names[i - 1]! < line, `${D.names[i - 1]} before ${line}`);
  }
  // every listed name is found, and a prefix of a name is not
  for (const line of D.names.filter((_, i) => i % 97 === 0)) assert.ok(lookupName(line.slice(0, line.indexOf("\t"))), line);
  assert.equal(lookupName("numpy.ad"), undefined);
});
