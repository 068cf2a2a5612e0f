// Generic container handlers: zip (and npz, torch zip), tar, gzip. Each member goes back to sniffing.
import { LimitError, MemorySource, SliceSource, startsWith, type ByteSource } from "../../core/bytes.js";
import type { ScanContext } from "../../core/context.js";
import type { FormatHandler } from "../../core/handler.js";
import { BombError, gunzipStream, gzipMembersProblem, type GzipMember } from "./inflate.js";
import { budgetFor, checkZip, openMember, reportBomb, scanZipMember } from "./members.js";
import { ArchiveTree, LazySource, scanArchiveDirs } from "./tree.js";
import { kerasZipHandler } from "../../keras/keras-zip-handler.js";
import { linkEscapes, pathEscape } from "./paths.js";
import { TarStream, looksLikeTar, openTar, type TarEntry } from "./tar.js";
import { openZip, tailHasEocd, type ZipArchive, type ZipEntry } from "./zip.js";

/**
 * Once the target's inflate budget is spent, the archive's scan ends with one error (every further
 * member would only be another bomb report: the amplification a 42.zip-style archive relies on).
 */
function budgetSpent(ctx: ScanContext, remaining: number, container: string): boolean {
  const b = budgetFor(ctx);
  if (b.used < b.maxTotal) return false;
  ctx.error(`${container}: the inflate budget of ${b.maxTotal} bytes for this target is spent; ${remaining} remaining member${remaining === 1 ? "" : "s"} not scanned`);
  return true;
}

/** Torch's zip layout: <prefix>/data.pkl, <prefix>/version, <prefix>/data/<n> storages. */
export function torchPrefix(zip: ZipArchive): string | undefined {
  const withStorages = new Set<string>();
  for (const e of zip.entries) {
    const m = /^(.*\/)?data\/\d+$/.exec(e.name);
    if (m) withStorages.add(m[1] ?? "");
  }
  for (const e of zip.entries) {
    const m = /^(.*\/)?data\.pkl$/.exec(e.name);
    if (!m) continue;
    const prefix = m[1] ?? "";
    if (zip.byName.has(`${prefix}version`) || zip.byName.has(`${prefix}.data/version`) || withStorages.has(prefix)) return prefix;
  }
  return undefined;
}

function isTorchStorage(prefix: string, e: ZipEntry): boolean {
  if (!e.name.startsWith(prefix)) return false;
  const rest = e.name.slice(prefix.length);
  return /^data\/\d+$/.test(rest) || rest === "version" || rest === "byteorder" || /^\.data\//.test(rest) || rest === ".format_version" || rest === ".storage_alignment";
}

function isNpz(zip: ZipArchive): boolean {
  const files = zip.entries.filter((e) => !e.isDir);
  return files.length > 0 && files.every((e) => e.name.endsWith(".npy"));
}

export const zipHandler: FormatHandler = {
  id: "zip",
  description: "zip archive (also NumPy .npz and PyTorch zip checkpoints): every member scanned by content",
  match(s) {
    if (tailHasEocd(s.tail)) return 50;
    // A local header at the start but no directory at the end: a truncated or damaged zip (an error, not "unsupported").
    return startsWith(s.head, new Uint8Array([0x50, 0x4b, 0x03, 0x04])) ? 30 : 0;
  },
  async scan(ctx, src, s) {
    const zip = await openZip(src, ctx.limits.maxArchiveMembers, ctx.limits.maxMetadataBytes);
    const torch = torchPrefix(zip);
    // A Keras archive whose directory did not fit in the sniffed tail (many members, long comment).
    if (torch === undefined && zip.byName.has("config.json")) return kerasZipHandler.scan(ctx, src, s);
    const container = torch !== undefined ? "torch zip" : isNpz(zip) ? "npz archive" : "zip archive";
    if (!ctx.member) ctx.target.format = torch !== undefined ? "torch-zip" : isNpz(zip) ? "npz" : "zip";
    else ctx.detail("container", container);
    const checked = await checkZip(ctx, src, zip, { container, extractedOnLoad: false, escapeSeverity: "high", trigger: "unknown", hdf5Offset: s.hdf5Offset });
    // Folders inside the archive (a zipped SavedModel, TF.js model) go to the directory handlers first.
    const extracted = [...zip.byName.values()].filter((e) => !e.isDir && !e.isSymlink && !checked.unreadable.has(e));
    const tree = new ArchiveTree(extracted.map((e) => [e.name, new LazySource(e.name, e.size, () => openMember(ctx, src, checked, e, container))]));
    const consumed = torch === undefined ? await scanArchiveDirs(ctx, tree) : new Set<string>();
    let storages = 0;
    for (const e of zip.entries) {
      if ((e.index & 0x3ff) === 0) ctx.checkTime();
      if (budgetSpent(ctx, zip.entries.length - e.index, container)) break;
      if (consumed.has(e.name) && zip.byName.get(e.name) === e) continue;
      if (torch !== undefined && isTorchStorage(torch, e)) {
        storages++;
        continue;
      }
      await scanZipMember(ctx, src, checked, e, container);
    }
    if (storages) ctx.detail("torch_storages_not_scanned", storages);
    if (zip.truncatedOuter) ctx.error(zip.truncatedOuter);
  },
};

interface TarListing {
  entries: TarEntry[];
  byName: Map<string, TarEntry>;
  stoppedEarly?: string | undefined;
  /** Length of the tar in bytes. */
  length: number;
}

/** Structure checks and member scanning of a listed tar; `source` gives a member's bytes, or undefined when not kept. */
async function scanTarListing(ctx: ScanContext, tar: TarListing, source: (e: TarEntry, label: string) => ByteSource | undefined, container: string): Promise<void> {
  ctx.detail("members", tar.entries.length);
  // Every tar writer (POSIX, GNU, bsdtar, Python's tarfile) writes whole 512-byte blocks: a partial
  // final block means the file was cut short (tarfile itself silently stops there).
  if (tar.length % 512 !== 0) ctx.error(`${container} truncated: ${tar.length} bytes is not a whole number of 512-byte blocks (short final block)`);
  if (tar.stoppedEarly) ctx.dispatch("archive-anomaly", { container, name: "(end of archive)", detail: tar.stoppedEarly, severity: "low" });
  const groups = new Map<string, number[]>();
  for (const e of tar.entries) {
    const g = groups.get(e.name);
    if (g) g.push(e.index);
    else groups.set(e.name, [e.index]);
  }
  const copyOf = new Map<number, string>();
  for (const [name, idx] of groups) idx.forEach((i, k) => copyOf.set(i, k === idx.length - 1 ? name : `${name}[copy ${k + 1}/${idx.length}]`));
  for (const [name, idx] of groups) {
    if (idx.length < 2) continue;
    const copies = idx.map((i) => ({ index: i, size: tar.entries[i]!.size, compressedSize: tar.entries[i]!.size }));
    ctx.dispatch("archive-duplicate", { container, name, copies, readIndex: idx[idx.length - 1]!, trigger: "unknown", loaderReads: true });
  }
  // Python's tarfile extracts every type it does not know (and GNU sparse 'S') as a regular file: so is
  // every member that is not a link, a directory, a special file or a metadata header
  const NOT_FILE = new Set(["1", "2", "3", "4", "5", "6", "g", "x", "X", "L", "K"]);
  const isFile = (e: TarEntry) => !NOT_FILE.has(e.type);
  const TAR_SPECIAL: Readonly<Record<string, string>> = { "3": "character device", "4": "block device", "6": "FIFO" };
  const tree = new ArchiveTree(
    [...tar.byName.values()].filter(isFile).map((e): [string, ByteSource] => [e.name, source(e, e.name) ?? new NotKeptSource(e.name, e.size)]),
  );
  const consumed = await scanArchiveDirs(ctx, tree);
  for (const e of tar.entries) {
    if ((e.index & 0x3ff) === 0) ctx.checkTime();
    const base = { container, name: e.name, extractedOnLoad: false };
    const esc = pathEscape(e.name);
    if (esc) ctx.dispatch("archive-escape", { ...base, severity: "high", kind: esc.kind, detail: esc.detail });
    if (e.type === "1" || e.type === "2") {
      const escapes = linkEscapes(e.name, e.linkName);
      const kind = e.type === "2" ? "symbolic link" : "hard link";
      ctx.dispatch("archive-escape", {
        ...base,
        severity: escapes ? "high" : "low",
        kind: e.type === "2" ? "symlink" : "hardlink",
        detail: escapes ? `is a ${kind} pointing outside the extraction folder` : `is a ${kind} inside the archive`,
        linkTarget: e.linkName,
      });
      continue;
    }
    // FIFO and device members are extracted as such: whatever opens them blocks or reads without end (a
    // SavedModel's assets/ and variables/ are opened by the loader)
    const special = TAR_SPECIAL[e.type];
    if (special) {
      ctx.dispatch("special-file", { container, name: e.name, what: special, loaderOpens: /(?:^|\/)(?:assets|variables)\/|(?:^|\/)(?:saved_model\.pbtxt?|fingerprint\.pb|keras_metadata\.pb|tfhub_module\.pb)$/.test(e.name) });
      continue;
    }
    if (!isFile(e)) continue;
    if (consumed.has(e.name) && tar.byName.get(e.name) === e) continue;
    if (budgetSpent(ctx, tar.entries.length - e.index, container)) break;
    const label = copyOf.get(e.index) ?? e.name;
    const member = source(e, label);
    if (!member) {
      // a weights shard holds tensors only (a checkpoint's data, a TF.js weight group): an inventory note; any other
      // member may be a model whose code was never read: the scan is incomplete (exit 2), never passed as clean
      const reason = `members above ${keepCap(ctx)} bytes are not kept from a compressed stream`;
      if (WEIGHT_SHARD.test(label)) ctx.dispatch("archive-skipped", { container, name: label, size: e.size, reason });
      else ctx.error(`${container}: member "${label.slice(0, 200)}" (${e.size} bytes) was not scanned: ${reason}; unpack the archive and scan its files`);
      continue;
    }
    await ctx.scanMember(member, label);
  }
}

/** A member dropped from a compressed stream: its size is known, its bytes are not. */
class NotKeptSource implements ByteSource {
  constructor(
    readonly name: string,
    readonly size: number,
  ) {}
  read(): Promise<Uint8Array> {
    return Promise.reject(new LimitError(`${this.name}: ${this.size} bytes, not kept from the compressed stream`));
  }
}

/** Members that hold tensors only: a TensorFlow checkpoint's data shards, a TF.js model's weight groups. */
const WEIGHT_SHARD = /(?:^|\/)(?:[^/]*\.data-\d{5}-of-\d{5}|group\d+-shard\d+of\d+(?:\.bin)?)$/;

/** Largest tar member kept in memory while streaming a .tar.gz (metadata is small; weights are not needed). */
const KEEP_FROM_STREAM = 64 * 1024 * 1024;
const keepCap = (ctx: ScanContext) => Math.min(KEEP_FROM_STREAM, ctx.limits.maxMetadataBytes);

export const tarHandler: FormatHandler = {
  id: "tar",
  description: "tar archive: every member scanned by content",
  match(s) {
    return looksLikeTar(s.head) ? 45 : 0;
  },
  async scan(ctx, src) {
    const tar = await openTar(src, ctx.limits.maxArchiveMembers, ctx.limits.maxMetadataBytes);
    if (!ctx.member) ctx.target.format = "tar";
    await scanTarListing(ctx, { ...tar, length: src.size }, (e, label) => new SliceSource(label, src, e.dataOffset, e.size), "tar archive");
  },
};

function gunzippedName(name: string): string {
  if (/\.tgz$/i.test(name)) return name.replace(/\.tgz$/i, ".tar");
  return name.replace(/\.gz$/i, "") || "content";
}

/** Collects the first bytes of a stream, then either keeps everything (a single file) or feeds a tar parser. */
class GzipSink {
  head: Uint8Array[] = [];
  headLen = 0;
  tar: TarStream | undefined;
  decided = false;
  whole: Uint8Array[] = [];
  kept = 0;

  constructor(private readonly ctx: ScanContext) {}

  push(chunk: Uint8Array): void {
    if (this.tar) return this.tar.push(chunk);
    if (this.decided) {
      this.whole.push(chunk);
      return;
    }
    this.head.push(chunk);
    this.headLen += chunk.length;
    if (this.headLen >= 512) this.decide();
  }

  decide(): void {
    this.decided = true;
    const first = concatAll(this.head);
    if (looksLikeTar(first)) {
      let total = 0;
      this.tar = new TarStream(this.ctx.limits.maxArchiveMembers, this.ctx.limits.maxMetadataBytes, (e) => {
        if ((e.type !== "0" && e.type !== "7") || e.size > keepCap(this.ctx) || total + e.size > this.ctx.limits.maxMetadataBytes) return false;
        total += e.size;
        return true;
      });
      this.tar.push(first);
    } else this.whole.push(first);
    this.head = [];
  }
}

function concatAll(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((a, c) => a + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export const gzipHandler: FormatHandler = {
  id: "gzip",
  description: "gzip stream (tar.gz streamed member by member, model.h5.gz): inflated under size and ratio caps, content scanned",
  match(s) {
    return startsWith(s.head, new Uint8Array([0x1f, 0x8b, 0x08])) ? 45 : 0;
  },
  async scan(ctx: ScanContext, src) {
    if (!ctx.member) ctx.target.format = "gzip";
    const inner = gunzippedName(src.name.split("/").pop() ?? src.name);
    const sink = new GzipSink(ctx);
    const members: GzipMember[] = [];
    try {
      await gunzipStream(src, src.name, budgetFor(ctx), (c) => sink.push(c), members);
    } catch (e) {
      if (e instanceof BombError) {
        reportBomb(ctx, "gzip stream", inner, e.message);
        return;
      }
      throw e;
    }
    // The trailer (CRC-32 and size of the inflated data) is what tells a whole stream from a cut one:
    // Python's gzip refuses a stream without it (EOFError) or with a wrong one (BadGzipFile).
    // Checked after the content is scanned below, so findings in the bytes present are still reported.
    const trailer = await gzipTrailerProblem(src, members);
    if (!sink.decided) sink.decide();
    if (sink.tar) {
      const t = sink.tar;
      t.finish();
      const byName = new Map<string, TarEntry>();
      for (const e of t.entries) byName.set(e.name, e);
      const c = ctx.child(inner);
      c.detail("format", "tar");
      await scanTarListing(c, { entries: t.entries, byName, stoppedEarly: t.stoppedEarly, length: t.total }, (e, label) => {
        const data = t.retained.get(e);
        return data ? new MemorySource(label, data) : undefined;
      }, "tar archive");
    } else await ctx.scanMember(new MemorySource(inner, concatAll(sink.whole)), inner);
    if (trailer) ctx.error(trailer);
  },
};

/** Checks every member's trailer against what it inflated (gzipMembersProblem), the trailers read from the source. */
async function gzipTrailerProblem(src: ByteSource, members: GzipMember[]): Promise<string | undefined> {
  const trailers = new Map<number, Uint8Array>();
  if (src.size >= 18) for (let k = 0; k < members.length; k++) {
    const end = k + 1 < members.length ? members[k + 1]!.start : src.size;
    if (end - members[k]!.start >= 18) trailers.set(end, await src.read(end - 8, 8));
  }
  return gzipMembersProblem(members, src.size, (end) => trailers.get(end)!);
}

export const ARCHIVE_HANDLERS: readonly FormatHandler[] = [zipHandler, tarHandler, gzipHandler];
