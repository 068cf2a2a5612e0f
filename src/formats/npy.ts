// NumPy .npy header reader (format versions 1-3): dtype, shape, and whether the payload is a
// pickle (object dtype). The header is a Python dict literal; we read it without evaluating it.
import { FormatError, decodeLatin1, startsWith } from "../core/bytes.js";

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
  const text = decodeLatin1(b.subarray(start, start + len));
  const descrM = /['"]descr['"]\s*:\s*(['"])(.*?)\1/.exec(text);
  const listM = /['"]descr['"]\s*:\s*\[/.exec(text);
  if (!descrM && !listM) throw new FormatError(".npy header has no descr");
  const descr = descrM ? descrM[2]! : text.slice(listM!.index + listM![0].length - 1, text.lastIndexOf("]") + 1);
  const shape = /['"]shape['"]\s*:\s*(\([^)]*\))/.exec(text)?.[1] ?? "?";
  const fortranOrder = /['"]fortran_order['"]\s*:\s*True/.test(text);
  const hasObject = descrM ? /^[|<>=]?O\d*$/.test(descr) : /['"][|<>=]?O\d*['"]/.test(descr);
  return { version: `${major}.${minor}`, descr, fortranOrder, shape, hasObject, dataOffset: start + len };
}
