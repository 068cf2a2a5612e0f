// Shared by the conformance test and bench/bytecode.ts: compares our disassembly with CPython's dis
// output recorded by tools/fixtures/gen_lambda_vectors.py (same typed JSON encoding as its enc()).
import { readCodeCandidates, type CodeLayout, type PyValue } from "../../src/python/marshal.js";
import { codeTree, disassemble, type ArgValue } from "../../src/python/disasm.js";
import { opcodeTable, type PyVersion } from "../../src/python/opcodes/index.js";

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface DumpFile {
  file: string;
  marshal: string;
  codes: { name: string; ins: [number, string, number | null, Json][] }[];
}

function hex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}
function f64hex(v: number): string {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return hex(b);
}
function key(x: Json): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
}

export function encValue(v: PyValue): Json {
  switch (v.t) {
    case "none":
    case "null":
      return null;
    case "bool":
      return v.v;
    case "int":
      return v.v > -(2n ** 53n) && v.v < 2n ** 53n ? Number(v.v) : { int: v.v.toString() };
    case "float":
      return { f: f64hex(v.v) };
    case "complex":
      return { c: [f64hex(v.re), f64hex(v.im)] };
    case "str":
      return v.v;
    case "bytes":
      return { b: hex(v.v) };
    case "tuple":
      return { tuple: v.items.map(encValue) };
    case "list":
      return { list: v.items.map(encValue) };
    case "set":
    case "frozenset":
      return { fs: v.items.map(encValue).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
    case "code":
      return { code: v.code.name };
    case "ellipsis":
      return { ellipsis: 1 };
    case "slice":
      return { slice: [encValue(v.start), encValue(v.stop), encValue(v.step)] };
    case "dict":
      return { repr: "dict" };
    case "stopiteration":
      return { fn: "StopIteration" };
  }
}

export function encArg(a: ArgValue, arg: number | null): Json {
  switch (a.k) {
    case "none":
      return arg;
    case "int":
    case "jump":
      return a.v;
    case "const":
      return encValue(a.v);
    case "name":
    case "local":
    case "free":
    case "compare":
      return a.v;
    case "names2":
      return { tuple: a.v };
    case "format":
      return { tuple: [a.conv ? { fn: a.conv } : null, a.spec] };
    case "convert":
      return a.conv ? { fn: a.conv } : null;
  }
}

export const LAYOUT_OF: Record<PyVersion, CodeLayout> = {
  "3.5": "py30", "3.6": "py30", "3.7": "py30", "3.8": "py38", "3.9": "py38", "3.10": "py38", "3.11": "py311", "3.12": "py311", "3.13": "py311", "3.14": "py311",
};

export interface Mismatch {
  file: string;
  code: string;
  offset: number;
  ours: string;
  theirs: string;
}

/** Compares one dumped file; returns [instructions compared, mismatches]. */
export function compareFile(version: PyVersion, f: DumpFile, maxMismatches = 20): { instructions: number; codes: number; mismatches: Mismatch[] } {
  const buf = Uint8Array.from(Buffer.from(f.marshal, "base64"));
  const { candidates, errors } = readCodeCandidates(buf);
  const mine = candidates.find((c) => c.layout === LAYOUT_OF[version]);
  const mismatches: Mismatch[] = [];
  if (!mine) {
    mismatches.push({ file: f.file, code: "<module>", offset: -1, ours: `no ${LAYOUT_OF[version]} parse: ${errors.join("; ")}`, theirs: "parsed" });
    return { instructions: 0, codes: 0, mismatches };
  }
  const t = opcodeTable(version);
  const codes = codeTree(mine.code);
  let n = 0;
  if (codes.length !== f.codes.length) mismatches.push({ file: f.file, code: "<tree>", offset: -1, ours: `${codes.length} code objects`, theirs: `${f.codes.length}` });
  for (let ci = 0; ci < Math.min(codes.length, f.codes.length); ci++) {
    const c = codes[ci]!;
    const want = f.codes[ci]!;
    const d = disassemble(c, t);
    const got = d.instructions;
    if (d.problems.length && mismatches.length < maxMismatches) mismatches.push({ file: f.file, code: want.name, offset: -1, ours: `problems: ${d.problems.join("; ")}`, theirs: "valid" });
    if (got.length !== want.ins.length && mismatches.length < maxMismatches) mismatches.push({ file: f.file, code: want.name, offset: -1, ours: `${got.length} instructions`, theirs: `${want.ins.length}` });
    for (let i = 0; i < Math.min(got.length, want.ins.length); i++) {
      n++;
      const g = got[i]!;
      const [off, opname, arg, argval] = want.ins[i]!;
      const gv = encArg(g.argval, g.arg);
      const unknown = argval !== null && typeof argval === "object" && !Array.isArray(argval) && "unknown" in argval;
      const same = g.offset === off && g.opname === opname && g.arg === arg && (unknown || key(gv) === key(argval));
      if (!same && mismatches.length < maxMismatches) {
        mismatches.push({ file: f.file, code: want.name, offset: off, ours: `${g.offset} ${g.opname} ${g.arg} ${key(gv)}`, theirs: `${off} ${opname} ${arg} ${key(argval)}` });
      }
    }
  }
  return { instructions: n, codes: codes.length, mismatches };
}
