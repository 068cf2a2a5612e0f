// Variables keyed as TensorFlow's resource manager keys them (container, an empty one being "localhost";
// shared_name, the node name only for a ref variable whose shared_name is empty) and their value known only when every op taking a handle/ref of them is a
// known read or a recorded assign (src/tf/variables.ts). Small graphs shaped like TensorFlow's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TfGraphModel } from "../../src/tf/graph.js";
import type { TfAttrValue, TfFunctionDef, TfGraphDef, TfNodeDef } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";

const enc = new TextEncoder();
const str = (name: string, ...v: string[]): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: v.map((x) => enc.encode(x)), ints: [] } }]]) });
const op = (name: string, o: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNodeDef => ({ name, op: o, input, device: "", attr: new Map(Object.entries(attr)) });
const s = (x: string): TfAttrValue => ({ s: enc.encode(x) });
const handle = (name: string, shared = "", container = "") => op(name, "VarHandleOp", [], { shared_name: s(shared), container: s(container), dtype: { type: DT_STRING } });
const call = (name: string, fn: string, inputs: string[]) => op(name, "StatefulPartitionedCall", inputs, { f: { func: { name: fn, attr: new Map() } } });

function traceRead(nodes: TfNodeDef[], functions: TfFunctionDef[] = [], read = "read") {
  const g: TfGraphDef = { nodes, functions, gradients: [] };
  const m = new TfGraphModel(g, { pathPrefix: "t#" });
  const t = m.trace(m.root, read, true);
  return { strings: [...t.strings].sort(), opaque: t.opaque };
}

test("two VarHandleOps with one shared_name are one variable: a read through one sees the assigns through both", () => {
  const r = traceRead([handle("a", "cfg"), handle("b", "cfg"), str("empty", ""), str("host", "/tmp/host"), op("wa", "AssignVariableOp", ["a", "empty"]), op("wb", "AssignVariableOp", ["b", "host"]), op("read", "ReadVariableOp", ["a"])]);
  assert.deepEqual(r, { strings: ["", "/tmp/host"], opaque: [] });
});

test("an empty shared_name: a VarHandleOp's variable is named \"\" (every such handle is one), a ref VariableV2's is its node name", () => {
  // Resource handles: "x" with no shared_name is not the variable shared as "x", but is the other unnamed one.
  const r = traceRead([handle("x"), handle("y", "x"), handle("z"), str("c1", "one"), str("c2", "/tmp/two"), str("c3", "/tmp/three"), op("w1", "AssignVariableOp", ["x", "c1"]), op("w2", "AssignVariableOp", ["y", "c2"]), op("w3", "AssignVariableOp", ["z", "c3"]), op("read", "ReadVariableOp", ["x"])]);
  assert.deepEqual(r.strings, ["/tmp/three", "one"]);
  // An empty container is the default one ("localhost").
  const c = traceRead([handle("a", "cfg"), handle("b", "cfg", "localhost"), str("e", ""), str("h", "/tmp/host"), op("wa", "AssignVariableOp", ["a", "e"]), op("wb", "AssignVariableOp", ["b", "h"]), op("read", "ReadVariableOp", ["a"])]);
  assert.deepEqual(c.strings, ["", "/tmp/host"]);
});

test("another container or another kind (ref VariableV2) is another variable", () => {
  const nodes = [
    handle("a", "cfg"),
    handle("b", "cfg", "other"),
    op("ref", "VariableV2", [], { shared_name: s("cfg") }),
    str("c1", "mine"),
    str("c2", "/tmp/theirs"),
    op("w1", "AssignVariableOp", ["a", "c1"]),
    op("w2", "AssignVariableOp", ["b", "c2"]),
    op("w3", "Assign", ["ref", "c2"]),
    op("read", "ReadVariableOp", ["a"]),
  ];
  assert.deepEqual(traceRead(nodes), { strings: ["mine"], opaque: [] });
});

test("a handle passed through Identity is still the variable (its assign counts)", () => {
  const r = traceRead([handle("a", "v"), op("id", "Identity", ["a"]), str("c1", ""), str("c2", "/tmp/x"), op("w1", "AssignVariableOp", ["a", "c1"]), op("w2", "AssignVariableOp", ["id", "c2"]), op("read", "ReadVariableOp", ["a"])]);
  assert.deepEqual(r.strings, ["", "/tmp/x"]);
});

test("a scatter, an unknown op or an unmodelled consumer of the handle makes the value unknown, never the assigns seen", () => {
  for (const writer of [op("sc", "ResourceScatterUpdate", ["b", "idx", "c2"]), op("sc", "MyCustomWriter", ["b"]), op("sc", "PartitionedCall", ["b"], { f: { func: { name: "missing", attr: new Map() } } })]) {
    const r = traceRead([handle("a", "v"), handle("b", "v"), str("c1", ""), op("w1", "AssignVariableOp", ["a", "c1"]), writer, op("read", "ReadVariableOp", ["a"])]);
    assert.deepEqual(r.strings, [], writer.op);
    assert.equal(r.opaque.length, 1, writer.op);
    assert.match(r.opaque[0]!, /handle taken by/, writer.op);
  }
});

test("a ref variable written by ScatterUpdate is unknown; one read by ordinary ops keeps its assigns", () => {
  const base = [op("v", "VariableV2", []), str("c1", "/tmp/a"), op("w1", "Assign", ["v", "c1"]), op("use", "StringLength", ["v"])];
  assert.deepEqual(traceRead([...base], [], "v"), { strings: ["/tmp/a"], opaque: [] });
  const r = traceRead([...base, op("sc", "ScatterUpdate", ["v", "i", "c1"])], [], "v");
  assert.deepEqual(r.strings, []);
  assert.match(r.opaque[0]!, /ScatterUpdate/);
});

test("a function taking the handle: its assigns are writers, its reads are reads, returning the handle makes it unknown", () => {
  const writerFn: TfFunctionDef = { name: "w", inputArgs: ["h"], outputArgs: [], nodes: [str("p", "/tmp/from_fn"), op("as", "AssignVariableOp", ["h", "p:output:0"])], ret: new Map() };
  const readerFn: TfFunctionDef = { name: "r", inputArgs: ["h"], outputArgs: ["o"], nodes: [op("rv", "ReadVariableOp", ["h"])], ret: new Map([["o", "rv:value:0"]]) };
  const leakFn: TfFunctionDef = { name: "l", inputArgs: ["h"], outputArgs: ["o"], nodes: [], ret: new Map([["o", "h"]]) };
  const base = [handle("a", "v"), str("c1", ""), op("w1", "AssignVariableOp", ["a", "c1"]), op("read", "ReadVariableOp", ["a"])];
  assert.deepEqual(traceRead([...base, call("c", "w", ["a"])], [writerFn]), { strings: ["", "/tmp/from_fn"], opaque: [] });
  assert.deepEqual(traceRead([...base, call("c", "r", ["a"])], [readerFn]), { strings: [""], opaque: [] });
  const leak = traceRead([...base, call("c", "l", ["a"])], [leakFn]);
  assert.deepEqual(leak.strings, []);
  assert.match(leak.opaque[0]!, /returned by function l/);
});

test("a VarHandleOp inside a function body with the root variable's shared_name writes the same variable", () => {
  const fn: TfFunctionDef = { name: "f", inputArgs: [], outputArgs: [], nodes: [handle("inner", "v"), str("p", "/tmp/inner"), op("as", "AssignVariableOp", ["inner:resource:0", "p:output:0"])], ret: new Map() };
  const r = traceRead([handle("a", "v"), str("c1", ""), op("w1", "AssignVariableOp", ["a", "c1"]), op("read", "ReadVariableOp", ["a"])], [fn]);
  assert.deepEqual(r.strings, ["", "/tmp/inner"]);
});
