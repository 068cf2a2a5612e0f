// Our own HDF5 reader (h5wasm and jsfive need the whole file in memory and hide external links,
// external storage and virtual sources; see docs/decisions/hdf5.md): lazy, bounded metadata reads.
import { FormatError, LimitError, decodeUtf8, type ByteSource } from "../../core/bytes.js";
import { Cursor, DEFAULT_HDF5_LIMITS, PagedReader, type Hdf5Limits } from "./io.js";
import {
  DT,
  MSG,
  elementCount,
  parseAttribute,
  parseDataspace,
  parseDatatype,
  parseExternalFiles,
  parseIndexInfo,
  parseLayout,
  parseLink,
  parseSharedRef,
  parseSymbolTable,
  type Attribute,
  type Dataspace,
  type Datatype,
  type Layout,
  type Link,
  type RawAttribute,
  type SharedRef,
} from "./messages.js";
import {
  heapString,
  readAt,

  readFractalHeap,
  readGlobalHeapObject,
  readHeapObject,
  readLocalHeap,
  readObjectHeader,
  readSymbolNode,
  walkV1BTree,
  walkV2BTree,
  type FractalHeap,
  type LocalHeap,
  type ObjectHeader,
  type Store,
} from "./structures.js";

export interface Superblock {
  version: number;
  /** Absolute offset of the signature (0, 512, 1024, ...). */
  signatureOffset: number;
  /** Absolute offset all addresses are relative to (the library uses the signature offset). */
  base: number;
  /** Base address as stored in the superblock. */
  storedBase: number;
  sizeOfOffsets: number;
  sizeOfLengths: number;
  /** End-of-file address as stored (relative). */
  eof?: number;
  rootAddress: number;
}

export type ObjectKind = "group" | "dataset" | "datatype" | "unknown";

export interface ExternalStorage {
  file: string;
  offset: number;
  size: number;
}

export interface VirtualSource {
  file: string;
  dataset: string;
}

export interface DatasetInfo {
  shape: number[];
  maxShape?: (number | undefined)[];
  elementSize: number;
  datatypeClass: number;
  /** Logical bytes a reader allocates for the whole dataset (shape x element size). */
  declaredBytes: number;
  layout: Layout["cls"];
  /** Bytes stored for it (in this file, or in its external files); undefined when the chunk index type is not walked. */
  storedBytes?: number;
  /** Raw-data filters (compression) present. */
  filtered: boolean;
  external?: ExternalStorage[];
  virtual?: VirtualSource[];
  /** Number of mappings in a virtual dataset (virtual lists at most the first few). */
  virtualCount?: number;
}

export interface GroupLink {
  name: string;
  kind: Link["kind"];
  address?: number;
  target?: string;
  file?: string;
  type: number;
}

export interface Hdf5Object {
  /** First path the walk reached it by. */
  path: string;
  address: number;
  kind: ObjectKind;
  headerVersion: number;
  attributes: Attribute[];
  /** Groups: every link, in storage order. */
  links?: GroupLink[];
  /** How the group stores links (symbol table = old style). */
  linkStorage?: "symbol-table" | "compact" | "dense";
  attributeStorage: "compact" | "dense" | "mixed";
  dataset?: DatasetInfo;
}

export interface WalkedLink extends GroupLink {
  /** Full path of the link (parent path + name). */
  path: string;
}

export interface Hdf5Walk {
  objects: Hdf5Object[];
  /** Every soft, external and user-defined link, with its path. */
  links: WalkedLink[];
  /** Hard links that reach an already visited object (aliases, cycles). */
  aliases: { path: string; target: string }[];
}

const SIG = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function name(b: Uint8Array): string {
  return decodeUtf8(b);
}

function indexOfSig(b: Uint8Array, sig: readonly number[]): number {
  outer: for (let i = 0; i + sig.length <= b.length; i++) {
    for (let k = 0; k < sig.length; k++) if (b[i + k] !== sig[k]) continue outer;
    return i;
  }
  return -1;
}

export class Hdf5File {
  private readonly globalHeaps = new Map<number, Map<number, Uint8Array>>();
  private readonly fractalHeaps = new Map<number, FractalHeap>();
  private readonly localHeaps = new Map<number, LocalHeap>();
  private readonly objects = new Map<number, Hdf5Object>();

  private constructor(
    private readonly st: Store,
    readonly superblock: Superblock,
  ) {}

  get bytesRead(): number {
    return this.st.io.bytesRead;
  }
  get readCount(): number {
    return this.st.io.reads;
  }
  get size(): number {
    return this.st.io.size;
  }

  /**
   * Why the file is cut short, if it is: the superblock's end-of-file address lies past the bytes
   * present. The HDF5 library (h5py) refuses such a file as truncated; a scanner must not call the
   * bytes that are present the whole model.
   */
  truncation(): string | undefined {
    const eof = this.superblock.eof;
    if (eof === undefined || eof <= this.size) return undefined;
    return `HDF5 file truncated: its superblock ends the file at byte ${eof}, but only ${this.size} bytes are present`;
  }

  /**
   * Bytes after the HDF5 end-of-file that start a zip (a local file header within the first 64 KiB)
   * but no end-of-central-directory record in the last 64 KiB + 22 bytes: the zip view of an
   * HDF5/zip polyglot was cut short, so a zip loader would refuse it and the scanner cannot read it.
   */
  async truncatedTrailingZip(): Promise<string | undefined> {
    const eof = this.superblock.eof;
    const src = this.st.io.src;
    if (eof === undefined || eof >= src.size) return undefined;
    const after = await src.read(eof, Math.min(src.size - eof, 64 * 1024));
    if (indexOfSig(after, [0x50, 0x4b, 0x03, 0x04]) < 0) return undefined;
    const tailStart = Math.max(eof, src.size - (64 * 1024 + 22));
    const tail = await src.read(tailStart, src.size - tailStart);
    if (indexOfSig(tail, [0x50, 0x4b, 0x05, 0x06]) >= 0) return undefined;
    return `zip data after the HDF5 end (byte ${eof}) has no end-of-central-directory record: the zip view of this HDF5/zip polyglot is truncated`;
  }

  static async open(src: ByteSource, signatureOffset: number, limits: Partial<Hdf5Limits> = {}): Promise<Hdf5File> {
    const io = new PagedReader(src, { ...DEFAULT_HDF5_LIMITS, ...limits });
    const what = "superblock";
    const head = new Cursor(await io.read(signatureOffset, Math.min(io.size - signatureOffset, 128), what), signatureOffset, what);
    for (const b of SIG) if (head.u8() !== b) throw new FormatError(`no HDF5 signature at offset ${signatureOffset}`);
    const version = head.u8();
    let o: number;
    let l: number;
    if (version === 0 || version === 1) {
      head.skip(3); // free-space, root symbol table, reserved
      head.skip(1); // shared header version
      o = head.u8();
      l = head.u8();
      head.skip(1);
      checkSizes(o, l);
      head.u16(); // group leaf K
      head.u16(); // group internal K
      head.u32(); // consistency flags
      if (version === 1) head.skip(4);
      const storedBase = head.uint(o);
      head.uvar(o); // free space
      const eof = head.uvar(o);
      head.uvar(o); // driver info
      head.uvar(o); // root link name offset
      const root = head.uvar(o);
      if (root === undefined) throw new FormatError("superblock: no root group");
      const sb: Superblock = { version, signatureOffset, base: signatureOffset, storedBase, sizeOfOffsets: o, sizeOfLengths: l, rootAddress: root };
      if (eof !== undefined) sb.eof = eof;
      return new Hdf5File({ io, base: signatureOffset, o, l, limits: io.limits }, sb);
    }
    if (version === 2 || version === 3) {
      o = head.u8();
      l = head.u8();
      checkSizes(o, l);
      head.u8(); // flags
      const storedBase = head.uint(o);
      head.uvar(o); // superblock extension
      const eof = head.uvar(o);
      const root = head.uvar(o);
      if (root === undefined) throw new FormatError("superblock: no root group");
      const sb: Superblock = { version, signatureOffset, base: signatureOffset, storedBase, sizeOfOffsets: o, sizeOfLengths: l, rootAddress: root };
      if (eof !== undefined) sb.eof = eof;
      return new Hdf5File({ io, base: signatureOffset, o, l, limits: io.limits }, sb);
    }
    throw new FormatError(`unknown superblock version ${version}`);
  }

  /** Reads one object: its kind, attributes, links (groups) and storage facts (datasets). */
  async object(address: number, path = ""): Promise<Hdf5Object> {
    const cached = this.objects.get(address);
    if (cached) return cached;
    if (this.objects.size >= this.st.limits.maxObjects) throw new LimitError(`more than ${this.st.limits.maxObjects} HDF5 objects`);
    const oh = await readObjectHeader(this.st, address);
    const obj = await this.describe(oh, path);
    this.objects.set(address, obj);
    return obj;
  }

  private async describe(oh: ObjectHeader, path: string): Promise<Hdf5Object> {
    const what = `${path || "object"} (header ${oh.address})`;
    const cur = (m: { data: Uint8Array; at: number }, w: string) => new Cursor(m.data, m.at, `${what}: ${w}`);
    let kind: ObjectKind = "unknown";
    const has = (t: number) => oh.messages.some((m) => m.type === t);
    // libhdf5's precedence (H5O__obj_class): group, then dataset, then named datatype.
    const groupish = has(MSG.SYMBOL_TABLE) || has(MSG.LINK_INFO) || has(MSG.LINK);
    if (groupish) kind = "group";
    else if (has(MSG.LAYOUT) || (has(MSG.DATATYPE) && has(MSG.DATASPACE))) kind = "dataset";
    else if (has(MSG.DATATYPE)) kind = "datatype";

    const attributes: Attribute[] = [];
    let dense = false;
    let compact = false;
    for (const m of oh.messages) {
      if (m.type === MSG.ATTRIBUTE) {
        if (m.flags & 0x02) throw new FormatError(`${what}: shared attribute messages are not supported`);
        attributes.push(await this.resolveAttribute(parseAttribute(cur(m, "attribute"), this.st), false, what));
        compact = true;
      } else if (m.type === MSG.ATTRIBUTE_INFO) {
        const info = parseIndexInfo(cur(m, "attribute info"), this.st, true);
        if (info.heap !== undefined && info.nameIndex !== undefined) {
          dense = true;
          attributes.push(...(await this.denseAttributes(info.heap, info.nameIndex, what)));
        }
      }
      if (attributes.length > this.st.limits.maxLinksPerGroup) throw new LimitError(`${what}: more than ${this.st.limits.maxLinksPerGroup} attributes`);
    }
    const obj: Hdf5Object = {
      path,
      address: oh.address,
      kind,
      headerVersion: oh.version,
      attributes,
      attributeStorage: dense && compact ? "mixed" : dense ? "dense" : "compact",
    };
    // A hostile header may carry both group and dataset messages: describe both (superset), so
    // links under it are walked and its storage is judged whatever the loader takes it for.
    if (groupish) await this.describeGroup(oh, obj, what);
    if (kind === "dataset" || has(MSG.LAYOUT)) obj.dataset = await this.describeDataset(oh, what);
    return obj;
  }

  private async resolveAttribute(raw: RawAttribute, dense: boolean, what: string): Promise<Attribute> {
    const datatype = "address" in raw.datatype ? await this.committedType(raw.datatype, what) : raw.datatype;
    const n = elementCount(raw.dataspace);
    if (datatype.size === 0 && n > 0) throw new FormatError(`${what}: attribute "${name(raw.name)}" has a zero-size datatype`);
    const need = n * datatype.size;
    if (!Number.isSafeInteger(need) || need > raw.data.length) {
      throw new FormatError(`${what}: attribute "${name(raw.name)}" declares ${need} bytes of data, has ${raw.data.length}`);
    }
    return { name: raw.name, datatype, dataspace: raw.dataspace, data: raw.data.subarray(0, need), dense };
  }

  private async committedType(ref: SharedRef, what: string): Promise<Datatype> {
    const oh = await readObjectHeader(this.st, ref.address);
    const m = oh.messages.find((x) => x.type === MSG.DATATYPE);
    if (!m) throw new FormatError(`${what}: committed datatype at ${ref.address} has no datatype message`);
    return parseDatatype(new Cursor(m.data, m.at, `${what}: committed datatype`));
  }

  private async fractal(address: number): Promise<FractalHeap> {
    let h = this.fractalHeaps.get(address);
    if (!h) {
      h = await readFractalHeap(this.st, address);
      this.fractalHeaps.set(address, h);
    }
    return h;
  }

  private async denseAttributes(heapAddr: number, index: number, what: string): Promise<Attribute[]> {
    const heap = await this.fractal(heapAddr);
    const { header, records } = await walkV2BTree(this.st, index, `${what}: attribute name index`);
    if (header.type !== 8) throw new FormatError(`${what}: attribute name index has record type ${header.type}`);
    if (records.length > this.st.limits.maxLinksPerGroup) throw new LimitError(`${what}: more than ${this.st.limits.maxLinksPerGroup} attributes`);
    const out: Attribute[] = [];
    for (const r of records) {
      if (r.length < 9) throw new FormatError(`${what}: short attribute index record`);
      const flags = r[8]!;
      if (flags & 0x02) throw new FormatError(`${what}: shared dense attributes are not supported`);
      const bytes = await readHeapObject(this.st, heap, r.subarray(0, 8), `${what}: dense attribute`);
      out.push(await this.resolveAttribute(parseAttribute(new Cursor(bytes, 0, `${what}: dense attribute`), this.st), true, what));
    }
    return out;
  }

  private async localHeap(address: number): Promise<LocalHeap> {
    let h = this.localHeaps.get(address);
    if (!h) {
      h = await readLocalHeap(this.st, address);
      this.localHeaps.set(address, h);
    }
    return h;
  }

  private async describeGroup(oh: ObjectHeader, obj: Hdf5Object, what: string): Promise<void> {
    const links: GroupLink[] = [];
    const add = (l: Link) => {
      if (links.length >= this.st.limits.maxLinksPerGroup) throw new LimitError(`${what}: more than ${this.st.limits.maxLinksPerGroup} links`);
      const g: GroupLink = { name: name(l.name), kind: l.kind, type: l.type };
      if (l.address !== undefined) g.address = l.address;
      if (l.target !== undefined) g.target = name(l.target);
      if (l.file !== undefined) g.file = name(l.file);
      links.push(g);
    };
    for (const m of oh.messages) {
      const c = new Cursor(m.data, m.at, `${what}: link`);
      if (m.type === MSG.SYMBOL_TABLE) {
        obj.linkStorage = "symbol-table";
        const stm = parseSymbolTable(c, this.st);
        const heap = await this.localHeap(stm.heap);
        const leaves = await walkV1BTree(this.st, stm.btree, 0, this.st.l, `${what}: group B-tree`);
        for (const leaf of leaves) {
          for (const e of await readSymbolNode(this.st, leaf.child, `${what}: symbol table node`)) {
            const nm = heapString(heap, e.nameOffset, what);
            if (e.cacheType === 2 && e.softOffset !== undefined) add({ name: nm, kind: "soft", target: heapString(heap, e.softOffset, what), type: 1 });
            else if (e.address !== undefined) add({ name: nm, kind: "hard", address: e.address, type: 0 });
            else throw new FormatError(`${what}: symbol table entry without an object`);
          }
        }
      } else if (m.type === MSG.LINK) {
        obj.linkStorage ??= "compact";
        add(parseLink(c, this.st));
      } else if (m.type === MSG.LINK_INFO) {
        const info = parseIndexInfo(c, this.st, false);
        if (info.heap !== undefined && info.nameIndex !== undefined) {
          obj.linkStorage = "dense";
          const heap = await this.fractal(info.heap);
          const { header, records } = await walkV2BTree(this.st, info.nameIndex, `${what}: link name index`);
          if (header.type !== 5) throw new FormatError(`${what}: link name index has record type ${header.type}`);
          for (const r of records) {
            const bytes = await readHeapObject(this.st, heap, r.subarray(4, 11), `${what}: dense link`);
            add(parseLink(new Cursor(bytes, 0, `${what}: dense link`), this.st));
          }
        } else obj.linkStorage ??= "compact";
      }
    }
    obj.links = links;
  }

  private async describeDataset(oh: ObjectHeader, what: string): Promise<DatasetInfo> {
    let dt: Datatype | undefined;
    let ds: Dataspace | undefined;
    let layout: Layout | undefined;
    let filtered = false;
    let external: ExternalStorage[] | undefined;
    for (const m of oh.messages) {
      const c = new Cursor(m.data, m.at, `${what}: dataset`);
      if (m.type === MSG.DATATYPE) {
        dt = m.flags & 0x02 ? await this.committedType(parseSharedRef(c, this.st), what) : parseDatatype(c);
      } else if (m.type === MSG.DATASPACE) {
        if (m.flags & 0x02) throw new FormatError(`${what}: shared dataspace is not supported`);
        ds = parseDataspace(c, this.st);
      } else if (m.type === MSG.LAYOUT) layout = parseLayout(c, this.st);
      else if (m.type === MSG.FILTERS) filtered = true;
      else if (m.type === MSG.EXTERNAL_FILES) {
        const ef = parseExternalFiles(c, this.st);
        const heap = await this.localHeap(ef.heap);
        external = ef.slots.map((s) => ({ file: name(heapString(heap, s.nameOffset, what)), offset: s.offset, size: s.size }));
      }
    }
    if (!dt || !ds || !layout) throw new FormatError(`${what}: dataset without datatype, dataspace or layout`);
    const count = elementCount(ds);
    const info: DatasetInfo = {
      shape: ds.dims,
      elementSize: dt.size,
      datatypeClass: dt.cls,
      declaredBytes: count * dt.size,
      layout: layout.cls,
      filtered,
    };
    if (ds.maxDims) info.maxShape = ds.maxDims;
    if (external) info.external = external;
    // External storage: what libhdf5 reports as the storage size (the bytes named in other files).
    const stored = external ? Math.min(Number.MAX_SAFE_INTEGER, external.reduce((a, e) => a + e.size, 0)) : await this.storedBytes(layout, ds, what);
    if (stored !== undefined) info.storedBytes = stored;
    if (layout.cls === "virtual") {
      const v = await this.virtualSources(layout, what);
      info.virtual = v.sources;
      info.virtualCount = v.count;
    }
    return info;
  }

  private async storedBytes(layout: Layout, ds: Dataspace, what: string): Promise<number | undefined> {
    const fileBytes = this.st.io.size - this.st.base;
    const clamp = (addr: number, n: number) => Math.max(0, Math.min(n, fileBytes - addr));
    switch (layout.cls) {
      case "compact":
        return layout.size ?? 0;
      case "contiguous":
        return layout.address === undefined ? 0 : clamp(layout.address, layout.size ?? 0);
      case "virtual":
        return undefined;
      case "chunked": {
        if (layout.address === undefined) return 0;
        const dims = layout.chunkDims ?? [];
        if (layout.chunkIndex === 0) {
          const rank = dims.length;
          const leaves = await walkV1BTree(this.st, layout.address, 1, 8 + 8 * rank, `${what}: chunk B-tree`);
          let sum = 0;
          for (const leaf of leaves) sum += clamp(leaf.child, new Cursor(leaf.key, 0, what).u32());
          return sum;
        }
        // Chunk dimensions carry the element size as their last entry (layout versions 1-4 alike).
        const chunkBytes = dims.reduce((a, b) => a * b, 1);
        if (layout.chunkIndex === 1) return clamp(layout.address, layout.filteredChunkSize ?? chunkBytes);
        if (layout.chunkIndex === 3) return this.fixedArrayStored(layout.address, chunkBytes, clamp, what);
        if (layout.chunkIndex === 4) return this.extensibleArrayStored(layout.address, chunkBytes, clamp, what);
        if (layout.chunkIndex === 5) return this.btree2Stored(layout.address, chunkBytes, dims.length - 1, clamp, what);
        if (layout.chunkIndex === 2) {
          // Implicit index: every chunk is allocated in one block.
          let chunks = 1;
          for (let i = 0; i < ds.dims.length; i++) chunks *= Math.ceil((ds.dims[i] ?? 0) / Math.max(1, dims[i] ?? 1));
          return clamp(layout.address, chunks * chunkBytes);
        }
        return undefined;
      }
    }
  }

  /** Chunked datasets indexed by a fixed array (v4 layout, fixed maximum shape). */
  private async fixedArrayStored(address: number, chunkBytes: number, clamp: (a: number, n: number) => number, what: string): Promise<number> {
    const w = `${what}: fixed array chunk index`;
    const h = await readAt(this.st, address, 4 + 4 + this.st.l + this.st.o, w);
    h.sig("FAHD");
    if (h.u8() !== 0) throw new FormatError(`${w}: unknown version`);
    const client = h.u8();
    const entrySize = h.u8();
    const pageBits = h.u8();
    const n = h.uint(this.st.l);
    const dblock = h.uvar(this.st.o);
    if (dblock === undefined) return 0;
    if (client > 1 || entrySize < this.st.o + (client === 1 ? 5 : 0) || pageBits > 32) throw new FormatError(`${w}: bad header`);
    if (n * entrySize > this.st.limits.maxStructureBytes) throw new LimitError(`${w}: ${n} entries`);
    const pageElems = 2 ** pageBits;
    const paged = n > pageElems;
    const npages = paged ? Math.ceil(n / pageElems) : 0;
    const prefix = 4 + 1 + 1 + this.st.o + (paged ? Math.ceil(npages / 8) : 0);
    const total = paged ? prefix + 4 + n * entrySize + npages * 4 : prefix + n * entrySize;
    const c = await readAt(this.st, dblock, total, w);
    c.sig("FADB");
    c.skip(prefix - 4 + (paged ? 4 : 0));
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (paged && i > 0 && i % pageElems === 0) c.skip(4);
      const a = c.uvar(this.st.o);
      const size = client === 1 ? c.uint(entrySize - this.st.o - 4) : chunkBytes;
      if (client === 1) c.skip(4);
      else c.skip(entrySize - this.st.o);
      if (a !== undefined) sum += clamp(a, size);
    }
    return sum;
  }

  /** Chunked datasets indexed by an extensible array (v4 layout, one unlimited dimension). */
  private async extensibleArrayStored(address: number, chunkBytes: number, clamp: (a: number, n: number) => number, what: string): Promise<number> {
    const w = `${what}: extensible array chunk index`;
    const { o, l } = this.st;
    const h = await readAt(this.st, address, 12 + 6 * l + o, w);
    h.sig("EAHD");
    if (h.u8() !== 0) throw new FormatError(`${w}: unknown version`);
    const client = h.u8();
    const esize = h.u8();
    const maxBits = h.u8();
    const idxElems = h.u8();
    const dblkMin = h.u8();
    const sblkMinPtrs = h.u8();
    const pageBits = h.u8();
    h.skip(6 * l);
    const iblock = h.uvar(o);
    if (iblock === undefined) return 0;
    const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
    if (client > 1 || esize < o + (client === 1 ? 5 : 0) || maxBits === 0 || maxBits > 64 || !pow2(dblkMin) || !pow2(sblkMinPtrs) || pageBits > 32) {
      throw new FormatError(`${w}: bad header`);
    }
    const nsblks = 1 + maxBits - log2(dblkMin);
    const sblk: { ndblks: number; nelmts: number }[] = [];
    for (let u = 0; u < nsblks; u++) sblk.push({ ndblks: 2 ** Math.floor(u / 2), nelmts: 2 ** Math.floor((u + 1) / 2) * dblkMin });
    const offSize = Math.ceil(maxBits / 8);
    const pageElems = 2 ** pageBits;
    let sum = 0;
    let budget = this.st.limits.maxIndexNodes;
    const elements = (c: Cursor, n: number) => {
      for (let i = 0; i < n; i++) {
        const a = c.uvar(o);
        const size = client === 1 ? c.uint(esize - o - 4) : chunkBytes;
        c.skip(client === 1 ? 4 : esize - o);
        if (a !== undefined) sum += clamp(a, size);
      }
    };
    const dataBlock = async (addr: number, nelmts: number) => {
      if (--budget < 0) throw new LimitError(`${w}: more than ${this.st.limits.maxIndexNodes} blocks`);
      const prefix = 6 + o + offSize;
      const paged = nelmts > pageElems;
      if (nelmts * esize > this.st.limits.maxStructureBytes) throw new LimitError(`${w}: data block of ${nelmts} elements`);
      const c = await readAt(this.st, addr, paged ? prefix + 4 + nelmts * esize + Math.ceil(nelmts / pageElems) * 4 : prefix + nelmts * esize, w);
      c.sig("EADB");
      c.skip(prefix - 4 + (paged ? 4 : 0));
      if (!paged) return elements(c, nelmts);
      for (let done = 0; done < nelmts; done += pageElems) {
        elements(c, Math.min(pageElems, nelmts - done));
        c.skip(4);
      }
    };
    const iNsblks = 2 * log2(sblkMinPtrs);
    const nDblkAddrs = 2 * (sblkMinPtrs - 1);
    const nSblkAddrs = Math.max(0, nsblks - iNsblks);
    const ic = await readAt(this.st, iblock, 6 + o + idxElems * esize + (nDblkAddrs + nSblkAddrs) * o, w);
    ic.sig("EAIB");
    ic.skip(2 + o);
    elements(ic, idxElems);
    const dblocks: [number | undefined, number][] = [];
    for (let u = 0, k = 0; u < iNsblks && k < nDblkAddrs; u++) {
      for (let d = 0; d < sblk[u]!.ndblks && k < nDblkAddrs; d++, k++) dblocks.push([ic.uvar(o), sblk[u]!.nelmts]);
    }
    const sblocks: [number | undefined, number][] = [];
    for (let i = 0; i < nSblkAddrs; i++) sblocks.push([ic.uvar(o), iNsblks + i]);
    for (const [a, n] of dblocks) if (a !== undefined) await dataBlock(a, n);
    for (const [a, u] of sblocks) {
      if (a === undefined) continue;
      if (--budget < 0) throw new LimitError(`${w}: more than ${this.st.limits.maxIndexNodes} blocks`);
      const info = sblk[u]!;
      const npages = info.nelmts > pageElems ? info.nelmts / pageElems : 0;
      const bitmap = npages > 0 ? info.ndblks * Math.ceil(npages / 8) : 0;
      const sc = await readAt(this.st, a, 6 + o + offSize + bitmap + info.ndblks * o, w);
      sc.sig("EASB");
      sc.skip(2 + o + offSize + bitmap);
      const addrs: (number | undefined)[] = [];
      for (let d = 0; d < info.ndblks; d++) addrs.push(sc.uvar(o));
      for (const da of addrs) if (da !== undefined) await dataBlock(da, info.nelmts);
    }
    return sum;
  }

  /** Chunked datasets indexed by a version-2 B-tree (v4 layout, several unlimited dimensions). */
  private async btree2Stored(address: number, chunkBytes: number, rank: number, clamp: (a: number, n: number) => number, what: string): Promise<number> {
    const { header, records } = await walkV2BTree(this.st, address, `${what}: v2 B-tree chunk index`);
    if (header.type !== 10 && header.type !== 11) throw new FormatError(`${what}: chunk index record type ${header.type}`);
    const sizeLen = header.recordSize - this.st.o - 4 - 8 * rank;
    if (header.type === 11 && (sizeLen < 1 || sizeLen > 8)) throw new FormatError(`${what}: bad filtered chunk record size`);
    let sum = 0;
    for (const r of records) {
      const c = new Cursor(r, 0, what);
      const a = c.uvar(this.st.o);
      const size = header.type === 11 ? c.uint(sizeLen) : chunkBytes;
      if (a !== undefined) sum += clamp(a, size);
    }
    return sum;
  }

  /** Virtual dataset mappings: the source file and dataset of every entry (shared names resolved). */
  private async virtualSources(layout: Layout, what: string): Promise<{ sources: VirtualSource[]; count: number }> {
    if (layout.address === undefined || layout.heapIndex === undefined) return { sources: [], count: 0 };
    const blob = await readGlobalHeapObject(this.st, this.globalHeaps, layout.address, layout.heapIndex, `${what}: virtual layout`);
    const c = new Cursor(blob, 0, `${what}: virtual layout`);
    const version = c.u8();
    if (version > 1) throw new FormatError(`${what}: unknown virtual layout version ${version}`);
    const count = c.uint(this.st.l);
    const sources: VirtualSource[] = [];
    for (let i = 0; i < count; i++) {
      if (i >= this.st.limits.maxLinksPerGroup) throw new LimitError(`${what}: more than ${this.st.limits.maxLinksPerGroup} virtual mappings`);
      const flags = version === 1 ? c.u8() : 0;
      const shared = (bit: number, pick: (v: VirtualSource) => string): string => {
        if (!(flags & bit)) return name(c.cstr());
        const idx = c.uint(8);
        const prev = sources[idx];
        if (!prev || idx >= i) throw new FormatError(`${what}: virtual mapping ${i} shares a name with unknown entry ${idx}`);
        return pick(prev);
      };
      const file = shared(1, (v) => v.file);
      const dataset = shared(2, (v) => v.dataset);
      skipSelection(c);
      skipSelection(c);
      sources.push({ file, dataset });
    }
    return { sources, count };
  }

  /** Decodes a string attribute (fixed or variable length, scalar or array) to its elements. */
  async attributeStrings(a: Attribute): Promise<string[] | undefined> {
    const dt = a.datatype;
    const n = elementCount(a.dataspace);
    if (dt.cls === DT.STRING) {
      const out: string[] = [];
      for (let i = 0; i < n; i++) out.push(decodeFixed(a.data.subarray(i * dt.size, (i + 1) * dt.size)));
      return out;
    }
    if (dt.cls === DT.VLEN && (dt.vlenString || dt.base?.cls === DT.STRING || (dt.base?.cls === DT.FIXED && dt.base.size === 1))) {
      const out: string[] = [];
      const c = new Cursor(a.data, 0, `attribute ${name(a.name)}`);
      for (let i = 0; i < n; i++) {
        const len = c.u32();
        const coll = c.uvar(this.st.o);
        const idx = c.u32();
        if (len === 0 || coll === undefined) {
          out.push("");
          continue;
        }
        const obj = await readGlobalHeapObject(this.st, this.globalHeaps, coll, idx, `attribute ${name(a.name)}`);
        const unit = dt.vlenString ? 1 : (dt.base?.size ?? 1);
        out.push(decodeUtf8(obj.subarray(0, Math.min(obj.length, len * unit))));
      }
      return out;
    }
    return undefined;
  }

  /** Walks every object reachable from the root, bounded by depth and object count; cycles stop. */
  async walk(): Promise<Hdf5Walk> {
    const objects: Hdf5Object[] = [];
    const links: WalkedLink[] = [];
    const aliases: { path: string; target: string }[] = [];
    const seen = new Map<number, string>();
    const root = await this.object(this.superblock.rootAddress, "/");
    seen.set(root.address, "/");
    objects.push(root);
    const stack: [Hdf5Object, number][] = [[root, 0]];
    while (stack.length) {
      const [g, depth] = stack.pop()!;
      for (const l of g.links ?? []) {
        const path = g.path === "/" ? `/${l.name}` : `${g.path}/${l.name}`;
        if (l.kind !== "hard") {
          links.push({ ...l, path });
          continue;
        }
        const addr = l.address!;
        const prev = seen.get(addr);
        if (prev !== undefined) {
          aliases.push({ path, target: prev });
          continue;
        }
        if (depth + 1 > this.st.limits.maxDepth) throw new LimitError(`groups nested deeper than ${this.st.limits.maxDepth} levels at ${path}`);
        seen.set(addr, path);
        const o = await this.object(addr, path);
        objects.push(o);
        if (o.links?.length) stack.push([o, depth + 1]);
      }
    }
    return { objects, links, aliases };
  }
}

/** Skips one serialized dataspace selection (H5S select serialize: all, none, points, hyperslabs). */
function skipSelection(c: Cursor): void {
  const type = c.u32();
  const version = c.u32();
  const mul = (a: number, b: number) => {
    const n = a * b;
    if (!Number.isSafeInteger(n) || n > c.remaining) throw new FormatError(`${c.what}: selection larger than its record`);
    return n;
  };
  if (type === 0 || type === 3) {
    c.skip(8);
    return;
  }
  if (type === 1) {
    if (version === 1) {
      c.skip(8);
      const rank = c.u32();
      c.skip(mul(c.u32(), rank * 4));
      return;
    }
    const enc = c.u8();
    const rank = c.u32();
    c.skip(mul(c.uint(enc), rank * enc));
    return;
  }
  if (type === 2) {
    if (version === 1) {
      c.skip(8);
      const rank = c.u32();
      c.skip(mul(c.u32(), rank * 8));
      return;
    }
    const flags = c.u8();
    const enc = version === 2 ? 8 : c.u8();
    if (version === 2) c.skip(4);
    const rank = c.u32();
    if (rank > 32 || ![2, 4, 8].includes(enc)) throw new FormatError(`${c.what}: bad hyperslab selection`);
    if (flags & 1) c.skip(rank * 4 * enc);
    else c.skip(mul(c.uint(enc), rank * 2 * enc));
    return;
  }
  throw new FormatError(`${c.what}: unknown selection type ${type}`);
}

function log2(n: number): number {
  let r = 0;
  while (n > 1) {
    n = Math.floor(n / 2);
    r++;
  }
  return r;
}

function checkSizes(o: number, l: number): void {
  if (![2, 4, 8].includes(o) || ![2, 4, 8].includes(l)) throw new FormatError(`superblock: unsupported address/length sizes ${o}/${l}`);
}

/** Fixed-length string element: trailing NULs are dropped (what numpy does with h5py's bytes). */
function decodeFixed(b: Uint8Array): string {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return decodeUtf8(b.subarray(0, end));
}

