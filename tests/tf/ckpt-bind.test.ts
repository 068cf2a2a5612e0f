// Checkpoint binding as tf.saved_model.load restores (src/tf/ckpt-bind.ts): the checkpoint's own object
// graph is walked from the root and bound to the SavedObjectGraph by local name; a variable bound by
// several checkpoint nodes (several object paths) can be restored from any of them: all values count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkpointBindings, checkpointValue } from "../../src/tf/ckpt-bind.js";
import type { TfObjectGraph, TfSavedObject } from "../../src/tf/types.js";
import { pb, type PbField } from "./helpers.js";

const enc = new TextEncoder();
const obj = (kind: TfSavedObject["kind"], children: Array<[string, number]> = []): TfSavedObject => ({ kind, concreteFunctions: [], children: children.map(([localName, nodeId]) => ({ localName, nodeId })) });
const og = (...nodes: TfSavedObject[]): TfObjectGraph => ({ nodes, concreteFunctions: [], boundInputs: new Map() });
/** TrackableObjectGraph: per node, its children and its VARIABLE_VALUE key (if any). */
function ckpt(nodes: Array<{ children?: Array<[string, number]>; key?: string }>): Uint8Array {
  return pb(
    nodes.map((n): PbField => {
      const f: PbField[] = (n.children ?? []).map(([name, id]): PbField => [1, [[1, id], [2, name]]]);
      if (n.key !== undefined) f.push([2, [[1, "VARIABLE_VALUE"], [3, n.key]]]);
      return [1, f.length ? f : new Uint8Array(0)];
    }),
  );
}
const key = (p: string) => `${p}/.ATTRIBUTES/VARIABLE_VALUE`;
const vals = (r: Uint8Array[] | "unknown" | undefined) => (Array.isArray(r) ? r.map((b) => new TextDecoder().decode(b)).sort() : r);

test("one variable at root.b and root.a, two checkpoint nodes: both values are judged, whatever the children order", () => {
  const sm = og(obj("user_object", [["b", 1], ["a", 1]]), obj("variable"));
  for (const order of [["a", "b"], ["b", "a"]] as const) {
    const ids: Record<string, number> = { [order[0]]: 1, [order[1]]: 2 };
    const c = ckpt([{ children: [[order[0], 1], [order[1], 2]] }, { key: key(order[0]) }, { key: key(order[1]) }]);
    const strings = new Map([[key("a"), [enc.encode("/tmp/host")]], [key("b"), [enc.encode("")]]]);
    assert.deepEqual(vals(checkpointValue(checkpointBindings(c, sm), 1, strings)), ["", "/tmp/host"], JSON.stringify(ids));
  }
});

test("nested paths and escaped local names give the saver's key", () => {
  const sm = og(obj("user_object", [["m.x/y", 1]]), obj("user_object", [["v", 2]]), obj("variable"));
  const k = key("m..x.Sy/v");
  const c = ckpt([{ children: [["m.x/y", 1]] }, { children: [["v", 2]] }, { key: k }]);
  assert.deepEqual(vals(checkpointValue(checkpointBindings(c, sm), 2, new Map([[k, [enc.encode("/tmp/p")]]]))), ["/tmp/p"]);
});

test("a binding whose key is not the one its path implies, no binding, or a partly read value is unknown", () => {
  const sm = og(obj("user_object", [["a", 1], ["b", 1]]), obj("variable"));
  const strings = new Map([[key("a"), [enc.encode("x")]], [key("z"), [enc.encode("y")]]]);
  // The checkpoint names another key for b.
  assert.equal(checkpointValue(checkpointBindings(ckpt([{ children: [["a", 1], ["b", 2]] }, { key: key("a") }, { key: key("z") }]), sm), 1, strings), "unknown");
  // Nothing binds the variable (the checkpoint has other names).
  assert.equal(checkpointValue(checkpointBindings(ckpt([{ children: [["q", 1]] }, { key: key("q") }]), sm), 1, strings), "unknown");
  // b's value was not read (not a string entry, or past the budget) while a's was.
  assert.equal(checkpointValue(checkpointBindings(ckpt([{ children: [["a", 1], ["b", 2]] }, { key: key("a") }, { key: key("b") }]), sm), 1, strings), "unknown");
  // Neither was read: not a string variable.
  assert.equal(checkpointValue(checkpointBindings(ckpt([{ children: [["b", 1]] }, { key: key("b") }]), sm), 1, new Map()), undefined);
  // No checkpoint object graph at all.
  assert.equal(checkpointValue(checkpointBindings(undefined, sm), 1, strings), "unknown");
});

test("one checkpoint node binding the variable through the walk gives exactly its value", () => {
  const sm = og(obj("user_object", [["layer", 1]]), obj("user_object", [["kernel", 2]]), obj("variable"));
  const c = ckpt([{ children: [["layer", 1]] }, { children: [["kernel", 2]] }, { key: key("layer/kernel") }]);
  assert.deepEqual(vals(checkpointValue(checkpointBindings(c, sm), 2, new Map([[key("layer/kernel"), [enc.encode("v")]]]))), ["v"]);
});

test("a TF2 variable restored from the checkpoint is also what any function capturing it assigns", async () => {
  const { TfGraphModel } = await import("../../src/tf/graph.js");
  type Node = import("../../src/tf/types.js").TfNodeDef;
  const op = (name: string, o: string, input: string[], attr: Map<string, import("../../src/tf/types.js").TfAttrValue> = new Map()): Node => ({ name, op: o, input, device: "", attr });
  const constStr = (name: string, v: string): Node => op(name, "Const", [], new Map([["value", { tensor: { dtype: 7, strings: [enc.encode(v)], ints: [] } }]]));
  const serve = { name: "serve", inputArgs: ["x", "h"], outputArgs: [], nodes: [op("rv", "ReadVariableOp", ["h"])], ret: new Map<string, string>() };
  const setter = { name: "setter", inputArgs: ["h2"], outputArgs: [], nodes: [constStr("p", "/tmp/evil"), op("as", "AssignVariableOp", ["h2", "p:output:0"])], ret: new Map<string, string>() };
  const scatter = { name: "scatter", inputArgs: ["h3"], outputArgs: [], nodes: [op("sc", "ResourceScatterUpdate", ["h3"])], ret: new Map<string, string>() };
  const sm = og(obj("user_object", [["v", 1]]), obj("variable"));
  const strings = new Map([
    ["_CHECKPOINTABLE_OBJECT_GRAPH", [ckpt([{ children: [["v", 1]] }, { key: key("v") }])]],
    [key("v"), [enc.encode("")]],
  ]);
  const run = (fns: Array<typeof serve>) => {
    const objectGraph = { ...sm, boundInputs: new Map(fns.map((f) => [f.name, [1]])) };
    const meta = { tags: [], tensorflowVersion: "", collections: new Map(), collectionBytes: new Map(), signatures: new Map(), assets: [], objectGraph };
    const m = new TfGraphModel({ nodes: [], functions: fns, gradients: [] }, { pathPrefix: "t#", meta, checkpointStrings: strings });
    const t = m.trace(m.scopes.get("serve")!, "rv:value:0", true);
    return { strings: [...t.strings].sort(), opaque: t.opaque };
  };
  assert.deepEqual(run([serve]), { strings: [""], opaque: [] });
  assert.deepEqual(run([serve, setter]), { strings: ["", "/tmp/evil"], opaque: [] });
  const r = run([serve, scatter]);
  assert.deepEqual(r.strings, [""]);
  assert.match(r.opaque.join(" "), /ResourceScatterUpdate/);
});
