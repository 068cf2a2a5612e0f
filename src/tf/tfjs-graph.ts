// TF.js graph models: model.json holds the GraphDef as protobuf JSON (camelCase or snake_case
// field names, bytes as base64, int64 as strings). This turns its nodes into TfNodeDef so they go
// through the same op catalogue as binary GraphDefs.
import { FormatError, LimitError } from "../core/bytes.js";
import { isObject, ptr } from "../formats/json.js";
import type { TfAttrList, TfAttrValue, TfNameAttrList, TfNodeDef, TfTensor } from "./types.js";

/** Deepest nesting of func attrs inside attrs (NameAttrList holds attrs again). */
const MAX_ATTR_DEPTH = 32;

/** JSON node with where it sits in model.json. */
export interface TfjsNode {
  node: TfNodeDef;
  /** JSON pointer of the node object. */
  pointer: string;
  /** Graph section: "graph", "initializer" or "library/<function name>". */
  section: string;
}

function field(o: Record<string, unknown>, camel: string, snake: string): unknown {
  return o[camel] ?? o[snake];
}

const b64chars = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes protobuf-JSON bytes (standard or URL-safe base64). Not base64 = the raw text (lenient). */
export function decodeBase64(s: string): Uint8Array {
  const t = s.replace(/\s+/g, "");
  if (!b64chars.test(t)) return new TextEncoder().encode(s);
  const norm = t.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const bin = atob(norm + "=".repeat((4 - (norm.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function safeDecode64(s: unknown): Uint8Array | undefined {
  if (typeof s !== "string") return undefined;
  try {
    return decodeBase64(s);
  } catch {
    return new TextEncoder().encode(s);
  }
}

function num(x: unknown): number | undefined {
  if (typeof x === "number") return x;
  if (typeof x === "string" && /^-?\d+$/.test(x)) return Number(x);
  return undefined;
}

const DT_NAMES: Record<string, number> = { DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_UINT8: 4, DT_INT16: 5, DT_INT8: 6, DT_STRING: 7, DT_INT64: 9, DT_BOOL: 10 };

function dtype(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "string") return DT_NAMES[x] ?? 0;
  return 0;
}

function toTensor(o: unknown): TfTensor {
  if (!isObject(o)) return { dtype: 0, strings: [], ints: [] };
  const sv = field(o, "stringVal", "string_val");
  const iv = field(o, "intVal", "int_val");
  return {
    dtype: dtype(o["dtype"]),
    strings: Array.isArray(sv) ? sv.map(safeDecode64).filter((b): b is Uint8Array => b !== undefined) : [],
    ints: Array.isArray(iv) ? iv.map(num).filter((n): n is number => n !== undefined) : [],
  };
}

function toNameAttrList(o: unknown, depth: number): TfNameAttrList {
  if (!isObject(o)) return { name: "", attr: new Map() };
  return { name: typeof o["name"] === "string" ? o["name"] : "", attr: toAttrMap(o["attr"], depth + 1) };
}

function toList(o: unknown, depth: number): TfAttrList {
  const l: TfAttrList = { s: [], i: [], b: [], type: [], tensor: [], func: [] };
  if (!isObject(o)) return l;
  const arr = (k: string): unknown[] => (Array.isArray(o[k]) ? (o[k] as unknown[]) : []);
  l.s = arr("s").map(safeDecode64).filter((b): b is Uint8Array => b !== undefined);
  l.i = arr("i").map(num).filter((n): n is number => n !== undefined);
  l.b = arr("b").filter((b): b is boolean => typeof b === "boolean");
  l.type = arr("type").map(dtype);
  l.tensor = arr("tensor").map(toTensor);
  l.func = arr("func").map((f) => toNameAttrList(f, depth));
  return l;
}

function toAttr(o: unknown, depth: number): TfAttrValue {
  if (depth > MAX_ATTR_DEPTH) throw new LimitError(`TF.js attrs nested deeper than ${MAX_ATTR_DEPTH} levels`);
  const a: TfAttrValue = {};
  if (!isObject(o)) return a;
  const s = safeDecode64(o["s"]);
  if (s) a.s = s;
  const i = num(o["i"]);
  if (i !== undefined) a.i = i;
  if (typeof o["f"] === "number") a.f = o["f"];
  if (typeof o["b"] === "boolean") a.b = o["b"];
  if (o["type"] !== undefined) a.type = dtype(o["type"]);
  if (o["tensor"] !== undefined) a.tensor = toTensor(o["tensor"]);
  if (o["func"] !== undefined) a.func = toNameAttrList(o["func"], depth);
  if (o["list"] !== undefined) a.list = toList(o["list"], depth);
  if (typeof o["placeholder"] === "string") a.placeholder = o["placeholder"];
  return a;
}

function toAttrMap(o: unknown, depth: number): Map<string, TfAttrValue> {
  const m = new Map<string, TfAttrValue>();
  if (!isObject(o)) return m;
  for (const [k, v] of Object.entries(o)) m.set(k, toAttr(v, depth));
  return m;
}

/** One protobuf-JSON NodeDef. A node without an op string is malformed (the runtime rejects it). */
export function tfjsNodeDef(o: unknown, pointer: string): TfNodeDef {
  if (!isObject(o)) throw new FormatError(`${pointer}: node is not an object`);
  const op = o["op"];
  if (typeof op !== "string" || op === "") throw new FormatError(`${pointer}: node without an op name`);
  const input = Array.isArray(o["input"]) ? o["input"].filter((x): x is string => typeof x === "string") : [];
  return {
    name: typeof o["name"] === "string" ? o["name"] : "",
    op,
    input,
    device: typeof o["device"] === "string" ? o["device"] : "",
    attr: toAttrMap(o["attr"], 0),
  };
}

function nodeArray(x: unknown, pointer: string): unknown[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw new FormatError(`${pointer}: expected an array of nodes`);
  return x;
}

/**
 * Every node of a TF.js graph model: modelTopology.node, every modelTopology.library.function[*]
 * nodeDef (reachable or not), and modelInitializer.node (run when the model loads).
 */
export function tfjsGraphNodes(doc: Record<string, unknown>, maxNodes: number): TfjsNode[] {
  const out: TfjsNode[] = [];
  const add = (arr: unknown[], base: string, section: string): void => {
    if (out.length + arr.length > maxNodes) throw new LimitError(`TF.js graph with more than ${maxNodes} nodes`);
    arr.forEach((n, i) => {
      const pointer = ptr(base, i);
      out.push({ node: tfjsNodeDef(n, pointer), pointer, section });
    });
  };
  const topo = doc["modelTopology"];
  if (isObject(topo)) {
    add(nodeArray(topo["node"], "/modelTopology/node"), "/modelTopology/node", "graph");
    const lib = topo["library"];
    if (isObject(lib)) {
      const fns = nodeArray(lib["function"], "/modelTopology/library/function");
      fns.forEach((f, fi) => {
        const fp = ptr("/modelTopology/library/function", fi);
        if (!isObject(f)) throw new FormatError(`${fp}: function is not an object`);
        const sig = f["signature"];
        const name = isObject(sig) && typeof sig["name"] === "string" ? sig["name"] : `#${fi}`;
        const key = f["nodeDef"] !== undefined ? "nodeDef" : "node_def";
        add(nodeArray(f[key], ptr(fp, key)), ptr(fp, key), `library/${name}`);
      });
    }
  }
  const init = doc["modelInitializer"];
  if (isObject(init)) add(nodeArray(init["node"], "/modelInitializer/node"), "/modelInitializer/node", "initializer");
  return out;
}
