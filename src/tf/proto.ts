// Binary and text TensorFlow protobufs -> typed structures (src/tf/types.ts).
import { FormatError } from "../core/bytes.js";
import { decodeMessage, pbBool, pbBytes, pbBytesList, pbMsg, pbMsgs, pbNum, pbNums, pbStr, pbStrs, type PbLimits, type PbMessage, DEFAULT_PB_LIMITS } from "../formats/protobuf.js";
import { parseTextMessage } from "../formats/pbtxt.js";
import { TF_ENUM_VALUES, TF_SCHEMAS } from "../formats/proto/schema.js";
import type { PbSchemaSet } from "../formats/protobuf.js";
import { decodeGraphDefBinary } from "./graph-binary.js";
import type {
  TfAttrList,
  TfAttrValue,
  TfFunctionDef,
  TfGraphDef,
  TfMetaGraph,
  TfNameAttrList,
  TfNodeDef,
  TfObjectGraph,
  TfSavedModel,
  TfSavedObject,
  TfSaverDef,
  TfSignatureDef,
  TfTensor,
} from "./types.js";

/**
 * Binary schemas: as TF_SCHEMAS, but MetaGraphDef.graph_def is kept as raw segments and decoded by the
 * direct typed reader (src/tf/graph-binary.ts), the hot path for big graphs.
 */
const TF_BINARY_SCHEMAS: PbSchemaSet = {
  ...TF_SCHEMAS,
  MetaGraphDef: { ...TF_SCHEMAS["MetaGraphDef"], 2: { name: "graph_def_raw", kind: "bytes", repeated: true } },
};

/** Decodes with the generic reader; `fast` routes graph_def to the typed reader (binary files). */
export function decodeTf(type: string, buf: Uint8Array, limits: PbLimits = DEFAULT_PB_LIMITS, fast = false): PbMessage {
  return decodeMessage(fast ? TF_BINARY_SCHEMAS : TF_SCHEMAS, type, buf, 0, buf.length, limits);
}

/** Binary GraphDef file (frozen graph). */
export function decodeGraphDef(buf: Uint8Array, limits: PbLimits = DEFAULT_PB_LIMITS): TfGraphDef {
  return decodeGraphDefBinary([buf], limits, 0);
}

/** Binary SavedModel file. */
export function decodeSavedModel(buf: Uint8Array, limits: PbLimits = DEFAULT_PB_LIMITS): TfSavedModel {
  return toSavedModel(decodeTf("SavedModel", buf, limits, true), limits);
}

/** Binary MetaGraphDef file (.meta). */
export function decodeMetaGraph(buf: Uint8Array, limits: PbLimits = DEFAULT_PB_LIMITS): TfMetaGraph {
  return toMetaGraph(decodeTf("MetaGraphDef", buf, limits, true), limits, 1);
}

/** Text format; `onDivergent` hears of each literal TensorFlow's Python and C++ parsers read differently (else an error). */
export function parseTfText(type: string, text: string, limits: PbLimits = DEFAULT_PB_LIMITS, onDivergent?: (offset: number) => void): PbMessage {
  return parseTextMessage(TF_SCHEMAS, TF_ENUM_VALUES, type, text, limits, onDivergent);
}

function toTensor(m: PbMessage): TfTensor {
  const content = pbBytes(m, "tensor_content");
  const t: TfTensor = { dtype: pbNum(m, "dtype") ?? 0, strings: pbBytesList(m, "string_val"), ints: pbNums(m, "int_val") };
  // Present even when empty: the last occurrence wins (consumers test length where TensorFlow tests empty()).
  if (content !== undefined) t.content = content;
  const i64 = pbNums(m, "int64_val");
  if (i64.length) t.int64s = i64;
  const bools = boolList(m, "bool_val");
  if (bools.length) t.bools = bools.map((b) => (b ? 1 : 0));
  const floats = pbNums(m, "float_val");
  if (floats.length) t.floats = floats;
  const doubles = pbNums(m, "double_val");
  if (doubles.length) t.doubles = doubles;
  const halfs = pbNums(m, "half_val");
  if (halfs.length) t.halfs = halfs;
  // the unsigned fields as protobuf keeps them: the low 32 / 64 bits (text integers beyond 2^53 are not exact here: unknown)
  const u32 = pbNums(m, "uint32_val");
  if (u32.length) t.uint32s = u32.map((x) => Number(BigInt.asUintN(32, BigInt(Math.trunc(x)))));
  const u64 = pbNums(m, "uint64_val");
  if (u64.length && u64.every((x) => Number.isSafeInteger(x))) t.uint64s = u64.map((x) => BigInt.asUintN(64, BigInt(x)));
  // a message field given twice is merged (its dims appended); unknown_rank: last wins
  const shapes = pbMsgs(m, "tensor_shape");
  if (shapes.length && !(shapes.map((x) => boolList(x, "unknown_rank")).flat().at(-1) ?? false)) t.shape = shapes.flatMap((x) => pbMsgs(x, "dim").map((d) => pbNum(d, "size") ?? 0));
  const handles = pbMsgs(m, "resource_handle_val");
  if (handles.length) t.handles = handles.map((h) => ({ container: pbStr(h, "container"), name: pbStr(h, "name") }));
  return t;
}

function toNameAttrList(m: PbMessage): TfNameAttrList {
  return { name: pbStr(m, "name"), attr: toAttrMap(pbMsgs(m, "attr")) };
}

function toAttrList(m: PbMessage): TfAttrList {
  const l: TfAttrList = {
    s: pbBytesList(m, "s"),
    i: pbNums(m, "i"),
    b: boolList(m),
    type: pbNums(m, "type"),
    tensor: pbMsgs(m, "tensor").map(toTensor),
    func: pbMsgs(m, "func").map(toNameAttrList),
  };
  const f = pbNums(m, "f");
  if (f.length) l.f = f;
  const shapes = pbMsgs(m, "shape");
  if (shapes.length) l.shape = shapes.map((x) => (boolList(x, "unknown_rank").at(-1) ? undefined : pbMsgs(x, "dim").map((d) => pbNum(d, "size") ?? 0)));
  return l;
}

function boolList(m: PbMessage, field = "b"): boolean[] {
  const v = m[field];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is boolean => typeof x === "boolean");
}

const ATTR_VALUE_ONEOF = ["list", "s", "i", "f", "b", "type", "shape", "tensor", "placeholder", "func"];

function toAttrValue(m: PbMessage): TfAttrValue {
  // The binary reader keeps the last oneof member only; text format names at most one (TensorFlow's
  // text parser refuses a second), so more than one here is a file TensorFlow would not read as we do.
  if (ATTR_VALUE_ONEOF.filter((k) => m[k] !== undefined).length > 1) throw new FormatError("AttrValue sets more than one member of its oneof");
  const a: TfAttrValue = {};
  const list = pbMsg(m, "list");
  if (list) a.list = toAttrList(list);
  const s = pbBytes(m, "s");
  if (s) a.s = s;
  const i = pbNum(m, "i");
  if (i !== undefined) a.i = i;
  const f = pbNum(m, "f");
  if (f !== undefined) a.f = f;
  const b = pbBool(m, "b");
  if (b !== undefined) a.b = b;
  const t = pbNum(m, "type");
  if (t !== undefined) a.type = t;
  const tensor = pbMsg(m, "tensor");
  if (tensor) a.tensor = toTensor(tensor);
  const func = pbMsg(m, "func");
  if (func) a.func = toNameAttrList(func);
  if (m["placeholder"] !== undefined) a.placeholder = pbStr(m, "placeholder");
  const shapes = pbMsgs(m, "shape");
  if (shapes.length && !(shapes.map((x) => boolList(x, "unknown_rank")).flat().at(-1) ?? false)) a.shape = shapes.flatMap((x) => pbMsgs(x, "dim").map((d) => pbNum(d, "size") ?? 0));
  return a;
}

function toAttrMap(entries: PbMessage[]): Map<string, TfAttrValue> {
  const out = new Map<string, TfAttrValue>();
  for (const e of entries) {
    const v = pbMsg(e, "value");
    out.set(pbStr(e, "key"), v ? toAttrValue(v) : {});
  }
  return out;
}

function stringMap(entries: PbMessage[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries) out.set(pbStr(e, "key"), pbStr(e, "value"));
  return out;
}

export function toNodeDef(m: PbMessage): TfNodeDef {
  return { name: pbStr(m, "name"), op: pbStr(m, "op"), input: pbStrs(m, "input"), device: pbStr(m, "device"), attr: toAttrMap(pbMsgs(m, "attr")) };
}

function toFunction(m: PbMessage): TfFunctionDef {
  const sig = pbMsg(m, "signature") ?? {};
  const fn: TfFunctionDef = {
    name: pbStr(sig, "name"),
    inputArgs: pbMsgs(sig, "input_arg").map((a) => pbStr(a, "name")),
    outputArgs: pbMsgs(sig, "output_arg").map((a) => pbStr(a, "name")),
    nodes: pbMsgs(m, "node_def").map(toNodeDef),
    ret: stringMap(pbMsgs(m, "ret")),
  };
  for (const a of pbMsgs(sig, "attr")) {
    const v = pbMsg(a, "default_value");
    if (v) (fn.attrDefaults ??= new Map()).set(pbStr(a, "name"), toAttrValue(v));
  }
  return fn;
}

export function toGraphDef(m: PbMessage): TfGraphDef {
  const lib = pbMsg(m, "library") ?? {};
  const g: TfGraphDef = {
    nodes: pbMsgs(m, "node").map(toNodeDef),
    functions: pbMsgs(lib, "function").map(toFunction),
    gradients: pbMsgs(lib, "gradient").map((x) => ({ functionName: pbStr(x, "function_name"), gradientFunc: pbStr(x, "gradient_func") })),
  };
  const v = pbMsg(m, "versions");
  const producer = v ? pbNum(v, "producer") : undefined;
  if (producer !== undefined) g.producer = producer;
  return g;
}

function toSavedObject(m: PbMessage): TfSavedObject {
  const o: TfSavedObject = {
    children: pbMsgs(m, "children").map((c) => ({ nodeId: pbNum(c, "node_id") ?? 0, localName: pbStr(c, "local_name") })),
    kind: "other",
    concreteFunctions: [],
  };
  const user = pbMsg(m, "user_object");
  if (user) {
    o.kind = "user_object";
    o.identifier = pbStr(user, "identifier");
    if (user["metadata"] !== undefined) o.metadata = pbStr(user, "metadata");
  } else if (pbMsg(m, "function")) {
    o.kind = "function";
    o.concreteFunctions = pbStrs(pbMsg(m, "function") ?? {}, "concrete_functions");
  } else if (pbMsg(m, "bare_concrete_function")) {
    o.kind = "bare_concrete_function";
    const n = pbStr(pbMsg(m, "bare_concrete_function") ?? {}, "concrete_function_name");
    if (n) o.concreteFunctions = [n];
  } else if (pbMsg(m, "constant")) {
    o.kind = "constant";
    o.operation = pbStr(pbMsg(m, "constant") ?? {}, "operation");
  } else if (pbMsg(m, "resource")) o.kind = "resource";
  else if (pbMsg(m, "asset")) {
    o.kind = "asset";
    o.assetIndex = pbNum(pbMsg(m, "asset") ?? {}, "asset_file_def_index") ?? 0;
  }
  else if (pbMsg(m, "variable")) o.kind = "variable";
  else if (pbMsg(m, "captured_tensor")) o.kind = "captured_tensor";
  const rn = pbStr(m, "registered_name");
  if (rn) o.registeredName = rn;
  const deps = pbMsgs(m, "dependencies");
  if (deps.length) o.dependencies = deps.map((c) => ({ nodeId: pbNum(c, "node_id") ?? 0, localName: pbStr(c, "local_name") }));
  for (const e of pbMsgs(m, "saveable_objects")) {
    const v = pbMsg(e, "value") ?? {};
    const ids = [pbNum(v, "save_function"), pbNum(v, "restore_function")].filter((x): x is number => x !== undefined);
    (o.saveables ??= []).push({ name: pbStr(e, "key"), ids });
  }
  return o;
}

function toObjectGraph(m: PbMessage): TfObjectGraph {
  const entries = pbMsgs(m, "concrete_functions");
  const boundInputs = new Map<string, number[]>();
  for (const e of entries) {
    const b = pbNums(pbMsg(e, "value") ?? {}, "bound_inputs");
    if (b.length) boundInputs.set(pbStr(e, "key"), b);
  }
  return { nodes: pbMsgs(m, "nodes").map(toSavedObject), concreteFunctions: entries.map((e) => pbStr(e, "key")), boundInputs };
}

function toSignature(m: PbMessage): TfSignatureDef {
  const tmap = (entries: PbMessage[]) => {
    const out = new Map<string, string>();
    for (const e of entries) out.set(pbStr(e, "key"), pbStr(pbMsg(e, "value") ?? {}, "name"));
    return out;
  };
  return { inputs: tmap(pbMsgs(m, "inputs")), outputs: tmap(pbMsgs(m, "outputs")), methodName: pbStr(m, "method_name") };
}

export function toSaverDef(m: PbMessage): TfSaverDef {
  return {
    filenameTensorName: pbStr(m, "filename_tensor_name"),
    saveTensorName: pbStr(m, "save_tensor_name"),
    restoreOpName: pbStr(m, "restore_op_name"),
    version: pbNum(m, "version") ?? 0,
  };
}

export function toMetaGraph(m: PbMessage, limits: PbLimits = DEFAULT_PB_LIMITS, graphDepth = 2): TfMetaGraph {
  const info = pbMsg(m, "meta_info_def") ?? {};
  const mg: TfMetaGraph = {
    tags: pbStrs(info, "tags"),
    tensorflowVersion: pbStr(info, "tensorflow_version"),
    collections: new Map(),
    collectionBytes: new Map(),
    signatures: new Map(),
    assets: pbMsgs(m, "asset_file_def").map((a) => ({ tensorName: pbStr(pbMsg(a, "tensor_info") ?? {}, "name"), filename: pbStr(a, "filename") })),
  };
  const g = pbMsg(m, "graph_def");
  if (g) mg.graph = toGraphDef(g);
  const raw = pbBytesList(m, "graph_def_raw");
  if (raw.length) mg.graph = decodeGraphDefBinary(raw, limits, graphDepth);
  const s = pbMsg(m, "saver_def");
  if (s) {
    mg.saver = toSaverDef(s);
  }
  for (const e of pbMsgs(m, "collection_def")) {
    const v = pbMsg(e, "value") ?? {};
    const nl = pbMsg(v, "node_list");
    const bl = pbMsg(v, "bytes_list");
    const vals = nl ? pbStrs(nl, "value") : bl ? pbStrs(bl, "value") : [];
    mg.collections.set(pbStr(e, "key"), vals);
    if (bl) mg.collectionBytes.set(pbStr(e, "key"), pbBytesList(bl, "value"));
    if (bl && pbStr(e, "key") === "local_variables") mg.localVariableInits = localVariableInits(pbBytesList(bl, "value"), limits);
    // TF1 exports record assets in the saved_model_assets collection (Any-packed AssetFileDefs); the
    // loader reads it when asset_file_def is empty (loader_impl.get_asset_tensors, loader.cc GetAssetFileDefs).
    const al = pbMsg(v, "any_list");
    if (al && pbStr(e, "key") === "saved_model_assets" && mg.assets.length === 0) {
      for (const a of pbMsgs(al, "value")) {
        if (!pbStr(a, "type_url").endsWith("tensorflow.AssetFileDef")) continue;
        try {
          const def = decodeTf("AssetFileDef", pbBytes(a, "value") ?? new Uint8Array(0), limits);
          mg.assets.push({ tensorName: pbStr(pbMsg(def, "tensor_info") ?? {}, "name"), filename: pbStr(def, "filename") });
        } catch {
          // Not an AssetFileDef: the loader would fail on it; nothing is fed.
        }
      }
    }
  }
  for (const e of pbMsgs(m, "signature_def")) mg.signatures.set(pbStr(e, "key"), toSignature(pbMsg(e, "value") ?? {}));
  const og = pbMsg(m, "object_graph_def");
  if (og) mg.objectGraph = toObjectGraph(og);
  return mg;
}

/**
 * The initializer ops of the "local_variables" VariableDefs (variable.proto). A value that is not a
 * VariableDef makes the TF2 loader fail to import the meta graph, so it is skipped.
 */
function localVariableInits(values: Uint8Array[], limits: PbLimits): string[] {
  const out: string[] = [];
  for (const b of values) {
    try {
      const name = pbStr(decodeTf("VariableDef", b, limits), "initializer_name");
      if (name) out.push(name);
    } catch {
      // Not a VariableDef: nothing runs.
    }
  }
  return out;
}

export function toSavedModel(m: PbMessage, limits: PbLimits = DEFAULT_PB_LIMITS): TfSavedModel {
  return { schemaVersion: pbNum(m, "saved_model_schema_version") ?? 0, metaGraphs: pbMsgs(m, "meta_graphs").map((x) => toMetaGraph(x, limits, 2)) };
}

/** Decodes a serialized NodeDef (TFLite Flex ops embed one). */
export function decodeNodeDef(bytes: Uint8Array): TfNodeDef {
  const n = toNodeDef(decodeTf("NodeDef", bytes));
  if (!n.op) throw new FormatError("NodeDef without an op name");
  return n;
}

/** Keras SavedMetadata (keras_metadata.pb). */
export function decodeSavedMetadata(bytes: Uint8Array): Array<{ nodeId: number; nodePath: string; identifier: string; metadata: string }> {
  const m = decodeTf("SavedMetadata", bytes);
  return pbMsgs(m, "nodes").map((n) => ({ nodeId: pbNum(n, "node_id") ?? 0, nodePath: pbStr(n, "node_path"), identifier: pbStr(n, "identifier"), metadata: pbStr(n, "metadata") }));
}
