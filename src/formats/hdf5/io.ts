// Paged random-access reads of HDF5 metadata through a ByteSource, and a bounds-checked cursor.
import { FormatError, LimitError, type ByteSource } from "../../core/bytes.js";

const PAGE = 4096;

export interface Hdf5Limits {
  /** Most bytes the reader may pull from the source (metadata only; weights are never read). */
  maxBytesRead: number;
  /** Most bytes the parsers may request in total, cached or not (overlapping structures cost CPU too). */
  maxBytesParsed: number;
  /** Most objects (groups, datasets, datatypes) visited. */
  maxObjects: number;
  /** Deepest group nesting walked. */
  maxDepth: number;
  /** Most links in one group, most attributes on one object. */
  maxLinksPerGroup: number;
  /** Largest single structure (heap, attribute, header chunk) read at once. */
  maxStructureBytes: number;
  /** Most B-tree / heap nodes visited for one index. */
  maxIndexNodes: number;
  /** Most object-header continuation blocks for one object. */
  maxContinuations: number;
}

export const DEFAULT_HDF5_LIMITS: Hdf5Limits = {
  maxBytesRead: 256 * 1024 * 1024,
  maxBytesParsed: 1024 * 1024 * 1024,
  maxObjects: 200_000,
  maxDepth: 64,
  maxLinksPerGroup: 100_000,
  maxStructureBytes: 64 * 1024 * 1024,
  maxIndexNodes: 100_000,
  maxContinuations: 10_000,
};

/** Reads byte ranges of the source in 4 KiB pages, keeps a bounded page cache, meters bytes. */
export class PagedReader {
  private readonly pages = new Map<number, Uint8Array>();
  bytesRead = 0;
  reads = 0;
  bytesParsed = 0;

  constructor(
    readonly src: ByteSource,
    readonly limits: Hdf5Limits,
  ) {}

  get size(): number {
    return this.src.size;
  }

  /** Exactly `length` bytes at absolute `offset`; throws FormatError when the file ends first. */
  async read(offset: number, length: number, what: string): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new FormatError(`${what}: invalid address ${offset} / length ${length}`);
    }
    if (length > this.limits.maxStructureBytes) {
      throw new LimitError(`${what}: ${length} bytes exceeds the ${this.limits.maxStructureBytes}-byte structure limit`);
    }
    if (offset + length > this.src.size) {
      throw new FormatError(`${what}: ${length} bytes at offset ${offset} run past the end of the file (${this.src.size} bytes; truncated?)`);
    }
    if (length === 0) return new Uint8Array(0);
    this.bytesParsed += length;
    if (this.bytesParsed > this.limits.maxBytesParsed) {
      throw new LimitError(`parsed more than ${this.limits.maxBytesParsed} bytes of HDF5 metadata (overlapping or repeated structures)`);
    }
    const first = Math.floor(offset / PAGE);
    const last = Math.floor((offset + length - 1) / PAGE);
    if (first === last) {
      const p = await this.page(first);
      return p.subarray(offset - first * PAGE, offset - first * PAGE + length);
    }
    const out = new Uint8Array(length);
    for (let i = first; i <= last; i++) {
      const p = await this.page(i);
      const pStart = i * PAGE;
      const from = Math.max(offset, pStart);
      const to = Math.min(offset + length, pStart + p.length);
      out.set(p.subarray(from - pStart, to - pStart), from - offset);
    }
    return out;
  }

  private async page(i: number): Promise<Uint8Array> {
    const hit = this.pages.get(i);
    if (hit) return hit;
    const start = i * PAGE;
    const len = Math.min(PAGE, this.src.size - start);
    this.bytesRead += len;
    this.reads++;
    if (this.bytesRead > this.limits.maxBytesRead) {
      throw new LimitError(`read more than ${this.limits.maxBytesRead} bytes of HDF5 metadata`);
    }
    const data = await this.src.read(start, len);
    if (data.length < len) throw new FormatError(`short read at offset ${start}`);
    if (this.pages.size >= 4096) this.pages.clear();
    this.pages.set(i, data);
    return data;
  }
}

/** Sequential little-endian reads over one buffer; every read is bounds-checked. */
export class Cursor {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    /** Absolute file address of buf[0] (for messages). */
    readonly base: number,
    readonly what: string,
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new FormatError(`${this.what}: structure ends early (need ${n} bytes at +${this.pos}, have ${this.buf.length - this.pos})`);
    }
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.buf[this.pos]! | (this.buf[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000;
  }
  /** Unsigned little-endian integer of n bytes (n <= 8); undefined for all-ones (HDF5 "undefined address"). */
  uvar(n: number): number | undefined {
    this.need(n);
    let allOnes = true;
    let v = 0;
    let mul = 1;
    for (let i = 0; i < n; i++) {
      const b = this.buf[this.pos + i]!;
      if (b !== 0xff) allOnes = false;
      v += b * mul;
      mul *= 256;
    }
    this.pos += n;
    if (allOnes && n > 0) return undefined;
    if (!Number.isSafeInteger(v)) return Number.MAX_SAFE_INTEGER;
    return v;
  }
  /** Like uvar but all-ones is a plain (huge) value, for lengths and counts. */
  uint(n: number): number {
    const v = this.uvar(n);
    return v ?? Number.MAX_SAFE_INTEGER;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  sig(expected: string): void {
    this.need(4);
    for (let i = 0; i < 4; i++) {
      if (this.buf[this.pos + i] !== expected.charCodeAt(i)) {
        throw new FormatError(`${this.what}: expected signature ${expected} at file offset ${this.base + this.pos}`);
      }
    }
    this.pos += 4;
  }
  /** NUL-terminated string (bounded by the buffer). */
  cstr(): Uint8Array {
    const start = this.pos;
    let end = start;
    while (end < this.buf.length && this.buf[end] !== 0) end++;
    if (end >= this.buf.length) throw new FormatError(`${this.what}: unterminated string`);
    this.pos = end + 1;
    return this.buf.subarray(start, end);
  }
}

/** Number of bytes needed to encode values up to `n` (H5VM_limit_enc_size). */
export function limitEncSize(n: number): number {
  return Math.floor(log2floor(n) / 8) + 1;
}

export function log2floor(n: number): number {
  let r = 0;
  while (n >= 2) {
    n = Math.floor(n / 2);
    r++;
  }
  return r;
}
