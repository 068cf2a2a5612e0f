// Test helpers: a tiny hand-rolled zip writer (stored members, any names, duplicates, attributes)
// and fixture access for the container tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { crc32 } from "../../src/formats/archive/crc32.js";
import type { Finding, Report } from "../../src/core/types.js";
import { severityRank } from "../../src/core/types.js";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/containers/", import.meta.url));
export const CORPUS = fileURLToPath(new URL("../../../shared/corpus/realworld/", import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export interface RawMember {
  name: string | Uint8Array;
  data: Uint8Array | string;
  /** Unix mode for the external attributes (create system 3). */
  mode?: number;
  flags?: number;
  extra?: Uint8Array;
}

const enc = new TextEncoder();

/** Builds a stored zip with exactly these central-directory entries, in order. */
export function makeZip(members: RawMember[], opts: { comment?: Uint8Array; prepend?: Uint8Array } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const cds: Uint8Array[] = [];
  let off = opts.prepend?.length ?? 0;
  for (const m of members) {
    const name = typeof m.name === "string" ? enc.encode(m.name) : m.name;
    const data = typeof m.data === "string" ? enc.encode(m.data) : m.data;
    const extra = m.extra ?? new Uint8Array();
    const crc = crc32(data);
    const lh = new Uint8Array(30 + name.length + data.length);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, m.flags ?? 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, name.length, true);
    lh.set(name, 30);
    lh.set(data, 30 + name.length);
    const cd = new Uint8Array(46 + name.length + extra.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, (3 << 8) | 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, m.flags ?? 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, extra.length, true);
    cv.setUint32(38, ((m.mode ?? 0o100644) << 16) >>> 0, true);
    cv.setUint32(42, off - (opts.prepend?.length ?? 0), true);
    cd.set(name, 46);
    cd.set(extra, 46 + name.length);
    locals.push(lh);
    cds.push(cd);
    off += lh.length;
  }
  const comment = opts.comment ?? new Uint8Array();
  const cdSize = cds.reduce((a, b) => a + b.length, 0);
  const cdOffset = off - (opts.prepend?.length ?? 0);
  const eocd = new Uint8Array(22 + comment.length);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(members.length, 0xffff), true);
  ev.setUint16(10, Math.min(members.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, cdOffset, true);
  ev.setUint16(20, comment.length, true);
  eocd.set(comment, 22);
  const parts = [opts.prepend ?? new Uint8Array(), ...locals, ...cds, eocd];
  const out = new Uint8Array(parts.reduce((a, b) => a + b.length, 0));
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

/** Findings above low (the false-positive bar). */
export function aboveLow(r: Report): Finding[] {
  return r.findings.filter((f) => severityRank(f.severity) > severityRank("low"));
}

export function rules(r: Report): string[] {
  return [...new Set(r.findings.map((f) => f.rule))].sort();
}

/** Builds a ustar archive of regular files (names under 100 bytes). */
export function makeTar(files: [string, Uint8Array][]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, data] of files) {
    const h = new Uint8Array(512);
    const put = (s: string, off: number) => h.set(enc.encode(s), off);
    put(name, 0);
    put("0000644\0", 100);
    put("0000000\0", 108);
    put("0000000\0", 116);
    put(data.length.toString(8).padStart(11, "0") + "\0", 124);
    put("00000000000\0", 136);
    put("        ", 148);
    put("0", 156);
    put("ustar\0", 257);
    put("00", 263);
    let sum = 0;
    for (const b of h) sum += b;
    put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    blocks.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((a, b) => a + b.length, 0));
  let p = 0;
  for (const b of blocks) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}
