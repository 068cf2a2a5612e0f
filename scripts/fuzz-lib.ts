// Mutation fuzzer for the scan library: seeded from fixtures/, mutating every format (bit flips,
// byte values, truncations, splices, length-field edits, deletions/duplications, nesting in
// zip/tar/gzip). checkOne scans one input in process and says what, if anything, went wrong.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { deflateRawSync, gzipSync } from "node:zlib";
import { scanBytes } from "../src/scanner.js";
import { exitCode } from "../src/report/summary.js";
import { renderJson } from "../src/report/json.js";
import { renderText } from "../src/report/text.js";
import { crc32 } from "../src/formats/archive/crc32.js";

export interface Seed {
  /** Path under fixtures/ (its base name keeps the extension sniffing sees). */
  rel: string;
  name: string;
  data: Uint8Array;
}

/** Every fixture file up to maxBytes (fuzz regressions included: they are seeds too). */
export function loadSeeds(root: string, maxBytes = 1024 * 1024): Seed[] {
  const out: Seed[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      // Links are not followed: a fixture's link may loop (b -> ".") or point out of the tree.
      const st = lstatSync(p);
      if (st.isSymbolicLink()) continue;
      if (st.isDirectory()) walk(p);
      else if (st.size > 0 && st.size <= maxBytes && !/\.(md|py)$/.test(n)) out.push({ rel: relative(root, p), name: n, data: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(root);
  return out;
}

/** mulberry32: small deterministic PRNG, so every input is reproducible from (seed, index). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function bitflip(d: Uint8Array, rnd: Rnd): Uint8Array {
  const out = new Uint8Array(d);
  for (let k = 1 + int(rnd, 8); k > 0 && out.length; k--) out[int(rnd, out.length)]! ^= 1 << int(rnd, 8);
  return out;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x20, 0x0a, 0x22, 0x5b, 0x7b];
function byteset(d: Uint8Array, rnd: Rnd): Uint8Array {
  const out = new Uint8Array(d);
  for (let k = 1 + int(rnd, 16); k > 0 && out.length; k--) out[int(rnd, out.length)] = rnd() < 0.5 ? INTERESTING[int(rnd, INTERESTING.length)]! : int(rnd, 256);
  return out;
}

function truncate(d: Uint8Array, rnd: Rnd): Uint8Array {
  // Half near the end (trailers, central directories), half anywhere.
  const at = rnd() < 0.5 ? Math.max(0, d.length - 1 - int(rnd, Math.min(d.length, 1024))) : int(rnd, d.length);
  return d.slice(0, at);
}

function splice(d: Uint8Array, rnd: Rnd, other: Uint8Array): Uint8Array {
  const len = Math.min(other.length, 1 + int(rnd, 4096));
  const from = int(rnd, Math.max(1, other.length - len));
  const chunk = other.subarray(from, from + len);
  const at = int(rnd, d.length + 1);
  if (rnd() < 0.5) return concat([d.subarray(0, at), chunk, d.subarray(at)]);
  const out = new Uint8Array(d);
  out.set(chunk.subarray(0, Math.max(0, out.length - at)), at);
  return out;
}

function deleteOrDuplicate(d: Uint8Array, rnd: Rnd): Uint8Array {
  const at = int(rnd, d.length + 1);
  const len = Math.min(d.length - at, 1 + int(rnd, 512));
  if (rnd() < 0.5) return concat([d.subarray(0, at), d.subarray(at + len)]);
  const chunk = d.subarray(at, at + len);
  const reps = 1 + int(rnd, 8);
  return concat([d.subarray(0, at + len), ...Array<Uint8Array>(reps).fill(chunk), d.subarray(at + len)]);
}

/**
 * Finds an integer that looks like a length or an offset (little- or big-endian u16/u32/u64, or a
 * protobuf varint) and edits it: zero, off by one, just past the end, huge.
 */
function lengthField(d: Uint8Array, rnd: Rnd): Uint8Array {
  const out = new Uint8Array(d);
  if (out.length < 8) return byteset(out, rnd);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let tries = 0; tries < 256; tries++) {
    const at = int(rnd, out.length - 8);
    const width = [2, 4, 8][int(rnd, 3)]!;
    const le = rnd() < 0.8;
    const v = width === 2 ? dv.getUint16(at, le) : width === 4 ? dv.getUint32(at, le) : Number(dv.getBigUint64(at, le) & 0xffffffffn);
    if (v === 0 || v > out.length * 2) continue;
    const choices = [0, v - 1, v + 1, out.length - at, out.length - at + 1, out.length * 2, 0x7fffffff, 0xffffffff];
    const nv = choices[int(rnd, choices.length)]! >>> 0;
    if (width === 2) dv.setUint16(at, nv & 0xffff, le);
    else if (width === 4) dv.setUint32(at, nv, le);
    else dv.setBigUint64(at, BigInt(nv) * (rnd() < 0.1 ? 0x100000000n : 1n), le);
    return out;
  }
  // A varint length: set one byte with the continuation bit so lengths grow.
  out[int(rnd, out.length)] = 0x80 | int(rnd, 128);
  return out;
}

/** A zip of these members (each stored or raw-deflated), with a matching central directory. */
export function buildZip(members: readonly (readonly [string, Uint8Array])[], deflate: boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  const cens: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const body = deflate ? new Uint8Array(deflateRawSync(data)) : data;
    const fname = new TextEncoder().encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + fname.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, deflate ? 8 : 0, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, fname.length, true);
    local.set(fname, 30);
    const cen = new Uint8Array(46 + fname.length);
    const cv = new DataView(cen.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, deflate ? 8 : 0, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, fname.length, true);
    cv.setUint32(42, offset, true);
    cen.set(fname, 46);
    parts.push(local, body);
    cens.push(cen);
    offset += local.length + body.length;
  }
  const cenBytes = concat(cens);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, members.length, true);
  ev.setUint16(10, members.length, true);
  ev.setUint32(12, cenBytes.length, true);
  ev.setUint32(16, offset, true);
  return concat([...parts, cenBytes, eocd]);
}

function zip(name: string, data: Uint8Array, deflate: boolean): Uint8Array {
  return buildZip([[name, data]], deflate);
}

function tar(name: string, data: Uint8Array): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number) => h.set(new TextEncoder().encode(s), at);
  put(name.slice(0, 99), 0);
  put("0000644\0", 100);
  put("0000000\0", 108);
  put("0000000\0", 116);
  put(data.length.toString(8).padStart(11, "0") + "\0", 124);
  put("00000000000\0", 136);
  put("        ", 148);
  put("0", 156);
  put("ustar\0" + "00", 257);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  const pad = new Uint8Array((512 - (data.length % 512)) % 512);
  return concat([h, data, pad, new Uint8Array(1024)]);
}

/** Wraps the input in a container a loader or the scanner would open. */
function nest(d: Uint8Array, rnd: Rnd, name: string): { data: Uint8Array; name: string } {
  switch (int(rnd, 5)) {
    case 0:
      return { data: zip(name, d, false), name: `${name}.zip` };
    case 1:
      return { data: zip(name, d, true), name: `${name}.zip` };
    case 2:
      return { data: tar(name, d), name: `${name}.tar` };
    case 3:
      return { data: new Uint8Array(gzipSync(tar(name, d))), name: `${name}.tar.gz` };
    default:
      // A Keras v3 archive around it: the member takes the name the loader reads.
      return { data: zip(/\.json$/.test(name) ? "config.json" : "model.weights.h5", d, rnd() < 0.5), name: "model.keras" };
  }
}

export const MUTATORS = ["bitflip", "byteset", "truncate", "splice", "lengthField", "deleteOrDuplicate", "nest"] as const;
export type Mutator = (typeof MUTATORS)[number];

export interface Mutant {
  name: string;
  data: Uint8Array;
  steps: string[];
  seed: string;
}

/** One mutant of a seed: 1-3 mutations, nesting last (so the container itself is sometimes mutated too). */
export function mutate(seeds: readonly Seed[], rnd: Rnd): Mutant {
  const s = seeds[int(rnd, seeds.length)]!;
  let data = s.data;
  let name = s.name;
  const steps: string[] = [];
  const n = 1 + int(rnd, 3);
  for (let k = 0; k < n; k++) {
    const m = MUTATORS[int(rnd, MUTATORS.length)]!;
    steps.push(m);
    switch (m) {
      case "bitflip":
        data = bitflip(data, rnd);
        break;
      case "byteset":
        data = byteset(data, rnd);
        break;
      case "truncate":
        data = truncate(data, rnd);
        break;
      case "splice":
        data = splice(data, rnd, seeds[int(rnd, seeds.length)]!.data);
        break;
      case "lengthField":
        data = lengthField(data, rnd);
        break;
      case "deleteOrDuplicate":
        data = deleteOrDuplicate(data, rnd);
        break;
      case "nest": {
        const r = nest(data, rnd, name);
        data = r.data;
        name = r.name;
        break;
      }
    }
    if (data.length > 8 * 1024 * 1024) data = data.subarray(0, 8 * 1024 * 1024);
  }
  return { name, data, steps, seed: s.rel };
}

export type ProblemKind = "crash" | "bad-exit" | "bad-report" | "hang" | "oom";

export interface CheckResult {
  ms: number;
  exit: number;
  status: string;
  problem?: { kind: ProblemKind; message: string };
}

/** Scans one input in process; a thrown exception, an exit code outside 0/1/2 or a malformed report is a problem. */
export async function checkOne(name: string, data: Uint8Array, budgetMs: number): Promise<CheckResult> {
  const t0 = Date.now();
  try {
    const r = await scanBytes(name, data, { hash: false, limits: { targetTimeoutMs: budgetMs } });
    const exit = exitCode(r, "low");
    const ms = Date.now() - t0;
    const status = r.targets[0]?.status ?? "missing";
    if (r.targets.length !== 1 || !["scanned", "error", "unsupported"].includes(status)) return { ms, exit, status, problem: { kind: "bad-report", message: `targets ${r.targets.length}, status ${status}` } };
    if (exit !== 0 && exit !== 1 && exit !== 2) return { ms, exit, status, problem: { kind: "bad-exit", message: `exit code ${exit}` } };
    renderJson(r);
    renderText(r, { color: false, minSeverity: "info", verbose: true, quiet: false });
    return { ms, exit, status };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(e);
    return { ms: Date.now() - t0, exit: -1, status: "crash", problem: { kind: "crash", message } };
  }
}
