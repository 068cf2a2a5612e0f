// tf_keras's TensorFlowOpLayer rebuilds a TensorFlow op from the NodeDef its config holds (config.node_def,
// read by protobuf's json_format; config.constants replace inputs by index) and runs it whenever the layer
// is called. The op is judged as TensorFlow would run it: the NodeDef is converted here and analysed by the
// graph engine as a one-op graph reached at inference.
import type { ScanContext } from "../core/context.js";
import type { Trigger } from "../core/types.js";
import { isObject } from "../formats/json.js";
import { decodeBase64Bytes } from "../python/fold.js";
import { analyzeGraph } from "../tf/graph.js";
import type { TfAttrList, TfAttrValue, TfGraphDef, TfNodeDef, TfTensor } from "../tf/types.js";
import { DT_STRING } from "../tf/types.js";

const DTYPES: Readonly<Record<string, number>> = {
  DT_INVALID: 0, DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_UINT8: 4, DT_INT16: 5, DT_INT8: 6, DT_STRING: 7, DT_COMPLEX64: 8,
  DT_INT64: 9, DT_BOOL: 10, DT_QINT8: 11, DT_QUINT8: 12, DT_QINT32: 13, DT_BFLOAT16: 14, DT_QINT16: 15, DT_QUINT16: 16,
  DT_UINT16: 17, DT_COMPLEX128: 18, DT_HALF: 19, DT_RESOURCE: 20, DT_VARIANT: 21, DT_UINT32: 22, DT_UINT64: 23,
};
const enc = new TextEncoder();

/** json_format bytes: standard or URL-safe base64 (padding optional). */
function bytesOf(v: unknown): Uint8Array | undefined {
  if (typeof v !== "string") return undefined;
  return decodeBase64Bytes(v.replace(/-/g, "+").replace(/_/g, "/"));
}
function intOf(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
function typeOf(v: unknown): number | undefined {
  return typeof v === "string" ? DTYPES[v] : intOf(v);
}
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function tensorOf(v: unknown): TfTensor | undefined {
  if (!isObject(v)) return undefined;
  const t: TfTensor = { dtype: typeOf(v["dtype"]) ?? 0, strings: [], ints: [] };
  for (const s of arr(v["stringVal"] ?? v["string_val"])) {
    const b = bytesOf(s);
    if (b) t.strings.push(b);
  }
  for (const i of arr(v["intVal"] ?? v["int_val"])) {
    const n = intOf(i);
    if (n !== undefined) t.ints.push(n);
  }
  const c = bytesOf(v["tensorContent"] ?? v["tensor_content"]);
  if (c) t.content = c;
  return t;
}

function attrOf(v: unknown, depth = 0): TfAttrValue {
  if (!isObject(v) || depth > 4) return {};
  const a: TfAttrValue = {};
  if ("s" in v) {
    const b = bytesOf(v["s"]);
    if (b) a.s = b;
  } else if ("i" in v) {
    const n = intOf(v["i"]);
    if (n !== undefined) a.i = n;
  } else if ("f" in v && typeof v["f"] === "number") a.f = v["f"];
  else if ("b" in v && typeof v["b"] === "boolean") a.b = v["b"];
  else if ("type" in v) {
    const t = typeOf(v["type"]);
    if (t !== undefined) a.type = t;
  } else if ("tensor" in v) {
    const t = tensorOf(v["tensor"]);
    if (t) a.tensor = t;
  } else if ("func" in v && isObject(v["func"])) {
    const f = v["func"];
    a.func = { name: typeof f["name"] === "string" ? f["name"] : "", attr: attrMap(f["attr"], depth + 1) };
  } else if ("placeholder" in v && typeof v["placeholder"] === "string") a.placeholder = v["placeholder"];
  else if ("list" in v && isObject(v["list"])) {
    const l = v["list"];
    const out: TfAttrList = { s: [], i: [], b: [], type: [], tensor: [], func: [] };
    for (const s of arr(l["s"])) {
      const b = bytesOf(s);
      if (b) out.s.push(b);
    }
    for (const i of arr(l["i"])) {
      const n = intOf(i);
      if (n !== undefined) out.i.push(n);
    }
    for (const b of arr(l["b"])) if (typeof b === "boolean") out.b.push(b);
    for (const t of arr(l["type"])) {
      const n = typeOf(t);
      if (n !== undefined) out.type.push(n);
    }
    for (const t of arr(l["tensor"])) {
      const x = tensorOf(t);
      if (x) out.tensor.push(x);
    }
    for (const f of arr(l["func"])) if (isObject(f)) out.func.push({ name: typeof f["name"] === "string" ? f["name"] : "", attr: attrMap(f["attr"], depth + 1) });
    a.list = out;
  }
  return a;
}

function attrMap(v: unknown, depth = 0): Map<string, TfAttrValue> {
  const m = new Map<string, TfAttrValue>();
  if (isObject(v)) for (const [k, x] of Object.entries(v)) m.set(k, attrOf(x, depth));
  return m;
}

/** The one-op graph a TensorFlowOpLayer config describes (inputs as placeholders, config constants as Consts); undefined without an op. */
export function tfOpLayerGraph(cfg: Record<string, unknown>): TfGraphDef | undefined {
  const nd = cfg["node_def"];
  if (!isObject(nd) || typeof nd["op"] !== "string" || !nd["op"]) return undefined;
  const constants = isObject(cfg["constants"]) ? cfg["constants"] : {};
  const nodes: TfNodeDef[] = [];
  const inputs: string[] = [];
  arr(nd["input"]).forEach((x, i) => {
    if (typeof x !== "string" || x.startsWith("^")) return;
    const name = `input_${i}`;
    const c = constants[String(i)];
    if (typeof c === "string") nodes.push({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: [enc.encode(c)], ints: [] } }]]) });
    else if (Array.isArray(c) && c.every((s) => typeof s === "string")) nodes.push({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: DT_STRING, strings: c.map((s) => enc.encode(s as string)), ints: [] } }]]) });
    else if (typeof c === "number" && Number.isInteger(c)) nodes.push({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor: { dtype: 9, strings: [], ints: [c] } }]]) });
    else nodes.push({ name, op: "Placeholder", input: [], device: "", attr: new Map() });
    inputs.push(name);
  });
  const name = typeof nd["name"] === "string" && nd["name"] ? nd["name"] : "op";
  nodes.push({ name: `tf_op_layer/${name}`, op: nd["op"], input: inputs, device: typeof nd["device"] === "string" ? nd["device"] : "", attr: attrMap(nd["attr"]) });
  return { nodes, functions: [], gradients: [] };
}

/** Judges the op of a TensorFlowOpLayer config with the graph engine, reached when the layer is called. */
export function analyzeTfOpLayer(ctx: ScanContext, cfg: Record<string, unknown>, pointer: string, layer: string | undefined, trigger: Trigger): void {
  const g = tfOpLayerGraph(cfg);
  if (!g) return;
  analyzeGraph(ctx, g, { pathPrefix: `${pointer}/node_def#`, host: { trigger, via: [`TensorFlowOpLayer${layer ? ` "${layer}"` : ""} (tf_keras rebuilds the op from config.node_def)`], depth: 1 } });
}
