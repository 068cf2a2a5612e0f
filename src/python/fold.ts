// Constant folding helpers for decoders that malicious Lambdas use to hide names and payloads.
import type { PyValue } from "./marshal.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** Like binascii.a2b_base64 (non-strict): skips characters outside the alphabet; undefined on bad padding. */
export function decodeBase64Bytes(s: string): Uint8Array | undefined {
  const chars: number[] = [];
  let pad = 0;
  for (const c of s) {
    if (c === "=") {
      pad++;
      continue;
    }
    const v = B64_INDEX.get(c);
    if (v === undefined) continue;
    if (pad) return undefined; // data after padding
    chars.push(v);
  }
  if (chars.length % 4 === 1) return undefined;
  if (chars.length % 4 !== 0 && (chars.length % 4) + pad < 4) return undefined; // "Incorrect padding"
  const out = new Uint8Array(Math.floor((chars.length * 3) / 4));
  let o = 0;
  for (let i = 0; i + 1 < chars.length; i += 4) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    const c = chars[i + 2];
    const d = chars[i + 3];
    out[o++] = (a << 2) | (b >> 4);
    if (c !== undefined) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (c !== undefined && d !== undefined) out[o++] = ((c & 3) << 6) | d;
  }
  return out.subarray(0, o);
}

function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function latin(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

/** codecs.decode / codecs.encode of a constant with a named codec, where the result is constant. */
export function decodeCodecs(v: PyValue, encoding: string): PyValue | undefined {
  const enc = encoding.toLowerCase().replace(/-/g, "_");
  if ((enc === "rot13" || enc === "rot_13") && v.t === "str") return { t: "str", v: rot13(v.v) };
  const bytes = v.t === "bytes" ? v.v : v.t === "str" ? Uint8Array.from([...v.v].map((c) => c.charCodeAt(0) & 0xff)) : undefined;
  if (!bytes) return undefined;
  if (enc === "base64" || enc === "base_64" || enc === "base64_codec") {
    const r = decodeBase64Bytes(latin(bytes));
    return r ? { t: "bytes", v: r } : undefined;
  }
  if (enc === "hex" || enc === "hex_codec") {
    const s = latin(bytes);
    if (!/^([0-9a-fA-F]{2})*$/.test(s)) return undefined;
    return { t: "bytes", v: Uint8Array.from((s.match(/../g) ?? []).map((h) => parseInt(h, 16))) };
  }
  if (v.t === "bytes" && (enc === "utf_8" || enc === "utf8")) return { t: "str", v: new TextDecoder().decode(v.v) };
  if (v.t === "bytes" && (enc === "latin_1" || enc === "latin1" || enc === "ascii")) return { t: "str", v: latin(v.v) };
  return undefined;
}
