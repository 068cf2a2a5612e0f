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

/** A numeric header field, or why it is not one (returned, not thrown: every file is probed for tar). */
function readOctal(b: Uint8Array, off: number, len: number): number | { error: string } {
  if (b[off]! & 0x80) {
    // GNU base-256 (positive only).
    let v = b[off]! & 0x7f;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i]!;
    if (!Number.isSafeInteger(v)) return { error: "tar size beyond 2^53" };
    return v;
  }
  const s = cstr(b, off, len).trim();
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) return { error: `invalid number field ${JSON.stringify(s.slice(0, 20))}` };
  return parseInt(s, 8);
}

function octal(b: Uint8Array, off: number, len: number): number {
  const v = readOctal(b, off, len);
  if (typeof v !== "number") throw new FormatError(v.error);
  return v;
}

function checksumOk(h: Uint8Array): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i]!;
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  const stored = readOctal(h, 148, 8);
  if (typeof stored !== "number") return false;
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

/** tarfile skips a member's data only for regular (and unknown) types: links, folders and devices carry none. */
const NO_DATA = new Set(["1", "2", "3", "4", "5", "6"]);

export type HeaderStep =
  | { t: "end" }
  | { t: "invalid" }
  | { t: "ext"; type: string; size: number }
  | { t: "entry"; name: string; type: string; size: number; linkName: string; mode: number; skip: number };

/** Header decoding shared by the random-access and the streaming readers (GNU long names, pax records). */
export class TarHeaders {
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax = new Map<string, string>();
  private readonly globalPax = new Map<string, string>();

  constructor(private readonly maxHeaderBytes: number) {}

  step(h: Uint8Array): HeaderStep {
    if (h.every((x) => x === 0)) return { t: "end" };
    if (!checksumOk(h)) return { t: "invalid" };
    const type = h[156] === 0 ? "0" : String.fromCharCode(h[156]!);
    const size = octal(h, 124, 12);
    if (type === "L" || type === "K" || type === "x" || type === "g") {
      if (size > this.maxHeaderBytes) throw new LimitError(`tar extended header of ${size} bytes`);
      return { t: "ext", type, size };
    }
    const magic = cstr(h, 257, 6);
    const prefix = magic === "ustar" ? cstr(h, 345, 155) : "";
    let name = this.longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    let linkName = this.longLink ?? cstr(h, 157, 100);
    let realSize = size;
    const paxPath = this.pax.get("path") ?? this.globalPax.get("path");
    if (paxPath !== undefined) name = paxPath;
    const paxLink = this.pax.get("linkpath") ?? this.globalPax.get("linkpath");
    if (paxLink !== undefined) linkName = paxLink;
    const paxSize = this.pax.get("size");
    if (paxSize !== undefined && /^\d+$/.test(paxSize)) realSize = Number(paxSize);
    this.longName = this.longLink = undefined;
    this.pax = new Map();
    const dataSize = NO_DATA.has(type) ? 0 : realSize;
    return { t: "entry", name, type, size: dataSize, linkName, mode: octal(h, 100, 8), skip: Math.ceil(dataSize / BLOCK) * BLOCK };
  }

  ext(type: string, body: Uint8Array): void {
    if (type === "L") this.longName = cstr(body, 0, body.length);
    else if (type === "K") this.longLink = cstr(body, 0, body.length);
    else if (type === "x") this.pax = parsePax(decodeUtf8(body));
    else for (const [k, v] of parsePax(decodeUtf8(body))) this.globalPax.set(k, v);
  }
}

/** Lists a tar archive as Python's tarfile would (stops at the first zero or invalid block after the first). */
export async function openTar(src: ByteSource, maxMembers: number, maxHeaderBytes: number): Promise<TarArchive> {
  const entries: TarEntry[] = [];
  const byName = new Map<string, TarEntry>();
  const headers = new TarHeaders(maxHeaderBytes);
  let off = 0;
  let stoppedEarly: string | undefined;
  for (let guard = 0; ; guard++) {
    if (entries.length >= maxMembers || guard > maxMembers * 4) throw new LimitError(`tar has more than ${maxMembers} members`);
    if (off + BLOCK > src.size) {
      if (off === 0) throw new FormatError("truncated tar header");
      if (off < src.size) stoppedEarly = "truncated header at the end";
      break;
    }
    const st = headers.step(await src.read(off, BLOCK));
    if (st.t === "end") break;
    if (st.t === "invalid") {
      if (off === 0) throw new FormatError("invalid tar header (bad checksum)");
      stoppedEarly = `invalid header at offset ${off}: tarfile stops reading here`;
      break;
    }
    const dataOffset = off + BLOCK;
    if (st.t === "ext") {
      if (dataOffset + st.size > src.size) throw new FormatError(`tar extended header at offset ${off} runs past the end of the file`);
      headers.ext(st.type, await src.read(dataOffset, st.size));
      off = dataOffset + Math.ceil(st.size / BLOCK) * BLOCK;
      continue;
    }
    if (dataOffset + st.size > src.size) throw new FormatError(`${st.name}: tar member runs past the end of the file`);
    const e: TarEntry = { index: entries.length, name: st.name, type: st.type, size: st.size, dataOffset, linkName: st.linkName, mode: st.mode };
    entries.push(e);
    byName.set(e.name, e);
    off = dataOffset + st.skip;
  }
  const out: TarArchive = { entries, byName };
  if (stoppedEarly) out.stoppedEarly = stoppedEarly;
  return out;
}

/**
 * Push-based tar reader for compressed streams (.tar.gz): members are listed as the bytes go by;
 * only members `keep` accepts are retained in memory, the rest are counted and dropped.
 */
export class TarStream {
  readonly entries: TarEntry[] = [];
  readonly retained = new Map<TarEntry, Uint8Array>();
  stoppedEarly: string | undefined;
  ended = false;
  /** Bytes pushed (the tar's length, once the stream is over). */
  total = 0;
  private readonly headers: TarHeaders;
  private pending: Uint8Array[] = [];
  private pendingLen = 0;
  private offset = 0;
  /** What the bytes being consumed are. */
  private mode:
    | { t: "header" }
    | { t: "ext"; type: string; size: number; skip: number }
    | { t: "data"; entry: TarEntry; dataLeft: number; padLeft: number; keep: Uint8Array[] | undefined } = { t: "header" };

  constructor(
    private readonly maxMembers: number,
    maxHeaderBytes: number,
    private readonly keep: (e: TarEntry) => boolean,
  ) {
    this.headers = new TarHeaders(maxHeaderBytes);
  }

  private take(n: number): Uint8Array | undefined {
    if (this.pendingLen < n) return undefined;
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const c = this.pending[0]!;
      const k = Math.min(c.length, n - o);
      out.set(c.subarray(0, k), o);
      o += k;
      if (k === c.length) this.pending.shift();
      else this.pending[0] = c.subarray(k);
    }
    this.pendingLen -= n;
    this.offset += n;
    return out;
  }

  push(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.ended || chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingLen += chunk.length;
    for (;;) {
      const m = this.mode;
      if (m.t === "data") {
        // Member data streams through: only retained members are copied, never more than one chunk is buffered.
        while ((m.dataLeft > 0 || m.padLeft > 0) && this.pendingLen > 0) {
          const c = this.pending[0]!;
          const k = Math.min(c.length, m.dataLeft > 0 ? m.dataLeft : m.padLeft);
          if (m.dataLeft > 0) {
            m.keep?.push(c.subarray(0, k));
            m.dataLeft -= k;
          } else m.padLeft -= k;
          if (k === c.length) this.pending.shift();
          else this.pending[0] = c.subarray(k);
          this.pendingLen -= k;
          this.offset += k;
        }
        if (m.dataLeft > 0 || m.padLeft > 0) return;
        if (m.keep) this.retained.set(m.entry, concat(m.keep, m.entry.size));
        this.mode = { t: "header" };
        continue;
      }
      if (m.t === "ext") {
        const body = this.take(m.skip);
        if (!body) return;
        this.headers.ext(m.type, body.subarray(0, m.size));
        this.mode = { t: "header" };
        continue;
      }
      const at = this.offset;
      const h = this.take(BLOCK);
      if (!h) return;
      const st = this.headers.step(h);
      if (st.t === "end") {
        this.ended = true;
        return;
      }
      if (st.t === "invalid") {
        if (at === 0) throw new FormatError("invalid tar header (bad checksum)");
        this.stoppedEarly = `invalid header at offset ${at}: tarfile stops reading here`;
        this.ended = true;
        return;
      }
      if (st.t === "ext") {
        this.mode = { t: "ext", type: st.type, size: st.size, skip: Math.ceil(st.size / BLOCK) * BLOCK };
        continue;
      }
      if (this.entries.length >= this.maxMembers) throw new LimitError(`tar has more than ${this.maxMembers} members`);
      const e: TarEntry = { index: this.entries.length, name: st.name, type: st.type, size: st.size, dataOffset: at + BLOCK, linkName: st.linkName, mode: st.mode };
      this.entries.push(e);
      this.mode = { t: "data", entry: e, dataLeft: st.size, padLeft: st.skip - st.size, keep: this.keep(e) ? [] : undefined };
    }
  }

  /** The stream is over: a member cut short is an error; a missing end-of-archive block is not (tarfile accepts it). */
  finish(): void {
    if (this.mode.t !== "header" || (this.pendingLen > 0 && !this.ended)) {
      if (this.mode.t === "header" && this.pendingLen > 0 && this.offset > 0) {
        this.stoppedEarly = "truncated header at the end";
        return;
      }
      if (this.mode.t !== "header") throw new FormatError(`tar stream ends inside ${this.mode.t === "data" ? `member ${this.mode.entry.name}` : "an extended header"}`);
      if (this.offset === 0) throw new FormatError("truncated tar header");
    }
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    const k = Math.min(c.length, size - o);
    out.set(c.subarray(0, k), o);
    o += k;
  }
  return out;
}
