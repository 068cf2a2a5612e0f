// Node file access for the CLI: a FileTree over the real file system that reads lazily, follows
// symbolic links as loaders do, and never opens FIFOs, sockets or devices.
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, readlinkSync, realpathSync, statSync, lstatSync, type Dirent, type Stats } from "node:fs";
import { lstat, open, readdir, readlink, realpath, stat, type FileHandle } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ByteSource } from "../core/bytes.js";
import { ReadMeter } from "../core/bytes.js";
import type { DirEntry, EntryKind, FileTree, PathInfo } from "../core/fs.js";

/** A path as the OS knows it: a string, or raw bytes for a name that is not valid UTF-8. */
export type OsPath = string | Buffer;

/** Read-only and non-blocking: a FIFO swapped in after the type check cannot hang the open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

class NodeFileSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly abs: OsPath,
    readonly size: number,
    private readonly meter: ReadMeter,
    private readonly handles: HandleCache,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const len = Math.max(0, Math.min(length, this.size - start));
    if (len === 0) return new Uint8Array(0);
    const fh = await this.handles.get(this.abs);
    const buf = new Uint8Array(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(buf, got, len - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.meter.bytesRead += got;
    this.meter.reads++;
    return got === len ? buf : buf.subarray(0, got);
  }
}

/**
 * Synchronous reads on a descriptor: for worker threads, which scan one target at a time and need
 * no event loop while reading; a regular file's read costs microseconds, a promise round trip more.
 */
class SyncFileSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly fd: number,
    readonly size: number,
    private readonly meter: ReadMeter,
  ) {}
  read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const len = Math.max(0, Math.min(length, this.size - start));
    if (len === 0) return Promise.resolve(new Uint8Array(0));
    const buf = new Uint8Array(len);
    let got = 0;
    try {
      while (got < len) {
        const n = readSync(this.fd, buf, got, len - got, start + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    this.meter.bytesRead += got;
    this.meter.reads++;
    return Promise.resolve(got === len ? buf : buf.subarray(0, got));
  }
}

/** Keeps a few file handles open so that many small reads do not reopen the file each time. */
class HandleCache {
  private readonly map = new Map<string, Promise<FileHandle>>();
  constructor(private readonly max = 16) {}
  private static key(abs: OsPath): string {
    return typeof abs === "string" ? `s:${abs}` : `b:${abs.toString("hex")}`;
  }
  put(abs: OsPath, h: FileHandle): void {
    this.insert(HandleCache.key(abs), Promise.resolve(h));
  }
  get(abs: OsPath): Promise<FileHandle> {
    const key = HandleCache.key(abs);
    let h = this.map.get(key);
    if (h) {
      this.map.delete(key);
      this.map.set(key, h);
      return h;
    }
    h = openRegular(abs).then((x) => x.fh);
    this.insert(key, h);
    return h;
  }
  private insert(key: string, h: Promise<FileHandle>): void {
    const prev = this.map.get(key);
    if (prev) {
      this.map.delete(key);
      void prev.then((f) => f.close()).catch(() => undefined);
    }
    this.map.set(key, h);
    if (this.map.size > this.max) {
      const [oldKey, old] = this.map.entries().next().value as [string, Promise<FileHandle>];
      this.map.delete(oldKey);
      void old.then((f) => f.close()).catch(() => undefined);
    }
  }
  async closeAll(): Promise<void> {
    const all = [...this.map.values()];
    this.map.clear();
    for (const h of all) await h.then((f) => f.close()).catch(() => undefined);
  }
}

function specialName(st: Stats | { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (st.isFIFO()) return "FIFO";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice()) return "character device";
  if (st.isBlockDevice()) return "block device";
  return "special file";
}

/** Opens a regular file without blocking and checks what was opened (not what a path said before). */
async function openRegular(abs: OsPath): Promise<{ fh: FileHandle; size: number }> {
  const fh = await open(abs, OPEN_FLAGS);
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new Error("is a directory");
    if (!st.isFile()) throw new Error(`is a ${specialName(st)}, never read`);
    return { fh, size: st.size };
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw e;
  }
}

/** Shows a file name that is not valid UTF-8 with each stray byte as \xHH (the raw bytes are kept for opening it). */
export function displayName(raw: Buffer): string {
  const s = raw.toString("utf8");
  if (Buffer.from(s, "utf8").equals(raw)) return s;
  let out = "";
  for (let i = 0; i < raw.length; ) {
    const b = raw[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n > 0 && i + n <= raw.length) {
      const part = raw.subarray(i, i + n);
      const dec = part.toString("utf8");
      if (!dec.includes("\ufffd") && Buffer.from(dec, "utf8").equals(part)) {
        out += dec;
        i += n;
        continue;
      }
    }
    out += `\\x${b.toString(16).padStart(2, "0")}`;
    i++;
  }
  return out;
}

function errCode(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e ? String((e as { code: unknown }).code) : "";
}

/** Root is an absolute directory; paths given to the tree are relative to it with "/" separators. */
export class NodeTree implements FileTree {
  readonly meter = new ReadMeter();
  private readonly handles = new HandleCache();
  /** Tree paths whose OS path is not plain UTF-8 (a name with stray bytes, or below one). */
  private readonly raw = new Map<string, Buffer>();
  /** Descriptors opened in sync mode, closed by close(). */
  private readonly fds: number[] = [];
  /**
   * @param sync use blocking calls (worker threads and the walker: one call at a time, no promise
   *   or thread-pool round trip per stat, open and read).
   */
  constructor(
    readonly root: string,
    readonly sync = false,
  ) {}

  close(): Promise<void> {
    for (const fd of this.fds.splice(0)) {
      try {
        closeSync(fd);
      } catch {
        // Already gone.
      }
    }
    return this.handles.closeAll();
  }

  /** Records the OS path of a tree path (a worker receiving a path the walker found). */
  register(p: string, abs: OsPath): void {
    if (typeof abs !== "string") this.raw.set(p, abs);
  }

  abs(p: string): OsPath {
    const r = this.raw.get(p);
    if (r) return r;
    return p === "" ? this.root : resolve(this.root, ...p.split("/"));
  }

  async stat(p: string): Promise<PathInfo> {
    const a = this.abs(p);
    try {
      const st = this.sync ? statSync(a, { bigint: true }) : await stat(a, { bigint: true });
      const kind: EntryKind = st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
      const info: PathInfo = { kind, id: `${st.dev}:${st.ino}`, size: Number(st.size) };
      if (kind === "other") info.special = specialName(st);
      return info;
    } catch (e) {
      const code = errCode(e);
      if (code === "ELOOP") return { kind: "symlink", reason: "loops (too many levels of links)" };
      if (code === "ENOENT" || code === "ENOTDIR") {
        let isLink = false;
        try {
          isLink = (this.sync ? lstatSync(a) : await lstat(a)).isSymbolicLink();
        } catch {
          isLink = false;
        }
        return isLink ? { kind: "symlink", reason: "is dangling (its target does not exist)" } : { kind: "missing", reason: "no such file or directory" };
      }
      throw e;
    }
  }

  async kind(p: string): Promise<EntryKind | "missing"> {
    try {
      return (await this.stat(p)).kind;
    } catch {
      return "missing";
    }
  }

  async list(dir: string): Promise<DirEntry[]> {
    const dirAbs = this.abs(dir);
    const ents: Dirent<Buffer>[] = this.sync ? readdirSync(dirAbs, { withFileTypes: true, encoding: "buffer" }) : await readdir(dirAbs, { withFileTypes: true, encoding: "buffer" });
    const out: DirEntry[] = [];
    for (const e of ents) {
      const rawName = e.name;
      const name = displayName(rawName);
      const p = dir === "" ? name : `${dir}/${name}`;
      if (typeof dirAbs !== "string" || name !== rawName.toString("utf8") || !Buffer.from(name).equals(rawName)) {
        this.raw.set(p, Buffer.concat([typeof dirAbs === "string" ? Buffer.from(dirAbs) : dirAbs, Buffer.from(sep), rawName]));
      }
      let kind: EntryKind = e.isDirectory() ? "dir" : e.isFile() ? "file" : e.isSymbolicLink() ? "symlink" : "other";
      const entry: DirEntry = { name, kind };
      if (kind === "symlink") {
        entry.link = true;
        const info = await this.stat(p).catch(() => ({ kind: "symlink" as const, special: undefined }));
        kind = info.kind === "missing" ? "symlink" : info.kind;
        entry.kind = kind;
        if (info.special) entry.special = info.special;
      } else if (kind === "other") entry.special = specialName(e);
      out.push(entry);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async open(p: string): Promise<ByteSource> {
    const a = this.abs(p);
    if (this.sync) {
      const fd = openSync(a, OPEN_FLAGS);
      this.fds.push(fd);
      const st = fstatSync(fd);
      if (st.isDirectory()) throw new Error("is a directory");
      if (!st.isFile()) throw new Error(`is a ${specialName(st)}, never read`);
      return new SyncFileSource(p, fd, st.size, this.meter);
    }
    const { fh, size } = await openRegular(a);
    this.handles.put(a, fh);
    return new NodeFileSource(p, a, size, this.meter, this.handles);
  }

  async readlink(p: string): Promise<string> {
    if (this.sync) return displayName(readlinkSync(this.abs(p), { encoding: "buffer" }));
    return readlink(this.abs(p), { encoding: "buffer" }).then(displayName);
  }

  async realpath(p: string): Promise<string> {
    if (this.sync) return displayName(realpathSync(this.abs(p), { encoding: "buffer" }));
    return realpath(this.abs(p), { encoding: "buffer" }).then(displayName);
  }
}

/** Splits a user path into a tree root and the relative path of the target inside it. */
export function treeFor(userPath: string, sync = false): { tree: NodeTree; rel: string } {
  const abs = resolve(userPath);
  const parent = resolve(abs, "..");
  const rel = relative(parent, abs).split(sep).join("/");
  if (isAbsolute(rel) || rel === "") return { tree: new NodeTree(abs, sync), rel: "" };
  return { tree: new NodeTree(parent, sync), rel };
}
