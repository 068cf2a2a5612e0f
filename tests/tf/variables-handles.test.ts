// Resource handles as values and per-loader variable keys (src/tf/variables.ts, src/tf/resource-handle.ts):
// a DT_RESOURCE constant holding a ResourceHandleProto is a handle of the variable it names (checked with
// TensorFlow 2.20 in a tf.compat.v1 Session: an assign through such a Const, in tensor_content or in
// resource_handle_val, changes what the VarHandleOp reads); any other producer of a handle that cannot be
// resolved makes every variable's value unknown; tf.saved_model.load names a function-library resource
// (shared_name or node name) + one suffix per load (function_deserialization.fix_node_def), a TF1 session
// by its attrs as written. Small graphs shaped like TensorFlow's, built here by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TfGraphModel } from "../../src/tf/graph.js";
import { TfVariables } from "../../src/tf/variables.js";
import { constantHandles, decodeResourceHandle, DT_RESOURCE } from "../../src/tf/resource-handle.js";
import { decodeGraphDef } from "../../src/tf/proto.js";
import type { TfAttrValue, TfFunctionDef, TfGraphDef, TfNodeDef, TfTensor } from "../../src/tf/types.js";
import { DT_STRING } from "../../src/tf/types.js";

const enc = new TextEncoder();
const ANON = "cd2c89b7-88b7-44c8-ad83-06c2a9158347";
const str = (name: string, ...v: string[]): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: v.map((x) => enc.encode(x)), ints: [] } }]]) });
const op = (name: string, o: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNodeDef => ({ name, op: o, input, device: "", attr: new Map(Object.entries(attr)) });
const s = (x: string): TfAttrValue => ({ s: enc.encode(x) });
const handle = (name: string, shared = "", container = "") => op(name, "VarHandleOp", [], { shared_name: s(shared), container: s(container), dtype: { type: DT_STRING } });
const call = (name: string, fn: string, inputs: string[]) => op(name, "StatefulPartitionedCall", inputs, { f: { func: { name: fn, attr: new Map() } } });
const fn = (name: string, nodes: TfNodeDef[], outputs: Record<string, string> = {}): TfFunctionDef => ({ name, inputArgs: [], outputArgs: Object.keys(outputs), nodes, ret: new Map(Object.entries(outputs)) });

/** Protobuf bytes of a ResourceHandleProto (device 1, container 2, name 3, hash_code 4, maybe_type_name 5). */
function handleProto(container: string, name: string, extra = true): Uint8Array {
  const field = (tag: number, v: string) => {
    const b = enc.encode(v);
    return [tag, b.length, ...b];
  };
  const bytes = [...(extra ? field(0x0a, "/job:localhost/replica:0/task:0/device:CPU:0") : []), ...field(0x12, container), ...field(0x1a, name), ...(extra ? [0x20, 0x85, 0x01, ...field(0x2a, "N10tensorflow3VarE")] : [])];
  return new Uint8Array(bytes);
}
/** tensor_content of a DT_RESOURCE tensor: each element's length as a varint, then the serialized protos. */
function handleContent(...protos: Uint8Array[]): Uint8Array {
  return new Uint8Array([...protos.map((p) => p.length), ...protos.flatMap((p) => [...p])]);
}
const resConst = (name: string, t: Partial<TfTensor>): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map<string, TfAttrValue>([["value", { tensor: { dtype: DT_RESOURCE, strings: [], ints: [], ...t } }], ["dtype", { type: DT_RESOURCE }]]) });
const forged = (name: string, container: string, handleName: string) => resConst(name, { content: handleContent(handleProto(container, handleName)) });

function model(nodes: TfNodeDef[], functions: TfFunctionDef[] = []) {
  const g: TfGraphDef = { nodes, functions, gradients: [] };
  return new TfGraphModel(g, { pathPrefix: "t#" });
}
function traceIn(m: TfGraphModel, where: string | undefined, read: string) {
  const t = m.trace(where === undefined ? m.root : m.scopes.get(where)!, read, true);
  return { strings: [...t.strings].sort(), opaque: t.opaque };
}
const traceRead = (nodes: TfNodeDef[], functions: TfFunctionDef[] = [], read = "read", where?: string) => traceIn(model(nodes, functions), where, read);

// The variable "cfg" assigned "" through its VarHandleOp and read through it (the benign part of every case).
const base = () => [handle("h", "cfg"), str("empty", ""), op("w1", "AssignVariableOp", ["h", "empty"]), op("read", "ReadVariableOp", ["h"])];

test("ResourceHandleProto decoding: container and name, last occurrence wins, malformed is undefined", () => {
  assert.deepEqual(decodeResourceHandle(handleProto("localhost", "cache_cfg")), { container: "localhost", name: "cache_cfg" });
  assert.deepEqual(decodeResourceHandle(new Uint8Array([...handleProto("a", "x", false), ...handleProto("b", "y", false)])), { container: "b", name: "y" });
  assert.equal(decodeResourceHandle(new Uint8Array([0x1a, 0x05, 0x61])), undefined, "a truncated name");
  assert.equal(decodeResourceHandle(new Uint8Array([0x18, 0x01])), undefined, "name with a varint wire type");
  const t = (x: Partial<TfTensor>): TfTensor => ({ dtype: DT_RESOURCE, strings: [], ints: [], ...x });
  assert.deepEqual(constantHandles(t({ content: handleContent(handleProto("localhost", "a"), handleProto("", "b")) })), [
    { container: "localhost", name: "a" },
    { container: "", name: "b" },
  ]);
  assert.deepEqual(constantHandles(t({ handles: [{ container: "c", name: "n" }] })), [{ container: "c", name: "n" }]);
  // No value at all: the default handle (empty container and name).
  assert.deepEqual(constantHandles(t({})), [{ container: "", name: "" }]);
  assert.equal(constantHandles(t({ content: new Uint8Array([9, 1, 2]) })), undefined, "lengths that do not fill the content");
  assert.equal(constantHandles(t({ content: handleContent(new Uint8Array([0x12, 0x07, 0x61])) })), undefined, "an element that is no ResourceHandleProto");
  assert.equal(constantHandles(t({ handles: [undefined] })), undefined);
});

test("the typed graph reader keeps resource_handle_val (field 14) of a constant", () => {
  // GraphDef { node { name: "c" op: "Const" attr { key: "value" value { tensor { dtype: 20 resource_handle_val {...} } } } } }
  const rh = handleProto("localhost", "cfg");
  const tensor = [0x08, DT_RESOURCE, 0x72, rh.length, ...rh];
  const attrValue = [0x42, tensor.length, ...tensor];
  const entry = [0x0a, 5, ...enc.encode("value"), 0x12, attrValue.length, ...attrValue];
  const node = [0x0a, 1, ...enc.encode("c"), 0x12, 5, ...enc.encode("Const"), 0x2a, entry.length, ...entry];
  const g = decodeGraphDef(new Uint8Array([0x0a, node.length, ...node]));
  assert.deepEqual(g.nodes[0]!.attr.get("value")?.tensor?.handles, [{ container: "localhost", name: "cfg" }]);
});

test("a DT_RESOURCE Const naming a variable (tensor_content or resource_handle_val) writes it: its assign is one of the variable's writers", () => {
  for (const c of [forged("forged", "localhost", "cfg"), resConst("forged", { handles: [{ container: "localhost", name: "cfg" }] }), forged("forged", "", "cfg")]) {
    const r = traceRead([...base(), c, str("host", "/tmp/host"), op("w2", "AssignVariableOp", ["forged", "host"])]);
    assert.deepEqual(r, { strings: ["", "/tmp/host"], opaque: [] });
  }
  // Passed on by Identity, or inside a function body: still the variable.
  const viaId = traceRead([...base(), forged("forged", "localhost", "cfg"), op("id", "Identity", ["forged"], { T: { type: DT_RESOURCE } }), str("host", "/tmp/host"), op("w2", "AssignVariableOp", ["id", "host"])]);
  assert.deepEqual(viaId.strings, ["", "/tmp/host"]);
  const inFn = fn("f", [forged("forged", "localhost", "cfg"), str("host", "/tmp/in_fn"), op("w2", "AssignVariableOp", ["forged:output:0", "host:output:0"])]);
  assert.deepEqual(traceRead([...base(), call("c", "f", [])], [inFn]).strings, ["", "/tmp/in_fn"]);
});

test("_XlaAotOnlyVarHandleOp (VarHandleOp's XLA AOT twin) names its variable as VarHandleOp does", () => {
  const aot = op("aot", "_XlaAotOnlyVarHandleOp", [], { shared_name: s("cfg"), container: s(""), dtype: { type: DT_STRING } });
  assert.deepEqual(traceRead([...base(), aot, str("host", "/tmp/host"), op("w2", "AssignVariableOp", ["aot", "host"])]).strings, ["", "/tmp/host"]);
});

test("a DT_RESOURCE Const naming another variable or container leaves the variable's value as its assigns", () => {
  for (const c of [forged("forged", "localhost", "other"), forged("forged", "elsewhere", "cfg")]) {
    const r = traceRead([...base(), c, str("host", "/tmp/host"), op("w2", "AssignVariableOp", ["forged", "host"])]);
    assert.deepEqual(r, { strings: [""], opaque: [] });
  }
});

test("a constant handle taken by an op the model does not follow makes that variable unknown", () => {
  const r = traceRead([...base(), forged("forged", "localhost", "cfg"), op("sc", "ResourceScatterUpdate", ["forged", "i", "u"])]);
  assert.deepEqual(r.strings, []);
  assert.match(r.opaque[0]!, /handle taken by ResourceScatterUpdate/);
});

test("a producer of a handle that cannot be resolved makes every variable's value unknown", () => {
  const producers: TfNodeDef[] = [
    op("p", "ParseTensor", ["ser"], { out_type: { type: DT_RESOURCE } }),
    resConst("p", { content: new Uint8Array([5, 1]) }),
    op("p", "ImmutableConst", [], { dtype: { type: DT_RESOURCE }, memory_region_name: s("/tmp/region") }),
    op("p", "ReadVariableOp", ["h"], { dtype: { type: DT_RESOURCE } }),
    op("p", "IteratorGetNext", ["it"], { output_types: { list: { s: [], i: [], b: [], type: [DT_RESOURCE], tensor: [], func: [] } } }),
    op("p", "StatefulPartitionedCall", [], { f: { func: { name: "missing", attr: new Map() } }, Tout: { list: { s: [], i: [], b: [], type: [DT_RESOURCE], tensor: [], func: [] } } }),
  ];
  for (const p of producers) {
    // The unresolved handle is not even connected to the variable: its assign could name any.
    const r = traceRead([...base(), op("ser", "Placeholder", []), p]);
    assert.deepEqual(r.strings, [], p.op);
    assert.match(r.opaque[0] ?? "", /resource handle of unknown origin/, p.op);
  }
  // Inside a function body too, and where the type is an attr placeholder a caller may bind to resource.
  const r = traceRead([...base()], [fn("f", [op("p", "ParseTensor", ["x"], { out_type: { type: DT_RESOURCE } })])]);
  assert.match(r.opaque[0] ?? "", /unknown origin: f\/p \(ParseTensor/);
  for (const p of [op("p", "ParseTensor", ["x"], { out_type: { placeholder: "T" } }), op("p", "Const", [], { value: { placeholder: "v" }, dtype: { placeholder: "T" } })]) {
    const rp = traceRead([...base()], [fn("f", [p])]);
    assert.match(rp.opaque[0] ?? "", /unknown origin: f\/p/, p.op);
  }
  // A string constant bound by callers is not a handle.
  assert.deepEqual(traceRead([...base()], [fn("f", [op("p", "Const", [], { value: { placeholder: "v" }, dtype: { type: DT_STRING } })])]), { strings: [""], opaque: [] });
});

test("ops that only pass handles on or take them as call arguments resolve nothing and leave values known", () => {
  const callee = fn("g", []);
  const r = traceRead([
    ...base(),
    op("id", "Identity", ["h"], { T: { type: DT_RESOURCE } }),
    op("rd2", "ReadVariableOp", ["id"]),
    op("c", "StatefulPartitionedCall", ["h"], { f: { func: { name: "g", attr: new Map() } }, Tin: { list: { s: [], i: [], b: [], type: [DT_RESOURCE], tensor: [], func: [] } } }),
  ], [{ ...callee, inputArgs: ["a"] }]);
  assert.deepEqual(r, { strings: [""], opaque: [] });
});

test("per-loader keys: two function-library handles with an empty shared_name are one variable in a TF1 session, two under tf.saved_model.load", () => {
  const f = fn("f", [handle("x"), handle("y")]);
  const m = model([], [f]);
  const vars = new TfVariables({ root: m.root, scopes: m.scopes, callees: () => [], argSource: () => undefined, known: () => true });
  const sc = m.scopes.get("f")!;
  const [kx, ky] = [vars.keys(sc, f.nodes[0]!)!, vars.keys(sc, f.nodes[1]!)!];
  assert.equal(kx[0], ky[0], "TF1 session: both are the variable named \"\"");
  assert.equal(kx.length, 2);
  assert.notEqual(kx[1], ky[1], "tf.saved_model.load: named after their nodes");
  // The root graph is not renamed: one key.
  const root = handle("r");
  assert.equal(vars.keys(m.root, root)!.length, 1);
});

test("under tf.saved_model.load a library handle with an empty shared_name is the variable its node name names, in the library only", () => {
  const writer = fn("init", [handle("cfg"), str("host", "/tmp/host"), op("w", "AssignVariableOp", ["cfg:resource:0", "host:output:0"])]);
  const reader = fn("serve", [handle("named", "cfg"), op("read", "ReadVariableOp", ["named:resource:0"])], { y: "read:value:0" });
  // Read in the library: the writer's node-named handle is the same variable (the C5 form).
  assert.deepEqual(traceRead([], [writer, reader], "read", "serve").strings, ["/tmp/host"]);
  // Read in the root graph (a TF1 session: the library handle is the variable ""): not that variable.
  assert.deepEqual(traceRead([...base()], [writer]).strings, [""]);
  // And the TF1 view still holds in the library: the empty-named handle is the variable "" for a reader of "".
  const reader2 = fn("serve2", [handle("other", ""), op("read", "ReadVariableOp", ["other:resource:0"])]);
  assert.deepEqual(traceRead([], [writer, reader2], "read", "serve2").strings, ["/tmp/host"]);
});

test("under tf.saved_model.load two library handles with the anonymous shared_name alias; in a TF1 session or the root graph they do not", () => {
  const writer = fn("init", [handle("a", ANON), str("host", "/tmp/host"), op("w", "AssignVariableOp", ["a:resource:0", "host:output:0"])]);
  const reader = fn("serve", [handle("b", ANON), str("e", ""), op("w0", "AssignVariableOp", ["b:resource:0", "e:output:0"]), op("read", "ReadVariableOp", ["b:resource:0"])]);
  assert.deepEqual(traceRead([], [writer, reader], "read", "serve").strings, ["", "/tmp/host"]);
  const rootOnly = [handle("a", ANON), str("host", "/tmp/host"), op("w", "AssignVariableOp", ["a", "host"]), handle("b", ANON), str("e", ""), op("w0", "AssignVariableOp", ["b", "e"]), op("read", "ReadVariableOp", ["b"])];
  assert.deepEqual(traceRead(rootOnly).strings, [""]);
});

test("a constant handle or _VarHandlesOp name carrying a load suffix is the library variable of its base name under tf.saved_model.load", () => {
  const reader = fn("serve", [handle("named", "cfg"), str("e", ""), op("w0", "AssignVariableOp", ["named:resource:0", "e:output:0"]), op("read", "ReadVariableOp", ["named:resource:0"])]);
  const writer = fn("init", [forged("forged", "localhost", "cfg_load_1"), str("host", "/tmp/host"), op("w", "AssignVariableOp", ["forged:output:0", "host:output:0"])]);
  assert.deepEqual(traceRead([], [writer, reader], "read", "serve").strings, ["", "/tmp/host"]);
  // The root graph's "cfg" is not renamed: the suffixed name is another variable there.
  assert.deepEqual(traceRead([...base()], [writer]).strings, [""]);
  const many = fn("init", [op("vs", "_VarHandlesOp", [], { containers: { list: { s: [enc.encode("")], i: [], b: [], type: [], tensor: [], func: [] } }, shared_names: { list: { s: [enc.encode("cfg_load_7")], i: [], b: [], type: [], tensor: [], func: [] } } })]);
  const r = traceRead([], [many, reader], "read", "serve");
  assert.deepEqual(r.strings, []);
  assert.match(r.opaque[0] ?? "", /_VarHandlesOp/);
});

test("the value of a DT_RESOURCE constant is the value of the variable its handle names", () => {
  const c = forged("forged", "localhost", "cfg");
  const m = model([...base(), str("host", "/tmp/host"), op("w2", "AssignVariableOp", ["h", "host"]), c]);
  const v = m.vars.value(m.root, c);
  assert.ok(v && "writers" in v);
  assert.deepEqual(v.writers.map((w) => w.input).sort(), ["empty", "host"]);
  const bad = resConst("bad", { content: new Uint8Array([5, 1]) });
  const vb = model([...base(), bad]).vars.value(model([...base(), bad]).root, bad);
  assert.ok(vb && "unknown" in vb);
});

// The trace follows a ReadVariableOp's handle input; a Const input is read as a string constant before the
// variable model is asked (src/tf/graph.ts traceIn: the Const branch comes before `this.vars.value`), so a
// read through a constant handle yields no value instead of the variable's.
test("a read through a DT_RESOURCE constant handle sees the variable's writers", () => {
  const r = traceRead([handle("h", "cfg"), str("host", "/tmp/host"), op("w", "AssignVariableOp", ["h", "host"]), forged("forged", "localhost", "cfg"), op("read", "ReadVariableOp", ["forged"])]);
  assert.deepEqual(r.strings, ["/tmp/host"]);
});
