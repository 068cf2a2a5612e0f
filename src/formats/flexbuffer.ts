// Own minimal FlexBuffers reader: the flatbuffers package's reader decodes strings as UTF-8 (a Flex
// op's serialized NodeDef is binary), throws strings instead of Errors and checks no bounds.
//
// FlexBuffers layout (flatbuffers/flexbuffers.h): the last byte is the root's byte width, the byte
// before it the root's packed type (type << 2 | bit width), the root value sits just before those.
// Offset-typed values (strings, keys, vectors, maps, blobs, indirect numbers) store an unsigned
// distance backwards from where the value is stored. A vector has its length just before its data;
// an untyped vector has one packed-type byte per element after the data.
import { FormatError, LimitError } from "../core/bytes.js";

export const FBT = {
  NULL: 0,
  INT: 1,
  UINT: 2,
  FLOAT: 3,
  KEY: 4,
  STRING: 5,
  INDIRECT_INT: 6,
  INDIRECT_UINT: 7,
  INDIRECT_FLOAT: 8,
  MAP: 9,
  VECTOR: 10,
  VECTOR_INT: 11,
  VECTOR_UINT: 12,
  VECTOR_FLOAT: 13,
  VECTOR_KEY: 14,
  VECTOR_STRING_DEPRECATED: 15,
  BLOB: 25,
  BOOL: 26,
  VECTOR_BOOL: 36,
} as const;

/** A value inside a flexbuffer: where it is stored, how wide its slot is and its packed type. */
export interface FlexRef {
  /** Position of the value's slot. */
  pos: number;
  /** Width of the slot (the parent's byte width). */
  parentWidth: number;
  type: number;
  /** Byte width of the pointed-to data (from the packed type). */
  byteWidth: number;
}

/** Most elements one vector may declare (a hostile length is an error, not an allocation). */
const MAX_ELEMENTS = 1 << 24;

export class FlexReader {
  constructor(private readonly b: Uint8Array) {}

  private need(pos: number, len: number, what: string): void {
    if (!Number.isSafeInteger(pos) || pos < 0 || len < 0 || pos + len > this.b.length) {
      throw new FormatError(`flexbuffer: ${what} at ${pos} (+${len}) is outside the ${this.b.length}-byte buffer`);
    }
  }

  readUInt(pos: number, width: number): number {
    this.need(pos, width, "unsigned value");
    let v = 0;
    for (let i = width - 1; i >= 0; i--) v = v * 256 + this.b[pos + i]!;
    if (!Number.isSafeInteger(v)) throw new FormatError(`flexbuffer: value at ${pos} too large`);
    return v;
  }

  readInt(pos: number, width: number): number {
    const u = this.readUInt(pos, width);
    const bits = width * 8;
    if (bits >= 53) return u; // safe range already enforced; sign of 8-byte values beyond 2^53 is moot
    return u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
  }

  root(): FlexRef {
    const n = this.b.length;
    if (n < 3) throw new FormatError("flexbuffer: shorter than 3 bytes");
    const width = this.b[n - 1]!;
    if (width !== 1 && width !== 2 && width !== 4 && width !== 8) throw new FormatError(`flexbuffer: root byte width ${width}`);
    const packed = this.b[n - 2]!;
    const pos = n - 2 - width;
    this.need(pos, width, "root");
    return { pos, parentWidth: width, type: packed >> 2, byteWidth: 1 << (packed & 3) };
  }

  /** Follows an offset-typed slot to its data. */
  indirect(r: FlexRef): number {
    const off = this.readUInt(r.pos, r.parentWidth);
    const target = r.pos - off;
    this.need(target, 0, "offset target");
    return target;
  }

  isVector(r: FlexRef): boolean {
    return r.type === FBT.VECTOR || r.type === FBT.MAP || (r.type >= FBT.VECTOR_INT && r.type <= FBT.VECTOR_STRING_DEPRECATED) || r.type === FBT.VECTOR_BOOL;
  }

  length(r: FlexRef): number {
    const data = this.indirect(r);
    const len = this.readUInt(data - r.byteWidth, r.byteWidth);
    if (len > MAX_ELEMENTS) throw new LimitError(`flexbuffer: vector of ${len} elements`);
    return len;
  }

  /** Element `i` of a vector (untyped or typed). */
  element(r: FlexRef, i: number): FlexRef {
    if (!this.isVector(r)) throw new FormatError(`flexbuffer: type ${r.type} is not a vector`);
    const data = this.indirect(r);
    const len = this.length(r);
    if (i < 0 || i >= len) throw new FormatError(`flexbuffer: index ${i} outside a vector of ${len}`);
    const pos = data + i * r.byteWidth;
    this.need(pos, r.byteWidth, "vector element");
    if (r.type === FBT.VECTOR || r.type === FBT.MAP) {
      const tpos = data + len * r.byteWidth + i;
      this.need(tpos, 1, "vector type byte");
      const packed = this.b[tpos]!;
      return { pos, parentWidth: r.byteWidth, type: packed >> 2, byteWidth: 1 << (packed & 3) };
    }
    const elemType = r.type === FBT.VECTOR_BOOL ? FBT.BOOL : r.type - FBT.VECTOR_INT + FBT.INT;
    // Strings of the deprecated typed string vector keep their length at the vector's width.
    return { pos, parentWidth: r.byteWidth, type: elemType, byteWidth: r.type === FBT.VECTOR_STRING_DEPRECATED ? r.byteWidth : 1 };
  }

  /** Raw bytes of a STRING, KEY or BLOB (no text decoding: NodeDefs are binary). */
  bytes(r: FlexRef): Uint8Array {
    const data = this.indirect(r);
    if (r.type === FBT.KEY) {
      let end = data;
      while (end < this.b.length && this.b[end] !== 0) end++;
      if (end >= this.b.length) throw new FormatError("flexbuffer: unterminated key");
      return this.b.subarray(data, end);
    }
    if (r.type !== FBT.STRING && r.type !== FBT.BLOB) throw new FormatError(`flexbuffer: type ${r.type} is not a string`);
    const len = this.readUInt(data - r.byteWidth, r.byteWidth);
    this.need(data, len, "string bytes");
    return this.b.subarray(data, data + len);
  }
}

/**
 * Decodes a Flex op's custom options: a vector whose first two elements are strings,
 * [op_name, serialized NodeDef] (tensorflow/lite/delegates/flex/kernel.cc reads exactly these).
 */
export function decodeFlexOpOptions(b: Uint8Array): { opName: Uint8Array; nodeDef: Uint8Array } {
  const r = new FlexReader(b);
  const root = r.root();
  if (!r.isVector(root) || root.type === FBT.MAP) throw new FormatError(`flexbuffer: Flex op options root is type ${root.type}, not a vector`);
  const len = r.length(root);
  if (len < 2) throw new FormatError(`flexbuffer: Flex op options hold ${len} element(s), expected [op_name, NodeDef]`);
  return { opName: r.bytes(r.element(root, 0)), nodeDef: r.bytes(r.element(root, 1)) };
}
