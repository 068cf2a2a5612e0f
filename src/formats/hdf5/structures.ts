// HDF5 on-disk structures read lazily: object headers, v1/v2 B-trees, local/global/fractal heaps.
// Every walk is bounded (node counts, visited sets, strictly decreasing B-tree levels).
import { FormatError, LimitError } from "../../core/bytes.js";
import { Cursor, limitEncSize, log2floor, type Hdf5Limits, type PagedReader } from "./io.js";
import { MSG, type Sizes } from "./messages.js";

/** Addressing state of one open file. All structure addresses are relative to `base`. */
export interface Store extends Sizes {
  io: PagedReader;
  base: number;
  limits: Hdf5Limits;
}

export async function readAt(st: Store, rel: number, length: number, what: string): Promise<Cursor> {
  const abs = st.base + rel;
  const buf = await st.io.read(abs, length, what);
  return new Cursor(buf, abs, what);
}

// ---------------------------------------------------------------- object headers

export interface RawMessage {
  type: number;
  flags: number;
  data: Uint8Array;
  /** Absolute file offset of data[0]. */
  at: number;
}

export interface ObjectHeader {
  address: number;
  version: number;
  messages: RawMessage[];
}

export async function readObjectHeader(st: Store, address: number): Promise<ObjectHeader> {
  const what = `object header at ${address}`;
  const probe = await readAt(st, address, Math.min(16, Math.max(0, st.io.size - st.base - address)), what);
  if (probe.buf.length >= 4 && probe.buf[0] === 0x4f && probe.buf[1] === 0x48 && probe.buf[2] === 0x44 && probe.buf[3] === 0x52) {
    return readV2ObjectHeader(st, address);
  }
  return readV1Header(st, address);
}

async function readV1Header(st: Store, address: number): Promise<ObjectHeader> {
  const what = `object header at ${address}`;
  const h = await readAt(st, address, 16, what);
  const version = h.u8();
  if (version !== 1) throw new FormatError(`${what}: unknown object header version ${version}`);
  h.skip(1);
  const nmsgs = h.u16();
  h.u32(); // reference count
  const size = h.u32();
  const messages: RawMessage[] = [];
  const chunks: [number, number][] = [[address + 16, size]];
  const seen = new Set<number>();
  for (let ci = 0; ci < chunks.length; ci++) {
    if (ci > st.limits.maxContinuations) throw new LimitError(`${what}: more than ${st.limits.maxContinuations} continuation blocks`);
    const [addr, len] = chunks[ci]!;
    if (seen.has(addr)) throw new FormatError(`${what}: continuation cycle at ${addr}`);
    seen.add(addr);
    const c = await readAt(st, addr, len, what);
    while (c.remaining >= 8 && messages.length < nmsgs) {
      const type = c.u16();
      const msize = c.u16();
      const flags = c.u8();
      c.skip(3);
      const at = c.base + c.pos;
      const data = c.bytes(msize);
      messages.push({ type, flags, data, at });
      if (type === MSG.CONTINUATION) chunks.push(parseContinuation(data, st, what));
    }
  }
  return { address, version, messages };
}

function parseContinuation(data: Uint8Array, st: Store, what: string): [number, number] {
  const c = new Cursor(data, 0, `${what}: continuation`);
  const off = c.uvar(st.o);
  const len = c.uint(st.l);
  if (off === undefined) throw new FormatError(`${what}: continuation without an address`);
  return [off, len];
}

async function readV2ObjectHeader(st: Store, address: number): Promise<ObjectHeader> {
  const what = `object header at ${address}`;
  const pre = await readAt(st, address, Math.min(6 + 16 + 4 + 8, st.io.size - st.base - address), what);
  pre.sig("OHDR");
  const version = pre.u8();
  if (version !== 2) throw new FormatError(`${what}: unknown object header version ${version}`);
  const flags = pre.u8();
  if (flags & 0x20) pre.skip(16);
  if (flags & 0x10) pre.skip(4);
  const sizeLen = 1 << (flags & 3);
  const chunk0 = pre.uint(sizeLen);
  const msgHeader = flags & 0x04 ? 6 : 4;
  const messages: RawMessage[] = [];
  const chunks: [number, number, boolean][] = [[address + pre.pos, chunk0, false]];
  const seen = new Set<number>();
  for (let ci = 0; ci < chunks.length; ci++) {
    if (ci > st.limits.maxContinuations) throw new LimitError(`${what}: more than ${st.limits.maxContinuations} continuation blocks`);
    const [addr, len, isCont] = chunks[ci]!;
    if (seen.has(addr)) throw new FormatError(`${what}: continuation cycle at ${addr}`);
    seen.add(addr);
    let c: Cursor;
    if (isCont) {
      if (len < 8) throw new FormatError(`${what}: continuation block too small`);
      const whole = await readAt(st, addr, len, what);
      whole.sig("OCHK");
      c = new Cursor(whole.buf.subarray(4, len - 4), whole.base + 4, what);
    } else {
      c = await readAt(st, addr, len, what);
    }
    while (c.remaining >= msgHeader) {
      const type = c.u8();
      const msize = c.u16();
      const mflags = c.u8();
      if (flags & 0x04) c.skip(2);
      const at = c.base + c.pos;
      const data = c.bytes(msize);
      messages.push({ type, flags: mflags, data, at });
      if (type === MSG.CONTINUATION) {
        const [a, l] = parseContinuation(data, st, what);
        chunks.push([a, l, true]);
      }
    }
  }
  return { address, version, messages };
}

// ---------------------------------------------------------------- local heap

export interface LocalHeap {
  data: Uint8Array;
}

export async function readLocalHeap(st: Store, address: number): Promise<LocalHeap> {
  const what = `local heap at ${address}`;
  const c = await readAt(st, address, 8 + 2 * st.l + st.o, what);
  c.sig("HEAP");
  const version = c.u8();
  if (version !== 0) throw new FormatError(`${what}: unknown version ${version}`);
  c.skip(3);
  const size = c.uint(st.l);
  c.uint(st.l); // free list
  const dataAddr = c.uvar(st.o);
  if (dataAddr === undefined) throw new FormatError(`${what}: no data segment`);
  const d = await readAt(st, dataAddr, size, what);
  return { data: d.buf };
}

export function heapString(h: LocalHeap, offset: number, what: string): Uint8Array {
  if (offset >= h.data.length) throw new FormatError(`${what}: name offset ${offset} outside the local heap`);
  let end = offset;
  while (end < h.data.length && h.data[end] !== 0) end++;
  return h.data.subarray(offset, end);
}

// ---------------------------------------------------------------- v1 B-trees

export interface V1Entry {
  /** Raw key bytes preceding the child (group: heap offset; chunk: size, mask, offsets). */
  key: Uint8Array;
  child: number;
}

/** Walks a version-1 B-tree, returning the leaf-level children with their left keys. */
export async function walkV1BTree(st: Store, root: number, nodeType: 0 | 1, keySize: number, what: string): Promise<V1Entry[]> {
  const out: V1Entry[] = [];
  const seen = new Set<number>();
  const stack: [number, number | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [addr, expectLevel] = stack.pop()!;
    if (seen.has(addr)) throw new FormatError(`${what}: B-tree node ${addr} reached twice (cycle)`);
    seen.add(addr);
    if (seen.size > st.limits.maxIndexNodes) throw new LimitError(`${what}: more than ${st.limits.maxIndexNodes} B-tree nodes`);
    const head = await readAt(st, addr, 8 + 2 * st.o, what);
    head.sig("TREE");
    const type = head.u8();
    const level = head.u8();
    const used = head.u16();
    if (type !== nodeType) throw new FormatError(`${what}: B-tree node type ${type}, expected ${nodeType}`);
    if (expectLevel !== undefined && level !== expectLevel) throw new FormatError(`${what}: B-tree level ${level}, expected ${expectLevel}`);
    head.skip(2 * st.o); // siblings
    const body = await readAt(st, addr + head.pos, used * (keySize + st.o) + keySize, what);
    const children: V1Entry[] = [];
    for (let i = 0; i < used; i++) {
      const key = body.bytes(keySize);
      const child = body.uvar(st.o);
      if (child === undefined) throw new FormatError(`${what}: undefined B-tree child`);
      children.push({ key, child });
    }
    if (level === 0) out.push(...children);
    else for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!.child, level - 1]);
  }
  return out;
}

export interface SymbolEntry {
  nameOffset: number;
  address?: number;
  cacheType: number;
  /** Cache type 2: offset of the soft link value in the local heap. */
  softOffset?: number;
}

export async function readSymbolNode(st: Store, address: number, what: string): Promise<SymbolEntry[]> {
  const head = await readAt(st, address, 8, what);
  head.sig("SNOD");
  const version = head.u8();
  if (version !== 1) throw new FormatError(`${what}: unknown symbol node version ${version}`);
  head.skip(1);
  const n = head.u16();
  const esize = 2 * st.o + 24;
  const c = await readAt(st, address + 8, n * esize, what);
  const out: SymbolEntry[] = [];
  for (let i = 0; i < n; i++) {
    const nameOffset = c.uint(st.o);
    const addr = c.uvar(st.o);
    const cacheType = c.u32();
    c.skip(4);
    const scratch = c.bytes(16);
    const e: SymbolEntry = { nameOffset, cacheType };
    if (addr !== undefined) e.address = addr;
    if (cacheType === 2) e.softOffset = new Cursor(scratch, 0, what).u32();
    out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------- v2 B-trees

export interface V2Header {
  type: number;
  nodeSize: number;
  recordSize: number;
  depth: number;
  root?: number;
  rootRecords: number;
  /** Bytes used for "number of records" in child pointers (leaf maximum). */
  maxNrecSize: number;
  /** Per depth: bytes for "total records below" in child pointers. */
  cumNrecSize: number[];
}

export async function readV2Header(st: Store, address: number, what: string): Promise<V2Header> {
  const c = await readAt(st, address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + st.o + 2 + st.l + 4, what);
  c.sig("BTHD");
  const version = c.u8();
  if (version !== 0) throw new FormatError(`${what}: unknown v2 B-tree version ${version}`);
  const type = c.u8();
  const nodeSize = c.u32();
  const recordSize = c.u16();
  const depth = c.u16();
  c.skip(2);
  const root = c.uvar(st.o);
  const rootRecords = c.u16();
  if (nodeSize < 16 || nodeSize > 1 << 20 || recordSize === 0 || recordSize > nodeSize) throw new FormatError(`${what}: bad v2 B-tree geometry`);
  if (depth > 32) throw new FormatError(`${what}: v2 B-tree depth ${depth}`);
  const ptrBase = st.o;
  const leafMax = Math.floor((nodeSize - 10) / recordSize);
  const maxNrecSize = limitEncSize(leafMax);
  const cumMax: number[] = [leafMax];
  const cumNrecSize: number[] = [0];
  for (let u = 1; u <= depth; u++) {
    const ptr = ptrBase + maxNrecSize + (u > 1 ? cumNrecSize[u - 1]! : 0);
    const maxNrec = Math.floor((nodeSize - (10 + ptr)) / (recordSize + ptr));
    if (maxNrec < 1) throw new FormatError(`${what}: v2 B-tree node too small`);
    cumMax.push((maxNrec + 1) * cumMax[u - 1]! + maxNrec);
    cumNrecSize.push(limitEncSize(Math.min(cumMax[u]!, Number.MAX_SAFE_INTEGER)));
  }
  const h: V2Header = { type, nodeSize, recordSize, depth, rootRecords, maxNrecSize, cumNrecSize };
  if (root !== undefined) h.root = root;
  return h;
}

/** Returns every record of a v2 B-tree (raw bytes), in key order. */
export async function walkV2BTree(st: Store, address: number, what: string): Promise<{ header: V2Header; records: Uint8Array[] }> {
  const header = await readV2Header(st, address, what);
  const records: Uint8Array[] = [];
  if (header.root === undefined || header.rootRecords === 0) return { header, records };
  const seen = new Set<number>();
  const visit = async (addr: number, nrec: number, depth: number): Promise<void> => {
    if (seen.has(addr)) throw new FormatError(`${what}: v2 B-tree node ${addr} reached twice (cycle)`);
    seen.add(addr);
    if (seen.size > st.limits.maxIndexNodes) throw new LimitError(`${what}: more than ${st.limits.maxIndexNodes} B-tree nodes`);
    const c = await readAt(st, addr, header.nodeSize, what);
    c.sig(depth === 0 ? "BTLF" : "BTIN");
    c.u8();
    const type = c.u8();
    if (type !== header.type) throw new FormatError(`${what}: v2 B-tree node type ${type}, expected ${header.type}`);
    const recs: Uint8Array[] = [];
    for (let i = 0; i < nrec; i++) recs.push(c.bytes(header.recordSize));
    if (depth === 0) {
      records.push(...recs);
      return;
    }
    const children: [number, number][] = [];
    for (let i = 0; i <= nrec; i++) {
      const a = c.uvar(st.o);
      const n = c.uint(header.maxNrecSize);
      if (depth > 1) c.uint(header.cumNrecSize[depth - 1]!);
      if (a === undefined) throw new FormatError(`${what}: undefined v2 B-tree child`);
      children.push([a, n]);
    }
    for (let i = 0; i <= nrec; i++) {
      await visit(children[i]![0], children[i]![1], depth - 1);
      if (i < nrec) records.push(recs[i]!);
    }
  };
  await visit(header.root, header.rootRecords, header.depth);
  return { header, records };
}

// ---------------------------------------------------------------- fractal heap

export interface FractalHeap {
  address: number;
  idLen: number;
  filterLen: number;
  maxManaged: number;
  hugeBTree?: number;
  tableWidth: number;
  startBlock: number;
  maxDirectBlock: number;
  maxHeapBits: number;
  rootRows: number;
  root?: number;
  offBytes: number;
  lenBytes: number;
  checksummedDirect: boolean;
}

export async function readFractalHeap(st: Store, address: number): Promise<FractalHeap> {
  const what = `fractal heap at ${address}`;
  const c = await readAt(st, address, 4 + 1 + 2 + 2 + 1 + 4 + st.l + st.o + st.l + st.o + 8 * st.l + 2 + 2 * st.l + 2 + 2 + st.o + 2, what);
  c.sig("FRHP");
  const version = c.u8();
  if (version !== 0) throw new FormatError(`${what}: unknown version ${version}`);
  const idLen = c.u16();
  const filterLen = c.u16();
  const flags = c.u8();
  const maxManaged = c.u32();
  c.uint(st.l); // next huge id
  const hugeBTree = c.uvar(st.o);
  c.uint(st.l); // free space
  c.uvar(st.o); // free space manager
  c.skip(6 * st.l); // managed space, allocated, iterator, #managed, huge size, #huge
  c.skip(2 * st.l); // tiny size, #tiny
  const tableWidth = c.u16();
  const startBlock = c.uint(st.l);
  const maxDirectBlock = c.uint(st.l);
  const maxHeapBits = c.u16();
  c.u16(); // starting rows
  const root = c.uvar(st.o);
  const rootRows = c.u16();
  const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
  if (tableWidth === 0 || tableWidth > 65536 || !pow2(tableWidth) || !pow2(startBlock) || !pow2(maxDirectBlock) || maxDirectBlock < startBlock || maxHeapBits === 0 || maxHeapBits > 64 || idLen === 0 || idLen > 4096) {
    throw new FormatError(`${what}: bad heap geometry`);
  }
  const offBytes = Math.ceil(maxHeapBits / 8);
  const lenBytes = Math.min(Math.ceil(log2floor(maxDirectBlock) / 8), limitEncSize(maxManaged));
  const h: FractalHeap = { address, idLen, filterLen, maxManaged, tableWidth, startBlock, maxDirectBlock, maxHeapBits, rootRows, offBytes, lenBytes, checksummedDirect: (flags & 2) !== 0 };
  if (hugeBTree !== undefined) h.hugeBTree = hugeBTree;
  if (root !== undefined) h.root = root;
  return h;
}

function rowBlockSize(h: FractalHeap, row: number): number {
  return row <= 1 ? h.startBlock : h.startBlock * 2 ** (row - 1);
}

function maxDirectRows(h: FractalHeap): number {
  return log2floor(h.maxDirectBlock) - log2floor(h.startBlock) + 2;
}

function rowsForIndirect(h: FractalHeap, blockSize: number): number {
  return log2floor(blockSize) - (log2floor(h.startBlock) + log2floor(h.tableWidth)) + 1;
}

/** Finds the bytes of a managed object: walks indirect blocks down to the direct block that holds it. */
async function readManaged(st: Store, h: FractalHeap, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (h.filterLen > 0) throw new FormatError(`${what}: filtered (compressed) fractal heap blocks are not supported`);
  if (h.root === undefined) throw new FormatError(`${what}: empty heap`);
  if (length > h.maxDirectBlock) throw new FormatError(`${what}: managed object larger than a direct block`);
  let blockAddr = h.root;
  let blockOffset = 0;
  let rows = h.rootRows;
  for (let depth = 0; ; depth++) {
    if (depth > 64) throw new FormatError(`${what}: fractal heap too deep`);
    if (rows === 0) {
      // A direct block.
      const size = depth === 0 ? h.startBlock : 0;
      const rel = offset - blockOffset;
      if (rel < 0 || (size && rel + length > size)) throw new FormatError(`${what}: object outside its direct block`);
      const head = await readAt(st, blockAddr, 5 + st.o + h.offBytes, what);
      head.sig("FHDB");
      const c = await readAt(st, blockAddr + rel, length, what);
      return c.buf;
    }
    const head = await readAt(st, blockAddr, 5 + st.o + h.offBytes, what);
    head.sig("FHIB");
    const directRows = maxDirectRows(h);
    const entrySize = (row: number) => (row < directRows ? st.o + (h.filterLen > 0 ? st.l + 4 : 0) : st.o);
    let rel = offset - blockOffset;
    let pos = head.buf.length;
    let found: { addr: number | undefined; row: number; off: number } | undefined;
    for (let row = 0; row < rows && !found; row++) {
      const bs = rowBlockSize(h, row);
      const span = bs * h.tableWidth;
      if (rel < span) {
        const col = Math.floor(rel / bs);
        const ec = await readAt(st, blockAddr + pos + col * entrySize(row), st.o, what);
        found = { addr: ec.uvar(st.o), row, off: blockOffset + (offset - blockOffset - rel) + col * bs };
        break;
      }
      rel -= span;
      pos += h.tableWidth * entrySize(row);
    }
    if (!found) throw new FormatError(`${what}: heap offset ${offset} beyond the heap`);
    if (found.addr === undefined) throw new FormatError(`${what}: heap offset ${offset} in an unallocated block`);
    const bs = rowBlockSize(h, found.row);
    blockAddr = found.addr;
    blockOffset = found.off;
    if (found.row < directRows) {
      const r = offset - blockOffset;
      if (r < 0 || r + length > bs) throw new FormatError(`${what}: object crosses its direct block`);
      const dh = await readAt(st, blockAddr, 4, what);
      dh.sig("FHDB");
      const c = await readAt(st, blockAddr + r, length, what);
      return c.buf;
    }
    rows = rowsForIndirect(h, bs);
    if (rows < 1) throw new FormatError(`${what}: bad indirect block size`);
  }
}

const hugeCache = new WeakMap<FractalHeap, Map<number, [number, number]>>();

/** Reads one object of a fractal heap by its heap ID (managed, huge or tiny). */
export async function readHeapObject(st: Store, h: FractalHeap, id: Uint8Array, what: string): Promise<Uint8Array> {
  if (id.length < 1) throw new FormatError(`${what}: empty heap ID`);
  const c = new Cursor(id, 0, what);
  const first = c.u8();
  if (first >> 6 !== 0) throw new FormatError(`${what}: unknown heap ID version`);
  const kind = (first >> 4) & 3;
  if (kind === 0) {
    const off = c.uint(h.offBytes);
    const len = c.uint(h.lenBytes);
    return readManaged(st, h, off, len, what);
  }
  if (kind === 2) {
    if (h.idLen <= 18) {
      const len = (first & 0x0f) + 1;
      return c.bytes(len);
    }
    const len = (((first & 0x0f) << 8) | c.u8()) + 1;
    return c.bytes(len);
  }
  if (kind === 1) {
    if (h.filterLen > 0) throw new FormatError(`${what}: filtered huge heap objects are not supported`);
    if (h.idLen - 1 >= st.o + st.l) {
      const addr = c.uvar(st.o);
      const len = c.uint(st.l);
      if (addr === undefined) throw new FormatError(`${what}: huge object without an address`);
      return (await readAt(st, addr, len, what)).buf;
    }
    const key = c.uint(Math.min(h.idLen - 1, 8));
    if (h.hugeBTree === undefined) throw new FormatError(`${what}: huge object but no huge-object index`);
    let map = hugeCache.get(h);
    if (!map) {
      map = new Map();
      const { records } = await walkV2BTree(st, h.hugeBTree, `${what}: huge objects`);
      for (const r of records) {
        const rc = new Cursor(r, 0, what);
        const a = rc.uvar(st.o);
        const l = rc.uint(st.l);
        const k = rc.uint(st.l);
        if (a !== undefined) map.set(k, [a, l]);
      }
      hugeCache.set(h, map);
    }
    const hit = map.get(key);
    if (!hit) throw new FormatError(`${what}: huge object ${key} not in its index`);
    return (await readAt(st, hit[0], hit[1], what)).buf;
  }
  throw new FormatError(`${what}: unknown heap ID type ${kind}`);
}

// ---------------------------------------------------------------- global heap

export async function readGlobalHeapObject(st: Store, cache: Map<number, Map<number, Uint8Array>>, collection: number, index: number, what: string): Promise<Uint8Array> {
  let objs = cache.get(collection);
  if (!objs) {
    const head = await readAt(st, collection, 8 + st.l, what);
    head.sig("GCOL");
    const version = head.u8();
    if (version !== 1) throw new FormatError(`${what}: unknown global heap version ${version}`);
    head.skip(3);
    const size = head.uint(st.l);
    if (size < head.pos) throw new FormatError(`${what}: bad global heap size`);
    const c = await readAt(st, collection, size, what);
    c.skip(8 + st.l);
    objs = new Map();
    let count = 0;
    while (c.remaining >= 8 + st.l) {
      if (++count > st.limits.maxIndexNodes) throw new LimitError(`${what}: too many global heap objects`);
      const idx = c.u16();
      c.skip(6);
      const osize = c.uint(st.l);
      if (idx === 0) break;
      const data = c.bytes(osize);
      c.skip(Math.min(c.remaining, ((osize + 7) & ~7) - osize));
      objs.set(idx, data);
    }
    cache.set(collection, objs);
  }
  const o = objs.get(index);
  if (!o) throw new FormatError(`${what}: global heap object ${index} not found in collection ${collection}`);
  return o;
}
