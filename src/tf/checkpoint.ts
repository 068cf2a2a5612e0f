// Own reader of TensorFlow's tensor bundle index (variables.index: a LevelDB-style table, written
// uncompressed by BundleWriter) because graphwarden needs only the string variables' bytes, within a
// byte budget, and no JS library reads the format. Numeric tensors are never read.
import { FormatError } from "../core/bytes.js";
import { WireReader } from "../formats/protobuf.js";

export const TF_CHECKPOINT_LIMITS = {
  /** Largest variables.index read. */
  maxIndexBytes: 16 * 1024 * 1024,
  /** Most bytes of string tensors read from the data shards per SavedModel. */
  maxStringBytes: 64 * 1024 * 1024,
  /** Most table entries walked. */
  maxEntries: 1_000_000,
};

const DT_STRING = 7;

export interface BundleEntry {
  key: string;
  dtype: number;
  elements: number;
  shard: number;
  offset: number;
  size: number;
}

export interface BundleIndex {
  numShards: number;
  entries: BundleEntry[];
}

function u32(b: Uint8Array, at: number): number {
  if (at < 0 || at + 4 > b.length) throw new FormatError("checkpoint index: truncated");
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Entries (key, value) of one table block. */
function blockEntries(buf: Uint8Array, start: number, size: number, out: Array<[Uint8Array, Uint8Array]>): void {
  const end = start + size;
  if (size < 4 || end > buf.length) throw new FormatError("checkpoint index: block outside the file");
  const restarts = u32(buf, end - 4);
  const dataEnd = end - 4 - restarts * 4;
  if (dataEnd < start) throw new FormatError("checkpoint index: bad restart count");
  const r = new WireReader(buf, start, dataEnd);
  let key = new Uint8Array(0);
  while (!r.done()) {
    const shared = r.varint();
    const nonShared = r.varint();
    const valueLen = r.varint();
    if (shared > key.length || r.pos + nonShared + valueLen > dataEnd) throw new FormatError("checkpoint index: bad entry");
    const k = new Uint8Array(shared + nonShared);
    k.set(key.subarray(0, shared));
    k.set(buf.subarray(r.pos, r.pos + nonShared), shared);
    r.pos += nonShared;
    out.push([k, buf.subarray(r.pos, r.pos + valueLen)]);
    r.pos += valueLen;
    key = k;
    if (out.length > TF_CHECKPOINT_LIMITS.maxEntries) throw new FormatError("checkpoint index: too many entries");
  }
}

function handle(buf: Uint8Array, at: number, end: number): [number, number, number] {
  const r = new WireReader(buf, at, end);
  const off = r.varint();
  const size = r.varint();
  return [off, size, r.pos];
}

/**
 * Every (key, value) of a table file (the LevelDB-style format of TensorFlow's table::TableBuilder): the footer's
 * index block, then each data block it names. Blocks must be stored uncompressed (their trailer's type byte 0):
 * the writers of checkpoints never compress, and a compressed block is refused rather than misread.
 */
function tableEntries(buf: Uint8Array): Array<[Uint8Array, Uint8Array]> {
  if (buf.length < 48) throw new FormatError("checkpoint index: shorter than its footer");
  const footer = buf.length - 48;
  const [, , next] = handle(buf, footer, buf.length - 8);
  const [indexOff, indexSize] = handle(buf, next, buf.length - 8);
  const indexEntries: Array<[Uint8Array, Uint8Array]> = [];
  const block = (off: number, size: number, out: Array<[Uint8Array, Uint8Array]>) => {
    if ((buf[off + size] ?? 0) !== 0) throw new FormatError("checkpoint table: a compressed block");
    blockEntries(buf, off, size, out);
  };
  block(indexOff, indexSize, indexEntries);
  const kv: Array<[Uint8Array, Uint8Array]> = [];
  for (const [, v] of indexEntries) {
    const [off, size] = handle(v, 0, v.length);
    block(off, size, kv);
  }
  return kv;
}

/**
 * The string tensors of a V1 checkpoint (TensorSliceWriter, the `Save` op's file, read by `Restore` and
 * `RestoreSlice`): a table whose values are SavedTensorSlices (data = 2: SavedSlice { name = 1, data = 3:
 * TensorProto with string_val = 8 }); a tensor saved in several slices keeps every slice's values, in file order.
 */
export function parseV1CheckpointStrings(buf: Uint8Array, maxValues = 4096): Map<string, Uint8Array[]> {
  const out = new Map<string, Uint8Array[]>();
  const dec = new TextDecoder();
  for (const [k, v] of tableEntries(buf)) {
    if (k.length === 0) continue;
    const r = new WireReader(v);
    while (!r.done()) {
      const [f, wt] = r.tag();
      if (f !== 2 || wt !== 2) {
        r.skip(wt, f);
        continue;
      }
      const slice = new WireReader(r.bytes());
      let name = "";
      const values: Uint8Array[] = [];
      while (!slice.done()) {
        const [sf, swt] = slice.tag();
        if (sf === 1 && swt === 2) name = dec.decode(slice.bytes());
        else if (sf === 3 && swt === 2) {
          const t = new WireReader(slice.bytes());
          while (!t.done()) {
            const [tf, twt] = t.tag();
            if (tf === 8 && twt === 2 && values.length < maxValues) values.push(t.bytes());
            else t.skip(twt, tf);
          }
        } else slice.skip(swt, sf);
      }
      const seen = out.get(name);
      if (seen) seen.push(...values);
      else out.set(name, values);
    }
  }
  return out;
}

/** Parses variables.index: the header (shard count) and every entry's dtype, element count and place. */
export function parseBundleIndex(buf: Uint8Array): BundleIndex {
  const kv = tableEntries(buf);
  const dec = new TextDecoder();
  const out: BundleIndex = { numShards: 1, entries: [] };
  for (const [k, v] of kv) {
    const r = new WireReader(v);
    if (k.length === 0) {
      // BundleHeaderProto: num_shards (1).
      while (!r.done()) {
        const [f, wt] = r.tag();
        if (f === 1 && wt === 0) out.numShards = r.int32();
        else r.skip(wt, f);
      }
      continue;
    }
    out.entries.push(parseBundleEntry(dec.decode(k), v));
  }
  return out;
}

/** One BundleEntryProto: every singular field's last occurrence wins (protobuf semantics), defaults included. */
export function parseBundleEntry(key: string, v: Uint8Array): BundleEntry {
  const r = new WireReader(v);
  const e: BundleEntry = { key, dtype: 0, elements: 1, shard: 0, offset: 0, size: 0 };
  let shape: Uint8Array | undefined;
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 1 && wt === 0) e.dtype = r.int32();
    else if (f === 2 && wt === 2) shape = shape ? concat(shape, r.bytes()) : r.bytes();
    else if (f === 3 && wt === 0) e.shard = r.int32();
    else if (f === 4 && wt === 0) e.offset = r.varint();
    else if (f === 5 && wt === 0) e.size = r.varint();
    else r.skip(wt, f);
  }
  // A repeated singular message merges: its occurrences read as one concatenation.
  if (shape) e.elements = shapeElements(shape);
  return e;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function shapeElements(b: Uint8Array): number {
  const r = new WireReader(b);
  let n = 1;
  while (!r.done()) {
    const [f, wt] = r.tag();
    if (f === 2 && wt === 2) {
      const d = new WireReader(r.bytes());
      let size = 0;
      while (!d.done()) {
        const [df, dwt] = d.tag();
        if (df === 1 && dwt === 0) size = d.varint();
        else d.skip(dwt, df);
      }
      n *= Math.max(0, size);
    } else r.skip(wt, f);
  }
  return n;
}

/** A string tensor as the bundle stores it: n varint lengths, a 4-byte checksum, then the bytes. */
export function decodeBundleStrings(b: Uint8Array, elements: number): Uint8Array[] {
  const r = new WireReader(b);
  const lens: number[] = [];
  for (let i = 0; i < elements; i++) lens.push(r.varint());
  let pos = r.pos + 4;
  const out: Uint8Array[] = [];
  for (const l of lens) {
    if (pos + l > b.length) throw new FormatError("checkpoint string tensor: truncated");
    out.push(b.subarray(pos, pos + l));
    pos += l;
  }
  return out;
}

/** The file name of a bundle's data shard: `<prefix>.data-00000-of-00001`. */
export function shardName(prefix: string, shard: number, numShards: number): string {
  return `${prefix}.data-${String(shard).padStart(5, "0")}-of-${String(numShards).padStart(5, "0")}`;
}

export function isStringEntry(e: BundleEntry): boolean {
  return e.dtype === DT_STRING && e.elements > 0 && e.elements <= 4096;
}
