// Measures what a decompression of a constant in a Lambda's bytecode would build at load (bz2/lzma/gzip/zlib
// .decompress of bytes in co_consts): the data is decoded here as a stream, nothing kept, and stopped at a cap, so a
// 3 kB constant that inflates to gigabytes costs the scan at most `cap` bytes of decoding. Decoders: fflate (zlib,
// raw deflate, gzip), seek-bzip (bzip2) and our LZMA1 reader (lzma's FORMAT_ALONE); an .xz file is measured without
// decoding, by the unpacked sizes its LZMA2 chunks declare (xzSize); a raw LZMA filter chain, or data a decoder here
// cannot read, is not measured (the caller fails closed).
import { Gunzip, Inflate, Unzlib } from "fflate";
import Bunzip from "seek-bzip";
import { decodeLzma1, parseLzmaProps } from "../formats/archive/lzma.js";
import { ensureBufferGlobal } from "../formats/archive/inflate.js";

/** What decoding gave: "within" (it ends, or fails, below the cap), "capped" (reached the cap), "unmeasured" (why). */
export type Measured = { k: "within"; bytes: number } | { k: "capped" } | { k: "unmeasured"; why: string };

/** Which decompressor reads the data: Python's codec family. */
export type Codec = "bz2" | "gzip" | "zlib" | "deflate" | "zlib-auto" | "lzma" | "lzma-alone" | "lzma-other";

class Full extends Error {}
/** The bzip2 input ended: a block is output only once read whole (by libbzip2 as by this decoder), so what was counted
 * is what CPython's decompressor gives for the same bytes (a decompressor object waits for more; bz2.decompress
 * raises after building it). */
class InputEnded extends Error {}

function cutWhy(m: string): string {
  return m.length > 80 ? m.slice(0, 79) + "…" : m;
}

const cache = new WeakMap<Uint8Array, Map<string, Measured>>();

/** Decompresses `data` as `codec` reads it, counting and dropping the output, stopped once it passes `cap` bytes. */
export function measureDecompressed(codec: Codec, data: Uint8Array, cap: number, multi = true): Measured {
  const key = `${codec}/${cap}/${multi}`;
  const hit = cache.get(data)?.get(key);
  if (hit !== undefined) return hit;
  const r = measure(codec, data, cap, multi);
  let m = cache.get(data);
  if (m === undefined) cache.set(data, (m = new Map()));
  m.set(key, r);
  return r;
}

function measure(codec: Codec, data: Uint8Array, cap: number, multi: boolean): Measured {
  let total = 0;
  const count = (n: number): void => {
    if ((total += n) > cap) throw new Full();
  };
  try {
    switch (codec) {
      case "bz2": {
        let inPos = 0;
        ensureBufferGlobal();
        Bunzip.decode(
          {
            readByte: () => {
              if (inPos >= data.length) throw new InputEnded("truncated");
              return data[inPos++]!;
            },
            read: (buf: Uint8Array, off: number, len: number) => {
              if (inPos >= data.length) return -1;
              const n = Math.min(len, data.length - inPos);
              buf.set(data.subarray(inPos, inPos + n), off);
              inPos += n;
              return n;
            },
            eof: () => inPos >= data.length,
          },
          { writeByte: () => count(1) },
          multi,
        );
        break;
      }
      case "gzip":
      case "zlib":
      case "deflate":
      case "zlib-auto": {
        const kind = codec === "zlib-auto" ? (data[0] === 0x1f && data[1] === 0x8b ? "gzip" : "zlib") : codec;
        const onData = (d: Uint8Array): void => count(d.length);
        const dec = kind === "gzip" ? new Gunzip(onData) : kind === "zlib" ? new Unzlib(onData) : new Inflate(onData);
        for (let i = 0; i < data.length; i += 65536) dec.push(data.subarray(i, i + 65536), i + 65536 >= data.length);
        break;
      }
      case "lzma-other":
        return { k: "unmeasured", why: "an LZMA format or filter chain graphwarden does not decode (FORMAT_XZ / FORMAT_RAW)" };
      case "lzma-alone":
      case "lzma": {
        // lzma.decompress (multi) decodes stream after stream while bytes remain (a new decompressor on each
        // unused_data, Lib/lzma.py), stopping quietly at trailing bytes that are not a stream once one was read
        let at = 0;
        for (let streams = 0; at < data.length && (streams === 0 || multi); streams++) {
          const rest = data.subarray(at);
          if (codec === "lzma" && isXz(rest, 0)) {
            const n = xzSize(rest);
            if (n === undefined) return { k: "unmeasured", why: "an .xz stream whose block and chunk structure graphwarden cannot walk" };
            count(Math.min(n, cap + 1));
            break;
          }
          // FORMAT_ALONE: properties byte, 4-byte dictionary size, 8-byte uncompressed size (all ones: not given)
          const props = rest.length >= 13 ? parseLzmaProps(rest[0]!) : null;
          if (!props) {
            if (streams > 0) break;
            return { k: "unmeasured", why: "neither an .xz nor an .lzma stream graphwarden reads" };
          }
          // (a declared size is where liblzma stops: read no further)
          let declared = 0n;
          for (let i = 12; i >= 5; i--) declared = (declared << 8n) | BigInt(rest[i]!);
          const room = cap + 1 - total;
          const limit = declared === 0xffffffffffffffffn || declared > BigInt(room) ? room : Number(declared);
          let out;
          try {
            out = decodeLzma1(rest.subarray(13), props, limit);
          } catch (e) {
            // (a later "stream" that does not decode: CPython's loop ignores the leftover data)
            if (streams > 0) break;
            throw e;
          }
          count(out.data.length);
          if (out.end === "input" || out.consumed === undefined) break;
          at += 13 + out.consumed;
        }
        break;
      }
    }
  } catch (e) {
    if (e instanceof Full) return { k: "capped" };
    if (e instanceof InputEnded) return { k: "within", bytes: total };
    // (data the decoder here cannot read: Python's may read further than this one, fail closed)
    return { k: "unmeasured", why: `the decoder stopped after ${total} bytes on data it could not read (${e instanceof Error ? cutWhy(e.message) : "error"})` };
  }
  return { k: "within", bytes: total };
}

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0];

function isXz(d: Uint8Array, at: number): boolean {
  return d.length >= at + 12 && XZ_MAGIC.every((b, i) => d[at + i] === b);
}

/** An .xz check's size in bytes, by its type (the stream flags' low nibble). */
function checkSize(t: number): number {
  return t === 0 ? 0 : 4 << Math.floor((t - 1) / 3);
}

/**
 * The bytes an .xz file (one or more streams, as lzma.decompress reads them) decompresses to, without decoding it:
 * each block's LZMA2 chunks declare their unpacked sizes (a decoder must produce exactly that many bytes of each, and
 * filters before LZMA2 such as BCJ or delta keep the size), so their sum bounds the output; undefined when the
 * structure cannot be walked (fail closed: not measured).
 */
export function xzSize(d: Uint8Array): number | undefined {
  let at = 0;
  let total = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let i = 0; i < 9; i++) {
      if (at >= d.length) return undefined;
      const b = d[at++]!;
      v += (b & 0x7f) * 2 ** (7 * i);
      if (!(b & 0x80)) return v;
    }
    return undefined;
  };
  let streams = 0;
  while (at < d.length) {
    if (streams > 0) {
      // (stream padding: null bytes in groups of four between streams)
      while (at + 4 <= d.length && d[at] === 0 && d[at + 1] === 0 && d[at + 2] === 0 && d[at + 3] === 0) at += 4;
      if (at >= d.length) break;
    }
    if (!isXz(d, at)) return undefined;
    const check = checkSize(d[at + 7]! & 0x0f);
    at += 12;
    streams++;
    // blocks, until the index indicator (a 0x00 where a block header's size byte would be)
    for (;;) {
      if (at >= d.length) return undefined;
      const hs = d[at]!;
      if (hs === 0) break;
      const headerEnd = at + (hs + 1) * 4;
      if (headerEnd > d.length) return undefined;
      const flags = d[at + 1]!;
      at += 2;
      if (flags & 0x40 && varint() === undefined) return undefined;
      if (flags & 0x80 && varint() === undefined) return undefined;
      let last = -1;
      for (let f = 0; f <= (flags & 3); f++) {
        const id = varint();
        const ps = varint();
        if (id === undefined || ps === undefined) return undefined;
        at += ps;
        last = id;
      }
      // (only LZMA2, the last filter of every chain liblzma builds, declares chunk sizes)
      if (last !== 0x21 || at > headerEnd) return undefined;
      at = headerEnd;
      const start = at;
      for (;;) {
        if (at >= d.length) return undefined;
        const c = d[at]!;
        if (c === 0) {
          at++;
          break;
        }
        if (c === 1 || c === 2) {
          if (at + 3 > d.length) return undefined;
          const n = ((d[at + 1]! << 8) | d[at + 2]!) + 1;
          total += n;
          at += 3 + n;
        } else if (c >= 0x80) {
          if (at + 5 > d.length) return undefined;
          total += (c & 0x1f) * 65536 + ((d[at + 1]! << 8) | d[at + 2]!) + 1;
          const packed = ((d[at + 3]! << 8) | d[at + 4]!) + 1;
          at += 5 + (c >= 0xc0 ? 1 : 0) + packed;
        } else return undefined;
      }
      // block padding to a multiple of four, then the check
      at += (4 - ((at - start) % 4)) % 4 + check;
    }
    // the index: indicator, record count, records, padding, CRC32; then the 12-byte stream footer
    at++;
    const records = varint();
    if (records === undefined) return undefined;
    for (let r = 0; r < records; r++) if (varint() === undefined || varint() === undefined) return undefined;
    at += (4 - (at % 4)) % 4;
    at += 4 + 12;
    if (at > d.length) return undefined;
  }
  return total;
}
