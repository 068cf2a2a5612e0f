// Singular protobuf fields written twice, the second time empty/default (or another oneof member), with the
// wrong wire type, or with high bits on a 32-bit field: each of our binary readers must read what Python's
// protobuf parser reads (the last occurrence wins; a repeated
// singular message merges). Vectors: tools/gen-protobuf-lastwins-vectors.py (google.protobuf of the fixture
// venv parses the wire and records the field's value).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decodeGraphDef, decodeSavedModel, decodeTf, toGraphDef, toSavedModel } from "../../src/tf/proto.js";
import { parseBundleEntry } from "../../src/tf/checkpoint.js";
import { pbMsgs, pbNum, pbStr, type PbMessage } from "../../src/formats/protobuf.js";
import type { TfAttrValue, TfGraphDef, TfMetaGraph, TfTensor } from "../../src/tf/types.js";

type Value = { str: string } | { bytes: string } | { num: number } | { bool: boolean } | { message: boolean };
interface Vector {
  id: string;
  type: "GraphDef" | "SavedModel" | "TrackableObjectGraph" | "BundleEntryProto";
  hex: string;
  field: string;
  value: Value;
  oneof?: string;
  tensor?: { dtype: number; content: string; strings: string[] };
}
const doc = JSON.parse(readFileSync(new URL("./vectors/protobuf-lastwins.json", import.meta.url), "utf8")) as { vectors: Vector[] };

const hex = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array(0)).toString("hex");
const ATTR_MEMBERS = ["list", "s", "i", "f", "b", "type", "tensor", "placeholder", "func"] as const;
function attrMember(a: TfAttrValue | undefined): string | undefined {
  const set = ATTR_MEMBERS.filter((k) => a?.[k] !== undefined);
  assert.ok(set.length <= 1, `one oneof member at most, got ${set.join(",")}`);
  return set[0];
}
function attrValue(a: TfAttrValue | undefined, field: string): Value {
  switch (field) {
    case "s":
      return { bytes: hex(a?.s) };
    case "i":
      return { num: a?.i ?? 0 };
    case "f":
      return { num: a?.f ?? 0 };
    case "b":
      return { bool: a?.b ?? false };
    case "type":
      return { num: a?.type ?? 0 };
    case "placeholder":
      return { str: a?.placeholder ?? "" };
    default:
      return { message: a?.[field as "list" | "tensor" | "func"] !== undefined };
  }
}
function tensorView(t: TfTensor | undefined) {
  return { dtype: t?.dtype ?? 0, content: hex(t?.content), strings: (t?.strings ?? []).map((s) => hex(s)) };
}

/** The field as our reader holds it (and the oneof member set, where the field is in one). */
function fromGraph(g: TfGraphDef, v: Vector): { value: Value; oneof?: string | undefined; tensor?: ReturnType<typeof tensorView> } {
  const n = g.nodes[0]!;
  const fn = g.functions[0]!;
  const attrKey = /^attr\.(s|i|f|b|type|placeholder)($|->)/.exec(v.id)?.[1];
  switch (v.id) {
    case "node.name":
    case "node.op":
    case "node.device":
      return { value: { str: n[v.field as "name" | "op" | "device"] } };
    case "tensor.dtype":
      return { value: { num: n.attr.get("value")?.tensor?.dtype ?? 0 }, tensor: tensorView(n.attr.get("value")?.tensor) };
    case "tensor.tensor_content":
      return { value: { bytes: hex(n.attr.get("value")?.tensor?.content) }, tensor: tensorView(n.attr.get("value")?.tensor) };
    case "attr.tensor": {
      const a = n.attr.get("value");
      return { value: attrValue(a, "tensor"), oneof: attrMember(a), tensor: tensorView(a?.tensor) };
    }
    case "attr.func->placeholder":
    case "attr.func": {
      const a = n.attr.get("fn");
      return { value: attrValue(a, v.field), oneof: attrMember(a) };
    }
    case "func.name":
      return { value: { str: n.attr.get("fn")?.func?.name ?? "" } };
    case "argdef.name":
      return { value: { str: fn.inputArgs[0] ?? "" } };
    case "opdef.name":
      return { value: { str: fn.name } };
    case "attrdef.default_value.s": {
      const a = fn.attrDefaults?.get("T");
      return { value: attrValue(a, "s"), oneof: attrMember(a) };
    }
    case "gradient.function_name":
      return { value: { str: g.gradients[0]?.functionName ?? "" } };
    case "gradient.gradient_func":
      return { value: { str: g.gradients[0]?.gradientFunc ?? "" } };
    case "versions.producer":
      return { value: { num: g.producer ?? 0 } };
    case "map.attr.duplicate_key":
      return { value: { str: attrMember(n.attr.get("s")) ?? "" } };
  }
  if (attrKey) {
    const a = n.attr.get(attrKey === "placeholder" ? "ph" : attrKey);
    return { value: attrValue(a, v.field), oneof: attrMember(a) };
  }
  throw new Error(`no projection for ${v.id}`);
}

function fromMeta(mg: TfMetaGraph, v: Vector): { value: Value; oneof?: string | undefined } {
  const og = mg.objectGraph!;
  const sig = mg.signatures.get("serving_default");
  switch (v.id) {
    case "meta_info.tensorflow_version":
      return { value: { str: mg.tensorflowVersion } };
    case "saver.filename_tensor_name":
      return { value: { str: mg.saver?.filenameTensorName ?? "" } };
    case "saver.save_tensor_name":
      return { value: { str: mg.saver?.saveTensorName ?? "" } };
    case "saver.restore_op_name":
      return { value: { str: mg.saver?.restoreOpName ?? "" } };
    case "saver.version":
      return { value: { num: mg.saver?.version ?? 0 } };
    case "signature.method_name":
      return { value: { str: sig?.methodName ?? "" } };
    case "tensor_info.name":
      return { value: { str: sig?.inputs.get("x") ?? "" }, oneof: "name" };
    case "asset.filename":
      return { value: { str: mg.assets[0]?.filename ?? "" } };
    case "asset.tensor_info.name":
      return { value: { str: mg.assets[0]?.tensorName ?? "" }, oneof: "name" };
    case "collection.node_list->bytes_list":
      return { value: { message: mg.collectionBytes.has("c") }, oneof: mg.collectionBytes.has("c") ? "bytes_list" : "node_list" };
    case "object.registered_name":
      return { value: { str: og.nodes[1]?.registeredName ?? "" } };
    case "object.variable->user_object":
      return { value: { message: og.nodes[1]?.kind === "user_object" }, oneof: og.nodes[1]?.kind };
    case "object.user_object->resource":
      return { value: { message: og.nodes[2]?.kind === "resource" }, oneof: og.nodes[2]?.kind };
    case "user_object.identifier":
      return { value: { str: og.nodes[2]?.identifier ?? "" } };
    case "user_object.metadata":
      return { value: { str: og.nodes[2]?.metadata ?? "" } };
    case "bare.concrete_function_name":
      return { value: { str: og.nodes[3]?.concreteFunctions[0] ?? "" } };
    case "constant.operation":
      return { value: { str: og.nodes[4]?.operation ?? "" } };
    case "object_ref.node_id":
      return { value: { num: og.nodes[0]?.children[0]?.nodeId ?? -1 } };
    case "object_ref.local_name":
      return { value: { str: og.nodes[0]?.children[0]?.localName ?? "" } };
    case "map.signature_def.duplicate_key":
      return { value: { str: sig?.methodName ?? "" } };
  }
  throw new Error(`no projection for ${v.id}`);
}

function fromTrackable(m: PbMessage, v: Vector): { value: Value } {
  const nodes = pbMsgs(m, "nodes");
  const child = pbMsgs(nodes[0] ?? {}, "children")[0] ?? {};
  const attr = pbMsgs(nodes[1] ?? {}, "attributes")[0] ?? {};
  switch (v.id) {
    case "ckpt.child.node_id":
      return { value: { num: pbNum(child, "node_id") ?? 0 } };
    case "ckpt.child.local_name":
      return { value: { str: pbStr(child, "local_name") } };
    case "ckpt.attribute.name":
      return { value: { str: pbStr(attr, "name") } };
    case "ckpt.attribute.checkpoint_key":
      return { value: { str: pbStr(attr, "checkpoint_key") } };
  }
  throw new Error(`no projection for ${v.id}`);
}

const PROTO_NAMES: Record<string, string> = { tensor_info: "name" };

test("vectors cover the singular fields of every reader", () => {
  assert.ok(doc.vectors.length >= 50);
  for (const t of ["GraphDef", "SavedModel", "TrackableObjectGraph", "BundleEntryProto"]) assert.ok(doc.vectors.some((v) => v.type === t), t);
  assert.ok(doc.vectors.some((v) => v.id === "tensor.tensor_content" && v.tensor?.content === "" && v.tensor.strings.length === 1), "the A3 shape: last tensor_content empty");
});

// "<id>@wire": the field written once more with a wire type not its own (an unknown field: the value
// stays); "<id>@high32": a 32-bit integer field written once more with high bits set (its low 32 bits win).
for (const vec of doc.vectors) {
  const v = { ...vec, id: vec.id.replace(/@.*$/, "") };
  test(`last occurrence wins as in Python protobuf: ${v.type} ${vec.id}`, () => {
    const bytes = Buffer.from(v.hex, "hex");
    const buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const expectOneof = v.oneof !== undefined ? (PROTO_NAMES[v.oneof] ?? v.oneof) : undefined;
    const check = (got: { value: Value; oneof?: string | undefined; tensor?: unknown }, reader: string) => {
      assert.deepEqual(got.value, v.value, `${reader}: value`);
      if (expectOneof !== undefined && got.oneof !== undefined) assert.equal(got.oneof, expectOneof, `${reader}: oneof member`);
      if (v.tensor) assert.deepEqual(got.tensor, v.tensor, `${reader}: tensor`);
    };
    if (v.type === "GraphDef") {
      check(fromGraph(decodeGraphDef(buf), v), "typed binary reader (graph-binary.ts)");
      check(fromGraph(toGraphDef(decodeTf("GraphDef", buf)), v), "schema-driven reader");
    } else if (v.type === "SavedModel") {
      check(fromMeta(decodeSavedModel(buf).metaGraphs[0]!, v), "SavedModel reader");
      check(fromMeta(toSavedModel(decodeTf("SavedModel", buf)).metaGraphs[0]!, v), "schema-driven reader");
    } else if (v.type === "TrackableObjectGraph") {
      check(fromTrackable(decodeTf("TrackableObjectGraph", buf), v), "schema-driven reader");
    } else {
      const e = parseBundleEntry("k", buf);
      const got: Record<string, number> = { dtype: e.dtype, shard_id: e.shard, offset: e.offset, size: e.size, size_dim: e.elements };
      check({ value: { num: v.id === "bundle.dim.size" ? got["size_dim"]! : got[v.field]! } }, "checkpoint bundle entry reader");
    }
  });
}
