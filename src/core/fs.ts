// A tiny read-only file tree interface: Node implements it in cli/, the browser with dropped files.
import type { ByteSource } from "./bytes.js";

/**
 * What a path is, links followed (loaders follow them): "symlink" only for a link that cannot be
 * resolved (dangling, or a loop); "other" for FIFOs, sockets and devices, which are never opened.
 */
export type EntryKind = "file" | "dir" | "symlink" | "other";

export interface DirEntry {
  name: string;
  kind: EntryKind;
  /** The entry is a symbolic link; `kind` describes what it points at. */
  link?: boolean;
  /** For kind "other": "FIFO", "socket", "character device", "block device". */
  special?: string;
}

/** Facts about the object a path reaches, links followed. */
export interface PathInfo {
  kind: EntryKind | "missing";
  /** Identity of the object (device:inode): two paths with the same id reach the same bytes. */
  id?: string;
  size?: number;
  special?: string;
  /** Why a "symlink" kind could not be resolved, or why the path could not be examined. */
  reason?: string;
}

export interface FileTree {
  /** Lists a directory (path relative to the tree root, "" = root), sorted by name. */
  list(dir: string): Promise<DirEntry[]>;
  /** Opens a regular file (links followed); refuses anything else. */
  open(path: string): Promise<ByteSource>;
  /** Where a symlink points, as written in the link. */
  readlink?(path: string): Promise<string>;
  /** The canonical real path a path reaches (links resolved), for reporting. */
  realpath?(path: string): Promise<string>;
  /** What a path reaches, links followed. */
  kind(path: string): Promise<EntryKind | "missing">;
  /** Identity, size and kind of what a path reaches (trees without it: identity is the path). */
  stat?(path: string): Promise<PathInfo>;
}

/**
 * The tree as one walk sees it: each directory listed once (the walk's loop key, the folder detectors and the walk
 * itself read the same listing in turn: fewer system calls, and one consistent view of a folder that changes
 * meanwhile). Only the last LISTINGS_KEPT listings are kept, so memory does not grow with the tree.
 */
const LISTINGS_KEPT = 32;

export function listingOnce(tree: FileTree): FileTree {
  const lists = new Map<string, Promise<DirEntry[]>>();
  const out: FileTree = {
    list: (dir) => {
      let l = lists.get(dir);
      if (!l) {
        lists.set(dir, (l = tree.list(dir)));
        if (lists.size > LISTINGS_KEPT) lists.delete(lists.keys().next().value!);
      }
      // a copy of the array and its entries for each caller (callers may sort, filter or annotate)
      return l.then((es) => es.map((e) => ({ ...e })));
    },
    open: (p) => tree.open(p),
    kind: (p) => tree.kind(p),
  };
  if (tree.readlink) out.readlink = (p) => tree.readlink!(p);
  if (tree.realpath) out.realpath = (p) => tree.realpath!(p);
  if (tree.stat) out.stat = (p) => tree.stat!(p);
  return out;
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

/** io::CleanPath (tensorflow/tsl/platform/path.cc): a lexical clean, as Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === "") return p;
  const abs = p.startsWith("/");
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!abs) parts.push("..");
      continue;
    }
    parts.push(seg);
  }
  const joined = parts.join("/");
  return abs ? `/${joined}` : joined || ".";
}
