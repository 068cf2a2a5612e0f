// Own zip reader, not a library: a scanner must see exactly the members Python's zipfile (the
// Keras loader) sees: its end-of-central-directory search, duplicates (last one wins), names
// decoded as it decodes them, local headers compared with the central directory.
import { FormatError, LimitError, SliceSource, MemorySource, decodeUtf8Strict, type ByteSource } from "../../core/bytes.js";
import { decodeCp437 } from "./cp437.js";
import { crc32 } from "./crc32.js";
import { bunzip2Member, inflateRaw, unlzmaMember, type InflateBudget } from "./inflate.js";

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOC64 = 0x07064b50;
const SIG_CD = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const EOCD64_SIZE = 56;
const LOC64_SIZE = 20;
const CD_SIZE = 46;
const LOCAL_SIZE = 30;
/** zipfile.MAX_EXTRACT_VERSION: newer "version needed" values make zipfile refuse the archive. */
const MAX_EXTRACT_VERSION = 63;

export const METHOD_NAMES: Record<number, string> = { 0: "stored", 8: "deflated", 9: "deflate64", 12: "bzip2", 14: "lzma", 93: "zstd", 99: "aes" };

export interface ZipEntry {
  /** Position in the central directory. */
  index: number;
  /** Name as Python >= 3.12 sees it (NUL-truncated; Unicode Path extra field 0x7075 applied). */
  name: string;
  /** Name as Python <= 3.11 sees it, when it differs (0x7075 ignored). */
  legacyName?: string;
  rawName: Uint8Array;
  /** Decoded directory name before NUL truncation (zipfile's orig_filename, checked against the local header). */
  origName: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Local header offset in the source (prepended data already added, as zipfile does). */
  localOffset: number;
  createSystem: number;
  extractVersion: number;
  externalAttr: number;
  /** Unix mode bits from the external attributes (create system 3), else undefined. */
  unixMode?: number;
  isDir: boolean;
  isSymlink: boolean;
  encrypted: boolean;
  /** Start of the next local header or of the central directory (zipfile >= 3.13 overlap check). */
  endOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** Name -> the entry zipfile.open(name) reads: the last one in the central directory. */
  byName: Map<string, ZipEntry>;
  /** Bytes before the first member (self-extractors, polyglots). */
  prepended: number;
  /** Set when the archive lies inside the first member of an outer zip that has no central directory (a truncated file). */
  truncatedOuter?: string;
  comment: Uint8Array;
  zip64: boolean;
  centralDirOffset: number;
  eocdOffset: number;
}

export interface LocalHeader {
  dataOffset: number;
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  flags: number;
  /** Differences from the central directory (other readers trust the local header). */
  mismatches: string[];
}

function u16(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}
function u64(b: Uint8Array, o: number): number {
  const v = u32(b, o) + u32(b, o + 4) * 2 ** 32;
  if (!Number.isSafeInteger(v)) throw new FormatError("zip64 value beyond 2^53");
  return v;
}

interface EndRecord {
  signature: number;
  entriesTotal: number;
  cdSize: number;
  cdOffset: number;
  comment: Uint8Array;
  location: number;
}

function findLastSig(b: Uint8Array, sig: number): number {
  for (let i = b.length - 4; i >= 0; i--) if (b[i] === 0x50 && b[i + 1] === 0x4b && u32(b, i) === sig) return i;
  return -1;
}

/** Python's _EndRecData64: the zip64 locator and record just before the EOCD, if present. */
async function endRec64(src: ByteSource, eocdAt: number, rec: EndRecord): Promise<EndRecord> {
  if (eocdAt - LOC64_SIZE < 0) return rec;
  const loc = await src.read(eocdAt - LOC64_SIZE, LOC64_SIZE);
  if (loc.length !== LOC64_SIZE || u32(loc, 0) !== SIG_LOC64) return rec;
  const diskno = u32(loc, 4);
  const disks = u32(loc, 16);
  if (diskno !== 0 || disks > 1) throw new FormatError("zipfiles that span multiple disks are not supported");
  if (eocdAt - LOC64_SIZE - EOCD64_SIZE < 0) return rec;
  const d = await src.read(eocdAt - LOC64_SIZE - EOCD64_SIZE, EOCD64_SIZE);
  if (d.length !== EOCD64_SIZE || u32(d, 0) !== SIG_EOCD64) return rec;
  return { ...rec, signature: SIG_EOCD64, entriesTotal: u64(d, 32), cdSize: u64(d, 40), cdOffset: u64(d, 48) };
}

/** Python's _EndRecData: an EOCD without comment at the very end, else the last signature in the final 64 KiB + 22. */
export async function findEndRecord(src: ByteSource): Promise<EndRecord | undefined> {
  if (src.size < EOCD_SIZE) return undefined;
  const last = await src.read(src.size - EOCD_SIZE, EOCD_SIZE);
  if (u32(last, 0) === SIG_EOCD && last[20] === 0 && last[21] === 0) {
    const rec = parseEocd(last, new Uint8Array(), src.size - EOCD_SIZE);
    return endRec64(src, src.size - EOCD_SIZE, rec);
  }
  const start = Math.max(src.size - 65536 - EOCD_SIZE, 0);
  const data = await src.read(start, src.size - start);
  const at = findLastSig(data, SIG_EOCD);
  if (at < 0) return undefined;
  if (data.length - at < EOCD_SIZE) return undefined;
  const commentLen = u16(data, at + 20);
  const comment = data.subarray(at + EOCD_SIZE, at + EOCD_SIZE + commentLen);
  return endRec64(src, start + at, parseEocd(data.subarray(at, at + EOCD_SIZE), comment, start + at));
}

function parseEocd(b: Uint8Array, comment: Uint8Array, location: number): EndRecord {
  return { signature: SIG_EOCD, entriesTotal: u16(b, 10), cdSize: u32(b, 12), cdOffset: u32(b, 16), comment, location };
}

/** Where the last end-of-central-directory signature of a sniffed tail lies (several handlers ask for one tail). */
const TAIL_EOCD = new WeakMap<Uint8Array, number>();
function tailEocd(tail: Uint8Array): number {
  let at = TAIL_EOCD.get(tail);
  if (at === undefined) TAIL_EOCD.set(tail, (at = findLastSig(tail, SIG_EOCD)));
  return at;
}

/** Does this tail (last bytes of a source) hold an end-of-central-directory record? Cheap, for sniffing. */
export function tailHasEocd(tail: Uint8Array): boolean {
  return tailEocd(tail) >= 0;
}

/** Lists the member names of the central directory when it lies inside `tail` (for sniffing only). */
export function namesFromTail(tail: Uint8Array): string[] | undefined {
  try {
    return namesIn(tail);
  } catch {
    return undefined;
  }
}

function namesIn(tail: Uint8Array): string[] | undefined {
  const at = tailEocd(tail);
  if (at < 0 || tail.length - at < EOCD_SIZE) return undefined;
  let cdSize = u32(tail, at + 12);
  let end = at;
  if (at >= LOC64_SIZE + EOCD64_SIZE && u32(tail, at - LOC64_SIZE) === SIG_LOC64 && u32(tail, at - LOC64_SIZE - EOCD64_SIZE) === SIG_EOCD64) {
    end = at - LOC64_SIZE - EOCD64_SIZE;
    cdSize = u64(tail, end + 40);
  }
  const cdStart = end - cdSize;
  if (cdStart < 0) return undefined;
  const names: string[] = [];
  let p = cdStart;
  for (let n = 0; p + CD_SIZE <= end && n < 10_000; n++) {
    if (u32(tail, p) !== SIG_CD) return names;
    const nl = u16(tail, p + 28);
    names.push(truncateNul(decodeName(tail.subarray(p + CD_SIZE, p + CD_SIZE + nl), u16(tail, p + 8))));
    p += CD_SIZE + nl + u16(tail, p + 30) + u16(tail, p + 32);
  }
  return names;
}

function decodeName(raw: Uint8Array, flags: number): string {
  let s: string;
  if (flags & 0x800) {
    const u = decodeUtf8Strict(raw);
    if (u === undefined) throw new FormatError("member name flagged UTF-8 is not valid UTF-8 (zipfile refuses it)");
    s = u;
  } else s = decodeCp437(raw);
  return s;
}

/** ZipInfo truncates names at the first NUL byte. */
function truncateNul(s: string): string {
  const nul = s.indexOf("\0");
  return nul >= 0 ? s.slice(0, nul) : s;
}

interface Extra {
  size?: number;
  compressedSize?: number;
  localOffset?: number;
  unicodeName?: string;
}

/** Python's ZipInfo._decodeExtra: zip64 sizes/offset and (3.12+) the Unicode Path field. */
function decodeExtra(extra: Uint8Array, size: number, csize: number, offset: number, rawName: Uint8Array): Extra {
  const out: Extra = {};
  let p = 0;
  while (extra.length - p >= 4) {
    const tp = u16(extra, p);
    const ln = u16(extra, p + 2);
    if (p + 4 + ln > extra.length) throw new FormatError(`corrupt extra field ${tp.toString(16).padStart(4, "0")} (size=${ln})`);
    const data = extra.subarray(p + 4, p + 4 + ln);
    if (tp === 0x0001) {
      let q = 0;
      const take = (field: string): number => {
        if (q + 8 > data.length) throw new FormatError(`corrupt zip64 extra field: ${field} not found`);
        const v = u64(data, q);
        q += 8;
        return v;
      };
      if (size === 0xffffffff) out.size = take("file size");
      if (csize === 0xffffffff) out.compressedSize = take("compress size");
      if (offset === 0xffffffff) out.localOffset = take("header offset");
    } else if (tp === 0x7075 && data.length >= 5) {
      if (data[0] === 1 && u32(data, 1) === crc32(rawName)) {
        const u = decodeUtf8Strict(data.subarray(5));
        if (u === undefined) throw new FormatError("corrupt unicode path extra field (0x7075): invalid utf-8 bytes");
        if (u) out.unicodeName = u.split("\0")[0] ?? "";
      }
    }
    p += 4 + ln;
  }
  return out;
}

/** Reads the central directory exactly as zipfile.ZipFile(...) does. Throws FormatError where zipfile raises BadZipFile. */
export async function openZip(src: ByteSource, maxMembers: number, maxDirectoryBytes = 256 * 1024 * 1024): Promise<ZipArchive> {
  const rec = await findEndRecord(src);
  if (!rec) throw new FormatError("not a zip file (no end-of-central-directory record)");
  let concat = rec.location - rec.cdSize - rec.cdOffset;
  if (rec.signature === SIG_EOCD64) concat -= EOCD64_SIZE + LOC64_SIZE;
  const startDir = rec.cdOffset + concat;
  if (startDir < 0) throw new FormatError("bad offset for central directory");
  // zipfile ignores the declared entry count and walks the directory bytes; so do we (capped below).
  if (rec.cdSize > maxDirectoryBytes) throw new LimitError(`central directory of ${rec.cdSize} bytes exceeds the ${maxDirectoryBytes}-byte limit`);
  const cd = await src.read(startDir, rec.cdSize);
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = 0;
  while (p < rec.cdSize) {
    if (entries.length >= maxMembers) throw new LimitError(`zip has more than ${maxMembers} members`);
    if (cd.length - p < CD_SIZE) throw new FormatError("truncated central directory");
    if (u32(cd, p) !== SIG_CD) throw new FormatError("bad magic number for central directory");
    const flags = u16(cd, p + 8);
    const nl = u16(cd, p + 28);
    const xl = u16(cd, p + 30);
    const cl = u16(cd, p + 32);
    const rawName = cd.slice(p + CD_SIZE, p + CD_SIZE + nl);
    const extra = cd.subarray(p + CD_SIZE + nl, p + CD_SIZE + nl + xl);
    const extractVersion = cd[p + 6]!;
    if (extractVersion > MAX_EXTRACT_VERSION) throw new FormatError(`zip file version ${(extractVersion / 10).toFixed(1)} (zipfile refuses it)`);
    const origName = decodeName(rawName, flags);
    const legacy = truncateNul(origName);
    let size = u32(cd, p + 24);
    let compressedSize = u32(cd, p + 20);
    let localOffset = u32(cd, p + 42);
    const x = decodeExtra(extra, size, compressedSize, localOffset, rawName);
    size = x.size ?? size;
    compressedSize = x.compressedSize ?? compressedSize;
    localOffset = (x.localOffset ?? localOffset) + concat;
    const name = x.unicodeName ?? legacy;
    const createSystem = cd[p + 5]!;
    const externalAttr = u32(cd, p + 38);
    const unixMode = createSystem === 3 ? externalAttr >>> 16 : undefined;
    const e: ZipEntry = {
      index: entries.length,
      name,
      rawName,
      origName,
      flags,
      method: u16(cd, p + 10),
      crc: u32(cd, p + 16),
      compressedSize,
      size,
      localOffset,
      createSystem,
      extractVersion,
      externalAttr,
      isDir: name.endsWith("/"),
      isSymlink: unixMode !== undefined && (unixMode & 0o170000) === 0o120000,
      encrypted: (flags & 1) !== 0,
      endOffset: startDir,
    };
    if (unixMode !== undefined) e.unixMode = unixMode;
    if (name !== legacy) e.legacyName = legacy;
    entries.push(e);
    byName.set(name, e);
    p += CD_SIZE + nl + xl + cl;
  }
  let end = startDir;
  for (const e of [...entries].sort((a, b) => b.localOffset - a.localOffset)) {
    e.endOffset = end;
    end = e.localOffset;
  }
  const zip: ZipArchive = { entries, byName, prepended: Math.max(0, concat), comment: rec.comment, zip64: rec.signature === SIG_EOCD64, centralDirOffset: startDir, eocdOffset: rec.location };
  const outer = await enclosingOuterMember(src, zip.prepended);
  if (outer) zip.truncatedOuter = outer;
  return zip;
}

/**
 * The data before the archive is a run of zip local members (from byte 0) one of which runs over the
 * archive found at the end: this archive is a member of an outer zip whose central directory is
 * missing, i.e. the file was cut short (zipfile then reads the inner archive alone; a streaming
 * reader sees the outer one).
 */
async function enclosingOuterMember(src: ByteSource, prepended: number): Promise<string | undefined> {
  let p = 0;
  for (let n = 0; n < 10_000 && p + 30 <= prepended; n++) {
    const h = await src.read(p, 30);
    if (h.length < 30 || u32(h, 0) !== SIG_LOCAL) return undefined;
    const flags = u16(h, 6);
    const extent = p + 30 + u16(h, 26) + u16(h, 28) + u32(h, 18);
    if ((flags & 8) !== 0 || extent > prepended)
      return `zip members from byte 0 precede the archive, and the one at byte ${p} runs over the archive found at byte ${prepended}: an outer zip whose central directory is missing (truncated)`;
    p = extent;
  }
  return undefined;
}

/** Reads and checks a member's local header the way ZipFile.open does; returns where its data starts. */
export async function readLocalHeader(src: ByteSource, e: ZipEntry): Promise<LocalHeader> {
  if (e.localOffset < 0 || e.localOffset + LOCAL_SIZE > src.size) throw new FormatError(`${e.name}: local header offset ${e.localOffset} lies outside the file`);
  const h = await src.read(e.localOffset, LOCAL_SIZE);
  if (h.length !== LOCAL_SIZE) throw new FormatError(`${e.name}: truncated file header`);
  if (u32(h, 0) !== SIG_LOCAL) throw new FormatError(`${e.name}: bad magic number for file header`);
  const flags = u16(h, 6);
  const nl = u16(h, 26);
  const xl = u16(h, 28);
  const rawName = await src.read(e.localOffset + LOCAL_SIZE, nl);
  if (rawName.length !== nl) throw new FormatError(`${e.name}: truncated file header`);
  const name = decodeName(rawName, flags);
  if (name !== e.origName) throw new FormatError(`file name in directory ${JSON.stringify(e.origName)} and header ${JSON.stringify(name)} differ (zipfile refuses to read it)`);
  if (e.flags & 0x20) throw new FormatError(`${e.name}: compressed patched data (zipfile refuses it)`);
  if (e.flags & 0x40) throw new FormatError(`${e.name}: strong encryption (zipfile refuses it)`);
  const method = u16(h, 8);
  const crc = u32(h, 14);
  const compressedSize = u32(h, 18);
  const size = u32(h, 22);
  const mismatches: string[] = [];
  const dataDescriptor = (flags & 0x08) !== 0;
  if (method !== e.method) mismatches.push(`method ${METHOD_NAMES[method] ?? method} in the local header, ${METHOD_NAMES[e.method] ?? e.method} in the directory`);
  if (!dataDescriptor && compressedSize !== 0xffffffff && compressedSize !== e.compressedSize)
    mismatches.push(`compressed size ${compressedSize} in the local header, ${e.compressedSize} in the directory`);
  if (!dataDescriptor && size !== 0xffffffff && size !== e.size) mismatches.push(`size ${size} in the local header, ${e.size} in the directory`);
  if (!dataDescriptor && crc !== e.crc) mismatches.push(`CRC ${crc.toString(16)} in the local header, ${e.crc.toString(16)} in the directory`);
  if (!equalBytes(rawName, e.rawName)) mismatches.push(`name bytes differ between the local header and the directory`);
  const dataOffset = e.localOffset + LOCAL_SIZE + nl + xl;
  if (dataOffset + e.compressedSize > src.size) throw new FormatError(`${e.name}: member data runs past the end of the file`);
  return { dataOffset, name, method, compressedSize, size, crc, flags, mismatches };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when Python >= 3.13 would refuse the member as overlapping the next one (a zip-bomb trick). */
export function overlaps(e: ZipEntry, local: LocalHeader): boolean {
  return local.dataOffset + e.compressedSize > e.endOffset;
}

/**
 * The member's content as zipfile reads it: stored members as a window onto the source (no copy),
 * deflated ones inflated under the budget and CRC-checked. Other methods: FormatError (not read).
 */
export async function memberSource(src: ByteSource, e: ZipEntry, local: LocalHeader, budget: InflateBudget, displayName = e.name): Promise<ByteSource> {
  if (e.encrypted) throw new FormatError(`${e.name}: encrypted member (cannot be read without its password)`);
  if (e.method === 0) {
    if (e.compressedSize < e.size) throw new FormatError(`${e.name}: stored member with compressed size ${e.compressedSize} below its size ${e.size}`);
    return new SliceSource(displayName, src, local.dataOffset, e.size);
  }
  // zipfile reads stored, deflated, bzip2 (12) and LZMA (14) members; others raise NotImplementedError.
  const decode = e.method === 8 ? inflateRaw : e.method === 12 ? bunzip2Member : e.method === 14 ? unlzmaMember : undefined;
  if (!decode) throw new FormatError(`${e.name}: compression method ${METHOD_NAMES[e.method] ?? e.method} is not supported by graphwarden`);
  const data = await decode(src, local.dataOffset, e.compressedSize, e.size, e.name, budget);
  if (crc32(data) !== e.crc) throw new FormatError(`${e.name}: bad CRC-32 (zipfile refuses to read it)`);
  return new MemorySource(displayName, data);
}
