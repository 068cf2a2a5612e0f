// Own lazy protobuf wire reader: a security parser must skip tensor_content (hundreds of MB) without
// copying, bound recursion, and fail closed on malformed input; measured against protobufjs in
// docs/decisions/tf.md. Schemas are data (src/formats/proto/schema.ts), shared with the pbtxt parser.
import { FormatError, LimitError, decodeUtf8 } from "../core/bytes.js";

/** "int": int64; "int32" and "enum": the low 32 bits of the varint (protobuf's int32 semantics). */
export type PbScalarKind = "string" | "bytes" | "int" | "int32" | "uint" | "bool" | "float" | "double" | "enum" | "fixed64" | "fixed32";

export interface PbField {
  name: string;
  kind: PbScalarKind | "message";
  /** Message type name (kind "message"). */
  type?: string;
  repeated?: boolean;
  /** Member of this oneof: a later member on the wire clears the others (protobuf semantics). */
  oneof?: string;
}

export interface PbMessageSchema {
  [fieldNumber: number]: PbField;
}

export type PbSchemaSet = Record<string, PbMessageSchema>;

/** A decoded message: field name -> value (repeated fields are arrays). */
export interface PbMessage {
  [name: string]: PbValue | PbValue[] | undefined;
}
export type PbValue = string | number | boolean | Uint8Array | PbMessage;

export interface PbLimits {
  maxDepth: number;
  /** Most repeated elements in one field of one message (node lists, functions). */
  maxRepeated: number;
  /**
   * Most messages built by one parse (text format: every message; binary: every decoded message).
   * Bounds memory: a graph of millions of tiny nodes becomes a clear limit error, not an
   * out-of-memory abort.
   */
  maxMessages?: number;
}

export const DEFAULT_PB_LIMITS: PbLimits = { maxDepth: 100, maxRepeated: 20_000_000, maxMessages: 2_500_000 };

const WT_VARINT = 0;
const WT_I64 = 1;
const WT_LEN = 2;
const WT_SGROUP = 3;
const WT_EGROUP = 4;
const WT_I32 = 5;

/** A cursor over protobuf wire bytes. Bytes fields are returned as views (no copy). */
export class WireReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Varint as a JS number (exact up to 2^53; larger values lose low bits, never used as sizes). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new FormatError(`protobuf: truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new FormatError(`protobuf: varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** An int32 or enum field: protobuf reads the whole varint (up to 10 bytes) and keeps its low 32 bits,
   * two's complement (7 + 2^32 is 7, DT_STRING). */
  int32(): number {
    let lo = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new FormatError(`protobuf: truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++]!;
      if (i < 5) lo += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return lo | 0;
    }
    throw new FormatError(`protobuf: varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** Signed int64 varint (two's complement), exact. */
  svarintBig(): bigint {
    const start = this.pos;
    this.varint();
    let big = 0n;
    for (let i = this.pos - 1; i >= start; i--) big = (big << 7n) | BigInt(this.buf[i]! & 0x7f);
    return BigInt.asIntN(64, big);
  }

  /** Signed int64 varint (two's complement); negative values take 10 bytes. */
  svarint(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < 2 ** 53) return v;
    // Above 2^53 the float sum lost bits: redo it exactly.
    let big = 0n;
    for (let i = this.pos - 1; i >= start; i--) big = (big << 7n) | BigInt(this.buf[i]! & 0x7f);
    big = BigInt.asIntN(64, big);
    return Number(big);
  }

  length(): number {
    const n = this.varint();
    if (n > this.end - this.pos) throw new FormatError(`protobuf: length ${n} at byte ${this.pos} runs past the end of its message (${this.end - this.pos} bytes left)`);
    return n;
  }

  bytes(): Uint8Array {
    const n = this.length();
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  fixed32(): DataView {
    if (this.end - this.pos < 4) throw new FormatError(`protobuf: truncated fixed32 at byte ${this.pos}`);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return v;
  }

  fixed64(): DataView {
    if (this.end - this.pos < 8) throw new FormatError(`protobuf: truncated fixed64 at byte ${this.pos}`);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return v;
  }

  /** Tag: [fieldNumber, wireType]. */
  tag(): [number, number] {
    const t = this.varint();
    const field = Math.floor(t / 8);
    const wt = t & 7;
    if (field === 0 || field > 536870911) throw new FormatError(`protobuf: invalid field number ${field} at byte ${this.pos}`);
    return [field, wt];
  }

  /** Skips a value of the given wire type (groups are skipped with a bounded depth). */
  skip(wt: number, field: number, depth = 0): void {
    switch (wt) {
      case WT_VARINT:
        this.varint();
        return;
      case WT_I64:
        this.fixed64();
        return;
      case WT_LEN: {
        // Not `this.pos += this.length()`: that would add to the position before the length varint.
        const n = this.length();
        this.pos += n;
        return;
      }
      case WT_I32:
        this.fixed32();
        return;
      case WT_SGROUP: {
        if (depth > 100) throw new LimitError("protobuf: groups nested deeper than 100 levels");
        for (;;) {
          if (this.done()) throw new FormatError(`protobuf: unterminated group for field ${field}`);
          const [f, w] = this.tag();
          if (w === WT_EGROUP) {
            if (f !== field) throw new FormatError(`protobuf: group for field ${field} ended by field ${f}`);
            return;
          }
          this.skip(w, f, depth + 1);
        }
      }
      default:
        throw new FormatError(`protobuf: invalid wire type ${wt} for field ${field} at byte ${this.pos}`);
    }
  }
}

function expectedWireType(kind: PbField["kind"]): number {
  switch (kind) {
    case "string":
    case "bytes":
    case "message":
      return WT_LEN;
    case "double":
    case "fixed64":
      return WT_I64;
    case "float":
    case "fixed32":
      return WT_I32;
    default:
      return WT_VARINT;
  }
}

/** Short ASCII strings (node names, op names) are built directly: TextDecoder calls cost more. */
function decodeString(b: Uint8Array): string {
  if (b.length > 64) return decodeUtf8(b);
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return decodeUtf8(b);
  // One flat string (not `s += c`, which builds ropes that Maps must flatten again).
  return String.fromCharCode.apply(null, b as unknown as number[]);
}

function readScalar(r: WireReader, kind: PbScalarKind): string | number | boolean | Uint8Array {
  switch (kind) {
    case "string":
      return decodeString(r.bytes());
    case "bytes":
      return r.bytes();
    case "int":
      return r.svarint();
    case "int32":
    case "enum":
      return r.int32();
    case "uint":
      return r.varint();
    case "bool":
      return r.varint() !== 0;
    case "float":
      return r.fixed32().getFloat32(0, true);
    case "double":
      return r.fixed64().getFloat64(0, true);
    case "fixed32":
      return r.fixed32().getUint32(0, true);
    case "fixed64": {
      const v = r.fixed64();
      return v.getUint32(0, true) + v.getUint32(4, true) * 2 ** 32;
    }
  }
}

/** Setting a oneof member clears the other members already read (the last one on the wire wins). */
function clearOneof(schema: PbMessageSchema, f: PbField, msg: PbMessage): void {
  for (const k in schema) {
    const o = schema[k]!;
    if (o.oneof === f.oneof && o.name !== f.name && msg[o.name] !== undefined) delete msg[o.name];
  }
}

function push(msg: PbMessage, f: PbField, v: PbValue, limits: PbLimits): void {
  if (!f.repeated) {
    msg[f.name] = v;
    return;
  }
  const cur = msg[f.name];
  if (Array.isArray(cur)) {
    if (cur.length >= limits.maxRepeated) throw new LimitError(`protobuf: more than ${limits.maxRepeated} elements in field ${f.name}`);
    cur.push(v);
  } else msg[f.name] = [v];
}

let decoded = 0;

/**
 * Decodes the message at buf[start, end) with `type` from `schemas`. Unknown fields are skipped
 * without copying. A known field with the wrong wire type is malformed (FormatError): no writer
 * produces it, and skipping it silently would hide data from the scan.
 */
export function decodeMessage(
  schemas: PbSchemaSet,
  type: string,
  buf: Uint8Array,
  start = 0,
  end = buf.length,
  limits: PbLimits = DEFAULT_PB_LIMITS,
  depth = 0,
  into?: PbMessage,
): PbMessage {
  if (depth > limits.maxDepth) throw new LimitError(`protobuf: messages nested deeper than ${limits.maxDepth} levels`);
  // One budget per top-level decode (decoding is synchronous, so a module counter is safe).
  if (depth === 0 && into === undefined) decoded = 0;
  const maxMessages = limits.maxMessages ?? DEFAULT_PB_LIMITS.maxMessages!;
  if (++decoded > maxMessages) throw new LimitError(`protobuf: more than ${maxMessages} messages; a message this large is not scanned`);
  const schema = schemas[type];
  if (!schema) throw new Error(`protobuf schema: no message type ${type}`);
  const msg: PbMessage = into ?? {};
  const r = new WireReader(buf, start, end);
  while (!r.done()) {
    const [num, wt] = r.tag();
    const f = schema[num];
    if (!f) {
      r.skip(wt, num);
      continue;
    }
    // A known field number met with another wire type is an unknown field to protobuf (skipped by that
    // wire type's rules; it does not touch the field or its oneof), not an error.
    const want = expectedWireType(f.kind);
    if (wt !== want && !(wt === WT_LEN && f.repeated && want !== WT_LEN)) {
      r.skip(wt, num);
      continue;
    }
    if (f.oneof) clearOneof(schema, f, msg);
    if (f.kind === "message") {
      const n = r.length();
      const sub = r.pos;
      r.pos += n;
      if (f.repeated) {
        push(msg, f, decodeMessage(schemas, f.type ?? "", buf, sub, sub + n, limits, depth + 1), limits);
      } else {
        // A repeated occurrence of a singular message field merges into the first (protobuf semantics).
        const prev = msg[f.name];
        const target = prev && typeof prev === "object" && !Array.isArray(prev) && !(prev instanceof Uint8Array) ? prev : undefined;
        msg[f.name] = decodeMessage(schemas, f.type ?? "", buf, sub, sub + n, limits, depth + 1, target);
      }
      continue;
    }
    if (wt === want) {
      push(msg, f, readScalar(r, f.kind), limits);
    } else {
      // Packed repeated scalars.
      const n = r.length();
      const sub = new WireReader(buf, r.pos, r.pos + n);
      r.pos += n;
      while (!sub.done()) push(msg, f, readScalar(sub, f.kind), limits);
    }
  }
  if (r.pos !== end) throw new FormatError(`protobuf: ${type} overran its length`);
  return msg;
}

// ---- typed accessors for decoded messages (both binary and text format produce PbMessage) ----

export function isMessage(v: unknown): v is PbMessage {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function pbMsg(m: PbMessage, name: string): PbMessage | undefined {
  const v = m[name];
  return isMessage(v) ? v : undefined;
}

export function pbMsgs(m: PbMessage, name: string): PbMessage[] {
  const v = m[name];
  if (Array.isArray(v)) return v.filter(isMessage);
  return isMessage(v) ? [v] : [];
}

const enc = new TextEncoder();

export function pbStr(m: PbMessage, name: string): string {
  const v = m[name];
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return decodeUtf8(v);
  return "";
}

export function pbStrs(m: PbMessage, name: string): string[] {
  const v = m[name];
  if (v === undefined) return [];
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = new Array<string>(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    out[i] = typeof x === "string" ? x : x instanceof Uint8Array ? decodeUtf8(x) : "";
  }
  return out;
}

export function pbBytes(m: PbMessage, name: string): Uint8Array | undefined {
  const v = m[name];
  if (v instanceof Uint8Array) return v;
  if (typeof v === "string") return enc.encode(v);
  return undefined;
}

export function pbBytesList(m: PbMessage, name: string): Uint8Array[] {
  const v = m[name];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: Uint8Array[] = [];
  for (const x of arr) {
    if (x instanceof Uint8Array) out.push(x);
    else if (typeof x === "string") out.push(enc.encode(x));
  }
  return out;
}

export function pbNum(m: PbMessage, name: string): number | undefined {
  const v = m[name];
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return undefined;
}

export function pbNums(m: PbMessage, name: string): number[] {
  const v = m[name];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is number => typeof x === "number");
}

export function pbBool(m: PbMessage, name: string): boolean | undefined {
  const v = m[name];
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return undefined;
}
