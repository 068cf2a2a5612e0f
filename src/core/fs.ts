// A tiny read-only file tree interface: Node implements it in cli/, the browser with dropped files.
import type { ByteSource } from "./bytes.js";

export interface DirEntry {
  name: string;
  kind: "file" | "dir" | "symlink" | "other";
}

export interface FileTree {
  /** Lists a directory (path relative to the tree root, "" = root). */
  list(dir: string): Promise<DirEntry[]>;
  open(path: string): Promise<ByteSource>;
  /** Where a symlink points (for reporting; never followed outside the tree). */
  readlink?(path: string): Promise<string>;
  kind(path: string): Promise<DirEntry["kind"] | "missing">;
}

export function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

export function baseName(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? p : p.slice(i + 1);
}

export function dirName(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "" : p.slice(0, i);
}

/** An in-memory tree (tests, browser uploads of several files). */
export class MemoryTree implements FileTree {
  private readonly files = new Map<string, ByteSource>();
  constructor(files: Iterable<[string, ByteSource]>) {
    for (const [p, s] of files) this.files.set(p.replace(/^\/+/, ""), s);
  }
  async list(dir: string): Promise<DirEntry[]> {
    const prefix = dir === "" ? "" : dir + "/";
    const seen = new Map<string, DirEntry["kind"]>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const i = rest.indexOf("/");
      if (i < 0) seen.set(rest, "file");
      else seen.set(rest.slice(0, i), "dir");
    }
    return [...seen].sort().map(([name, kind]) => ({ name, kind }));
  }
  async open(path: string): Promise<ByteSource> {
    const s = this.files.get(path);
    if (!s) throw new Error(`${path}: no such file`);
    return s;
  }
  async kind(path: string): Promise<DirEntry["kind"] | "missing"> {
    if (path === "" || [...this.files.keys()].some((p) => p.startsWith(path + "/"))) return "dir";
    return this.files.has(path) ? "file" : "missing";
  }
}
