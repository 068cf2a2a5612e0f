// Measures what a decompression of a constant in a Lambda's bytecode would build at load (bz2/lzma/gzip/zlib
// .decompress of bytes in co_consts): the data is decoded here as a stream, nothing kept, and stopped at a cap, so a
// 3 kB constant that inflates to gigabytes costs the scan at most `cap` bytes of decoding. Decoders: fflate (zlib,
// raw deflate, gzip), seek-bzip (bzip2) and our LZMA1 reader (lzma's FORMAT_ALONE); an .xz stream (LZMA2) or a raw
// LZMA filter chain is not decoded here: its output is not measured.
import { Gunzip, Inflate, Unzlib } from "fflate";
import Bunzip from "seek-bzip";
import { decodeLzma1, parseLzmaProps } from "../formats/archive/lzma.js";

/** What decoding gave: "within" (it ends, or fails, below the cap), "capped" (reached the cap), "unmeasured" (why). */
export type Measured = { k: "within"; bytes: number } | { k: "capped" } | { k: "unmeasured"; why: string };

/** Which decompressor reads the data: Python's codec family. */
export type Codec = "bz2" | "gzip" | "zlib" | "deflate" | "zlib-auto" | "lzma" | "lzma-alone" | "lzma-other";

class Full extends Error {}

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
        const g = globalThis as { Buffer?: unknown };
        if (g.Buffer === undefined) return { k: "unmeasured", why: "no bzip2 decoder in this runtime" };
        Bunzip.decode(
          {
            readByte: () => {
              if (inPos >= data.length) throw new Error("truncated");
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
        if (codec === "lzma" && data.length >= 6 && data[0] === 0xfd && data[1] === 0x37 && data[2] === 0x7a && data[3] === 0x58 && data[4] === 0x5a && data[5] === 0) return { k: "unmeasured", why: "an .xz stream (LZMA2), which graphwarden does not decode" };
        // FORMAT_ALONE: properties byte, 4-byte dictionary size, 8-byte uncompressed size (all ones: not given)
        const props = data.length >= 13 ? parseLzmaProps(data[0]!) : null;
        if (!props) return { k: "unmeasured", why: "neither an .xz nor an .lzma stream graphwarden reads" };
        // (a declared size is where liblzma stops: read no further)
        let declared = 0n;
        for (let i = 12; i >= 5; i--) declared = (declared << 8n) | BigInt(data[i]!);
        const limit = declared === 0xffffffffffffffffn || declared > BigInt(cap) ? cap + 1 : Number(declared);
        const out = decodeLzma1(data.subarray(13), props, limit);
        count(out.data.length > cap ? cap + 1 : Math.min(out.data.length, cap));
        break;
      }
    }
  } catch (e) {
    if (e instanceof Full) return { k: "capped" };
    // (data the decoder here cannot read: Python's may read further than this one, fail closed)
    return { k: "unmeasured", why: `the decoder stopped after ${total} bytes on data it could not read (${e instanceof Error ? cutWhy(e.message) : "error"})` };
  }
  return { k: "within", bytes: total };
}
