// Own pickle opcode walker: it never unpickles. It reads every opcode of protocols 0-5, keeps a
// symbolic stack and memo, resolves GLOBAL/STACK_GLOBAL/INST targets and reconstructs the calls
// REDUCE/BUILD/OBJ/NEWOBJ/NEWOBJ_EX would make, with constant arguments, for evidence.
import { LimitError, decodeLatin1, decodeUtf8 } from "../core/bytes.js";

export type PVal =
  | { t: "none" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: string }
  | { t: "float"; v: number }
  | { t: "str"; v: string; cut: boolean }
  | { t: "bytes"; n: number; preview: string }
  | { t: "tuple" | "list" | "set" | "frozenset"; items: PVal[]; more: number }
  | { t: "dict"; items: [PVal, PVal][]; more: number }
  | { t: "global"; module: string; name: string; id: number }
  | { t: "call"; fn: PVal; args: PVal; kwargs?: PVal; op: string }
  | { t: "build"; obj: PVal; state: PVal }
  | { t: "persid"; pid: PVal }
  | { t: "ext"; code: number }
  | { t: "buffer" }
  | { t: "unknown"; why: string };

export interface PickleGlobal {
  module: string;
  name: string;
  /** Byte offset of the opcode that named it. */
  offset: number;
  opcode: string;
  /** STACK_GLOBAL whose module or name is not a constant string: the target is unknown. */
  dynamic?: string;
  /** Identity shared with the PVal pushed for it. */
  id: number;
}

export interface PickleCall {
  offset: number;
  opcode: string;
  /** The global called, when the callee is one. */
  global?: { module: string; name: string; id: number };
  /** Globals passed directly as arguments (what a higher-order helper such as functools.partial would call). */
  argGlobals: { module: string; name: string }[];
  evidence: string;
}

export interface PickleWalk {
  protocol: number;
  opcodes: number;
  globals: PickleGlobal[];
  calls: PickleCall[];
  /** Offset just after STOP, or where walking stopped. */
  end: number;
  /** Walking stopped early: truncated, invalid opcode, stack underflow, limit hit. */
  error?: string;
  limitHit?: boolean;
  /** For sniffing: stopped because the input ran out (prefix walks). */
  ranOut?: boolean;
}

export interface PickleLimits {
  maxOps: number;
  maxStack: number;
  maxMemo: number;
  /** Longest string/bytes argument accepted. */
  maxString: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = { maxOps: 20_000_000, maxStack: 1_000_000, maxMemo: 1_000_000, maxString: 512 * 1024 * 1024 };

const KEEP_ITEMS = 16;
const KEEP_CHARS = 4096;

/** Ends a walk (caught in walkPickle, never seen outside): built without a stack trace, which was most of its cost. */
class Stop extends Error {
  readonly ranOut: boolean;
  constructor(message: string, ranOut = false) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.ranOut = ranOut;
  }
}

const MARK = Symbol("mark");
type Slot = PVal | typeof MARK;

const NAMES: Record<number, string> = {};
/** Protocol that introduced each opcode (documentation; Python's unpickler accepts any opcode in any stream). */
export const PROTO_OF: Record<number, number> = {};
for (const [c, n, p] of [
  ["I", "INT", 0], ["J", "BININT", 1], ["K", "BININT1", 1], ["M", "BININT2", 1], ["L", "LONG", 0], ["\x8a", "LONG1", 2], ["\x8b", "LONG4", 2],
  ["S", "STRING", 0], ["T", "BINSTRING", 1], ["U", "SHORT_BINSTRING", 1], ["B", "BINBYTES", 3], ["C", "SHORT_BINBYTES", 3], ["\x8e", "BINBYTES8", 4],
  ["\x96", "BYTEARRAY8", 5], ["\x97", "NEXT_BUFFER", 5], ["\x98", "READONLY_BUFFER", 5], ["N", "NONE", 0], ["\x88", "NEWTRUE", 2], ["\x89", "NEWFALSE", 2],
  ["V", "UNICODE", 0], ["\x8c", "SHORT_BINUNICODE", 4], ["X", "BINUNICODE", 1], ["\x8d", "BINUNICODE8", 4], ["F", "FLOAT", 0], ["G", "BINFLOAT", 1],
  ["]", "EMPTY_LIST", 1], ["a", "APPEND", 0], ["e", "APPENDS", 1], ["l", "LIST", 0], [")", "EMPTY_TUPLE", 1], ["t", "TUPLE", 0], ["\x85", "TUPLE1", 2],
  ["\x86", "TUPLE2", 2], ["\x87", "TUPLE3", 2], ["}", "EMPTY_DICT", 1], ["d", "DICT", 0], ["s", "SETITEM", 0], ["u", "SETITEMS", 1], ["\x8f", "EMPTY_SET", 4],
  ["\x90", "ADDITEMS", 4], ["\x91", "FROZENSET", 4], ["0", "POP", 0], ["2", "DUP", 0], ["(", "MARK", 0], ["1", "POP_MARK", 1], ["g", "GET", 0],
  ["h", "BINGET", 1], ["j", "LONG_BINGET", 1], ["p", "PUT", 0], ["q", "BINPUT", 1], ["r", "LONG_BINPUT", 1], ["\x94", "MEMOIZE", 4], ["\x82", "EXT1", 2],
  ["\x83", "EXT2", 2], ["\x84", "EXT4", 2], ["c", "GLOBAL", 0], ["\x93", "STACK_GLOBAL", 4], ["R", "REDUCE", 0], ["b", "BUILD", 0], ["i", "INST", 0],
  ["o", "OBJ", 1], ["\x81", "NEWOBJ", 2], ["\x92", "NEWOBJ_EX", 4], ["\x80", "PROTO", 2], [".", "STOP", 0], ["\x95", "FRAME", 4], ["P", "PERSID", 0],
  ["Q", "BINPERSID", 1],
] as [string, string, number][]) {
  NAMES[c.charCodeAt(0)] = n;
  PROTO_OF[c.charCodeAt(0)] = p;
}

export function opcodeName(byte: number): string | undefined {
  return NAMES[byte];
}

function cutStr(s: string): PVal {
  return s.length > KEEP_CHARS ? { t: "str", v: s.slice(0, KEEP_CHARS), cut: true } : { t: "str", v: s, cut: false };
}

/** Python repr-quoted string body (STRING opcode) to text; escapes decoded as Python 2 str did. */
function unquote(line: string): string {
  const q = line[0];
  if ((q !== "'" && q !== '"') || line.length < 2 || line[line.length - 1] !== q) throw new Stop("STRING argument is not quoted");
  return unescapePy(line.slice(1, -1), false);
}

function unescapePy(s: string, rawUnicode: boolean): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    const hex = (len: number) => {
      const h = s.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== len) return undefined;
      i += len;
      return parseInt(h, 16);
    };
    if (rawUnicode) {
      const cp = n === "u" ? hex(4) : n === "U" ? hex(8) : undefined;
      if (cp !== undefined && cp <= 0x10ffff) out += String.fromCodePoint(cp);
      else out += "\\" + n;
      continue;
    }
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0" };
    if (n === "x") {
      const v = hex(2);
      out += v === undefined ? "\\x" : String.fromCharCode(v);
    } else if (simple[n] !== undefined) out += simple[n];
    else out += "\\" + n;
  }
  return out;
}

function leSigned(b: Uint8Array): string {
  if (b.length === 0) return "0";
  if (b.length > 64) return `<${b.length}-byte integer>`;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
  return v.toString();
}

/** Renders a symbolic value as Python-like source, bounded in depth and length. */
export function render(v: PVal, depth = 0): string {
  if (depth > 5) return "…";
  const r = (x: PVal) => render(x, depth + 1);
  const seq = (items: PVal[], more: number) => items.map(r).concat(more ? [`…+${more}`] : []).join(", ");
  switch (v.t) {
    case "none":
      return "None";
    case "bool":
      return v.v ? "True" : "False";
    case "int":
      return v.v;
    case "float":
      return String(v.v);
    case "str":
      return JSON.stringify(v.v.length > 120 ? v.v.slice(0, 120) : v.v) + (v.v.length > 120 || v.cut ? "…" : "");
    case "bytes":
      return `b${JSON.stringify(v.preview)}${v.n > v.preview.length ? `…(${v.n} bytes)` : ""}`;
    case "tuple":
      return `(${seq(v.items, v.more)}${v.items.length === 1 && !v.more ? "," : ""})`;
    case "list":
      return `[${seq(v.items, v.more)}]`;
    case "set":
      return `{${seq(v.items, v.more)}}`;
    case "frozenset":
      return `frozenset({${seq(v.items, v.more)}})`;
    case "dict":
      return `{${v.items.map(([k, x]) => `${r(k)}: ${r(x)}`).concat(v.more ? [`…+${v.more}`] : []).join(", ")}}`;
    case "global":
      return `${v.module}.${v.name}`;
    case "call": {
      const a = v.args.t === "tuple" ? seq(v.args.items, v.args.more) : v.args.t === "unknown" ? "…" : `*${r(v.args)}`;
      const kw = v.kwargs && v.kwargs.t === "dict" && v.kwargs.items.length ? `, ${v.kwargs.items.map(([k, x]) => `${k.t === "str" ? k.v : r(k)}=${r(x)}`).join(", ")}` : "";
      return `${r(v.fn)}(${a}${kw})`;
    }
    case "build":
      return `${r(v.obj)}.__setstate__(${r(v.state)})`;
    case "persid":
      return `persistent_load(${r(v.pid)})`;
    case "ext":
      return `<extension ${v.code}>`;
    case "buffer":
      return "<out-of-band buffer>";
    case "unknown":
      return `<${v.why}>`;
  }
}

function cap(s: string, n = 240): string {
  return s.length > n ? s.slice(0, n) + "…" : s;
}

/**
 * Walks one pickle starting at `start`. Never throws for malformed input: the result carries the
 * error and everything seen before it (Python runs each REDUCE as it reads, so what came before a
 * broken opcode still executes). `prefix` mode: running out of input is not an error (sniffing).
 */
export function walkPickle(data: Uint8Array, start = 0, limits: PickleLimits = DEFAULT_PICKLE_LIMITS, prefix = false): PickleWalk {
  const res: PickleWalk = { protocol: 0, opcodes: 0, globals: [], calls: [], end: start };
  const stack: Slot[] = [];
  const memo = new Map<number, PVal>();
  let pos = start;
  let gid = 0;

  const need = (n: number): Uint8Array => {
    if (n > limits.maxString) throw new Stop(`argument of ${n} bytes exceeds the ${limits.maxString}-byte limit`);
    if (pos + n > data.length) throw new Stop("pickle truncated", true);
    const b = data.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  const u8 = () => need(1)[0]!;
  const u16 = () => {
    const b = need(2);
    return b[0]! | (b[1]! << 8);
  };
  const u32 = () => {
    const b = need(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  };
  const i32 = () => u32() | 0;
  const u64 = () => {
    const lo = u32();
    const hi = u32();
    const v = hi * 2 ** 32 + lo;
    if (!Number.isSafeInteger(v)) throw new Stop("8-byte length beyond 2^53");
    return v;
  };
  const line = (): string => {
    const nl = data.indexOf(0x0a, pos);
    if (nl < 0) {
      if (data.length - pos > 65536) throw new Stop("text argument without newline");
      throw new Stop("pickle truncated", true);
    }
    const s = decodeLatin1(data.subarray(pos, nl));
    pos = nl + 1;
    return s;
  };
  const push = (v: PVal) => {
    if (stack.length >= limits.maxStack) throw new LimitError(`pickle stack deeper than ${limits.maxStack} entries`);
    stack.push(v);
  };
  const pop = (): PVal => {
    const v = stack.pop();
    if (v === undefined) throw new Stop("stack underflow");
    if (v === MARK) throw new Stop("unexpected MARK on the stack");
    return v;
  };
  const top = (): PVal => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) throw new Stop("stack underflow");
    return v;
  };
  const popMark = (): PVal[] => {
    let i = stack.length - 1;
    while (i >= 0 && stack[i] !== MARK) i--;
    if (i < 0) throw new Stop("MARK not found");
    const items = stack.splice(i) as Slot[];
    return items.slice(1) as PVal[];
  };
  const seq = (t: "tuple" | "list" | "set" | "frozenset", items: PVal[]): PVal => ({ t, items: items.slice(0, KEEP_ITEMS), more: Math.max(0, items.length - KEEP_ITEMS) });
  const addItems = (target: PVal, items: PVal[]) => {
    if (target.t === "list" || target.t === "set") {
      for (const x of items) {
        if (target.items.length < KEEP_ITEMS) target.items.push(x);
        else target.more++;
      }
    }
  };
  const setItems = (target: PVal, kv: PVal[]) => {
    if (kv.length % 2) throw new Stop("odd number of items for SETITEMS");
    if (target.t !== "dict") return;
    for (let i = 0; i < kv.length; i += 2) {
      if (target.items.length < KEEP_ITEMS) target.items.push([kv[i]!, kv[i + 1]!]);
      else target.more++;
    }
  };
  const memoPut = (k: number, v: PVal) => {
    if (!memo.has(k) && memo.size >= limits.maxMemo) throw new LimitError(`pickle memo larger than ${limits.maxMemo} entries`);
    memo.set(k, v);
  };
  const memoGet = (k: number) => {
    const v = memo.get(k);
    if (!v) throw new Stop(`memo key ${k} missing`);
    push(v);
  };
  const addGlobal = (module: string, name: string, op: string, at: number, dynamic?: string): PVal => {
    const g: PVal = { t: "global", module, name, id: ++gid };
    const rec: PickleGlobal = { module, name, offset: at, opcode: op, id: g.id };
    if (dynamic) rec.dynamic = dynamic;
    res.globals.push(rec);
    return g;
  };
  const addCall = (fn: PVal, args: PVal, op: string, at: number, kwargs?: PVal): PVal => {
    const c: PVal = kwargs ? { t: "call", fn, args, op, kwargs } : { t: "call", fn, args, op };
    const argGlobals = args.t === "tuple" ? args.items.flatMap((x) => (x.t === "global" ? [{ module: x.module, name: x.name }] : [])) : [];
    const call: PickleCall = { offset: at, opcode: op, argGlobals, evidence: cap(render(c)) };
    if (fn.t === "global") call.global = { module: fn.module, name: fn.name, id: fn.id };
    res.calls.push(call);
    return c;
  };

  try {
    for (;;) {
      if (++res.opcodes > limits.maxOps) throw new LimitError(`pickle longer than ${limits.maxOps} opcodes`);
      const at = pos;
      const op = u8();
      const name = NAMES[op];
      if (name === undefined) throw new Stop(`invalid opcode 0x${op.toString(16).padStart(2, "0")} at offset ${at}`);
      switch (name) {
        case "PROTO": {
          const p = u8();
          if (p > 5) throw new Stop(`unsupported pickle protocol ${p}`);
          res.protocol = p;
          break;
        }
        case "FRAME":
          u64();
          break;
        case "STOP":
          res.end = pos;
          if (stack.length === 0) throw new Stop("STOP with an empty stack");
          return res;
        case "INT": {
          const s = line();
          if (s === "01" || s === "00") push({ t: "bool", v: s === "01" });
          else if (/^[+-]?\d+$/.test(s.trim())) push({ t: "int", v: s.trim() });
          else throw new Stop("invalid INT argument");
          break;
        }
        case "LONG": {
          const s = line().replace(/L$/, "");
          if (!/^[+-]?\d+$/.test(s.trim())) throw new Stop("invalid LONG argument");
          push({ t: "int", v: s.trim() });
          break;
        }
        case "BININT":
          push({ t: "int", v: String(i32()) });
          break;
        case "BININT1":
          push({ t: "int", v: String(u8()) });
          break;
        case "BININT2":
          push({ t: "int", v: String(u16()) });
          break;
        case "LONG1":
          push({ t: "int", v: leSigned(need(u8())) });
          break;
        case "LONG4": {
          const n = i32();
          if (n < 0) throw new Stop("negative LONG4 length");
          push({ t: "int", v: leSigned(need(n)) });
          break;
        }
        case "FLOAT": {
          const s = line();
          // Python's float(): decimal or exponent forms, inf/nan; anything else raises ValueError.
          if (!/^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i.test(s)) throw new Stop("invalid FLOAT argument");
          push({ t: "float", v: Number(s) });
          break;
        }
        case "BINFLOAT": {
          const b = need(8);
          push({ t: "float", v: new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, false) });
          break;
        }
        case "STRING":
          push(cutStr(unquote(line().trimEnd())));
          break;
        case "BINSTRING": {
          const n = i32();
          if (n < 0) throw new Stop("negative BINSTRING length");
          push(cutStr(decodeLatin1(need(n).subarray(0, KEEP_CHARS))));
          break;
        }
        case "SHORT_BINSTRING":
          push(cutStr(decodeLatin1(need(u8()))));
          break;
        case "BINBYTES":
        case "SHORT_BINBYTES":
        case "BINBYTES8":
        case "BYTEARRAY8": {
          const n = name === "SHORT_BINBYTES" ? u8() : name === "BINBYTES" ? u32() : u64();
          const b = need(n);
          push({ t: "bytes", n, preview: decodeLatin1(b.subarray(0, 64)) });
          break;
        }
        case "NEXT_BUFFER":
          push({ t: "buffer" });
          break;
        case "READONLY_BUFFER":
          top();
          break;
        case "NONE":
          push({ t: "none" });
          break;
        case "NEWTRUE":
        case "NEWFALSE":
          push({ t: "bool", v: name === "NEWTRUE" });
          break;
        case "UNICODE":
          push(cutStr(unescapePy(line(), true)));
          break;
        case "SHORT_BINUNICODE":
        case "BINUNICODE":
        case "BINUNICODE8": {
          const n = name === "SHORT_BINUNICODE" ? u8() : name === "BINUNICODE" ? u32() : u64();
          const b = need(n);
          const s = decodeUtf8(b.subarray(0, KEEP_CHARS * 4));
          push(b.length > KEEP_CHARS * 4 ? { t: "str", v: s.slice(0, KEEP_CHARS), cut: true } : cutStr(s));
          break;
        }
        case "EMPTY_LIST":
          push(seq("list", []));
          break;
        case "EMPTY_TUPLE":
          push(seq("tuple", []));
          break;
        case "EMPTY_DICT":
          push({ t: "dict", items: [], more: 0 });
          break;
        case "EMPTY_SET":
          push(seq("set", []));
          break;
        case "APPEND": {
          const v = pop();
          addItems(top(), [v]);
          break;
        }
        case "APPENDS":
        case "ADDITEMS": {
          const items = popMark();
          addItems(top(), items);
          break;
        }
        case "LIST":
          push(seq("list", popMark()));
          break;
        case "TUPLE":
          push(seq("tuple", popMark()));
          break;
        case "FROZENSET":
          push(seq("frozenset", popMark()));
          break;
        case "TUPLE1":
        case "TUPLE2":
        case "TUPLE3": {
          const n = name === "TUPLE1" ? 1 : name === "TUPLE2" ? 2 : 3;
          const items: PVal[] = [];
          for (let i = 0; i < n; i++) items.unshift(pop());
          push(seq("tuple", items));
          break;
        }
        case "DICT": {
          const kv = popMark();
          const d: PVal = { t: "dict", items: [], more: 0 };
          setItems(d, kv);
          push(d);
          break;
        }
        case "SETITEM": {
          const v = pop();
          const k = pop();
          setItems(top(), [k, v]);
          break;
        }
        case "SETITEMS": {
          const kv = popMark();
          setItems(top(), kv);
          break;
        }
        case "POP":
          if (stack.length && stack[stack.length - 1] === MARK) stack.pop();
          else pop();
          break;
        case "DUP":
          push(top());
          break;
        case "MARK":
          if (stack.length >= limits.maxStack) throw new LimitError(`pickle stack deeper than ${limits.maxStack} entries`);
          stack.push(MARK);
          break;
        case "POP_MARK":
          popMark();
          break;
        case "GET": {
          const s = line();
          if (!/^\d+$/.test(s)) throw new Stop("invalid GET argument");
          memoGet(Number(s));
          break;
        }
        case "BINGET":
          memoGet(u8());
          break;
        case "LONG_BINGET":
          memoGet(u32());
          break;
        case "PUT": {
          const s = line();
          if (!/^\d+$/.test(s)) throw new Stop("invalid PUT argument");
          memoPut(Number(s), top());
          break;
        }
        case "BINPUT":
          memoPut(u8(), top());
          break;
        case "LONG_BINPUT": {
          const k = u32();
          memoPut(k, top());
          break;
        }
        case "MEMOIZE":
          memoPut(memo.size, top());
          break;
        case "EXT1":
        case "EXT2":
        case "EXT4": {
          const code = name === "EXT1" ? u8() : name === "EXT2" ? u16() : i32();
          // The extension registry (copyreg) maps codes to globals the loading process registered.
          const g = addGlobal("copyreg", `_extension_registry[${code}]`, name, at, "extension code resolved by the loading process's copyreg registry");
          push(g);
          break;
        }
        case "GLOBAL": {
          const mod = line();
          const nm = line();
          push(addGlobal(mod, nm, name, at));
          break;
        }
        case "STACK_GLOBAL": {
          const nm = pop();
          const mod = pop();
          if (mod.t === "str" && nm.t === "str" && !mod.cut && !nm.cut) push(addGlobal(mod.v, nm.v, name, at));
          else push(addGlobal(mod.t === "str" ? mod.v : render(mod), nm.t === "str" ? nm.v : render(nm), name, at, "module or name is not a constant string"));
          break;
        }
        case "REDUCE": {
          const args = pop();
          const fn = pop();
          push(addCall(fn, args, name, at));
          break;
        }
        case "BUILD": {
          const state = pop();
          const obj = pop();
          const b: PVal = { t: "build", obj, state };
          res.calls.push({ offset: at, opcode: name, argGlobals: [], evidence: cap(render(b)), ...(obj.t === "global" ? { global: { module: obj.module, name: obj.name, id: obj.id } } : {}) });
          push(obj);
          break;
        }
        case "INST": {
          const mod = line();
          const nm = line();
          const args = popMark();
          const g = addGlobal(mod, nm, name, at);
          push(addCall(g, seq("tuple", args), name, at));
          break;
        }
        case "OBJ": {
          const items = popMark();
          const cls = items.shift();
          if (!cls) throw new Stop("OBJ without a class");
          push(addCall(cls, seq("tuple", items), name, at));
          break;
        }
        case "NEWOBJ": {
          const args = pop();
          const cls = pop();
          push(addCall(cls, args, name, at));
          break;
        }
        case "NEWOBJ_EX": {
          const kwargs = pop();
          const args = pop();
          const cls = pop();
          push(addCall(cls, args, name, at, kwargs));
          break;
        }
        case "PERSID":
          push({ t: "persid", pid: cutStr(line()) });
          break;
        case "BINPERSID":
          push({ t: "persid", pid: pop() });
          break;
        default:
          throw new Stop(`unhandled opcode ${name}`);
      }
    }
  } catch (e) {
    res.end = pos;
    if (e instanceof Stop) {
      if (e.ranOut) res.ranOut = true;
      if (!(prefix && e.ranOut)) res.error = e.message;
    } else if (e instanceof LimitError) {
      res.error = e.message;
      res.limitHit = true;
    } else if (e instanceof RangeError) {
      res.error = `resource limit hit (${e.message})`;
      res.limitHit = true;
    } else throw e;
    return res;
  }
}

/** How confident we are that these head bytes start a pickle: 40 for a PROTO 2-5 header, 15 for a valid protocol 0/1 stream. */
export function sniffPickle(head: Uint8Array): number {
  if (head.length < 2) return 0;
  if (head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5 && head.length > 2 && NAMES[head[2]!] !== undefined) return 40;
  if (head[0] === 0x80) return 0;
  if (NAMES[head[0]!] === undefined) return 0;
  const w = walkPickle(head, 0, { ...DEFAULT_PICKLE_LIMITS, maxOps: 100_000 }, true);
  if (w.error) return 0;
  // Text often parses as a few protocol 0 opcodes; require a GLOBAL/INST naming a Python identifier.
  // (A pickle without any global cannot run code; one whose first global lies past the head is missed.)
  return w.globals.some((g) => !g.dynamic && IDENT.test(g.module) && IDENT.test(g.name)) ? 15 : 0;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
