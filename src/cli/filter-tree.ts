// --exclude / --include for the folder walk: gitignore-style patterns (the `ignore` package, the
// matcher ESLint and many other tools use), applied to paths relative to each scanned path.
import * as ignoreModule from "ignore";
import type { Ignore } from "ignore";
import { FormatError, type ByteSource } from "../core/bytes.js";
import { holdsKerasObject, isObject, parseJsonLimited } from "../formats/json.js";
import { decodeJsonBytes } from "../formats/json-bytes.js";
import { joinPath, type DirEntry, type EntryKind, type FileTree, type PathInfo } from "../core/fs.js";
import { probeModelJson } from "../dir-detect.js";

// A CommonJS package: its module.exports (the factory) is the namespace's default.
const ignore = ignoreModule.default as unknown as () => Ignore;

export interface PathFilter {
  exclude: Ignore | undefined;
  include: Ignore | undefined;
}

export function makeFilter(exclude: readonly string[] = [], include: readonly string[] = []): PathFilter | undefined {
  if (!exclude.length && !include.length) return undefined;
  return { exclude: exclude.length ? ignore().add([...exclude]) : undefined, include: include.length ? ignore().add([...include]) : undefined };
}

/** Is `rel` (a path relative to the scanned folder, "/"-separated) walked? Directories are only excluded, never "not included". */
export function keeps(f: PathFilter, rel: string, isDir: boolean): boolean {
  if (rel === "") return true;
  const probe = isDir ? `${rel}/` : rel;
  if (f.exclude?.ignores(probe)) return false;
  if (!isDir && f.include && !f.include.ignores(rel)) return false;
  return true;
}

/** Largest config.json parsed to decide whether a folder is a Keras folder (in the main thread, outside the per-target
 * budgets); a larger one keeps its folder whole. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Whether a JSON file is a Keras config as the loader reads it: parsed as json.loads parses bytes (every encoding,
 * escapes), an object with a "class_name" key. Unreadable, or too large to parse here: kept whole (fail closed).
 */
async function kerasConfig(tree: FileTree, path: string): Promise<boolean> {
  try {
    const src = await tree.open(path);
    if (src.size > MAX_CONFIG_BYTES) return true;
    // any shape Keras 3 unpacks: an object with class_name, or a list / plain dict holding one
    const doc = parseJsonLimited(decodeJsonBytes(await src.read(0, src.size)), 10_000);
    return (isObject(doc) && "class_name" in doc) || holdsKerasObject(doc);
  } catch (e) {
    // text no JSON loader accepts is no config Keras reads (our decoder accepts what json.loads accepts)
    return !(e instanceof FormatError);
  }
}

/**
 * Whether a folder is one a loader reads as a whole: a SavedModel (saved_model.pb/.pbtxt/.cpb), a Keras 3 folder
 * saved unzipped (a config.json beside metadata.json or model.weights.h5, or holding a Keras config; `load_model(folder)`
 * reads its config), a
 * TF.js model (a JSON file shaped as model.json, found by content).
 */
async function modelFolder(tree: FileTree, dir: string, entries: DirEntry[]): Promise<boolean> {
  const names = new Set(entries.map((e) => e.name));
  if (["saved_model.pb", "saved_model.pbtxt", "saved_model.cpb"].some((n) => names.has(n))) return true;
  // (Keras loads a folder by its config.json alone: one that holds a Keras config by its content)
  if (names.has("config.json") && (names.has("metadata.json") || names.has("model.weights.h5") || (await kerasConfig(tree, joinPath(dir, "config.json"))))) return true;
  // (a folder the probe cannot decide is kept whole: a TF.js model.json may sit among many JSON files or be padded)
  const probe = await probeModelJson(tree, dir).catch(() => ({ found: [], undecided: true }));
  return probe.found.length > 0 || probe.undecided;
}

/**
 * A FileTree whose listings leave out what the filter drops. Only the walk sees it: a model
 * folder (SavedModel, TF.js, a Keras 3 folder) is always listed and read whole, as its loader reads it.
 */
export class FilterTree implements FileTree {
  constructor(
    private readonly inner: FileTree,
    /** The scanned path inside `inner` ("" = its root); patterns are relative to it. */
    private readonly base: string,
    private readonly filter: PathFilter,
  ) {}
  private relOf(p: string): string | undefined {
    if (this.base === "") return p;
    if (p === this.base) return "";
    return p.startsWith(this.base + "/") ? p.slice(this.base.length + 1) : undefined;
  }
  async list(dir: string): Promise<DirEntry[]> {
    const entries = await this.inner.list(dir);
    // a model folder is listed whole: its loader reads every file it needs, whatever the filter says
    if (await modelFolder(this.inner, dir, entries)) return entries;
    return entries.filter((e) => {
      const full = dir === "" ? e.name : `${dir}/${e.name}`;
      const rel = this.relOf(full);
      return rel === undefined || keeps(this.filter, rel, e.kind === "dir");
    });
  }
  open(path: string): Promise<ByteSource> {
    return this.inner.open(path);
  }
  kind(path: string): Promise<EntryKind | "missing"> {
    return this.inner.kind(path);
  }
  readlink(path: string): Promise<string> {
    return this.inner.readlink ? this.inner.readlink(path) : Promise.reject(new Error("no links in this tree"));
  }
  realpath(path: string): Promise<string> {
    return this.inner.realpath ? this.inner.realpath(path) : Promise.resolve(path);
  }
  stat(path: string): Promise<PathInfo> {
    return this.inner.stat ? this.inner.stat(path) : this.inner.kind(path).then((kind) => ({ kind }));
  }
}
