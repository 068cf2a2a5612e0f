// Per-version opcode tables built from the generated data (tables.ts) with the decoding rules of
// each CPython's dis.py: jump units, backward jumps, inline caches, argument encodings.
import { RAW_TABLES } from "./tables.js";
import type { RawOpcodeTable } from "./types.js";

/** Versions whose tables come from the real interpreter (and are conformance-tested against its dis). */
export const PY_VERSIONS = ["3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"] as const;
/** Plus 3.5, pre-wordcode, derived from the 3.6 table (see tools/gen-opcodes.mjs). */
export const ALL_VERSIONS = ["3.5", ...PY_VERSIONS] as const;
export type PyVersion = (typeof ALL_VERSIONS)[number];

export interface OpcodeTable {
  version: PyVersion;
  minor: number;
  /** 3.6+: two-byte instructions; 3.5: one byte, plus a two-byte argument from HAVE_ARGUMENT on. */
  wordcode: boolean;
  raw: RawOpcodeTable;
  opname: (string | undefined)[];
  op: Record<string, number>;
  hasArg: boolean[];
  hasConst: boolean[];
  hasName: boolean[];
  hasJrel: boolean[];
  hasJabs: boolean[];
  hasLocal: boolean[];
  hasFree: boolean[];
  hasCompare: boolean[];
  backward: boolean[];
  caches: number[];
  extendedArg: number;
  builtins: Set<string>;
}

function flags(list: readonly number[] | undefined): boolean[] {
  const a = new Array<boolean>(256).fill(false);
  for (const x of list ?? []) if (x >= 0 && x < 256) a[x] = true;
  return a;
}

const cache = new Map<string, OpcodeTable>();

export function opcodeTable(version: PyVersion): OpcodeTable {
  const hit = cache.get(version);
  if (hit) return hit;
  const raw = RAW_TABLES[version];
  if (!raw) throw new Error(`no opcode table for ${version}`);
  const opname = new Array<string | undefined>(256).fill(undefined);
  for (const [name, code] of Object.entries(raw.opmap)) opname[code] = name;
  const caches = new Array<number>(256).fill(0);
  for (const [name, n] of Object.entries(raw.caches)) {
    const code = raw.opmap[name];
    if (code !== undefined) caches[code] = n;
  }
  const backward = new Array<boolean>(256).fill(false);
  for (const name of raw.backward) {
    const code = raw.opmap[name];
    if (code !== undefined) backward[code] = true;
  }
  const t: OpcodeTable = {
    version,
    minor: Number(version.split(".")[1]),
    wordcode: Number(version.split(".")[1]) >= 6,
    raw,
    opname,
    op: raw.opmap,
    hasArg: flags(raw.hasarg),
    hasConst: flags(raw.hasconst),
    hasName: flags(raw.hasname),
    hasJrel: flags(raw.hasjrel),
    hasJabs: flags(raw.hasjabs),
    hasLocal: flags(raw.haslocal),
    hasFree: flags(raw.hasfree),
    hasCompare: flags(raw.hascompare),
    backward,
    caches,
    extendedArg: raw.EXTENDED_ARG,
    builtins: new Set(raw.builtins),
  };
  cache.set(version, t);
  return t;
}

function popcount4(x: number): number {
  return (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1) + ((x >> 3) & 1);
}

/** Stack effect of one instruction (CPython's own dis.stack_effect data, extended to any argument). */
export function stackEffect(t: OpcodeTable, op: number, arg: number, jump: boolean): number | undefined {
  const name = t.opname[op];
  if (!name) return undefined;
  const row = t.raw.stack_effect[name];
  if (!row) return undefined;
  const at = (a: number): number | undefined => {
    const v = row[a]?.[jump ? 1 : 0];
    return v === null ? undefined : v;
  };
  if (!t.hasArg[op]) return at(0);
  if (t.minor <= 5) {
    // 3.5 argument encodings (Python/ceval.c of 3.5)
    const na = arg & 0xff;
    const nk = (arg >> 8) & 0xff;
    const nann = (arg >> 16) & 0x7fff;
    switch (name) {
      case "CALL_FUNCTION":
        return -(na + 2 * nk);
      case "CALL_FUNCTION_VAR":
      case "CALL_FUNCTION_KW":
        return -(na + 2 * nk) - 1;
      case "CALL_FUNCTION_VAR_KW":
        return -(na + 2 * nk) - 2;
      case "MAKE_FUNCTION":
        return -1 - na - 2 * nk - nann;
      case "MAKE_CLOSURE":
        return -2 - na - 2 * nk - nann;
      case "BUILD_MAP":
        return 1 - 2 * arg;
      case "BUILD_MAP_UNPACK_WITH_CALL":
        return 1 - (arg & 0xff);
    }
  }
  switch (name) {
    case "MAKE_FUNCTION":
      return t.minor <= 10 ? -1 - popcount4(arg) : t.minor <= 12 ? -popcount4(arg) : at(0);
    case "FORMAT_VALUE":
      return arg & 4 ? -1 : 0;
    case "UNPACK_EX":
      return (arg & 0xff) + (arg >> 8);
  }
  if (arg <= 3) {
    const v = at(arg);
    if (v !== undefined) return v;
  }
  const e1 = at(1);
  const e2 = at(2);
  const e3 = at(3);
  if (e1 === undefined || e2 === undefined || e3 === undefined) return at(arg & 1) ?? e3;
  if (e3 - e2 === e2 - e1) return e3 + (arg - 3) * (e3 - e2);
  return at(arg & 1);
}

export interface RawTablesInfo {
  version: PyVersion;
  patch: string;
  opcodes: number;
}

export function tableInfo(): RawTablesInfo[] {
  return ALL_VERSIONS.map((v) => ({ version: v, patch: RAW_TABLES[v]!.patch, opcodes: Object.keys(RAW_TABLES[v]!.opmap).length }));
}
