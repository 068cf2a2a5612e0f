// HDF5 object-header messages decoded from bytes (pure, synchronous): datatype, dataspace, link,
// attribute, layout, symbol table, link/attribute info, external file list.
import { FormatError } from "../../core/bytes.js";
import { Cursor } from "./io.js";

export interface Sizes {
  /** Size of file addresses in bytes. */
  o: number;
  /** Size of lengths in bytes. */
  l: number;
}

export const MSG = {
  NIL: 0x00,
  DATASPACE: 0x01,
  LINK_INFO: 0x02,
  DATATYPE: 0x03,
  FILL_OLD: 0x04,
  FILL: 0x05,
  LINK: 0x06,
  EXTERNAL_FILES: 0x07,
  LAYOUT: 0x08,
  GROUP_INFO: 0x0a,
  FILTERS: 0x0b,
  ATTRIBUTE: 0x0c,
  CONTINUATION: 0x10,
  SYMBOL_TABLE: 0x11,
  ATTRIBUTE_INFO: 0x15,
} as const;

export const DT = { FIXED: 0, FLOAT: 1, TIME: 2, STRING: 3, BITFIELD: 4, OPAQUE: 5, COMPOUND: 6, REFERENCE: 7, ENUM: 8, VLEN: 9, ARRAY: 10, COMPLEX: 11 } as const;

export interface Datatype {
  cls: number;
  version: number;
  /** Size of one element in bytes as stored. */
  size: number;
  /** Class bit field (24 bits). */
  bits: number;
  /** Fixed string padding (0 null-terminated, 1 null-padded, 2 space-padded) or vlen string padding. */
  vlenString?: boolean;
  charset?: "ascii" | "utf8";
  /** Base type of variable-length and array types. */
  base?: Datatype;
  arrayDims?: number[];
}

export interface Dataspace {
  kind: "scalar" | "simple" | "null";
  dims: number[];
  maxDims?: (number | undefined)[];
}

export function elementCount(ds: Dataspace): number {
  if (ds.kind === "null") return 0;
  let n = 1;
  for (const d of ds.dims) n *= d;
  return n;
}

/** Datatype message. Only what we need is decoded deeply: strings, vlen and arrays. */
export function parseDatatype(c: Cursor, depth = 0): Datatype {
  if (depth > 16) throw new FormatError(`${c.what}: datatype nested too deep`);
  const cv = c.u8();
  const cls = cv & 0x0f;
  const version = cv >> 4;
  const bits = c.u8() | (c.u8() << 8) | (c.u8() << 16);
  const size = c.u32();
  if (version < 1 || version > 5) throw new FormatError(`${c.what}: unknown datatype version ${version}`);
  const dt: Datatype = { cls, version, size, bits };
  switch (cls) {
    case DT.STRING:
      dt.charset = ((bits >> 4) & 0x0f) === 1 ? "utf8" : "ascii";
      break;
    case DT.VLEN:
      dt.vlenString = (bits & 0x0f) === 1;
      dt.charset = ((bits >> 8) & 0x0f) === 1 ? "utf8" : "ascii";
      dt.base = parseDatatype(c, depth + 1);
      break;
    case DT.ARRAY: {
      const rank = c.u8();
      if (version < 3) c.skip(3);
      const dims: number[] = [];
      for (let i = 0; i < rank; i++) dims.push(c.u32());
      if (version < 3) c.skip(4 * rank);
      dt.arrayDims = dims;
      dt.base = parseDatatype(c, depth + 1);
      break;
    }
    default:
      // Other classes: the element size is all the readers need; properties are not walked.
      break;
  }
  return dt;
}

export function parseDataspace(c: Cursor, s: Sizes): Dataspace {
  const version = c.u8();
  if (version !== 1 && version !== 2) throw new FormatError(`${c.what}: unknown dataspace version ${version}`);
  const rank = c.u8();
  const flags = c.u8();
  let kind: Dataspace["kind"] = rank === 0 ? "scalar" : "simple";
  if (version === 1) {
    c.skip(5);
  } else {
    const t = c.u8();
    kind = t === 0 ? "scalar" : t === 1 ? "simple" : t === 2 ? "null" : (() => {
      throw new FormatError(`${c.what}: unknown dataspace type ${t}`);
    })();
  }
  if (rank > 32) throw new FormatError(`${c.what}: dataspace rank ${rank} exceeds 32`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(c.uint(s.l));
  const ds: Dataspace = { kind, dims };
  if (flags & 1) {
    const m: (number | undefined)[] = [];
    for (let i = 0; i < rank; i++) m.push(c.uvar(s.l));
    ds.maxDims = m;
  }
  return ds;
}

export type LinkKind = "hard" | "soft" | "external" | "user-defined";

export interface Link {
  name: Uint8Array;
  kind: LinkKind;
  /** Hard links: object header address (relative to the base address). */
  address?: number;
  /** Soft link path, or the object path inside an external file. */
  target?: Uint8Array;
  /** External links: the file the loader would open. */
  file?: Uint8Array;
  /** Raw link type code (64 = external, 65+ user-defined). */
  type: number;
}

export function parseLink(c: Cursor, s: Sizes): Link {
  const version = c.u8();
  if (version !== 1) throw new FormatError(`${c.what}: unknown link message version ${version}`);
  const flags = c.u8();
  const type = flags & 0x08 ? c.u8() : 0;
  if (flags & 0x04) c.skip(8);
  if (flags & 0x10) c.skip(1);
  const nameLen = c.uint(1 << (flags & 3));
  if (nameLen === 0) throw new FormatError(`${c.what}: empty link name`);
  const name = c.bytes(nameLen);
  if (type === 0) {
    const address = c.uvar(s.o);
    if (address === undefined) throw new FormatError(`${c.what}: hard link without an address`);
    return { name, kind: "hard", address, type };
  }
  const len = c.u16();
  const info = c.bytes(len);
  if (type === 1) return { name, kind: "soft", target: info, type };
  if (type === 64) {
    const ic = new Cursor(info, 0, `${c.what}: external link`);
    ic.u8(); // version and flags
    const file = ic.cstr();
    const target = ic.cstr();
    return { name, kind: "external", file, target, type };
  }
  return { name, kind: "user-defined", target: info, type };
}

export interface Attribute {
  name: Uint8Array;
  datatype: Datatype;
  dataspace: Dataspace;
  /** Raw element data (vlen elements are global-heap references). */
  data: Uint8Array;
  /** Stored in the object's dense attribute storage (fractal heap) rather than its header. */
  dense: boolean;
}

export interface SharedRef {
  /** Object header address of the committed datatype (relative). */
  address: number;
}

/** Parses the "shared message" encoding; only committed (object-header) sharing is supported. */
export function parseSharedRef(c: Cursor, s: Sizes): SharedRef {
  const version = c.u8();
  const type = c.u8();
  if (version === 1) c.skip(6);
  else if (version !== 2 && version !== 3) throw new FormatError(`${c.what}: unknown shared message version ${version}`);
  if (version === 3 && type === 1) throw new FormatError(`${c.what}: shared object header message heap is not supported`);
  const address = c.uvar(s.o);
  if (address === undefined) throw new FormatError(`${c.what}: shared message without an address`);
  return { address };
}

export interface RawAttribute {
  name: Uint8Array;
  /** Either a decoded datatype or a reference to a committed one. */
  datatype: Datatype | SharedRef;
  dataspace: Dataspace;
  data: Uint8Array;
}

export function parseAttribute(c: Cursor, s: Sizes): RawAttribute {
  const version = c.u8();
  if (version < 1 || version > 3) throw new FormatError(`${c.what}: unknown attribute message version ${version}`);
  const flags = c.u8();
  const nameSize = c.u16();
  const dtSize = c.u16();
  const dsSize = c.u16();
  if (version === 3) c.u8();
  const pad = (n: number) => (version === 1 ? (n + 7) & ~7 : n);
  const nameBytes = c.bytes(pad(nameSize));
  let nameEnd = Math.min(nameSize, nameBytes.length);
  while (nameEnd > 0 && nameBytes[nameEnd - 1] === 0) nameEnd--;
  const name = nameBytes.subarray(0, nameEnd);
  const dtBytes = c.bytes(pad(dtSize));
  const dsBytes = c.bytes(pad(dsSize));
  const dtc = new Cursor(dtBytes, c.base, `${c.what}: attribute datatype`);
  const datatype = flags & 1 ? parseSharedRef(dtc, s) : parseDatatype(dtc);
  if (flags & 2) throw new FormatError(`${c.what}: shared attribute dataspace is not supported`);
  const dataspace = parseDataspace(new Cursor(dsBytes, c.base, `${c.what}: attribute dataspace`), s);
  const data = c.bytes(c.remaining);
  return { name, datatype, dataspace, data };
}

export interface LinkInfo {
  heap?: number;
  nameIndex?: number;
}

/** Link Info (0x02) and Attribute Info (0x15) share a shape. */
export function parseIndexInfo(c: Cursor, s: Sizes, attr: boolean): LinkInfo {
  const version = c.u8();
  if (version !== 0) throw new FormatError(`${c.what}: unknown ${attr ? "attribute" : "link"} info version ${version}`);
  const flags = c.u8();
  if (flags & 1) c.skip(attr ? 2 : 8);
  const heap = c.uvar(s.o);
  const nameIndex = c.uvar(s.o);
  const out: LinkInfo = {};
  if (heap !== undefined) out.heap = heap;
  if (nameIndex !== undefined) out.nameIndex = nameIndex;
  return out;
}

export type LayoutClass = "compact" | "contiguous" | "chunked" | "virtual";

export interface Layout {
  version: number;
  cls: LayoutClass;
  /** Contiguous data / chunk index / virtual heap address (relative), if allocated. */
  address?: number;
  /** Contiguous: stored size field; compact: data size. */
  size?: number;
  /** Chunk dimensions (for v1-3: last one is the element size). */
  chunkDims?: number[];
  /** v4 chunk index type: 1 single, 2 implicit, 3 fixed array, 4 extensible array, 5 v2 B-tree; 0 = v1 B-tree. */
  chunkIndex?: number;
  /** Single-chunk index with filters: stored size of the one chunk. */
  filteredChunkSize?: number;
  /** Virtual: global heap object index. */
  heapIndex?: number;
}

const LAYOUT_CLASSES: LayoutClass[] = ["compact", "contiguous", "chunked", "virtual"];

export function parseLayout(c: Cursor, s: Sizes): Layout {
  const version = c.u8();
  if (version < 1 || version > 5) throw new FormatError(`${c.what}: unknown layout version ${version}`);
  if (version < 3) {
    const rank = c.u8();
    const clsCode = c.u8();
    c.skip(5);
    const cls = LAYOUT_CLASSES[clsCode];
    if (!cls || cls === "virtual") throw new FormatError(`${c.what}: unknown layout class ${clsCode}`);
    const l: Layout = { version, cls };
    if (cls !== "compact") {
      const a = c.uvar(s.o);
      if (a !== undefined) l.address = a;
    }
    const dims: number[] = [];
    for (let i = 0; i < rank; i++) dims.push(c.u32());
    if (cls === "chunked") {
      l.chunkDims = dims;
      l.chunkIndex = 0;
    } else if (cls === "compact") {
      l.size = c.u32();
    } else {
      l.size = dims.reduce((a, b) => a * b, 1);
    }
    return l;
  }
  const clsCode = c.u8();
  const cls = LAYOUT_CLASSES[clsCode];
  if (!cls || (cls === "virtual" && version < 4)) throw new FormatError(`${c.what}: unknown layout class ${clsCode}`);
  const l: Layout = { version, cls };
  if (cls === "compact") {
    l.size = c.u16();
    return l;
  }
  if (cls === "contiguous") {
    const a = c.uvar(s.o);
    if (a !== undefined) l.address = a;
    l.size = c.uint(s.l);
    return l;
  }
  if (cls === "virtual") {
    const a = c.uvar(s.o);
    if (a !== undefined) l.address = a;
    l.heapIndex = c.u32();
    return l;
  }
  if (version === 3) {
    const rank = c.u8();
    const a = c.uvar(s.o);
    if (a !== undefined) l.address = a;
    const dims: number[] = [];
    for (let i = 0; i < rank; i++) dims.push(c.u32());
    l.chunkDims = dims;
    l.chunkIndex = 0;
    return l;
  }
  const flags = c.u8();
  const rank = c.u8();
  const enc = c.u8();
  if (enc < 1 || enc > 8) throw new FormatError(`${c.what}: bad chunk dimension size ${enc}`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(c.uint(enc));
  l.chunkDims = dims;
  const idx = c.u8();
  l.chunkIndex = idx;
  switch (idx) {
    case 1:
      if (flags & 2) {
        l.filteredChunkSize = c.uint(s.l);
        c.skip(4);
      }
      break;
    case 2:
      break;
    case 3:
      c.skip(1);
      break;
    case 4:
      c.skip(5);
      break;
    case 5:
      c.skip(6);
      break;
    default:
      throw new FormatError(`${c.what}: unknown chunk index type ${idx}`);
  }
  const a = c.uvar(s.o);
  if (a !== undefined) l.address = a;
  return l;
}

export interface ExternalFileSlot {
  nameOffset: number;
  offset: number;
  size: number;
}

export interface ExternalFileList {
  heap: number;
  slots: ExternalFileSlot[];
}

export function parseExternalFiles(c: Cursor, s: Sizes): ExternalFileList {
  const version = c.u8();
  if (version !== 1) throw new FormatError(`${c.what}: unknown external file list version ${version}`);
  c.skip(3);
  c.u16(); // allocated slots
  const used = c.u16();
  const heap = c.uvar(s.o);
  if (heap === undefined) throw new FormatError(`${c.what}: external file list without a name heap`);
  const slots: ExternalFileSlot[] = [];
  for (let i = 0; i < used; i++) slots.push({ nameOffset: c.uint(s.l), offset: c.uint(s.l), size: c.uint(s.l) });
  return { heap, slots };
}

export interface SymbolTableMsg {
  btree: number;
  heap: number;
}

export function parseSymbolTable(c: Cursor, s: Sizes): SymbolTableMsg {
  const btree = c.uvar(s.o);
  const heap = c.uvar(s.o);
  if (btree === undefined || heap === undefined) throw new FormatError(`${c.what}: symbol table without B-tree or heap`);
  return { btree, heap };
}
