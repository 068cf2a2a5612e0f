// Direct binary decoding of GraphDef into typed structures (the hot path: hundreds of thousands of
// NodeDefs). Same fields, numbers, limits and strictness as the schema-driven reader
// (src/formats/protobuf.ts + src/formats/proto/schema.ts), without the intermediate PbMessage layer;
// tests/tf/protobuf.test.ts checks both paths agree on real files.
import { FormatError, LimitError, decodeUtf8 } from "../core/bytes.js";
import { DEFAULT_PB_LIMITS, WireReader, type PbLimits } from "../formats/protobuf.js";
import { decodeResourceHandle } from "./resource-handle.js";
import type { TfAttrList, TfAttrValue, TfFunctionDef, TfGraphDef, TfNameAttrList, TfNodeDef, TfTensor } from "./types.js";

const LEN = 2;
const VARINT = 0;
const I32 = 5;

function want(r: WireReader, wt: number, expected: number, what: string): void {
  if (wt !== expected) throw new FormatError(`protobuf: ${what} has wire type ${wt}, expected ${expected}`);
  void r;
}

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

/** Repeated varints, packed or not. */
function varints(r: WireReader, wt: number, c: Ctx, out: number[], what: string, signed: boolean): void {
  if (wt === VARINT) {
    count(out, c, what);
    out.push(signed ? r.svarint() : r.varint());
  } else if (wt === LEN) {
    const s = c.sub(r);
    while (!s.done()) {
      count(out, c, what);
      out.push(signed ? s.svarint() : s.varint());
    }
  } else throw new FormatError(`protobuf: ${what} has wire type ${wt}, expected 0`);
}

function tensor(r: WireReader, c: Ctx, d: number, into?: TfTensor): TfTensor {
  c.depth(d);
  const t: TfTensor = into ?? { dtype: 0, strings: [], ints: [] };
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      want(r, wt, VARINT, "TensorProto.dtype");
      t.dtype = r.svarint();
    } else if (f === 7) varints(r, wt, c, t.ints, "int_val", true);
    else if (f === 10) varints(r, wt, c, (t.int64s ??= []), "int64_val", true);
    else if (f === 8) {
      want(r, wt, LEN, "TensorProto.string_val");
      count(t.strings, c, "string_val");
      t.strings.push(r.bytes());
    } else if (f === 4) {
      want(r, wt, LEN, "TensorProto.tensor_content");
      // Singular field: the last occurrence wins, an empty one included (TensorFlow then reads *_val).
      t.content = r.bytes();
    } else if (f === 14) {
      want(r, wt, LEN, "TensorProto.resource_handle_val");
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
      want(r, wt, LEN, "NameAttrList.name");
      n.name = str(r.bytes());
    } else if (f === 2) {
      want(r, wt, LEN, "NameAttrList.attr");
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
        want(r, wt, LEN, "ListValue.s");
        count(l.s, c, "s");
        l.s.push(r.bytes());
        break;
      case 3:
        varints(r, wt, c, l.i, "ListValue.i", true);
        break;
      case 5: {
        const tmp: number[] = [];
        varints(r, wt, c, tmp, "ListValue.b", false);
        for (const x of tmp) l.b.push(x !== 0);
        break;
      }
      case 6:
        varints(r, wt, c, l.type, "ListValue.type", true);
        break;
      case 8:
        want(r, wt, LEN, "ListValue.tensor");
        count(l.tensor, c, "tensor");
        l.tensor.push(tensor(c.sub(r), c, d + 1));
        break;
      case 9:
        want(r, wt, LEN, "ListValue.func");
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
const ATTR_ONEOF = ["list", "s", "i", "f", "b", "type", "tensor", "placeholder", "func"] as const;

function attrValue(r: WireReader, c: Ctx, d: number, into?: TfAttrValue): TfAttrValue {
  c.depth(d);
  const a: TfAttrValue = into ?? {};
  while (!r.done()) {
    const [f, wt] = r.tag();
    const member = ATTR_FIELD[f];
    if (member) keepOnly(a, member);
    switch (f) {
      case 1:
        want(r, wt, LEN, "AttrValue.list");
        a.list = attrList(c.sub(r), c, d + 1, a.list);
        break;
      case 2:
        want(r, wt, LEN, "AttrValue.s");
        a.s = r.bytes();
        break;
      case 3:
        want(r, wt, VARINT, "AttrValue.i");
        a.i = r.svarint();
        break;
      case 4:
        want(r, wt, I32, "AttrValue.f");
        a.f = r.fixed32().getFloat32(0, true);
        break;
      case 5:
        want(r, wt, VARINT, "AttrValue.b");
        a.b = r.varint() !== 0;
        break;
      case 6:
        want(r, wt, VARINT, "AttrValue.type");
        a.type = r.svarint();
        break;
      case 8:
        want(r, wt, LEN, "AttrValue.tensor");
        a.tensor = tensor(c.sub(r), c, d + 1, a.tensor);
        break;
      case 9:
        want(r, wt, LEN, "AttrValue.placeholder");
        a.placeholder = str(r.bytes());
        break;
      case 10:
        want(r, wt, LEN, "AttrValue.func");
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
      want(r, wt, LEN, "AttrEntry.key");
      key = str(r.bytes());
    } else if (f === 2) {
      want(r, wt, LEN, "AttrEntry.value");
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
        want(r, wt, LEN, "NodeDef.name");
        n.name = str(r.bytes());
        break;
      case 2:
        want(r, wt, LEN, "NodeDef.op");
        n.op = str(r.bytes());
        break;
      case 3:
        want(r, wt, LEN, "NodeDef.input");
        count(n.input, c, "input");
        n.input.push(str(r.bytes()));
        break;
      case 4:
        want(r, wt, LEN, "NodeDef.device");
        n.device = str(r.bytes());
        break;
      case 5:
        want(r, wt, LEN, "NodeDef.attr");
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
      want(r, wt, LEN, "ArgDef.name");
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
      want(r, wt, LEN, "OpDef.name");
      fn.name = str(r.bytes());
    } else if (f === 2) {
      want(r, wt, LEN, "OpDef.input_arg");
      fn.inputArgs.push(argName(c.sub(r), c, d + 1));
    } else if (f === 3) {
      want(r, wt, LEN, "OpDef.output_arg");
      fn.outputArgs.push(argName(c.sub(r), c, d + 1));
    } else if (f === 4) {
      want(r, wt, LEN, "OpDef.attr");
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
      want(r, wt, LEN, "AttrDef.name");
      name = str(r.bytes());
    } else if (f === 3) {
      want(r, wt, LEN, "AttrDef.default_value");
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
      want(r, wt, LEN, "map key");
      key = str(r.bytes());
    } else if (f === 2) {
      want(r, wt, LEN, "map value");
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
      want(r, wt, LEN, "FunctionDef.signature");
      opDef(c.sub(r), c, d + 1, fn);
    } else if (f === 3) {
      want(r, wt, LEN, "FunctionDef.node_def");
      count(fn.nodes, c, "node_def");
      fn.nodes.push(nodeDef(c.sub(r), c, d + 1));
    } else if (f === 4) {
      want(r, wt, LEN, "FunctionDef.ret");
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
      want(r, wt, LEN, "GradientDef.function_name");
      g.functionName = str(r.bytes());
    } else if (f === 2) {
      want(r, wt, LEN, "GradientDef.gradient_func");
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
      want(r, wt, LEN, "FunctionDefLibrary.function");
      count(g.functions, c, "function");
      g.functions.push(functionDef(c.sub(r), c, d + 1));
    } else if (f === 2) {
      want(r, wt, LEN, "FunctionDefLibrary.gradient");
      g.gradients.push(gradientDef(c.sub(r), c, d + 1));
    } else r.skip(wt, f);
  }
}

function versions(r: WireReader, c: Ctx, d: number, g: TfGraphDef): void {
  c.depth(d);
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1) {
      want(r, wt, VARINT, "VersionDef.producer");
      g.producer = r.svarint();
    } else r.skip(wt, f);
  }
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
        want(r, wt, LEN, "GraphDef.node");
        count(g.nodes, c, "node");
        g.nodes.push(nodeDef(c.sub(r), c, depth + 1));
      } else if (f === 2) {
        want(r, wt, LEN, "GraphDef.library");
        library(c.sub(r), c, depth + 1, g);
      } else if (f === 4) {
        want(r, wt, LEN, "GraphDef.versions");
        versions(c.sub(r), c, depth + 1, g);
      } else r.skip(wt, f);
    }
  }
  return g;
}
