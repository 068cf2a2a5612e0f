// NumPy .npy header reader (format versions 1-3): dtype, shape, and whether the payload is a
// pickle (object dtype). The header is a Python dict literal: read as numpy reads it (ast.literal_eval,
// then its key/shape/fortran_order checks and descr_to_dtype's walk), proven by tests/formats/npy-header.test.ts.
import { FormatError, decodeLatin1, decodeUtf8Strict, startsWith } from "../core/bytes.js";
import { parsePyLiteral, pyEquals, type PyValue } from "./pyliteral.js";

export const NPY_MAGIC = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

export interface NpyHeader {
  version: string;
  descr: string;
  fortranOrder: boolean;
  shape: string;
  /** Object dtype anywhere (plain or inside a structured dtype): the data is a pickle. */
  hasObject: boolean;
  /** Offset of the array data (the pickle, for object arrays). */
  dataOffset: number;
}

/** Parses the header at the start of `b` (needs the first header bytes only). */
export function parseNpyHeader(b: Uint8Array): NpyHeader {
  if (!startsWith(b, NPY_MAGIC)) throw new FormatError("not a .npy file (bad magic)");
  if (b.length < 10) throw new FormatError(".npy header truncated");
  const major = b[6]!;
  const minor = b[7]!;
  let len: number;
  let start: number;
  if (major === 1) {
    len = b[8]! | (b[9]! << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (b.length < 12) throw new FormatError(".npy header truncated");
    len = (b[8]! | (b[9]! << 8) | (b[10]! << 16) | (b[11]! << 24)) >>> 0;
    start = 12;
  } else throw new FormatError(`unsupported .npy format version ${major}.${minor}`);
  if (start + len > b.length) throw new FormatError(`.npy header of ${len} bytes truncated`);
  const raw = b.subarray(start, start + len);
  // numpy: version 3 headers are UTF-8, older ones latin-1; the text goes to ast.literal_eval.
  const text = major === 3 ? decodeUtf8Strict(raw) : decodeLatin1(raw);
  if (text === undefined) throw new FormatError(".npy header is not UTF-8 (numpy cannot read it)");
  let d: PyValue;
  try {
    d = parsePyLiteral(text);
  } catch (e) {
    // numpy retries version 1/2 headers with Python 2 longs (`3L`) filtered out.
    if (major === 3) throw e;
    d = parsePyLiteral(text, true);
  }
  const { descr, fortran, shape } = headerFields(d);
  const hasObject = descrHasObject(descr, 0);
  const descrText = descr.t === "str" ? descr.v : showPy(descr);
  return { version: `${major}.${minor}`, descr: descrText, fortranOrder: fortran, shape: showPy(shape), hasObject, dataOffset: start + len };
}

const KEYS = ["descr", "fortran_order", "shape"];

/** numpy's checks: a dict with exactly descr/fortran_order/shape, shape a tuple of ints, fortran_order a bool. */
function headerFields(d: PyValue): { descr: PyValue; fortran: boolean; shape: PyValue } {
  if (d.t !== "dict") throw new FormatError(".npy header is not a dictionary");
  const last = new Map<string, PyValue>();
  for (const [k, v] of d.entries) {
    // Keys compare as Python compares them; only the three str keys are allowed.
    const name = k.t === "str" ? k.v : undefined;
    if (name === undefined || !KEYS.includes(name)) {
      if (KEYS.some((n) => pyEquals(k, { t: "str", v: n }))) continue;
      throw new FormatError(".npy header does not contain the correct keys");
    }
    last.set(name, v);
  }
  if (last.size !== 3) throw new FormatError(".npy header does not contain the correct keys");
  const shape = last.get("shape")!;
  if (shape.t !== "tuple" || !shape.items.every((x) => x.t === "int" || x.t === "bool")) throw new FormatError(".npy header: shape is not valid");
  const fortran = last.get("fortran_order")!;
  if (fortran.t !== "bool") throw new FormatError(".npy header: fortran_order is not a valid bool");
  return { descr: last.get("descr")!, fortran: fortran.v, shape };
}

/** Does a dtype string (np.dtype(str)) hold objects? Comma lists and `(shape)` prefixes included. */
function dtypeStringHasObject(s: string): boolean {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of s) {
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    if (c === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts.some((p) => {
    const t = p.trim().replace(/^\([^)]*\)\s*/, "").replace(/^[|<>=]/, "");
    return /^O\d*$/.test(t) || /^object_?$/.test(t);
  });
}

/** What numpy iterates over when descr is a field list (any iterable: list, tuple of fields, dict keys, set, str). */
function iterate(v: PyValue): PyValue[] | undefined {
  if (v.t === "list" || v.t === "tuple" || v.t === "set") return v.items;
  if (v.t === "dict") return v.entries.map(([k]) => k);
  if (v.t === "str") return [...v.v].map((c) => ({ t: "str", v: c }));
  return undefined;
}

/** descr_to_dtype's walk: a string is a dtype, a tuple is (subtype, shape), anything else a list of fields. */
function descrHasObject(d: PyValue, depth: number): boolean {
  if (depth > 64) throw new FormatError(".npy descr nested too deeply");
  if (d.t === "str") return dtypeStringHasObject(d.v);
  if (d.t === "tuple") {
    if (d.items.length < 2) throw new FormatError(".npy descr: a subarray tuple needs (dtype, shape)");
    return descrHasObject(d.items[0]!, depth + 1);
  }
  const fields = iterate(d);
  if (!fields) throw new FormatError(".npy descr is not a valid dtype descriptor");
  let obj = false;
  for (const f of fields) {
    const parts = iterate(f);
    if (!parts || (parts.length !== 2 && parts.length !== 3)) throw new FormatError(".npy descr: a field needs (name, dtype[, shape])");
    if (descrHasObject(parts[1]!, depth + 1)) obj = true;
  }
  return obj;
}

/** A short Python-like rendering for details (never evaluated). */
function showPy(v: PyValue): string {
  switch (v.t) {
    case "str":
      return `'${v.v}'`;
    case "bytes":
      return `b'${v.v}'`;
    case "int":
      return String(v.v);
    case "float":
      return String(v.v);
    case "complex":
      return "complex";
    case "bool":
      return v.v ? "True" : "False";
    case "none":
      return "None";
    case "tuple":
      return `(${v.items.map(showPy).join(", ")}${v.items.length === 1 ? "," : ""})`;
    case "list":
      return `[${v.items.map(showPy).join(", ")}]`;
    case "set":
      return `{${v.items.map(showPy).join(", ")}}`;
    case "dict":
      return `{${v.entries.map(([k, x]) => `${showPy(k)}: ${showPy(x)}`).join(", ")}}`;
  }
}
