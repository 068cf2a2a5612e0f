// tf_keras's TensorFlowOpLayer rebuilds a TensorFlow op from the NodeDef its config holds (config.node_def,
// read by protobuf's json_format; config.constants replace inputs by index) and runs it whenever the layer
// is called. The op is judged as TensorFlow would run it: the NodeDef is converted here and analysed by the
// graph engine as a one-op graph reached at inference.
import { FormatError } from "../core/bytes.js";
import type { ScanContext } from "../core/context.js";
import type { Trigger } from "../core/types.js";
import { isObject } from "../formats/json.js";
import { decodeBase64Bytes } from "../python/fold.js";
import { analyzeGraph } from "../tf/graph.js";
import { decodeNodeDefBinary } from "../tf/graph-binary.js";
import type { TfAttrList, TfAttrValue, TfGraphDef, TfNameAttrList, TfNodeDef, TfTensor } from "../tf/types.js";
import { DT_STRING } from "../tf/types.js";

const DTYPES: Readonly<Record<string, number>> = {
  DT_INVALID: 0, DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_UINT8: 4, DT_INT16: 5, DT_INT8: 6, DT_STRING: 7, DT_COMPLEX64: 8,
  DT_INT64: 9, DT_BOOL: 10, DT_QINT8: 11, DT_QUINT8: 12, DT_QINT32: 13, DT_BFLOAT16: 14, DT_QINT16: 15, DT_QUINT16: 16,
  DT_UINT16: 17, DT_COMPLEX128: 18, DT_HALF: 19, DT_RESOURCE: 20, DT_VARIANT: 21, DT_UINT32: 22, DT_UINT64: 23,
};
const enc = new TextEncoder();

/** json_format bytes: the text padded with "=" to a multiple of four, then base64.urlsafe_b64decode
 * (URL-safe or standard alphabet, non-strict as binascii: other characters skipped). */
function bytesOf(v: unknown): Uint8Array | undefined {
  if (typeof v !== "string") return undefined;
  const padded = v + "=".repeat(4 - (enc.encode(v).length % 4));
  return decodeBase64Bytes(padded.replace(/-/g, "+").replace(/_/g, "/"));
}

/** json_format drops a field whose value is null (it is unset); what is left of an object. */
function fields(v: unknown): Record<string, unknown> | undefined {
  if (!isObject(v)) return undefined;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));
}
function intOf(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
function typeOf(v: unknown): number | undefined {
  return typeof v === "string" ? DTYPES[v] : intOf(v);
}
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function tensorOf(raw: unknown): TfTensor | undefined {
  const v = fields(raw);
  if (!v) return undefined;
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

const ATTR_MEMBERS = ["s", "i", "f", "b", "type", "shape", "tensor", "func", "placeholder", "list"];

function attrOf(raw: unknown, depth = 0): TfAttrValue {
  const v = fields(raw);
  if (!v || depth > 4) return {};
  // a oneof with two members set is refused by json_format (the layer does not load)
  if (ATTR_MEMBERS.filter((k) => k in v).length > 1) return {};
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
  } else if ("func" in v && isObject(v["func"])) a.func = funcOf(v["func"], depth);
  else if ("placeholder" in v && typeof v["placeholder"] === "string") a.placeholder = v["placeholder"];
  else if ("list" in v && isObject(v["list"])) {
    const l = fields(v["list"])!;
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
    for (const f of arr(l["func"])) if (isObject(f)) out.func.push(funcOf(f, depth));
    a.list = out;
  }
  return a;
}

/** A NameAttrList (a function attr): its name and attrs. */
function funcOf(f: Record<string, unknown>, depth: number): TfNameAttrList {
  return { name: typeof f["name"] === "string" ? f["name"] : "", attr: attrMap(f["attr"], depth + 1) };
}

function attrMap(v: unknown, depth = 0): Map<string, TfAttrValue> {
  const m = new Map<string, TfAttrValue>();
  for (const [k, x] of Object.entries(fields(v) ?? {})) m.set(k, attrOf(x, depth));
  return m;
}

/** A node_def given as a string: tf_keras encodes it as UTF-8 and parses the bytes as a binary NodeDef. */
function binaryNodeDef(text: string): TfNodeDef | undefined {
  try {
    return decodeNodeDefBinary(enc.encode(text));
  } catch (e) {
    if (e instanceof FormatError) return undefined; // protobuf refuses it too: the layer does not load
    throw e;
  }
}

/** Python's int() of a dict key: surrounding whitespace, a sign, digits with single underscores. */
function pyInt(k: string): number | undefined {
  const t = k.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** A graph input: a Const of a config constant TensorFlow can hold as a tensor, else a Placeholder (a layer tensor or an unread value). */
function inputNode(name: string, c?: unknown): TfNodeDef {
  const konst = (tensor: TfTensor): TfNodeDef => ({ name, op: "Const", input: [], device: "", attr: new Map([["value", { tensor }]]) });
  if (typeof c === "string") return konst({ dtype: DT_STRING, strings: [enc.encode(c)], ints: [] });
  if (Array.isArray(c) && c.every((s) => typeof s === "string")) return konst({ dtype: DT_STRING, strings: c.map((s) => enc.encode(s as string)), ints: [] });
  if (typeof c === "number" && Number.isInteger(c)) return konst({ dtype: 9, strings: [], ints: [c] });
  return { name, op: "Placeholder", input: [], device: "", attr: new Map() };
}

/**
 * The one-op graphs a TensorFlowOpLayer config describes: its inputs are the layer's tensors with each
 * config constant inserted (list.insert) at its index, in the dict's order, keys read by int(). JSON objects
 * here do not keep the order of integer-like keys, so every order of up to four constants is a layout (one
 * graph each); more, or keys int() reads alike, make every input unknown. Undefined without an op.
 */
export function tfOpLayerGraphs(cfg: Record<string, unknown>): TfGraphDef[] {
  let nd = fields(cfg["node_def"]);
  let attr: Map<string, TfAttrValue> | undefined;
  if (typeof cfg["node_def"] === "string") {
    const n = binaryNodeDef(cfg["node_def"]);
    if (!n || !n.op) return [];
    nd = { name: n.name, op: n.op, input: n.input, device: n.device };
    attr = n.attr;
  }
  if (!nd || typeof nd["op"] !== "string" || !nd["op"]) return [];
  const op = nd["op"];
  attr ??= attrMap(nd["attr"]);
  const wanted = arr(nd["input"]).filter((x) => typeof x === "string" && !x.startsWith("^")).length;
  const raw = fields(cfg["constants"]) ?? {};
  const entries = Object.entries(raw).map(([k, v]) => [pyInt(k), v] as const);
  const keys = entries.map(([k]) => k);
  const unknownLayout = entries.length > 4 || keys.some((k, i) => k === undefined || keys.indexOf(k) !== i);
  const tensors = Math.max(0, wanted - entries.length);
  const layouts = new Map<string, Array<{ c: unknown } | undefined>>();
  for (const order of unknownLayout ? [[]] : permutations([...entries])) {
    const list: Array<{ c: unknown } | undefined> = Array.from({ length: unknownLayout ? wanted : tensors }, () => undefined);
    for (const [k, v] of order) {
      const i = k! < 0 ? Math.max(0, list.length + k!) : Math.min(k!, list.length);
      list.splice(i, 0, { c: v });
    }
    layouts.set(JSON.stringify(list.map((x) => (x ? x.c : null))), list);
  }
  const name = typeof nd["name"] === "string" && nd["name"] ? nd["name"] : "op";
  return [...layouts.values()].map((list) => {
    const nodes = list.map((x, i) => inputNode(`input_${i}`, x?.c));
    nodes.push({ name: `tf_op_layer/${name}`, op, input: list.map((_, i) => `input_${i}`), device: typeof nd!["device"] === "string" ? (nd!["device"] as string) : "", attr: attr! });
    return { nodes, functions: [], gradients: [] };
  });
}

/** Judges the op of a TensorFlowOpLayer config with the graph engine, reached when the layer is called. */
export function analyzeTfOpLayer(ctx: ScanContext, cfg: Record<string, unknown>, pointer: string, layer: string | undefined, trigger: Trigger): void {
  const graphs = tfOpLayerGraphs(cfg);
  graphs.forEach((g, i) =>
    analyzeGraph(ctx, g, { pathPrefix: `${pointer}/node_def${graphs.length > 1 ? `[${i}]` : ""}#`, host: { trigger, via: [`TensorFlowOpLayer${layer ? ` "${layer}"` : ""} (tf_keras rebuilds the op from config.node_def)`], depth: 1 } }),
  );
}
