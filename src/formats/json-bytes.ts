// Own decoder because the loader's json.loads(bytes) picks the encoding (UTF-8/-16/-32, BOM rules) and decodes with 'surrogatepass', which TextDecoder cannot reproduce.
// Keras reads config.json / metadata.json as bytes and hands them to Python's json.loads, which
// detects UTF-8 (with or without BOM), UTF-16 LE/BE and UTF-32 LE/BE from the first bytes and
// accepts encoded lone surrogates. We decode exactly what the loader decodes and fail where it
// fails. Proven against CPython by tests/formats/json-bytes.test.ts (vectors from
// tools/gen-json-vectors.py).
import { FormatError } from "../core/bytes.js";

export type JsonEncoding = "utf-8" | "utf-8-sig" | "utf-16" | "utf-16-le" | "utf-16-be" | "utf-32" | "utf-32-le" | "utf-32-be";

function startsWithBytes(b: Uint8Array, ...p: number[]): boolean {
  if (b.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[i] !== p[i]) return false;
  return true;
}

/** The encoding CPython's json.detect_encoding chooses for `b` (BOMs first, then zero-byte patterns). */
export function detectJsonEncoding(b: Uint8Array): JsonEncoding {
  if (startsWithBytes(b, 0x00, 0x00, 0xfe, 0xff) || startsWithBytes(b, 0xff, 0xfe, 0x00, 0x00)) return "utf-32";
  if (startsWithBytes(b, 0xfe, 0xff) || startsWithBytes(b, 0xff, 0xfe)) return "utf-16";
  if (startsWithBytes(b, 0xef, 0xbb, 0xbf)) return "utf-8-sig";
  if (b.length >= 4) {
    if (b[0] === 0) return b[1] ? "utf-16-be" : "utf-32-be";
    if (b[1] === 0) return b[2] || b[3] ? "utf-16-le" : "utf-32-le";
  } else if (b.length === 2) {
    if (b[0] === 0) return "utf-16-be";
    if (b[1] === 0) return "utf-16-le";
  }
  return "utf-8";
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

class Chars {
  private parts: string[] = [];
  private buf: number[] = [];
  push(u: number): void {
    this.buf.push(u);
    if (this.buf.length >= 0x4000) this.flush();
  }
  pushCodePoint(cp: number): void {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      this.push(0xd800 + (cp >> 10));
      this.push(0xdc00 + (cp & 0x3ff));
    } else this.push(cp);
  }
  private flush(): void {
    this.parts.push(String.fromCharCode(...this.buf));
    this.buf = [];
  }
  toString(): string {
    this.flush();
    return this.parts.join("");
  }
}

function fail(enc: string, at: number, why: string): never {
  throw new FormatError(`'${enc}' codec can't decode byte at position ${at}: ${why} (the loader's json.loads fails too)`);
}

/** UTF-8 as Python decodes it with 'surrogatepass': strict, except that encoded surrogates (ED A0-BF xx) pass. */
function decodeUtf8Pass(b: Uint8Array, enc: string): string {
  try {
    return utf8Fatal.decode(b);
  } catch {
    /* slow path below: strict UTF-8 that lets encoded surrogates through */
  }
  const out = new Chars();
  let i = 0;
  const cont = (k: number): boolean => k < b.length && (b[k]! & 0xc0) === 0x80;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      out.push(c);
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (!cont(i + 1)) fail(enc, i, "invalid continuation byte");
      out.push(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f));
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const c1 = b[i + 1];
      const okSecond = c1 !== undefined && (c === 0xe0 ? c1 >= 0xa0 && c1 <= 0xbf : (c1 & 0xc0) === 0x80);
      if (!okSecond || !cont(i + 2)) fail(enc, i, "invalid continuation byte");
      // c === 0xed with c1 >= 0xa0 is an encoded surrogate: strict UTF-8 rejects it, surrogatepass keeps it.
      out.push(((c & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (b[i + 2]! & 0x3f));
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const c1 = b[i + 1];
      const okSecond = c1 !== undefined && (c === 0xf0 ? c1 >= 0x90 && c1 <= 0xbf : c === 0xf4 ? c1 >= 0x80 && c1 <= 0x8f : (c1 & 0xc0) === 0x80);
      if (!okSecond || !cont(i + 2) || !cont(i + 3)) fail(enc, i, "invalid continuation byte");
      out.pushCodePoint(((c & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f));
      i += 4;
    } else fail(enc, i, "invalid start byte");
  }
  return out.toString();
}

/** UTF-16 code units, verbatim (surrogatepass lets unpaired surrogates through); an odd tail fails. */
function decodeUtf16(b: Uint8Array, le: boolean, enc: string): string {
  if (b.length % 2) fail(enc, b.length - 1, "truncated data");
  const out = new Chars();
  for (let i = 0; i < b.length; i += 2) out.push(le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  return out.toString();
}

/** UTF-32 code points up to U+10FFFF (surrogates pass); a partial unit or a larger value fails. */
function decodeUtf32(b: Uint8Array, le: boolean, enc: string): string {
  const out = new Chars();
  const whole = b.length - (b.length % 4);
  for (let i = 0; i < whole; i += 4) {
    const cp = le
      ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0
      : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    if (cp > 0x10ffff) fail(enc, i, "code point not in range(0x110000)");
    out.pushCodePoint(cp);
  }
  if (whole !== b.length) fail(enc, whole, "truncated data");
  return out.toString();
}

/** Decodes JSON bytes exactly as `json.loads(bytes)` does before parsing; throws FormatError where it raises. */
export function decodeJsonBytes(b: Uint8Array): string {
  const enc = detectJsonEncoding(b);
  switch (enc) {
    case "utf-8":
      return decodeUtf8Pass(b, enc);
    case "utf-8-sig":
      return decodeUtf8Pass(b.subarray(3), enc);
    case "utf-16":
      return decodeUtf16(b.subarray(2), b[0] === 0xff, enc);
    case "utf-16-le":
      return decodeUtf16(b, true, enc);
    case "utf-16-be":
      return decodeUtf16(b, false, enc);
    case "utf-32":
      return decodeUtf32(b.subarray(4), b[0] === 0xff, enc);
    case "utf-32-le":
      return decodeUtf32(b, true, enc);
    case "utf-32-be":
      return decodeUtf32(b, false, enc);
  }
}

/** Does this head look like JSON text (an object or array) in any encoding json.loads detects, or whitespace before it? */
export function looksLikeJsonBytes(head: Uint8Array): boolean {
  const enc = detectJsonEncoding(head);
  const unit = enc.startsWith("utf-32") ? 4 : enc.startsWith("utf-16") ? 2 : 1;
  let start = enc === "utf-8-sig" ? 3 : enc === "utf-16" ? 2 : enc === "utf-32" ? 4 : 0;
  const le = enc === "utf-16" || enc === "utf-32" ? head[0] === 0xff : enc.endsWith("-le");
  for (; start + unit <= head.length; start += unit) {
    let c = 0;
    for (let k = 0; k < unit; k++) {
      const byte = head[start + (le ? unit - 1 - k : k)]!;
      c = c * 256 + byte;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  // a head of whitespace only: JSON may follow past it (json.loads skips any amount); a short or empty file is not
  return head.length >= 1024;
}
