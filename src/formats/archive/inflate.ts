// Inflation under caps (fflate does the decoding; seek-bzip and our lzma.ts for zipfile's bzip2 and LZMA
// members): absolute size per archive and ratio per member.
// A bomb becomes a BombError (a LimitError), never an out-of-memory crash.
import { Gunzip, Inflate } from "fflate";
import { crc32 } from "./crc32.js";
import Bunzip from "seek-bzip";
import { decodeLzma1, LzmaDataError, parseLzmaProps } from "./lzma.js";
import { FormatError, LimitError, type ByteSource } from "../../core/bytes.js";

/** Ratios are only judged once a member has inflated past this many bytes (tiny JSON compresses well). */
export const RATIO_FLOOR_BYTES = 1024 * 1024;
// 64 KiB pushes: fflate is ~5x faster than with 16 KiB; one push yields at most ~64 MiB before the caps are checked.
const CHUNK = 64 * 1024;

export class BombError extends LimitError {
  constructor(
    message: string,
    readonly member: string,
    readonly compressedSize: number,
    readonly inflatedSoFar: number,
  ) {
    super(message);
    this.name = "BombError";
  }
}

/** Bytes inflated so far from one archive (shared by all its members, nested ones included). */
export class InflateBudget {
  used = 0;
  constructor(
    readonly maxTotal: number,
    readonly maxRatio: number,
  ) {}
}

/** Checks declared sizes before inflating anything. Returns a reason when they already describe a bomb. */
export function declaredBomb(size: number, compressed: number, budget: InflateBudget): string | undefined {
  if (size > budget.maxTotal) return `declares ${size} bytes inflated, over the ${budget.maxTotal}-byte limit`;
  if (size > RATIO_FLOOR_BYTES && size > budget.maxRatio * Math.max(compressed, 1))
    return `declares a ${Math.round(size / Math.max(compressed, 1))}:1 compression ratio (limit ${budget.maxRatio}:1)`;
  return undefined;
}

interface Sink {
  chunks: Uint8Array[];
  total: number;
}

function collect(sink: Sink): Uint8Array {
  if (sink.chunks.length === 1) return sink.chunks[0]!;
  const out = new Uint8Array(sink.total);
  let o = 0;
  for (const c of sink.chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

interface Decoder {
  push(chunk: Uint8Array, final?: boolean): void;
}

async function run(
  make: (ondata: (d: Uint8Array, final: boolean) => void) => Decoder,
  src: ByteSource,
  start: number,
  compressed: number,
  name: string,
  budget: InflateBudget,
  /** Stop (without error) once this many bytes are out: what a reader bounded by the declared size sees. */
  outputCap: number,
): Promise<{ data: Uint8Array; ended: boolean }> {
  const sink: Sink = { chunks: [], total: 0 };
  let ended = false;
  let full = false;
  const check = () => {
    if (budget.used + sink.total > budget.maxTotal)
      throw new BombError(`${name}: inflates past the ${budget.maxTotal}-byte limit for one archive`, name, compressed, sink.total);
    if (sink.total > RATIO_FLOOR_BYTES && sink.total > budget.maxRatio * Math.max(compressed, 1))
      throw new BombError(`${name}: compression ratio above ${budget.maxRatio}:1 (${sink.total} bytes from ${compressed})`, name, compressed, sink.total);
  };
  const dec = make((d, final) => {
    if (full) return;
    let piece = d;
    if (sink.total + piece.length > outputCap) {
      piece = piece.subarray(0, outputCap - sink.total);
      full = true;
    }
    sink.chunks.push(piece); // fflate hands out a fresh array per push (slc), no copy needed
    sink.total += piece.length;
    if (final) ended = true;
    check();
  });
  try {
    for (let off = 0; off < compressed && !full && !ended; off += CHUNK) {
      const n = Math.min(CHUNK, compressed - off);
      const chunk = await src.read(start + off, n);
      if (chunk.length < n) throw new FormatError(`${name}: compressed data truncated`);
      dec.push(chunk, off + n >= compressed);
    }
  } catch (e) {
    if (e instanceof LimitError || e instanceof FormatError) throw e;
    throw new FormatError(`${name}: corrupt compressed data (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    // Bytes inflated before a bomb was stopped count too: the archive's budget measures work done.
    budget.used += sink.total;
  }
  return { data: collect(sink), ended: ended || full };
}

/** Inflates a raw-deflate zip member, stopping at its declared size as Python's ZipExtFile does. */
export async function inflateRaw(src: ByteSource, start: number, compressed: number, declaredSize: number, name: string, budget: InflateBudget): Promise<Uint8Array> {
  const r = await run((ondata) => new Inflate(ondata), src, start, compressed, name, budget, declaredSize);
  if (r.data.length < declaredSize) throw new FormatError(`${name}: compressed stream ended after ${r.data.length} of ${declaredSize} declared bytes`);
  return r.data;
}

/**
 * Gunzips a source as a stream: each inflated chunk goes to `sink` (which may throw to stop), under
 * the same budget and ratio caps. Nothing is retained here.
 */
export async function gunzipStream(src: ByteSource, name: string, budget: InflateBudget, sink: (chunk: Uint8Array) => void, members?: GzipMember[]): Promise<number> {
  let total = 0;
  let ended = false;
  // each member's start and the CRC-32 and size of what it inflated (its trailer is checked against them)
  let current: GzipMember = { start: 0, crc: 0, size: 0 };
  const check = () => {
    if (budget.used + total > budget.maxTotal) throw new BombError(`${name}: inflates past the ${budget.maxTotal}-byte limit for one archive`, name, src.size, total);
    if (total > RATIO_FLOOR_BYTES && total > budget.maxRatio * Math.max(src.size, 1))
      throw new BombError(`${name}: compression ratio above ${budget.maxRatio}:1 (${total} bytes from ${src.size})`, name, src.size, total);
  };
  const dec = new Gunzip((d, final) => {
    total += d.length;
    if (members) {
      current.crc = crc32(d, current.crc);
      current.size += d.length;
    }
    if (final) ended = true;
    check();
    sink(d);
  });
  dec.onmember = (offset) => {
    if (!members || offset === current.start) return;
    members.push(current);
    current = { start: offset, crc: 0, size: 0 };
  };
  try {
    for (let off = 0; off < src.size && !ended; off += CHUNK) {
      const n = Math.min(CHUNK, src.size - off);
      const chunk = await src.read(off, n);
      if (chunk.length < n) throw new FormatError(`${name}: compressed data truncated`);
      dec.push(chunk, off + n >= src.size);
    }
  } catch (e) {
    if (e instanceof LimitError || e instanceof FormatError) throw e;
    throw new FormatError(`${name}: corrupt compressed data (${e instanceof Error ? e.message : String(e)})`);
  } finally {
    budget.used += total;
  }
  if (!ended) throw new FormatError(`${name}: gzip stream truncated`);
  members?.push(current);
  return total;
}

/** A gzip member: where it starts in the stream, the CRC-32 and size of the bytes it inflated to. */
export interface GzipMember {
  start: number;
  crc: number;
  size: number;
}

/**
 * Checks every member's trailer (CRC-32 and size of what it inflated, the 8 bytes before the next member or the
 * end of the stream) as Python's gzip module and TensorFlow's ZLIB reader do; `trailer(end)` gives the 8 bytes
 * before `end`. The problem found, or undefined.
 */
export function gzipMembersProblem(members: readonly GzipMember[], size: number, trailer: (end: number) => Uint8Array): string | undefined {
  if (size < 18) return `gzip stream truncated: ${size} bytes, too short for a header and a trailer`;
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!;
    const end = k + 1 < members.length ? members[k + 1]!.start : size;
    if (end - m.start < 18) return `gzip member ${k + 1} truncated: ${end - m.start} bytes`;
    const t = trailer(end);
    const dv = new DataView(t.buffer, t.byteOffset, 8);
    const wantCrc = dv.getUint32(0, true);
    const wantSize = dv.getUint32(4, true);
    const which = members.length > 1 ? ` (member ${k + 1} of ${members.length})` : "";
    if (wantSize !== m.size % 2 ** 32) return `gzip stream truncated or corrupt${which}: its trailer gives ${wantSize} bytes inflated, the stream gave ${m.size}`;
    if (wantCrc !== m.crc) return `gzip stream corrupt or truncated${which}: CRC-32 ${m.crc.toString(16)} of the inflated data does not match the trailer's ${wantCrc.toString(16)}`;
  }
  return undefined;
}

/**
 * Gunzips bytes in memory, every member, each trailer checked (gzipMembersProblem); undefined when the stream is
 * corrupt, truncated or inflates past `maxOut` bytes.
 */
export function gunzipChecked(b: Uint8Array, maxOut: number): Uint8Array | undefined {
  const members: GzipMember[] = [];
  let current: GzipMember = { start: 0, crc: 0, size: 0 };
  const parts: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  try {
    const dec = new Gunzip((d, final) => {
      if ((total += d.length) > maxOut) throw new OutputFull();
      current.crc = crc32(d, current.crc);
      current.size += d.length;
      parts.push(d);
      if (final) ended = true;
    });
    dec.onmember = (offset) => {
      if (offset === current.start) return;
      members.push(current);
      current = { start: offset, crc: 0, size: 0 };
    };
    dec.push(b, true);
  } catch {
    return undefined;
  }
  members.push(current);
  if (!ended || gzipMembersProblem(members, b.length, (end) => b.subarray(end - 8, end))) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

/** Gunzips a whole source (every gzip member, as Python's gzip module reads them). */
export async function gunzip(src: ByteSource, name: string, budget: InflateBudget): Promise<Uint8Array> {
  const r = await run((ondata) => new Gunzip(ondata), src, 0, src.size, name, budget, Number.MAX_SAFE_INTEGER);
  if (!r.ended) throw new FormatError(`${name}: gzip stream truncated`);
  return r.data;
}

/** Thrown by an output sink to stop a decoder at the member's declared size (zipfile reads no further). */
class OutputFull extends Error {}

/** Reads a member's compressed bytes whole (bzip2 and LZMA decoders here take one buffer). */
async function readCompressed(src: ByteSource, start: number, compressed: number, name: string): Promise<Uint8Array> {
  const data = await src.read(start, compressed);
  if (data.length < compressed) throw new FormatError(`${name}: compressed data truncated`);
  return data;
}

function reserve(budget: InflateBudget, declaredSize: number, compressed: number, name: string): void {
  if (budget.used + declaredSize > budget.maxTotal)
    throw new BombError(`${name}: inflates past the ${budget.maxTotal}-byte limit for one archive`, name, compressed, 0);
}

/**
 * A bzip2 zip member (method 12) as zipfile reads it: one bzip2 stream (bz2.BZ2Decompressor stops at
 * its end), output cut at the declared size. seek-bzip decodes; every byte goes through our bounded sink.
 */
export async function bunzip2Member(src: ByteSource, start: number, compressed: number, declaredSize: number, name: string, budget: InflateBudget): Promise<Uint8Array> {
  reserve(budget, declaredSize, compressed, name);
  const input = await readCompressed(src, start, compressed, name);
  const out = new Uint8Array(declaredSize);
  let pos = 0;
  let inPos = 0;
  ensureBufferGlobal();
  try {
    Bunzip.decode(
      {
        readByte: () => {
          if (inPos >= input.length) throw new FormatError(`${name}: bzip2 stream truncated`);
          return input[inPos++]!;
        },
        read: (buf: Uint8Array, off: number, len: number) => {
          if (inPos >= input.length) return -1;
          const n = Math.min(len, input.length - inPos);
          buf.set(input.subarray(inPos, inPos + n), off);
          inPos += n;
          return n;
        },
        eof: () => inPos >= input.length,
      },
      {
        writeByte: (b: number) => {
          if (pos >= declaredSize) throw new OutputFull();
          out[pos++] = b;
        },
      },
      false,
    );
  } catch (e) {
    if (!(e instanceof OutputFull)) {
      if (e instanceof FormatError) throw e;
      throw new FormatError(`${name}: corrupt bzip2 data (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  budget.used += pos;
  // A stream that ends early is what zipfile returns too (the CRC check then decides).
  return pos < declaredSize ? out.subarray(0, pos) : out;
}

/**
 * An LZMA zip member (method 14) as zipfile reads it: 2-byte version, 2-byte properties size, the
 * LZMA1 properties (5 bytes, as liblzma requires), then a raw LZMA1 stream, cut at the declared size.
 * Our decoder (lzma.ts) writes through a cap at the declared size and grows its buffer as it writes.
 */
export async function unlzmaMember(src: ByteSource, start: number, compressed: number, declaredSize: number, name: string, budget: InflateBudget): Promise<Uint8Array> {
  reserve(budget, declaredSize, compressed, name);
  const data = await readCompressed(src, start, compressed, name);
  if (data.length < 4) throw new FormatError(`${name}: LZMA header truncated`);
  const psize = data[2]! | (data[3]! << 8);
  if (psize !== 5) throw new FormatError(`${name}: LZMA properties of ${psize} bytes (liblzma needs 5)`);
  if (data.length < 9) throw new FormatError(`${name}: LZMA properties truncated`);
  const props = parseLzmaProps(data[4]!);
  if (!props) throw new FormatError(`${name}: invalid LZMA properties`);
  if (declaredSize === 0) return new Uint8Array(0);
  let out: Uint8Array;
  try {
    out = decodeLzma1(data.subarray(9), props, declaredSize).data;
  } catch (e) {
    if (!(e instanceof LzmaDataError)) throw e;
    throw new FormatError(`${name}: corrupt LZMA data (${e.message})`);
  }
  budget.used += out.length;
  // A stream that ends early (end marker, or input spent) is what zipfile returns too (the CRC check then decides).
  return out;
}

/**
 * seek-bzip allocates its small work arrays with `new Buffer(n)` and reads block magics with
 * `toString("hex")`. Node has Buffer; in the browser page a zero-filled Uint8Array with that one
 * method is all those calls need.
 */
export function ensureBufferGlobal(): void {
  const g = globalThis as { Buffer?: unknown };
  if (g.Buffer !== undefined) return;
  g.Buffer = class extends Uint8Array {
    override toString(): string {
      let s = "";
      for (const b of this) s += b.toString(16).padStart(2, "0");
      return s;
    }
  };
}
