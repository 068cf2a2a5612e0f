// Node file access for the CLI: a FileTree over the real file system that reads lazily.
import { open, readdir, readlink, lstat, type FileHandle } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ByteSource } from "../core/bytes.js";
import { ReadMeter } from "../core/bytes.js";
import type { DirEntry, FileTree } from "../core/fs.js";

class NodeFileSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly abs: string,
    readonly size: number,
    private readonly meter: ReadMeter,
    private readonly handles: HandleCache,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const len = Math.max(0, Math.min(length, this.size - start));
    if (len === 0) return new Uint8Array(0);
    const fh = await this.handles.get(this.abs);
    {
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
}

/** Keeps a few file handles open so that many small reads do not reopen the file each time. */
class HandleCache {
  private readonly map = new Map<string, Promise<FileHandle>>();
  constructor(private readonly max = 16) {}
  get(abs: string): Promise<FileHandle> {
    let h = this.map.get(abs);
    if (h) {
      this.map.delete(abs);
      this.map.set(abs, h);
      return h;
    }
    h = open(abs, "r");
    this.map.set(abs, h);
    if (this.map.size > this.max) {
      const [oldKey, old] = this.map.entries().next().value as [string, Promise<FileHandle>];
      this.map.delete(oldKey);
      void old.then((f) => f.close()).catch(() => undefined);
    }
    return h;
  }
  async closeAll(): Promise<void> {
    const all = [...this.map.values()];
    this.map.clear();
    for (const h of all) await h.then((f) => f.close()).catch(() => undefined);
  }
}

/** Root is an absolute directory; paths given to the tree are relative to it with "/" separators. */
export class NodeTree implements FileTree {
  readonly meter = new ReadMeter();
  private readonly handles = new HandleCache();
  constructor(readonly root: string) {}

  close(): Promise<void> {
    return this.handles.closeAll();
  }

  private abs(p: string): string {
    return p === "" ? this.root : resolve(this.root, ...p.split("/"));
  }

  async kind(p: string): Promise<DirEntry["kind"] | "missing"> {
    try {
      const st = await lstat(this.abs(p));
      if (st.isSymbolicLink()) return "symlink";
      if (st.isDirectory()) return "dir";
      if (st.isFile()) return "file";
      return "other";
    } catch {
      return "missing";
    }
  }

  async list(dir: string): Promise<DirEntry[]> {
    const ents = await readdir(this.abs(dir), { withFileTypes: true });
    return ents
      .map((e) => ({
        name: e.name,
        kind: (e.isSymbolicLink() ? "symlink" : e.isDirectory() ? "dir" : e.isFile() ? "file" : "other") as DirEntry["kind"],
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async open(p: string): Promise<ByteSource> {
    const a = this.abs(p);
    const st = await lstat(a);
    return new NodeFileSource(p, a, st.size, this.meter, this.handles);
  }

  async readlink(p: string): Promise<string> {
    return readlink(this.abs(p));
  }
}

/** Splits a user path into a tree root and the relative path of the target inside it. */
export function treeFor(userPath: string): { tree: NodeTree; rel: string } {
  const abs = resolve(userPath);
  const parent = resolve(abs, "..");
  const rel = relative(parent, abs).split(sep).join("/");
  if (isAbsolute(rel) || rel === "") return { tree: new NodeTree(abs), rel: "" };
  return { tree: new NodeTree(parent), rel };
}
