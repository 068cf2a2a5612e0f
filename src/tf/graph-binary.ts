// Direct binary decoding of GraphDef into typed structures (the hot path: hundreds of thousands of
// NodeDefs). Same fields, numbers, limits and strictness as the schema-driven reader
// (src/formats/protobuf.ts + src/formats/proto/schema.ts), without the intermediate PbMessage layer;
// tests/tf/protobuf.test.ts checks both paths agree on real files.
import { LimitError, decodeUtf8 } from "../core/bytes.js";
import { DEFAULT_PB_LIMITS, WireReader, type PbLimits } from "../formats/protobuf.js";
import { decodeResourceHandle } from "./resource-handle.js";
import type { TfAttrList, TfAttrValue, TfFunctionDef, TfGraphDef, TfNameAttrList, TfNodeDef, TfTensor } from "./types.js";

const LEN = 2;
const VARINT = 0;
const I32 = 5;

// A known field met with a wire type other than its own is an unknown field to protobuf: it is skipped by
// its wire type's rules and changes nothing (each reader below checks the wire type before reading).

function str(b: Uint8Array): string {
  if (b.length > 64) return decodeUtf8(b);
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return decodeUtf8(b);
  return String.fromCharCode.apply(null, b as unknown as number[]);
}

class Ctx {
  /** NodeDefs decoded so far, against limits.maxMessages (memory bound for graphs of tiny nodes). */
  nodes = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly limits: PbLimits,
  ) {}
  sub(r: WireReader): WireReader {
    const n = r.length();
    const s = new WireReader(this.buf, r.pos, r.pos + n);
    r.pos += n;
    return s;
  }
  depth(d: number): void {
    if (d > this.limits.maxDepth) throw new LimitError(`protobuf: messages nested deeper than ${this.limits.maxDepth} levels`);
  }
}

function count(arr: unknown[], c: Ctx, what: string): void {
  if (arr.length >= c.limits.maxRepeated) throw new LimitError(`protobuf: more than ${c.limits.maxRepeated} elements in field ${what}`);
}

/** A repeated scalar field, packed (in one LEN record) or one value per record of its own wire type. */
function repeated<T>(r: WireReader, wt: number, c: Ctx, out: T[], what: string, own: number, read: (x: WireReader) => T, f: number): void {
  if (wt === own) {
    count(out, c, what);
    out.push(read(r));
  } else if (wt === LEN) {
    const s = c.sub(r);
    while (!s.done()) {
      count(out, c, what);
      out.push(read(s));
    }
  } else r.skip(wt, f);
}

/** Repeated varints, packed or not: int64 ("int64"), int32 and enums (the low 32 bits: "int32"), or bools ("u"). */
function varints(r: WireReader, wt: number, c: Ctx, out: number[], what: string, kind: "int64" | "int32" | "u", f: number): void {
  repeated(r, wt, c, out, what, VARINT, (x) => (kind === "int64" ? x.svarint() : kind === "int32" ? x.int32() : x.varint()), f);
}

/** Repeated float (fixed32) or double (fixed64) values, packed or not. */
function fixeds(r: WireReader, wt: number, c: Ctx, out: number[], what: string, double: boolean, f: number): void {
  repeated(r, wt, c, out, what, double ? 1 : 5, (x) => (double ? x.fixed64().getFloat64(0, true) : x.fixed32().getFloat32(0, true)), f);
}

/** TensorShapeProto into a tensor: dim sizes appended; unknown_rank (last wins) drops the shape. */
function tensorShape(r: WireReader, c: Ctx, t: TfTensor): void {
  const dims = t.shape ?? [];
  let unknown = false;
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 2 && wt === LEN) {
      const dr = new WireReader(r.bytes());
      let size = 0;
      while (!dr.done()) {
        const [g, w2] = dr.tag();
        if (g === 1 && w2 === VARINT) size = dr.svarint();
        else dr.skip(w2, g);
      }
      count(dims, c, "tensor_shape.dim");
      dims.push(size);
    } else if (f === 3 && wt === VARINT) unknown = r.varint() !== 0;
    else r.skip(wt, f);
  }
  if (unknown) delete t.shape;
  else t.shape = dims;
}

function tensor(r: WireReader, c: Ctx, d: number, into?: TfTensor): TfTensor {
  c.depth(d);
  const t: TfTensor = into ?? { dtype: 0, strings: [], ints: [] };
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== VARINT) {
        r.skip(wt, f);
        continue;
      }
      t.dtype = r.int32();
    } else if (f === 7) varints(r, wt, c, t.ints, "int_val", "int32", f);
    else if (f === 10) {
      // exact as well where a value is beyond 2^53 (a double holds it rounded)
      const at = (t.int64s ??= []).length;
      const exact: bigint[] = [];
      const n = [] as number[];
      repeated(r, wt, c, n, "int64_val", VARINT, (x) => {
        const b = x.svarintBig();
        exact.push(b);
        return Number(b);
      }, f);
      t.int64s.push(...n);
      if (t.int64Exact || exact.some((b) => b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER))) {
        t.int64Exact ??= t.int64s.slice(0, at).map((x) => BigInt(x));
        t.int64Exact.push(...exact);
      }
    }
    else if (f === 11) varints(r, wt, c, (t.bools ??= []), "bool_val", "u", f);
    else if (f === 5) fixeds(r, wt, c, (t.floats ??= []), "float_val", false, f);
    else if (f === 6) fixeds(r, wt, c, (t.doubles ??= []), "double_val", true, f);
    else if (f === 13) varints(r, wt, c, (t.halfs ??= []), "half_val", "int32", f);
    else if (f === 16) repeated(r, wt, c, (t.uint32s ??= []), "uint32_val", VARINT, (x) => x.int32() >>> 0, f);
    else if (f === 17) repeated(r, wt, c, (t.uint64s ??= []), "uint64_val", VARINT, (x) => BigInt.asUintN(64, x.svarintBig()), f);
    else if (f === 8) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      count(t.strings, c, "string_val");
      t.strings.push(r.bytes());
    } else if (f === 4) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      // Singular field: the last occurrence wins, an empty one included (TensorFlow then reads *_val).
      t.content = r.bytes();
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      // a message field given twice is merged: its dims appended
      tensorShape(new WireReader(r.bytes()), c, t);
    } else if (f === 14) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      const n = r.length();
      (t.handles ??= []).push(decodeResourceHandle(c.buf, r.pos, r.pos + n));
      count(t.handles, c, "resource_handle_val");
      r.pos += n;
    } else r.skip(wt, f);
  }
  return t;
}

function nameAttrList(r: WireReader, c: Ctx, d: number, into?: TfNameAttrList): TfNameAttrList {
  c.depth(d);
  const n: TfNameAttrList = into ?? { name: "", attr: new Map() };
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      n.name = str(r.bytes());
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      attrEntry(c.sub(r), c, d + 1, n.attr);
    } else r.skip(wt, f);
  }
  return n;
}

function attrList(r: WireReader, c: Ctx, d: number, into?: TfAttrList): TfAttrList {
  c.depth(d);
  const l: TfAttrList = into ?? { s: [], i: [], b: [], type: [], tensor: [], func: [] };
  while (!r.done()) {
    const [f, wt] = r.tag();
    switch (f) {
      case 2:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        count(l.s, c, "s");
        l.s.push(r.bytes());
        break;
      case 3:
        varints(r, wt, c, l.i, "ListValue.i", "int64", f);
        break;
      case 4:
        fixeds(r, wt, c, (l.f ??= []), "ListValue.f", false, f);
        break;
      case 5: {
        const tmp: number[] = [];
        varints(r, wt, c, tmp, "ListValue.b", "u", f);
        for (const x of tmp) l.b.push(x !== 0);
        break;
      }
      case 6:
        varints(r, wt, c, l.type, "ListValue.type", "int32", f);
        break;
      case 7: {
        if (wt !== LEN) {
          r.skip(wt, f);
          continue;
        }
        const holder: TfTensor = { dtype: 0, strings: [], ints: [] };
        tensorShape(c.sub(r), c, holder);
        count((l.shape ??= []), c, "ListValue.shape");
        l.shape.push(holder.shape);
        break;
      }
      case 8:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        count(l.tensor, c, "tensor");
        l.tensor.push(tensor(c.sub(r), c, d + 1));
        break;
      case 9:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        count(l.func, c, "func");
        l.func.push(nameAttrList(c.sub(r), c, d + 1));
        break;
      default:
        r.skip(wt, f);
    }
  }
  return l;
}

/** AttrValue is a oneof: a member read clears the others (TensorFlow keeps the last on the wire). */
function keepOnly(a: TfAttrValue, k: keyof TfAttrValue | "shape"): void {
  for (const o of ATTR_ONEOF) if (o !== k) delete a[o];
}
const ATTR_FIELD: Readonly<Record<number, keyof TfAttrValue | "shape">> = { 1: "list", 2: "s", 3: "i", 4: "f", 5: "b", 6: "type", 7: "shape", 8: "tensor", 9: "placeholder", 10: "func" };
const ATTR_ONEOF = ["list", "s", "i", "f", "b", "type", "shape", "tensor", "placeholder", "func"] as const;
const ATTR_WIRE: Readonly<Record<number, number>> = { 1: LEN, 2: LEN, 3: VARINT, 4: I32, 5: VARINT, 6: VARINT, 7: LEN, 8: LEN, 9: LEN, 10: LEN };

function attrValue(r: WireReader, c: Ctx, d: number, into?: TfAttrValue): TfAttrValue {
  c.depth(d);
  const a: TfAttrValue = into ?? {};
  while (!r.done()) {
    const [f, wt] = r.tag();
    const member = ATTR_FIELD[f];
    if (member && wt === ATTR_WIRE[f]) keepOnly(a, member);
    switch (f) {
      case 1:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        a.list = attrList(c.sub(r), c, d + 1, a.list);
        break;
      case 2:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        a.s = r.bytes();
        break;
      case 3:
        if (wt !== VARINT) {
        r.skip(wt, f);
        continue;
      }
        a.i = r.svarint();
        break;
      case 4:
        if (wt !== I32) {
        r.skip(wt, f);
        continue;
      }
        a.f = r.fixed32().getFloat32(0, true);
        break;
      case 5:
        if (wt !== VARINT) {
        r.skip(wt, f);
        continue;
      }
        a.b = r.varint() !== 0;
        break;
      case 6:
        if (wt !== VARINT) {
        r.skip(wt, f);
        continue;
      }
        a.type = r.int32();
        break;
      case 7: {
        if (wt !== LEN) {
          r.skip(wt, f);
          continue;
        }
        // a TensorShapeProto (merged like any message field: dims appended; unknown_rank drops it)
        const holder: TfTensor = { dtype: 0, strings: [], ints: [], ...(a.shape ? { shape: a.shape } : {}) };
        tensorShape(c.sub(r), c, holder);
        if (holder.shape) a.shape = holder.shape;
        else delete a.shape;
        break;
      }
      case 8:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        a.tensor = tensor(c.sub(r), c, d + 1, a.tensor);
        break;
      case 9:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        a.placeholder = str(r.bytes());
        break;
      case 10:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        a.func = nameAttrList(c.sub(r), c, d + 1, a.func);
        break;
      default:
        r.skip(wt, f);
    }
  }
  return a;
}

function attrEntry(r: WireReader, c: Ctx, d: number, map: Map<string, TfAttrValue>): void {
  c.depth(d);
  let key = "";
  let value: TfAttrValue | undefined;
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      key = str(r.bytes());
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      value = attrValue(c.sub(r), c, d + 1, value);
    } else r.skip(wt, f);
  }
  map.set(key, value ?? {});
}

function nodeDef(r: WireReader, c: Ctx, d: number): TfNodeDef {
  c.depth(d);
  const max = c.limits.maxMessages ?? DEFAULT_PB_LIMITS.maxMessages!;
  if (++c.nodes > max) throw new LimitError(`protobuf: more than ${max} graph nodes; a graph this large is not scanned`);
  const n: TfNodeDef = { name: "", op: "", input: [], device: "", attr: new Map() };
  while (!r.done()) {
    const [f, wt] = r.tag();
    switch (f) {
      case 1:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        n.name = str(r.bytes());
        break;
      case 2:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        n.op = str(r.bytes());
        break;
      case 3:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        count(n.input, c, "input");
        n.input.push(str(r.bytes()));
        break;
      case 4:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        n.device = str(r.bytes());
        break;
      case 5:
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        attrEntry(c.sub(r), c, d + 1, n.attr);
        break;
      default:
        r.skip(wt, f);
    }
  }
  return n;
}

function argName(r: WireReader, c: Ctx, d: number): string {
  c.depth(d);
  let name = "";
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      name = str(r.bytes());
    } else r.skip(wt, f);
  }
  return name;
}

function opDef(r: WireReader, c: Ctx, d: number, fn: TfFunctionDef): void {
  c.depth(d);
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      fn.name = str(r.bytes());
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      fn.inputArgs.push(argName(c.sub(r), c, d + 1));
    } else if (f === 3) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      fn.outputArgs.push(argName(c.sub(r), c, d + 1));
    } else if (f === 4) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      attrDef(c.sub(r), c, d + 1, fn);
    } else r.skip(wt, f);
  }
}

/** OpDef.AttrDef: name (1) and default_value (3); a default is kept for placeholder resolution. */
function attrDef(r: WireReader, c: Ctx, d: number, fn: TfFunctionDef): void {
  c.depth(d);
  let name = "";
  let value: TfAttrValue | undefined;
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      name = str(r.bytes());
    } else if (f === 3) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      value = attrValue(c.sub(r), c, d + 1, value);
    } else r.skip(wt, f);
  }
  if (value) (fn.attrDefaults ??= new Map()).set(name, value);
}

function stringEntry(r: WireReader, c: Ctx, d: number, map: Map<string, string>): void {
  c.depth(d);
  let key = "";
  let value = "";
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      key = str(r.bytes());
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      value = str(r.bytes());
    } else r.skip(wt, f);
  }
  map.set(key, value);
}

function functionDef(r: WireReader, c: Ctx, d: number): TfFunctionDef {
  c.depth(d);
  const fn: TfFunctionDef = { name: "", inputArgs: [], outputArgs: [], nodes: [], ret: new Map() };
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      opDef(c.sub(r), c, d + 1, fn);
    } else if (f === 3) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      count(fn.nodes, c, "node_def");
      fn.nodes.push(nodeDef(c.sub(r), c, d + 1));
    } else if (f === 4) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      stringEntry(c.sub(r), c, d + 1, fn.ret);
    } else r.skip(wt, f);
  }
  return fn;
}

function gradientDef(r: WireReader, c: Ctx, d: number): { functionName: string; gradientFunc: string } {
  c.depth(d);
  const g = { functionName: "", gradientFunc: "" };
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      g.functionName = str(r.bytes());
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      g.gradientFunc = str(r.bytes());
    } else r.skip(wt, f);
  }
  return g;
}

function library(r: WireReader, c: Ctx, d: number, g: TfGraphDef): void {
  c.depth(d);
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      count(g.functions, c, "function");
      g.functions.push(functionDef(c.sub(r), c, d + 1));
    } else if (f === 2) {
      if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
      g.gradients.push(gradientDef(c.sub(r), c, d + 1));
    } else r.skip(wt, f);
  }
}

function versions(r: WireReader, c: Ctx, d: number, g: TfGraphDef): void {
  c.depth(d);
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      if (wt !== VARINT) {
        r.skip(wt, f);
        continue;
      }
      g.producer = r.int32();
    } else r.skip(wt, f);
  }
}

/** Decodes one serialized NodeDef (tf_keras's TensorFlowOpLayer keeps its op as one), with the limits of a GraphDef's node. */
export function decodeNodeDefBinary(buf: Uint8Array, limits: PbLimits = DEFAULT_PB_LIMITS): TfNodeDef {
  return nodeDef(new WireReader(buf), new Ctx(buf, limits), 1);
}

/**
 * Decodes one or more serialized GraphDef segments into one GraphDef (protobuf merge semantics:
 * later segments append nodes and functions, as when graph_def occurs twice in a MetaGraphDef).
 * `depth` is the nesting depth of the GraphDef itself inside its container.
 */
export function decodeGraphDefBinary(segments: Uint8Array[], limits: PbLimits = DEFAULT_PB_LIMITS, depth = 0): TfGraphDef {
  const g: TfGraphDef = { nodes: [], functions: [], gradients: [] };
  for (const seg of segments) {
    const c = new Ctx(seg, limits);
    c.depth(depth);
    const r = new WireReader(seg);
    while (!r.done()) {
      const [f, wt] = r.tag();
      if (f === 1) {
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        count(g.nodes, c, "node");
        g.nodes.push(nodeDef(c.sub(r), c, depth + 1));
      } else if (f === 2) {
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        library(c.sub(r), c, depth + 1, g);
      } else if (f === 4) {
        if (wt !== LEN) {
        r.skip(wt, f);
        continue;
      }
        versions(c.sub(r), c, depth + 1, g);
      } else r.skip(wt, f);
    }
  }
  return g;
}
