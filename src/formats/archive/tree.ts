// Archive contents as a FileTree, so directory-shaped artifacts inside an archive (a zipped
// SavedModel, a TF Hub .tar.gz, a TF.js folder) reach the same directory handlers as on disk.
import type { ByteSource } from "../../core/bytes.js";
import type { ScanContext } from "../../core/context.js";
import type { DirEntry, FileTree } from "../../core/fs.js";
import type { DirHandler } from "../../core/handler.js";
import { pathEscape } from "./paths.js";
import { compareText } from "../../core/text.js";

/** A member whose bytes are produced on first read (inflation happens only if a handler reads it). */
export class LazySource implements ByteSource {
  private inner: Promise<ByteSource> | undefined;
  constructor(
    readonly name: string,
    readonly size: number,
    private readonly open: () => Promise<ByteSource>,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.inner ??= this.open();
    return (await this.inner).read(offset, length);
  }
}

export class ArchiveTree implements FileTree {
  private readonly files = new Map<string, ByteSource>();
  /** Normalised path -> the member name as stored ("./saved_model.pb" in many tars). */
  readonly rawNames = new Map<string, string>();
  private readonly children = new Map<string, Map<string, DirEntry["kind"]>>();

  /** `files`: extraction view (last copy of each name wins); escaping or odd names are left out. */
  constructor(files: Iterable<[string, ByteSource]>) {
    this.children.set("", new Map());
    for (const [raw, src] of files) {
      const path = raw.replace(/^\.\/+/, "");
      if (!path || path.endsWith("/") || pathEscape(path) || path.split("/").some((p) => p === "" || p === "." || p === "..")) continue;
      this.files.set(path, src);
      this.rawNames.set(path, raw);
      const parts = path.split("/");
      let dir = "";
      for (let i = 0; i < parts.length; i++) {
        const kids = this.children.get(dir)!;
        const last = i === parts.length - 1;
        if (!kids.has(parts[i]!) || !last) kids.set(parts[i]!, last ? "file" : "dir");
        if (last) break;
        dir = dir ? `${dir}/${parts[i]}` : parts[i]!;
        if (!this.children.has(dir)) this.children.set(dir, new Map());
      }
    }
  }
  get dirs(): string[] {
    return [...this.children.keys()].sort((a, b) => a.split("/").length - b.split("/").length || compareText(a, b));
  }
  async list(dir: string): Promise<DirEntry[]> {
    const kids = this.children.get(dir);
    if (!kids) throw new Error(`${dir}: no such directory`);
    return [...kids].sort(([a], [b]) => compareText(a, b)).map(([name, kind]) => ({ name, kind }));
  }
  async open(path: string): Promise<ByteSource> {
    const s = this.files.get(path);
    if (!s) throw new Error(`${path}: no such file`);
    return s;
  }
  async kind(path: string): Promise<DirEntry["kind"] | "missing"> {
    if (this.children.has(path)) return "dir";
    return this.files.has(path) ? "file" : "missing";
  }
}

async function dirHandlers(): Promise<readonly DirHandler[]> {
  // Imported lazily: the registry imports the archive handlers, which would otherwise form a cycle.
  const m = await import("../../handlers.js");
  return m.DIR_HANDLERS;
}

/** Runs the directory handlers over an archive's folders; returns the member paths they consumed. */
export async function scanArchiveDirs(ctx: ScanContext, tree: ArchiveTree): Promise<Set<string>> {
  const handlers = await dirHandlers();
  const consumed = new Set<string>();
  const claimed: string[] = [];
  for (const dir of tree.dirs) {
    if (claimed.some((c) => c === "" || dir === c || dir.startsWith(c + "/"))) continue;
    for (const dh of handlers) {
      let hit = false;
      try {
        hit = await dh.detect(tree, dir);
      } catch {
        hit = false;
      }
      if (!hit) continue;
      const c = dir ? ctx.child(`${dir}/`) : ctx;
      c.detail(dir ? "format" : "contains", dh.id);
      const bytes = ctx.target.bytes;
      await c.guard(`${dh.id} reader`, async () => {
        for (const p of await dh.scan(c, tree, dir)) consumed.add(tree.rawNames.get(p) ?? p);
      });
      ctx.target.bytes = bytes;
      claimed.push(dir);
      break;
    }
  }
  return consumed;
}
