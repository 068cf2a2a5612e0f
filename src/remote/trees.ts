// File trees over remote locations: one URL, or a Hugging Face Hub repository listed through its
// documented API, so the walker and the directory handlers (SavedModel, TF.js) work unchanged.
import type { ByteSource } from "../core/bytes.js";
import type { DirEntry, EntryKind, FileTree, PathInfo } from "../core/fs.js";
import { HttpSource, RemoteError, type RemoteSession } from "./http-source.js";

/**
 * What a worker thread needs to rebuild a remote tree without listing it again (plain data: it
 * crosses postMessage). The CLI lists in the main thread and scans each target in a worker.
 */
export type RemoteTreeSpec = { kind: "url"; url: string } | { kind: "hub"; ref: HubRef; endpoint: string; files: [path: string, size: number | null][]; dirs: string[] };

/** The tree a spec describes, reading through `session`. */
export function treeFromSpec(spec: RemoteTreeSpec, session: RemoteSession): UrlTree | HubTree {
  if (spec.kind === "url") return new UrlTree(spec.url, session);
  const hub = new HubTree(spec.ref, session, spec.endpoint);
  hub.restore(spec.files, spec.dirs);
  return hub;
}

/** A tree holding one remote file, named after the last segment of its URL path. */
export class UrlTree implements FileTree {
  readonly fileName: string;
  constructor(
    readonly url: string,
    readonly session: RemoteSession,
  ) {
    const u = new URL(url);
    const last = u.pathname.split("/").filter(Boolean).pop();
    let name = "index";
    if (last) {
      try {
        name = decodeURIComponent(last);
      } catch {
        name = last;
      }
    }
    this.fileName = name.replace(/\//g, "_") || "index";
  }
  spec(): RemoteTreeSpec {
    return { kind: "url", url: this.url };
  }
  async list(dir: string): Promise<DirEntry[]> {
    if (dir !== "") throw new Error(`${dir}: not a directory`);
    return [{ name: this.fileName, kind: "file" }];
  }
  async kind(path: string): Promise<EntryKind | "missing"> {
    return path === "" ? "dir" : path === this.fileName ? "file" : "missing";
  }
  async stat(path: string): Promise<PathInfo> {
    const kind = await this.kind(path);
    return { kind, id: path === "" ? `url-dir:${this.url}` : `url:${this.url}` };
  }
  async open(path: string): Promise<ByteSource> {
    if (path !== this.fileName) throw new Error(`${path}: no such file`);
    return HttpSource.open(this.session, path, this.url);
  }
}

export interface HubRef {
  repo: string;
  revision: string;
}

/** hf://org/name[@revision] (models only). */
export function parseHfUrl(s: string): HubRef {
  const m = /^hf:\/\/([A-Za-z0-9][\w.-]*\/[\w.-]+)(?:@([^\s]+))?\/?$/.exec(s);
  if (!m) throw new RemoteError(`${s}: expected hf://org/name or hf://org/name@revision`);
  return { repo: m[1]!, revision: m[2] ?? "main" };
}

interface HubFile {
  size?: number;
}

/** A Hub repository at one revision: listed once, each file opened through its resolve URL. */
export class HubTree implements FileTree {
  private files = new Map<string, HubFile>();
  private dirs = new Set<string>([""]);
  readonly endpoint: string;
  constructor(
    readonly ref: HubRef,
    readonly session: RemoteSession,
    endpoint: string,
  ) {
    this.endpoint = endpoint.replace(/\/+$/, "");
  }

  private apiJson = async (url: string): Promise<{ json: unknown; next?: string }> => {
    let link: string | null = null;
    const { data } = await this.session.get(url, { accept: "application/json" }, async (r, u) => {
      link = r.headers.get("link");
      return this.session.body(r, u, 64 * 1024 * 1024, "listing");
    });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(data));
    } catch {
      throw new RemoteError(`${url}: the Hub answered with something that is not JSON`);
    }
    const next = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link as string)?.[1] : undefined;
    return { json, next: next ? new URL(next, url).href : undefined };
  };

  private add(path: string, size: number | undefined): void {
    const p = path.replace(/^\/+/, "");
    // A listing entry that would climb out of the repository or name nothing is not a file of it.
    if (p === "" || p.split("/").some((s) => s === "" || s === "." || s === "..")) return;
    this.files.set(p, { size });
    const parts = p.split("/");
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
  }

  /** Lists the repository: the tree endpoint (recursive, paginated), else the revision's siblings. */
  async load(): Promise<void> {
    const repo = this.ref.repo;
    const rev = encodeURIComponent(this.ref.revision);
    try {
      let url: string | undefined = `${this.endpoint}/api/models/${repo}/tree/${rev}?recursive=true&expand=false`;
      for (let pages = 0; url && pages < 10_000; pages++) {
        const { json, next } = await this.apiJson(url);
        if (!Array.isArray(json)) throw new RemoteError(`${url}: expected a JSON array of tree entries`);
        for (const e of json as { type?: unknown; path?: unknown; size?: unknown; lfs?: { size?: unknown } }[]) {
          if (typeof e?.path !== "string") continue;
          if (e.type === "directory") {
            const p = e.path.replace(/^\/+/, "");
            if (p && !p.split("/").some((s) => s === "" || s === "." || s === "..")) {
              const parts = p.split("/");
              for (let i = 1; i <= parts.length; i++) this.dirs.add(parts.slice(0, i).join("/"));
            }
            continue;
          }
          if (e.type !== "file") continue;
          const size = typeof e.lfs?.size === "number" ? e.lfs.size : typeof e.size === "number" ? e.size : undefined;
          this.add(e.path, size);
        }
        url = next;
      }
      return;
    } catch (e) {
      // Only a missing tree route falls back; a missing repository is also missing below.
      if (!(e instanceof RemoteError) || !/HTTP (404|405|501)/.test(e.message)) throw e;
      this.session.walk.failure = undefined;
    }
    const { json } = await this.apiJson(`${this.endpoint}/api/models/${repo}/revision/${rev}?blobs=true`);
    const siblings = (json as { siblings?: unknown })?.siblings;
    if (!Array.isArray(siblings)) throw new RemoteError(`${repo}@${this.ref.revision}: the Hub listing has no siblings`);
    for (const s of siblings as { rfilename?: unknown; size?: unknown; lfs?: { size?: unknown } }[]) {
      if (typeof s?.rfilename !== "string") continue;
      const size = typeof s.lfs?.size === "number" ? s.lfs.size : typeof s.size === "number" ? s.size : undefined;
      this.add(s.rfilename, size);
    }
  }

  spec(): RemoteTreeSpec {
    return { kind: "hub", ref: this.ref, endpoint: this.endpoint, files: [...this.files].map(([p, f]) => [p, f.size ?? null]), dirs: [...this.dirs] };
  }

  /** The listing a spec carries (no request). */
  restore(files: readonly (readonly [string, number | null])[], dirs: readonly string[]): void {
    for (const [p, size] of files) this.files.set(p, { size: size ?? undefined });
    for (const d of dirs) this.dirs.add(d);
  }

  resolveUrl(path: string): string {
    const rev = encodeURIComponent(this.ref.revision);
    return `${this.endpoint}/${this.ref.repo}/resolve/${rev}/${path.split("/").map(encodeURIComponent).join("/")}`;
  }

  async list(dir: string): Promise<DirEntry[]> {
    if (!this.dirs.has(dir)) throw new Error(`${dir}: not a directory of ${this.ref.repo}`);
    const prefix = dir === "" ? "" : dir + "/";
    const seen = new Map<string, EntryKind>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const i = rest.indexOf("/");
      seen.set(i < 0 ? rest : rest.slice(0, i), i < 0 ? "file" : "dir");
    }
    for (const d of this.dirs) {
      if (d === "" || !d.startsWith(prefix)) continue;
      const rest = d.slice(prefix.length);
      if (rest && !rest.includes("/") && !seen.has(rest)) seen.set(rest, "dir");
    }
    return [...seen].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([name, kind]) => ({ name, kind }));
  }
  async kind(path: string): Promise<EntryKind | "missing"> {
    if (this.dirs.has(path)) return "dir";
    return this.files.has(path) ? "file" : "missing";
  }
  async stat(path: string): Promise<PathInfo> {
    const kind = await this.kind(path);
    // Identity across the run: two repositories (or revisions) never share a file.
    const info: PathInfo = { kind, id: `hf:${this.endpoint}/${this.ref.repo}@${this.ref.revision}:${path}` };
    const size = this.files.get(path)?.size;
    if (size !== undefined) info.size = size;
    return info;
  }
  async open(path: string): Promise<ByteSource> {
    const f = this.files.get(path);
    if (!f) throw new Error(`${path}: no such file in ${this.ref.repo}@${this.ref.revision}`);
    return HttpSource.open(this.session, path, this.resolveUrl(path), f.size);
  }
}
