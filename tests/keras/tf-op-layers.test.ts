// tf_keras's TF-op layers (round 10): TensorFlowOpLayer runs the op its config.node_def names (json_format
// NodeDef, constants by input index), ClassMethod calls getattr(<tf_export symbol>, method_name),
// InstanceMethod / InstanceProperty call or read a member of the input tensor. Each is judged by what it runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scanBytes } from "../../src/index.js";
import { tfOpLayerGraphs } from "../../src/keras/tf-op-layer.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");

function model(layer: Record<string, unknown>): Uint8Array {
  const cfg = {
    class_name: "Functional",
    config: {
      name: "m",
      layers: [{ class_name: "InputLayer", config: { batch_input_shape: [null, 4], dtype: "float32", name: "x" }, name: "x", inbound_nodes: [] }, { ...layer, inbound_nodes: [[["x", 0, 0, {}]]] }],
      input_layers: [["x", 0, 0]],
      output_layers: [[String(layer["name"]), 0, 0]],
    },
    keras_version: "2.20.1",
    backend: "tensorflow",
  };
  return new TextEncoder().encode(JSON.stringify(cfg));
}
async function top(layer: Record<string, unknown>): Promise<string[]> {
  const r = await scanBytes("model.json", model(layer));
  return r.findings.filter((f) => f.severity !== "info" && f.severity !== "low").map((f) => `${f.rule} ${f.severity}`);
}

test("a TensorFlowOpLayer's NodeDef converts from json_format: bytes in base64, dtype names, constants by input index", () => {
  const [g, more] = tfOpLayerGraphs({ node_def: { name: "w", op: "WriteFile", input: ["x", "c"], attr: { T: { type: "DT_STRING" }, urls: { list: { s: [b64("file:///tmp/a")] } } } }, constants: { 1: "payload" } });
  assert.ok(g && !more);
  const op = g.nodes.at(-1)!;
  assert.equal(op.op, "WriteFile");
  assert.deepEqual(op.input, ["input_0", "input_1"]);
  assert.equal(op.attr.get("T")?.type, 7);
  assert.equal(new TextDecoder().decode(op.attr.get("urls")?.list?.s[0]), "file:///tmp/a");
  assert.equal(g.nodes[1]!.op, "Const");
  assert.deepEqual(tfOpLayerGraphs({ node_def: { name: "n" } }), []);
});

test("TensorFlowOpLayer: the op of node_def is judged as a graph op (a file write with a constant path is high; Relu quiet)", async () => {
  const write = { class_name: "TensorFlowOpLayer", name: "tf_op_layer_w", config: { name: "tf_op_layer_w", node_def: { name: "w", op: "WriteFile", input: ["c", "x"], attr: {} }, constants: { 0: "/tmp/gw-tfop/marker" } } };
  assert.ok((await top(write)).some((x) => x === "GW503 high"), JSON.stringify(await top(write)));
  const relu = { class_name: "TensorFlowOpLayer", name: "tf_op_layer_r", config: { name: "tf_op_layer_r", node_def: { name: "r", op: "Relu", input: ["x"], attr: { T: { type: "DT_FLOAT" } } }, constants: {} } };
  assert.deepEqual(await top(relu), []);
});

test("ClassMethod, InstanceMethod and InstanceProperty: their targets are judged", async () => {
  const cm = { class_name: "ClassMethod", name: "cm", config: { name: "cm", cls_symbol: "io.write_file", method_name: "__call__" } };
  assert.ok((await top(cm)).some((x) => x.endsWith("high")), JSON.stringify(await top(cm)));
  const cmPure = { class_name: "ClassMethod", name: "cm2", config: { name: "cm2", cls_symbol: "RaggedTensor", method_name: "from_tensor" } };
  assert.deepEqual(await top(cmPure), []);
  // a member of the input tensor the name data does not verify: unverifiable (medium), never quiet
  const im = { class_name: "InstanceMethod", name: "im", config: { name: "im", method_name: "_gw_unlisted_method" } };
  assert.ok((await top(im)).some((x) => x.endsWith("medium")), JSON.stringify(await top(im)));
  const ip = { class_name: "InstanceProperty", name: "ip", config: { name: "ip", attr_name: "shape" } };
  assert.deepEqual(await top(ip), []);
});

test("json_format rules: a null member is unset, base64 padding is optional, keys are read by int(), constants insert in every order", () => {
  const [g] = tfOpLayerGraphs({ node_def: { op: "DebugIdentityV2", input: ["x"], attr: { debug_urls: { s: null, list: { s: [b64("file:///tmp/u").replace(/=+$/, "")] } } } }, constants: {} });
  assert.equal(new TextDecoder().decode(g!.nodes.at(-1)!.attr.get("debug_urls")?.list?.s[0]), "file:///tmp/u");
  // "+0" is index 0 for int(); two constants may be inserted in either order (JSON key order is not kept)
  const gs = tfOpLayerGraphs({ node_def: { op: "WriteFile", input: ["a", "b", "c"] }, constants: { "+0": "/tmp/p", 1: "q" } });
  const layouts = gs.map((x) => x.nodes.slice(0, -1).map((n) => (n.op === "Const" ? new TextDecoder().decode(n.attr.get("value")!.tensor!.strings[0]) : "<t>")).join(","));
  assert.deepEqual(layouts.sort(), ["/tmp/p,<t>,q", "/tmp/p,q,<t>"]);
});
