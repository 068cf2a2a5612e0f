// Own small tar reader (ustar, GNU long names, pax headers), lazy over a ByteSource: members are
// windows onto the source, never copied. Chosen over tar-stream/tar/nanotar because those are
// Node-stream-only or read the whole archive into memory; see docs/decisions/containers.md.
import { FormatError, LimitError, decodeUtf8, type ByteSource } from "../../core/bytes.js";

const BLOCK = 512;

export interface TarEntry {
  index: number;
  name: string;
  /** Type flag: "0" file, "1" hard link, "2" symlink, "5" directory, ... */
  type: string;
  size: number;
  dataOffset: number;
  linkName: string;
  mode: number;
}

export interface TarArchive {
  entries: TarEntry[];
  /** Name -> last entry with that name (tarfile.getmember and extraction order both end on it). */
  byName: Map<string, TarEntry>;
  /** Why reading stopped before the end of the source, if it did. */
  stoppedEarly?: string;
}

function cstr(b: Uint8Array, off: number, len: number): string {
  const s = b.subarray(off, off + len);
  const nul = s.indexOf(0);
  return decodeUtf8(nul >= 0 ? s.subarray(0, nul) : s);
}

function octal(b: Uint8Array, off: number, len: number): number {
  if (b[off]! & 0x80) {
    // GNU base-256 (positive only).
    let v = b[off]! & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i]!;
    if (!Number.isSafeInteger(v)) throw new FormatError("tar size beyond 2^53");
    return v;
  }
  const s = cstr(b, off, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) throw new FormatError(`invalid number field ${JSON.stringify(s.slice(0, 20))}`);
  return parseInt(s, 8);
}

function checksumOk(h: Uint8Array): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i]!;
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  let stored: number;
  try {
    stored = octal(h, 148, 8);
  } catch {
    return false;
  }
  return stored === unsigned || stored === signed;
}

/** A cheap check on the first block, for sniffing. */
export function looksLikeTar(head: Uint8Array): boolean {
  if (head.length < BLOCK) return false;
  const magic = cstr(head, 257, 6);
  if (magic === "ustar" || magic === "ustar ") return checksumOk(head);
  return head[0] !== 0 && checksumOk(head);
}

function parsePax(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let p = 0;
  while (p < text.length) {
    const sp = text.indexOf(" ", p);
    if (sp < 0) break;
    const len = parseInt(text.slice(p, sp), 10);
    if (!Number.isFinite(len) || len <= 0) throw new FormatError("corrupt pax header");
    const rec = text.slice(sp + 1, p + len - 1);
    const eq = rec.indexOf("=");
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    p += len;
  }
  return out;
}

/** Lists a tar archive as Python's tarfile would (stops at the first zero or invalid block after the first). */
export async function openTar(src: ByteSource, maxMembers: number, maxHeaderBytes: number): Promise<TarArchive> {
  const entries: TarEntry[] = [];
  const byName = new Map<string, TarEntry>();
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  const globalPax = new Map<string, string>();
  let stoppedEarly: string | undefined;
  for (let guard = 0; ; guard++) {
    if (entries.length >= maxMembers || guard > maxMembers * 4) throw new LimitError(`tar has more than ${maxMembers} members`);
    if (off + BLOCK > src.size) {
      if (off === 0) throw new FormatError("truncated tar header");
      if (off < src.size) stoppedEarly = "truncated header at the end";
      break;
    }
    const h = await src.read(off, BLOCK);
    if (h.every((x) => x === 0)) break;
    if (!checksumOk(h)) {
      if (off === 0) throw new FormatError("invalid tar header (bad checksum)");
      stoppedEarly = `invalid header at offset ${off}: tarfile stops reading here`;
      break;
    }
    const type = String.fromCharCode(h[156]!) === "\0" ? "0" : String.fromCharCode(h[156]!);
    const size = octal(h, 124, 12);
    const dataOffset = off + BLOCK;
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (dataOffset + size > src.size) throw new FormatError(`tar member at offset ${off} runs past the end of the file`);
    if (type === "L" || type === "K" || type === "x" || type === "g") {
      if (size > maxHeaderBytes) throw new LimitError(`tar extended header of ${size} bytes`);
      const body = await src.read(dataOffset, size);
      if (type === "L") longName = cstr(body, 0, body.length);
      else if (type === "K") longLink = cstr(body, 0, body.length);
      else if (type === "x") pax = parsePax(decodeUtf8(body));
      else for (const [k, v] of parsePax(decodeUtf8(body))) globalPax.set(k, v);
      off = next;
      continue;
    }
    const magic = cstr(h, 257, 6);
    const prefix = magic === "ustar" ? cstr(h, 345, 155) : "";
    let name = longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    let linkName = longLink ?? cstr(h, 157, 100);
    let realSize = size;
    const paxPath = pax.get("path") ?? globalPax.get("path");
    if (paxPath !== undefined) name = paxPath;
    const paxLink = pax.get("linkpath") ?? globalPax.get("linkpath");
    if (paxLink !== undefined) linkName = paxLink;
    const paxSize = pax.get("size");
    if (paxSize !== undefined && /^\d+$/.test(paxSize)) realSize = Number(paxSize);
    const e: TarEntry = { index: entries.length, name, type, size: realSize, dataOffset, linkName, mode: octal(h, 100, 8) };
    if (dataOffset + realSize > src.size) throw new FormatError(`${name}: tar member runs past the end of the file`);
    entries.push(e);
    byName.set(name, e);
    longName = longLink = undefined;
    pax = new Map();
    off = type === "1" || type === "2" || type === "5" ? dataOffset + Math.ceil(size / BLOCK) * BLOCK : dataOffset + Math.ceil(realSize / BLOCK) * BLOCK;
  }
  const out: TarArchive = { entries, byName };
  if (stoppedEarly) out.stoppedEarly = stoppedEarly;
  return out;
}
