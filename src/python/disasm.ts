// Disassembler for CPython 3.6-3.14 wordcode, mirroring dis.get_instructions of each version
// (argument resolution, jump targets, EXTENDED_ARG, inline caches), plus validity checks that
// version inference relies on.
import { LimitError } from "../core/bytes.js";
import type { CodeObject, PyValue } from "./marshal.js";
import type { OpcodeTable } from "./opcodes/index.js";

export type ArgValue =
  | { k: "none" }
  | { k: "int"; v: number }
  | { k: "const"; v: PyValue; index: number }
  | { k: "name"; v: string }
  | { k: "local"; v: string }
  | { k: "free"; v: string }
  | { k: "names2"; v: [string, string] }
  | { k: "jump"; v: number }
  | { k: "compare"; v: string }
  | { k: "format"; conv: string | null; spec: boolean }
  | { k: "convert"; conv: string | null };

export interface Instruction {
  offset: number;
  op: number;
  opname: string;
  /** The full argument (EXTENDED_ARG applied), null for argument-less opcodes. */
  arg: number | null;
  argval: ArgValue;
}

export interface Disassembly {
  instructions: Instruction[];
  /** Reasons this bytecode does not fit the table's version (empty = fits). */
  problems: string[];
  /** Inline cache entries holding non-zero bytes: CPython ignores them, but code it wrote has none. */
  dirtyCaches?: number;
}

const CONVERTERS: (string | null)[] = [null, "str", "repr", "ascii"];
const MAX_PROBLEMS = 8;

/** Disassembles one code object (not its nested ones) with one version's table; `quick` stops at the first problem. */
export function disassemble(code: CodeObject, t: OpcodeTable, quick = false): Disassembly {
  const b = code.code;
  const out: Instruction[] = [];
  const problems: string[] = [];
  const problem = (s: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(s);
  };
  if (!t.wordcode) return disassemblePre36(code, t, quick);
  if (b.length % 2 !== 0) problem("odd bytecode length");
  const v = t.minor;
  const cellNames = v >= 11 ? code.localsplusnames : [...code.cellvars, ...code.freevars];
  const localNames = v >= 11 ? code.localsplusnames : code.varnames;
  const starts = new Set<number>();
  const jumps: [number, number][] = [];
  let ext = 0;
  let caches = 0;
  let dirty = 0;
  const n = b.length - (b.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (quick && problems.length) return { instructions: out, problems };
    const op = b[i]!;
    if (caches > 0) {
      caches--;
      // CPython never reads an inline cache entry as an instruction and overwrites its counters when
      // it quickens the code: whatever bytes a file puts there change nothing, so they rule out no
      // version (counted: a reading where CPython's own output would have zeros is the less likely one)
      if (op !== 0 || b[i + 1] !== 0) dirty++;
      continue;
    }
    const opname = t.opname[op];
    starts.add(i);
    if (!opname || opname === "CACHE" || opname.startsWith("INSTRUMENTED_") || opname === "ENTER_EXECUTOR" || opname.startsWith("<")) {
      problem(`opcode ${op} (${opname ?? "undefined"}) at ${i} is not valid in ${t.version}`);
      out.push({ offset: i, op, opname: opname ?? `<${op}>`, arg: null, argval: { k: "none" } });
      ext = 0;
      continue;
    }
    let arg: number | null = null;
    if (t.hasArg[op]) {
      arg = b[i + 1]! | ext;
      ext = op === t.extendedArg ? arg * 256 : 0;
      if (ext > 0x7fffffff) {
        problem(`EXTENDED_ARG overflow at ${i}`);
        ext = 0;
      }
    } else {
      // (argument-less opcodes may keep a stale argument byte: the 3.10 optimiser leaves them)
      ext = 0;
    }
    caches = t.caches[op]!;
    const argval = arg === null ? { k: "none" as const } : resolveArg(code, t, op, opname, arg, i, cellNames, localNames, problem);
    if (argval.k === "jump") jumps.push([i, argval.v]);
    out.push({ offset: i, op, opname, arg, argval });
  }
  if (ext !== 0) problem("EXTENDED_ARG at the end of the bytecode");
  if (caches > 0) problem("bytecode ends inside inline caches");
  for (const [at, target] of jumps) {
    if (!starts.has(target)) problem(`jump at ${at} to ${target} is not an instruction start`);
  }
  if (v >= 11) {
    // 3.11+: every code object starts with RESUME, possibly after cell/free-var set-up.
    const first = out.find((x) => !["COPY_FREE_VARS", "MAKE_CELL", "RETURN_GENERATOR", "POP_TOP", "NOP"].includes(x.opname));
    if (out.length && first?.opname !== "RESUME") problem("no RESUME at the start");
  } else if (out.some((x) => x.opname === "RESUME")) problem("RESUME before 3.11");
  return dirty > 0 ? { instructions: out, problems, dirtyCaches: dirty } : { instructions: out, problems };
}

/** CPython <= 3.5: one opcode byte, then a 16-bit little-endian argument for opcodes >= HAVE_ARGUMENT. */
function disassemblePre36(code: CodeObject, t: OpcodeTable, quick: boolean): Disassembly {
  const b = code.code;
  const out: Instruction[] = [];
  const problems: string[] = [];
  const problem = (s: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(s);
  };
  const cellNames = [...code.cellvars, ...code.freevars];
  const starts = new Set<number>();
  const jumps: [number, number][] = [];
  let ext = 0;
  let i = 0;
  while (i < b.length) {
    if (quick && problems.length) return { instructions: out, problems };
    const op = b[i]!;
    const opname = t.opname[op];
    starts.add(i);
    if (!opname) {
      problem(`opcode ${op} at ${i} is not valid in ${t.version}`);
      out.push({ offset: i, op, opname: `<${op}>`, arg: null, argval: { k: "none" } });
      i += 1;
      ext = 0;
      continue;
    }
    let arg: number | null = null;
    const at = i;
    if (t.hasArg[op]) {
      if (i + 2 >= b.length) {
        problem(`truncated argument at ${i}`);
        break;
      }
      arg = b[i + 1]! | (b[i + 2]! << 8) | ext;
      ext = op === t.extendedArg ? arg * 65536 : 0;
      i += 3;
    } else {
      ext = 0;
      i += 1;
    }
    let argval: ArgValue = { k: "none" };
    if (arg !== null) {
      if (t.hasJrel[op]) argval = { k: "jump", v: i + arg };
      else if (t.hasJabs[op]) argval = { k: "jump", v: arg };
      else argval = resolveArg(code, t, op, opname, arg, at, cellNames, code.varnames, problem);
      if (argval.k === "jump") {
        if (argval.v >= b.length) problem(`${opname} at ${at} jumps outside the code`);
        jumps.push([at, argval.v]);
      }
    }
    out.push({ offset: at, op, opname, arg, argval });
  }
  for (const [at, target] of jumps) if (!starts.has(target)) problem(`jump at ${at} to ${target} is not an instruction start`);
  const last = out[out.length - 1];
  if (last && !["RETURN_VALUE", "RAISE_VARARGS", "JUMP_ABSOLUTE", "JUMP_FORWARD"].includes(last.opname)) problem("code does not end in a return");
  return { instructions: out, problems };
}

function resolveArg(
  code: CodeObject,
  t: OpcodeTable,
  op: number,
  opname: string,
  arg: number,
  offset: number,
  cellNames: string[],
  localNames: string[],
  problem: (s: string) => void,
): ArgValue {
  const v = t.minor;
  const pick = <T,>(list: readonly T[], i: number, what: string): T | undefined => {
    const x = list[i];
    if (x === undefined) problem(`${opname} at ${offset}: ${what} index ${i} out of range (${list.length})`);
    return x;
  };
  if (opname === "LOAD_SMALL_INT") return { k: "int", v: arg };
  if (t.hasConst[op]) {
    const c = pick(code.consts, arg, "const");
    return c ? { k: "const", v: c, index: arg } : { k: "int", v: arg };
  }
  if (t.hasName[op]) {
    let i = arg;
    if (opname === "LOAD_GLOBAL" && v >= 11) i = arg >> 1;
    else if (opname === "LOAD_ATTR" && v >= 12) i = arg >> 1;
    else if (opname === "LOAD_SUPER_ATTR") i = arg >> 2;
    const s = pick(code.names, i, "name");
    return s === undefined ? { k: "int", v: arg } : { k: "name", v: s };
  }
  if (t.hasJrel[op] || t.hasJabs[op]) {
    let target: number;
    if (t.hasJabs[op]) target = v >= 10 ? arg * 2 : arg;
    else if (v <= 9) target = offset + 2 + arg;
    else if (v === 10) target = offset + 2 + arg * 2;
    else target = offset + 2 + (t.backward[op] ? -arg : arg) * 2 + 2 * t.caches[op]!;
    if (target < 0 || target >= code.code.length) problem(`${opname} at ${offset} jumps outside the code (${target})`);
    return { k: "jump", v: target };
  }
  if (opname === "LOAD_FAST_LOAD_FAST" || opname === "STORE_FAST_LOAD_FAST" || opname === "STORE_FAST_STORE_FAST" || opname === "LOAD_FAST_BORROW_LOAD_FAST_BORROW") {
    const a = pick(localNames, arg >> 4, "local");
    const c = pick(localNames, arg & 15, "local");
    return a !== undefined && c !== undefined ? { k: "names2", v: [a, c] } : { k: "int", v: arg };
  }
  if (t.hasLocal[op]) {
    const s = pick(localNames, arg, "local");
    return s === undefined ? { k: "int", v: arg } : { k: "local", v: s };
  }
  if (t.hasFree[op]) {
    const s = pick(cellNames, arg, "cell/free");
    return s === undefined ? { k: "int", v: arg } : { k: "free", v: s };
  }
  if (t.hasCompare[op]) {
    const i = v >= 13 ? arg >> 5 : v === 12 ? arg >> 4 : arg;
    const s = pick(t.raw.cmp_op, i, "compare op");
    return s === undefined ? { k: "int", v: arg } : { k: "compare", v: s };
  }
  if (opname === "FORMAT_VALUE") return { k: "format", conv: CONVERTERS[arg & 3] ?? null, spec: (arg & 4) !== 0 };
  if (opname === "CONVERT_VALUE") {
    if (arg > 3) problem(`CONVERT_VALUE ${arg}`);
    return { k: "convert", conv: CONVERTERS[arg] ?? null };
  }
  return { k: "int", v: arg };
}

/** The code object and its nested code objects (direct co_consts entries), pre-order, bounded. */
export function codeTree(root: CodeObject, max = 10_000): CodeObject[] {
  const out: CodeObject[] = [];
  const walk = (c: CodeObject, depth: number): void => {
    if (out.length >= max || depth > 100) throw new LimitError(`more than ${max} nested code objects or nesting deeper than 100`);
    out.push(c);
    for (const k of c.consts) if (k.t === "code") walk(k.code, depth + 1);
  };
  walk(root, 0);
  return out;
}
