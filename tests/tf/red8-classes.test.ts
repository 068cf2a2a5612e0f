// Round 8 (tools/fixtures/tf_red8/FINDINGS.md D3, D4), class variants beyond the fixtures, on small graphs
// shaped like TensorFlow's, built here by hand.
// D3: tf.saved_model.load of a meta graph without an object graph (a TF1 SavedModel, load_v1_in_v2) renames
// every ROOT node as it renames the library (function_deserialization.fix_node_def: shared_name, else the
// node name, + one "_load_<uid>" suffix for the whole load) and runs that graph; a TF1 session runs the
// attrs as written. A root handle has both keys there; a TF2 SavedModel's root graph keeps the TF1 key only.
// D4: tf.saved_model.load binds a concrete function's captured input to the object its bound_inputs names:
// a SavedConstant is the `value` of the root node its `operation` names (load.py _recreate_constant); the
// root call site is the TF1 session's view; both are judged. A captured_tensor is not followed (unknown).
import { test } from "node:test";
import assert from "node:assert/strict";
import { TfGraphModel } from "../../src/tf/graph.js";
import type { TfAttrValue, TfFunctionDef, TfGraphDef, TfMetaGraph, TfNodeDef, TfObjectGraph, TfSavedObject } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";

const enc = new TextEncoder();
const ANON = "cd2c89b7-88b7-44c8-ad83-06c2a9158347";
const str = (name: string, ...v: string[]): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: v.map((x) => enc.encode(x)), ints: [] } }]]) });
const op = (name: string, o: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNodeDef => ({ name, op: o, input, device: "", attr: new Map(Object.entries(attr)) });
const s = (x: string): TfAttrValue => ({ s: enc.encode(x) });
const handle = (name: string, shared = "", container = "") => op(name, "VarHandleOp", [], { shared_name: s(shared), container: s(container), dtype: { type: DT_STRING } });
const refVar = (name: string, shared = "") => op(name, "VariableV2", [], { shared_name: s(shared), container: s(""), dtype: { type: DT_STRING } });
const fn = (name: string, nodes: TfNodeDef[], inputArgs: string[] = [], outputs: Record<string, string> = {}): TfFunctionDef => ({ name, inputArgs, outputArgs: Object.keys(outputs), nodes, ret: new Map(Object.entries(outputs)) });
const call = (name: string, f: string, inputs: string[]) => op(name, "StatefulPartitionedCall", inputs, { f: { func: { name: f, attr: new Map() } } });

function meta(objectGraph?: TfObjectGraph): TfMetaGraph {
  const m: TfMetaGraph = { tags: ["serve"], tensorflowVersion: "2.20.0", collections: new Map(), collectionBytes: new Map(), signatures: new Map(), assets: [] };
  if (objectGraph) m.objectGraph = objectGraph;
  return m;
}
function model(nodes: TfNodeDef[], functions: TfFunctionDef[] = [], m?: TfMetaGraph) {
  const g: TfGraphDef = { nodes, functions, gradients: [] };
  return new TfGraphModel(g, m ? { pathPrefix: "saved_model.pb#meta_graphs[0]", meta: m } : { pathPrefix: "t#" });
}
function traceOf(m: TfGraphModel, read: string, where?: string) {
  const t = m.trace(where === undefined ? m.root : m.scopes.get(where)!, read, true);
  return { strings: [...t.strings].sort(), opaque: t.opaque };
}

// ---- D3 ----

// The fixture's shape: cache_cfg (shared_name "") and sig_h (shared_name "cache_cfg"); "" through sig_h,
// then the host path through cache_cfg; the signature reads sig_h.
const d3 = (value: string) => [
  handle("cache_cfg"), handle("sig_h", "cache_cfg"),
  str("empty", ""), op("w1", "AssignVariableOp", ["sig_h", "empty"]),
  str("host", value), op("w2", "AssignVariableOp", ["cache_cfg", "host", "^w1"]),
  op("read", "ReadVariableOp", ["sig_h"]),
];

test("D3: a TF1 SavedModel's root handle with an empty shared_name is, under tf.saved_model.load, the variable its node name names", () => {
  assert.deepEqual(traceOf(model(d3("/tmp/host/cache"), [], meta()), "read").strings, ["", "/tmp/host/cache"]);
  // Benign twin: the same aliasing, a harmless value.
  assert.deepEqual(traceOf(model(d3(""), [], meta()), "read").strings, [""]);
  // A TF2 SavedModel (object graph): the root graph runs in a TF1 session only, two variables.
  assert.deepEqual(traceOf(model(d3("/tmp/host/cache"), [], meta({ nodes: [], concreteFunctions: [] })), "read").strings, [""]);
  // A frozen graph (no meta graph): the TF1 session's names only.
  assert.deepEqual(traceOf(model(d3("/tmp/host/cache")), "read").strings, [""]);
});

test("D3: the TF1 session view still holds for a TF1 SavedModel (writers are the union over both loaders)", () => {
  // Two root handles with empty shared_names: one variable "" in a TF1 session, two under tf.saved_model.load.
  const nodes = [handle("a"), handle("b"), str("host", "/tmp/host/x"), op("w", "AssignVariableOp", ["a", "host"]), str("e", ""), op("w0", "AssignVariableOp", ["b", "e"]), op("read", "ReadVariableOp", ["b"])];
  assert.deepEqual(traceOf(model(nodes, [], meta()), "read").strings, ["", "/tmp/host/x"]);
});

test("D3: root and library share one load suffix: a root handle named by its node is the library's handle of that shared_name", () => {
  // The library reads "cfg"; the root init writes through a handle whose node is named cfg (shared_name "").
  const serve = fn("serve", [handle("named", "cfg"), op("read", "ReadVariableOp", ["named:resource:0"])], [], { y: "read:value:0" });
  const root = [handle("cfg"), str("host", "/tmp/host/lib"), op("w", "AssignVariableOp", ["cfg", "host"]), call("sig", "serve", [])];
  assert.deepEqual(traceOf(model(root, [serve], meta()), "read", "serve").strings, ["/tmp/host/lib"]);
  assert.deepEqual(traceOf(model(root, [serve], meta({ nodes: [], concreteFunctions: [] })), "read", "serve").strings, []);
});

test("D3: the anonymous shared_name names one shared variable once renamed, in the root graph of a TF1 SavedModel", () => {
  const nodes = [handle("a", ANON), str("host", "/tmp/host/anon"), op("w", "AssignVariableOp", ["a", "host"]), handle("b", ANON), str("e", ""), op("w0", "AssignVariableOp", ["b", "e"]), op("read", "ReadVariableOp", ["b"])];
  assert.deepEqual(traceOf(model(nodes, [], meta()), "read").strings, ["", "/tmp/host/anon"]);
  assert.deepEqual(traceOf(model(nodes), "read").strings, [""]);
});

test("D3: ref variables (VariableV2) are named by their node in both loaders: no new aliasing, the keys agree", () => {
  const nodes = [refVar("v"), refVar("w", "v"), str("host", "/tmp/host/ref"), op("a", "Assign", ["v", "host"]), op("read", "Identity", ["w"])];
  // VariableV2 "w" (shared_name "v") and "v" (shared_name "") are one variable in either view.
  const t = model(nodes, [], meta());
  const keys = t.vars.keys(t.root, nodes[0]!)!;
  assert.equal(keys.length, 2, "a TF1 SavedModel's root handle has a key per loader");
  assert.equal(t.vars.keys(t.root, nodes[1]!)![1], keys[1]);
  const frozen = model(nodes);
  assert.equal(frozen.vars.keys(frozen.root, nodes[0]!)!.length, 1);
});

// ---- D4 ----

/** A TF2 SavedModel: serve(x, captured) reads a file at the captured input; object 1 is what bound_inputs names. */
function d4(obj: TfSavedObject, rootNodes: TfNodeDef[], siteInput: string) {
  const serve = fn("serve", [op("rf", "ReadFile", ["captured"])], ["x", "captured"], { y: "rf:contents:0" });
  const og: TfObjectGraph = { nodes: [{ children: [], kind: "user_object", concreteFunctions: [] }, obj], concreteFunctions: ["serve"], boundInputs: new Map([["serve", [1]]]) };
  const root = [...rootNodes, op("x", "Placeholder", []), call("sig", "serve", ["x", siteInput])];
  return model(root, [serve], meta(og));
}
const constant = (operation: string): TfSavedObject => ({ children: [], kind: "constant", concreteFunctions: [], operation });

test("D4: a captured constant is judged by the root node its SavedConstant.operation names, and by the root call site", () => {
  const m = d4(constant("Const"), [str("Const", "/etc/shadow"), str("Const_benign", "")], "Const_benign");
  assert.deepEqual(traceOf(m, "captured", "serve").strings, ["", "/etc/shadow"]);
  // The reverse: the call site passes the host path, the SavedConstant names the harmless one (the TF1 session view).
  const r = d4(constant("Const_benign"), [str("Const", "/etc/shadow"), str("Const_benign", "")], "Const");
  assert.deepEqual(traceOf(r, "captured", "serve").strings, ["", "/etc/shadow"]);
  // Benign twin: both views agree on a harmless value.
  const b = d4(constant("Const"), [str("Const", "vocab.txt")], "Const");
  assert.deepEqual(traceOf(b, "captured", "serve"), { strings: ["vocab.txt"], opaque: [] });
});

test("D4: the loader reads the named node's value attr whatever its op; a name with no such node is unknown", () => {
  // A HostConst (or any node carrying a `value` tensor) gives the loader its value.
  const host: TfNodeDef = { ...str("hc", "/root/.ssh/id_rsa"), op: "HostConst" };
  const m = d4(constant("hc"), [host, str("e", "")], "e");
  assert.ok(traceOf(m, "captured", "serve").strings.includes("/root/.ssh/id_rsa"));
  const missing = traceOf(d4(constant("nowhere"), [str("e", "")], "e"), "captured", "serve");
  assert.deepEqual(missing.strings, [""]);
  assert.match(missing.opaque.join(" "), /names no node with a value/);
});

test("D4: a captured_tensor input is unknown besides its call site; a variable or other object keeps the call site", () => {
  const ct = traceOf(d4({ children: [], kind: "captured_tensor", concreteFunctions: [] }, [str("e", "")], "e"), "captured", "serve");
  assert.match(ct.opaque.join(" "), /captured tensor/);
  const res = traceOf(d4({ children: [], kind: "resource", concreteFunctions: [] }, [str("e", "")], "e"), "captured", "serve");
  assert.deepEqual(res, { strings: [""], opaque: [] });
});
