// Own marshal reader: model bytecode is hostile and must never reach a real unmarshaller; this one only builds inert values.
import { FormatError, LimitError, decodeLatin1 } from "../core/bytes.js";

/** A Python value as marshal stores it: data only, nothing executable. */
export type PyValue =
  | { t: "none" }
  | { t: "null" }
  | { t: "bool"; v: boolean }
  | { t: "ellipsis" }
  | { t: "stopiteration" }
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "complex"; re: number; im: number }
  | { t: "str"; v: string }
  | { t: "bytes"; v: Uint8Array }
  | { t: "tuple"; items: PyValue[] }
  | { t: "list"; items: PyValue[] }
  | { t: "set"; items: PyValue[] }
  | { t: "frozenset"; items: PyValue[] }
  | { t: "dict"; entries: [PyValue, PyValue][] }
  | { t: "slice"; start: PyValue; stop: PyValue; step: PyValue }
  | { t: "code"; code: CodeObject };

/**
 * Field layouts of a marshalled code object:
 * py2 = 2.x (4 ints), py30 = 3.0-3.7 (5 ints, varnames/freevars/cellvars),
 * py38 = 3.8-3.10 (6 ints, posonlyargcount), py311 = 3.11+ (5 ints, localsplus, qualname, exceptiontable).
 */
export type CodeLayout = "py2" | "py30" | "py38" | "py311";

export interface CodeObject {
  layout: CodeLayout;
  argcount: number;
  posonlyargcount: number;
  kwonlyargcount: number;
  nlocals: number;
  stacksize: number;
  flags: number;
  code: Uint8Array;
  consts: PyValue[];
  names: string[];
  /** Arguments and locals (3.11+: the "local" part of localsplus). */
  varnames: string[];
  cellvars: string[];
  freevars: string[];
  /** 3.11+: every localsplus name in order, and their kinds. */
  localsplusnames: string[];
  localspluskinds: Uint8Array;
  filename: string;
  name: string;
  qualname: string;
  firstlineno: number;
  linetable: Uint8Array;
  exceptiontable: Uint8Array;
}

export interface MarshalLimits {
  maxDepth: number;
  maxObjects: number;
  /** Longest str/bytes or container accepted. */
  maxLength: number;
  /** Longest integer, in 15-bit digits. */
  maxLongDigits: number;
}

export const DEFAULT_MARSHAL_LIMITS: MarshalLimits = { maxDepth: 200, maxObjects: 500_000, maxLength: 64 << 20, maxLongDigits: 4096 };

const FLAG_REF = 0x80;
/** Marshal types CPython never stores in its reference list (marshal.c r_object: no R_REF). */
const SINGLETONS = new Set(["0", "N", "F", "T", "S", "."]);
// localsplus kinds (Include/internal/pycore_code.h)
export const CO_FAST_LOCAL = 0x20;
export const CO_FAST_CELL = 0x40;
export const CO_FAST_FREE = 0x80;

// ignoreBOM: a leading U+FEFF is data ("\ufeff" constants exist), not a byte-order mark.
const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 with CPython's "surrogatepass" (marshal writes lone surrogates as 3-byte sequences). */
function decodeUtf8(b: Uint8Array): string {
  try {
    return utf8Strict.decode(b);
  } catch {
    let out = "";
    for (let i = 0; i < b.length; ) {
      const c = b[i]!;
      let cp = 0xfffd;
      let n = 1;
      if (c < 0x80) cp = c;
      else if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length) [cp, n] = [((c & 0x1f) << 6) | (b[i + 1]! & 0x3f), 2];
      else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length) [cp, n] = [((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f), 3];
      else if (c >= 0xf0 && c < 0xf5 && i + 3 < b.length) [cp, n] = [((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f), 4];
      out += cp > 0x10ffff ? "\ufffd" : String.fromCodePoint(cp);
      i += n;
    }
    return out;
  }
}

class Reader {
  pos = 0;
  depth = 0;
  objects = 0;
  refs: (PyValue | undefined)[] = [];
  /** Python 2 interned-string table for 'R' references. */
  interned: PyValue[] = [];
  sawRefFlag = false;
  constructor(
    readonly buf: Uint8Array,
    readonly layout: CodeLayout,
    readonly limits: MarshalLimits,
  ) {}

  fail(msg: string): never {
    throw new FormatError(`marshal: ${msg} at byte ${this.pos}`);
  }
  need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) this.fail(`truncated (need ${n} bytes)`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  i32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) | 0;
  }
  u32(): number {
    return this.i32() >>> 0;
  }
  bytes(n: number): Uint8Array {
    if (n > this.limits.maxLength) throw new LimitError(`marshal: object of ${n} bytes exceeds the ${this.limits.maxLength}-byte limit`);
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  f64(): number {
    const b = this.bytes(8);
    return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
  }
  textFloat(): number {
    const n = this.u8();
    const s = decodeLatin1(this.bytes(n));
    const v = Number(s.replace(/^([+-]?)inf$/i, "$1Infinity"));
    if (Number.isNaN(v) && !/^[+-]?nan$/i.test(s)) this.fail(`bad float text ${JSON.stringify(s)}`);
    return v;
  }
  count(n: number, what: string): number {
    if (n < 0) this.fail(`negative ${what} size`);
    // every item takes at least one byte
    if (n > this.buf.length - this.pos) this.fail(`${what} of ${n} items longer than the data`);
    if (n > this.limits.maxLength) throw new LimitError(`marshal: ${what} of ${n} items exceeds the limit`);
    return n;
  }

  object(): PyValue {
    if (++this.objects > this.limits.maxObjects) throw new LimitError(`marshal: more than ${this.limits.maxObjects} objects`);
    if (this.depth >= this.limits.maxDepth) throw new LimitError(`marshal: nesting deeper than ${this.limits.maxDepth}`);
    this.depth++;
    try {
      return this.objectInner();
    } finally {
      this.depth--;
    }
  }

  private objectInner(): PyValue {
    const code = this.u8();
    const flag = (code & FLAG_REF) !== 0;
    const type = String.fromCharCode(code & ~FLAG_REF);
    let idx = -1;
    // CPython's r_object gives the singletons (NULL, None, False, True, StopIteration, Ellipsis) no
    // reference slot even when their FLAG_REF bit is set (no R_REF for them in marshal.c): counting
    // one would shift every later back-reference by one object
    if (flag) this.sawRefFlag = true;
    if (flag && !SINGLETONS.has(type)) {
      idx = this.refs.length;
      this.refs.push(undefined);
    }
    const v = this.value(type, code);
    if (idx >= 0) this.refs[idx] = v;
    return v;
  }

  private value(type: string, raw: number): PyValue {
    switch (type) {
      case "0":
        return { t: "null" };
      case "N":
        return { t: "none" };
      case "F":
        return { t: "bool", v: false };
      case "T":
        return { t: "bool", v: true };
      case "S":
        return { t: "stopiteration" };
      case ".":
        return { t: "ellipsis" };
      case "i":
        return { t: "int", v: BigInt(this.i32()) };
      case "I": {
        const lo = BigInt(this.u32());
        const hi = BigInt(this.i32());
        return { t: "int", v: (hi << 32n) | lo };
      }
      case "l":
        return { t: "int", v: this.long() };
      case "f":
        return { t: "float", v: this.textFloat() };
      case "g":
        return { t: "float", v: this.f64() };
      case "x": {
        const re = this.textFloat();
        return { t: "complex", re, im: this.textFloat() };
      }
      case "y": {
        const re = this.f64();
        return { t: "complex", re, im: this.f64() };
      }
      case "s":
        return { t: "bytes", v: this.bytes(this.count(this.i32(), "bytes")) };
      case "t": {
        // 3.x: interned utf-8 str; Python 2: interned byte string, remembered for 'R'.
        const b = this.bytes(this.count(this.i32(), "str"));
        const v: PyValue = { t: "str", v: this.layout === "py2" ? decodeLatin1(b) : decodeUtf8(b) };
        if (this.layout === "py2") this.interned.push(v);
        return v;
      }
      case "u":
        return { t: "str", v: decodeUtf8(this.bytes(this.count(this.i32(), "str"))) };
      case "a":
      case "A":
        return { t: "str", v: decodeLatin1(this.bytes(this.count(this.i32(), "str"))) };
      case "z":
      case "Z":
        return { t: "str", v: decodeLatin1(this.bytes(this.u8())) };
      case "R": {
        const i = this.i32();
        const v = this.interned[i];
        if (!v) this.fail(`bad string reference ${i}`);
        return v;
      }
      case "r": {
        const i = this.u32();
        const v = this.refs[i];
        if (!v) this.fail(`invalid reference ${i}`);
        return v;
      }
      case "(":
      case "[":
      case "<":
      case ">": {
        const n = this.count(this.i32(), "container");
        const items: PyValue[] = [];
        for (let i = 0; i < n; i++) items.push(this.element());
        const t = type === "(" ? "tuple" : type === "[" ? "list" : type === "<" ? "set" : "frozenset";
        return { t, items };
      }
      case ")": {
        const n = this.u8();
        const items: PyValue[] = [];
        for (let i = 0; i < n; i++) items.push(this.element());
        return { t: "tuple", items };
      }
      case "{": {
        const entries: [PyValue, PyValue][] = [];
        for (;;) {
          if (entries.length > this.limits.maxLength) throw new LimitError("marshal: dict too large");
          const k = this.object();
          if (k.t === "null") break;
          entries.push([k, this.element()]);
        }
        return { t: "dict", entries };
      }
      case ":": {
        const start = this.element();
        const stop = this.element();
        return { t: "slice", start, stop, step: this.element() };
      }
      case "c":
        return { t: "code", code: this.codeObject() };
      default:
        return this.fail(`unknown type byte 0x${raw.toString(16)}`);
    }
  }

  private element(): PyValue {
    const v = this.object();
    if (v.t === "null") this.fail("NULL inside a container");
    return v;
  }

  private long(): bigint {
    const n = this.i32();
    const size = Math.abs(n);
    if (size > this.limits.maxLongDigits) throw new LimitError(`marshal: integer of ${size} digits exceeds the limit`);
    this.need(size * 2);
    let v = 0n;
    for (let i = 0; i < size; i++) {
      const d = this.buf[this.pos + 2 * i]! | (this.buf[this.pos + 2 * i + 1]! << 8);
      if (d > 0x7fff) this.fail("bad long digit");
      v |= BigInt(d) << BigInt(15 * i);
    }
    this.pos += size * 2;
    return n < 0 ? -v : v;
  }

  private str(what: string): string {
    const v = this.object();
    if (v.t === "str") return v.v;
    if (this.layout === "py2" && v.t === "bytes") return decodeLatin1(v.v);
    return this.fail(`code ${what} is ${v.t}, not str`);
  }
  private byteString(what: string): Uint8Array {
    const v = this.object();
    if (v.t === "bytes") return v.v;
    if (this.layout === "py2" && v.t === "str") return new Uint8Array([...v.v].map((c) => c.charCodeAt(0) & 0xff));
    return this.fail(`code ${what} is ${v.t}, not bytes`);
  }
  private tuple(what: string): PyValue[] {
    const v = this.object();
    if (v.t !== "tuple") this.fail(`code ${what} is ${v.t}, not a tuple`);
    return v.items;
  }
  private strTuple(what: string): string[] {
    return this.tuple(what).map((x) => {
      if (x.t === "str") return x.v;
      if (this.layout === "py2" && x.t === "bytes") return decodeLatin1(x.v);
      return this.fail(`code ${what} holds ${x.t}, not str`);
    });
  }
  private smallInt(what: string): number {
    const n = this.i32();
    if (n < 0) this.fail(`negative ${what}`);
    return n;
  }

  private codeObject(): CodeObject {
    const L = this.layout;
    const argcount = this.smallInt("argcount");
    const posonlyargcount = L === "py38" || L === "py311" ? this.smallInt("posonlyargcount") : 0;
    const kwonlyargcount = L === "py2" ? 0 : this.smallInt("kwonlyargcount");
    const nlocals = L === "py311" ? 0 : this.smallInt("nlocals");
    const stacksize = this.smallInt("stacksize");
    const flags = this.i32();
    const code = this.byteString("co_code");
    const consts = this.tuple("co_consts");
    const names = this.strTuple("co_names");
    let varnames: string[] = [];
    let freevars: string[] = [];
    let cellvars: string[] = [];
    let localsplusnames: string[] = [];
    let localspluskinds: Uint8Array = new Uint8Array(0);
    if (L === "py311") {
      localsplusnames = this.strTuple("co_localsplusnames");
      localspluskinds = this.byteString("co_localspluskinds");
      if (localspluskinds.length !== localsplusnames.length) this.fail("localsplus names and kinds differ in length");
      localsplusnames.forEach((n, i) => {
        const k = localspluskinds[i]!;
        if (k & CO_FAST_LOCAL) varnames.push(n);
        if (k & CO_FAST_CELL) cellvars.push(n);
        if (k & CO_FAST_FREE) freevars.push(n);
      });
    } else {
      varnames = this.strTuple("co_varnames");
      freevars = this.strTuple("co_freevars");
      cellvars = this.strTuple("co_cellvars");
    }
    const filename = this.str("co_filename");
    const name = this.str("co_name");
    const qualname = L === "py311" ? this.str("co_qualname") : name;
    const firstlineno = this.i32();
    const linetable = this.byteString("co_linetable");
    const exceptiontable = L === "py311" ? this.byteString("co_exceptiontable") : new Uint8Array(0);
    if (L !== "py311" && nlocals < varnames.length) this.fail("co_nlocals smaller than co_varnames");
    return {
      layout: L, argcount, posonlyargcount, kwonlyargcount, nlocals: L === "py311" ? varnames.length : nlocals, stacksize, flags, code, consts, names,
      varnames, cellvars, freevars, localsplusnames, localspluskinds, filename, name, qualname, firstlineno, linetable, exceptiontable,
    };
  }
}

export interface MarshalResult {
  value: PyValue;
  /** Bytes consumed. */
  length: number;
  /** Whether FLAG_REF appeared (marshal version >= 3, CPython 3.4+). */
  usesRefs: boolean;
}

/** Reads one marshalled object with the given code object layout. Throws FormatError / LimitError. */
export function readMarshal(buf: Uint8Array, layout: CodeLayout, limits: MarshalLimits = DEFAULT_MARSHAL_LIMITS): MarshalResult {
  const r = new Reader(buf, layout, limits);
  const value = r.object();
  if (value.t === "null") throw new FormatError("marshal: NULL object");
  return { value, length: r.pos, usesRefs: r.sawRefFlag };
}

export interface LayoutCandidate {
  layout: CodeLayout;
  code: CodeObject;
  usesRefs: boolean;
  /** Bytes after the object, which marshal.loads ignores. */
  trailing?: number;
}

/**
 * Reads a marshalled top-level code object, trying every known layout. Returns each layout under
 * which the input starts with a code object (usually exactly one); marshal.loads ignores what follows.
 */
export function readCodeCandidates(buf: Uint8Array, limits: MarshalLimits = DEFAULT_MARSHAL_LIMITS): { candidates: LayoutCandidate[]; errors: string[] } {
  const candidates: LayoutCandidate[] = [];
  const errors: string[] = [];
  if (buf.length === 0) throw new FormatError("marshal: empty input");
  if ((buf[0]! & ~FLAG_REF) !== 0x63) throw new FormatError(`marshal: not a code object (type byte 0x${buf[0]!.toString(16)})`);
  // A wrong layout fails with a FormatError, usually deep inside the object. Only the message is
  // kept, so those errors are built without a stack trace (capturing one was most of their cost).
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const layout of ["py311", "py38", "py30", "py2"] as const) {
      try {
        const r = readMarshal(buf, layout, limits);
        if (r.value.t !== "code") continue;
        // marshal.loads ignores bytes after the object (documented): a loader of this layout runs it.
        if (r.length !== buf.length) errors.push(`${layout}: ${buf.length - r.length} trailing bytes (ignored by marshal.loads)`);
        candidates.push({ layout, code: r.value.code, usesRefs: r.usesRefs, ...(r.length !== buf.length ? { trailing: buf.length - r.length } : {}) });
      } catch (e) {
        if (e instanceof LimitError) throw e;
        errors.push(`${layout}: ${(e as Error).message}`);
      }
    }
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
  return { candidates, errors };
}

/** Every code object reachable through co_consts (the root first), bounded. */
export function allCodeObjects(root: CodeObject, max = 10_000): CodeObject[] {
  const out: CodeObject[] = [];
  const stack: CodeObject[] = [root];
  const seen = new Set<CodeObject>();
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    out.push(c);
    if (out.length > max) throw new LimitError(`more than ${max} nested code objects`);
    const pending: PyValue[] = [...c.consts];
    let guard = 0;
    while (pending.length) {
      if (++guard > 1_000_000) throw new LimitError("constant tree too large");
      const v = pending.pop()!;
      if (v.t === "code") stack.push(v.code);
      else if (v.t === "tuple" || v.t === "frozenset" || v.t === "set" || v.t === "list") pending.push(...v.items);
    }
  }
  return out;
}
